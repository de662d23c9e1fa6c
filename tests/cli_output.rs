//! Snapshot tests of the text, JSON and YAML output of the one-node commands.

mod harness;
use harness::files::assert_snapshot;
use harness::sandbox::Sandbox;

fn outputs(sb: &Sandbox, base: &[&str], name: &str) {
    for (suffix, extra) in [("txt", None), ("json", Some("--json")), ("yaml", Some("--yaml"))] {
        let mut args = base.to_vec();
        if let Some(e) = extra {
            args.push(e);
        }
        let r = sb.run(&args);
        r.ok();
        assert!(r.stderr.is_empty(), "{args:?} wrote to stderr: {}", r.stderr);
        assert_snapshot(&format!("{name}.{suffix}"), &sb.scrub(&r.stdout));
    }
}

#[test]
fn micro_cloud_outputs() {
    let sb = Sandbox::new();
    outputs(&sb, &["info"], "micro-info");
    outputs(&sb, &["node", "list"], "micro-node-list");
    outputs(&sb, &["role", "info"], "micro-role-info");
}

#[test]
fn core_outputs() {
    let sb = Sandbox::new();
    let setup = sb.run(&["node", "setup", "core", "api.example.test"]);
    setup.ok();
    assert_snapshot("setup-core.txt", &sb.scrub(&setup.stdout));
    outputs(&sb, &["info"], "core-info");
    outputs(&sb, &["node", "list"], "core-node-list");
    let all = sb.run(&["config", "get"]);
    all.ok();
    assert_snapshot("core-config-all.yaml", &sb.scrub(&all.stdout));
    let json = sb.run(&["config", "get", "--json"]);
    assert_snapshot("core-config-all.json", &sb.scrub(&json.stdout));
    let flat = sb.run(&["config", "get", "cluster", "--flat"]);
    assert_snapshot("core-config-cluster.flat", &sb.scrub(&flat.stdout));
    let version = sb.run(&["version"]);
    version.ok();
    assert_eq!(version.stdout, format!("Stackato v{}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn history_outputs() {
    let sb = Sandbox::new();
    sb.setup_core();
    sb.run(&["config", "set", "aok", "strategy/ldap/admin_password", "hunter2"]).ok();
    sb.run(&["config", "get", "aok"]).ok(); // reads are not recorded
    sb.run(&["config", "push", "fence", "docker/allowed_subnet_ips", "bogus"]).fails(2); // refused: nothing changed
    let text = sb.run(&["history"]);
    text.ok();
    let lines: Vec<&str> = text.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", text.stdout);
    assert!(lines[0].ends_with("on 10.11.12.13 => kato node setup core api.example.test (succeeded)"), "{}", lines[0]);
    assert!(
        lines[1].ends_with("on 10.11.12.13 => kato config set aok strategy/ldap/admin_password <redacted> (succeeded)"),
        "{}",
        lines[1]
    );
    assert!(!text.stdout.contains("hunter2"));
    let raw = std::fs::read_to_string(sb.path("var/log/kato/history.jsonl")).unwrap();
    assert!(!raw.contains("hunter2"), "secret leaked into the history file");
    let json = sb.run(&["history", "--json"]);
    let events = json.json();
    assert_eq!(events.as_array().unwrap().len(), 2);
    assert_eq!(events[1]["status"], "succeeded");
    assert!(events[1]["unix_time"].as_u64().unwrap() > 1_700_000_000);
    assert_eq!(sb.run(&["history", "-n", "10.11.12.13"]).stdout.lines().count(), 2);
    assert_eq!(sb.run(&["history", "-n", "127.0.0.1"]).stdout.lines().count(), 0);
}
