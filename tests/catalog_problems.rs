//! What a node meets when its catalog is not what kato's own is: specs in the original's
//! format (no `command:`; the command comes from the supervisord program file the original
//! installed), a spec that cannot be used (reported as one process with a problem, while
//! every other process and command keeps working), and a role with no process at all
//! (refused by the `role-processes` preflight, and never RUNNING in `kato status`).

mod harness;
use harness::sandbox::Sandbox;
use harness::tools::tools_present;
use serde_json::Value;

/// Each issue of `kato status --json` as (process, state).
fn issues(status: &Value) -> Vec<(String, String)> {
    status["process_issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["process_name"].as_str().unwrap().to_string(), i["state"].as_str().unwrap().to_string()))
        .collect()
}

fn has(issues: &[(String, String)], process: &str, state: &str) -> bool {
    issues.iter().any(|(p, s)| p == process && s == state)
}

#[test]
fn original_format_specs_bad_specs_and_roles_without_processes() {
    if !tools_present("catalog problems", &["supervisord"]) {
        return;
    }
    let sb = Sandbox::new();
    sb.setup_core();
    sb.write_spec("sleeper", "name: sleeper\nroles: [dea]\ncommand: /bin/sleep 1000\n");
    // The original's format: no command; supervisord's program file has it.
    sb.write_spec(
        "es_node",
        "name: es_node\nconfig_origin: /s/code/services/elasticsearch/config/node.yml\nsets_running_status: true\nroles:\n  - elasticsearch\n",
    );
    let es_dir = sb.path("var/lib/es");
    std::fs::create_dir_all(sb.path("etc/supervisord.conf.d")).unwrap();
    std::fs::create_dir_all(&es_dir).unwrap();
    std::fs::write(
        sb.path("etc/supervisord.conf.d/es_node"),
        format!(
            "\n[program:es_node]\ndirectory={}\ncommand=/bin/sleep 999 ; the node\npriority=30\nautostart=false\n",
            es_dir.display()
        ),
    )
    .unwrap();
    // No command and no program file; and a file that is not YAML at all.
    sb.write_spec("es_gateway", "name: es_gateway\nroles:\n  - elasticsearch\n");
    sb.write_spec("bad", "name: [unclosed\n");

    // Every command still works; the two problems are said, naming their files.
    let info = sb.run(&["info"]);
    info.ok();
    assert!(info.stdout.contains("elasticsearch"), "{}", info.stdout);
    assert!(info.stderr.contains("WARNING: process es_gateway cannot run on this node"), "{}", info.stderr);
    assert!(info.stderr.contains("es_gateway.yml: no 'command'"), "{}", info.stderr);
    assert!(info.stderr.contains("WARNING: process bad cannot run on this node"), "{}", info.stderr);
    assert!(info.stderr.contains("bad.yml: invalid YAML"), "{}", info.stderr);
    assert_eq!(info.stderr.matches("WARNING").count(), 2, "said once each: {}", info.stderr);
    let roles = sb.run(&["role", "info", "elasticsearch"]);
    roles.ok();
    assert_eq!(roles.stdout, format!("{:<25}  es_node\n", "elasticsearch"));

    sb.run(&["role", "add", "dea"]).ok();
    // A role with a process that cannot run is refused, naming it; the check can be skipped.
    let refused = sb.run(&["role", "add", "elasticsearch"]);
    refused.fails(1);
    assert!(refused.stderr.contains("preflight check 'role-processes' failed"), "{}", refused.stderr);
    assert!(refused.stderr.contains("es_gateway (") && refused.stderr.contains("--skip-preflight role-processes"));
    assert!(!sb.node_list().contains("elasticsearch"), "a refused role add changed the registry");
    sb.run(&["role", "add", "elasticsearch", "--skip-preflight", "role-processes"]).ok();
    let conf = std::fs::read_to_string(sb.path("etc/kato/supervisord.conf.d/es_node.conf")).unwrap();
    assert!(conf.contains("command=/bin/sleep 999\n"), "{conf}");
    assert!(conf.contains(&format!("directory={}\n", es_dir.display())), "{conf}");

    // A role with no process at all: refused, or (skipped) added and never reported ok.
    let refused = sb.run(&["role", "add", "mysql"]);
    refused.fails(1);
    assert!(refused.stderr.contains("no process of mysql is in this node's catalog"), "{}", refused.stderr);
    let added = sb.run(&["role", "add", "mysql", "--skip-preflight", "role-processes"]);
    added.ok();
    let line = added.stdout.lines().find(|l| l.starts_with("role mysql starting...")).unwrap_or_default();
    assert!(line.ends_with(" no processes"), "{}", added.stdout);

    let status = sb.run(&["status", "--json"]);
    let st = status.json();
    let found = issues(&st);
    for (p, s) in [("es_gateway", "INVALID"), ("bad", "INVALID"), ("mysql", "MISSING"), ("router", "MISSING")] {
        assert!(has(&found, p, s), "no {p} {s} issue: {found:?}");
    }
    for p in ["sleeper", "es_node"] {
        assert!(!found.iter().any(|(name, _)| name == p), "{p} is running: {found:?}");
    }
    let node = "10.11.12.13";
    for role in ["elasticsearch", "mysql", "router"] {
        assert_eq!(st["roles_stats"][role]["issue_node_ids"], serde_json::json!([node]), "{role}: {st}");
    }
    assert_eq!(st["roles_stats"]["dea"]["issue_node_ids"], serde_json::json!([]), "{st}");
    // The text: those roles run on no node.
    let text = sb.run(&["status"]).stdout.clone();
    for role in ["elasticsearch", "mysql"] {
        let row = text.lines().find(|l| l.trim_start().starts_with(role)).unwrap_or_else(|| panic!("{text}"));
        let cols: Vec<&str> = row.split_whitespace().collect();
        assert_eq!((cols[1], cols[2]), ("1", "0"), "{role} counted as running: {row}");
    }
    let list = sb.run(&["process", "list"]).stdout.clone();
    assert!(list.lines().any(|l| l.starts_with("es_node") && l.contains("RUNNING")), "{list}");
    assert!(list.lines().any(|l| l.starts_with("es_gateway") && l.contains("INVALID")), "{list}");

    // Fixed in place, the process runs with the rest.
    sb.write_spec("es_gateway", "name: es_gateway\nroles: [elasticsearch]\ncommand: /bin/sleep 998\n");
    std::fs::remove_file(sb.path("etc/kato/processes/bad.yml")).unwrap();
    let fixed = sb.run(&["start", "elasticsearch"]);
    fixed.ok();
    assert!(fixed.stderr.is_empty(), "{}", fixed.stderr);
    let found = issues(&sb.run(&["status", "--json"]).json());
    assert!(!found.iter().any(|(p, _)| p.starts_with("es_") || p == "bad"), "{found:?}");
}

#[test]
fn supervisord_program_files() {
    use kato::model::catalog::supervisord_program;
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x");
    let read = |text: &str| {
        std::fs::write(&f, text).unwrap();
        supervisord_program(&f, "x")
    };
    assert_eq!(read("[program:y]\ncommand=/bin/y\n").unwrap(), None);
    assert_eq!(read("[program:x]\ndirectory=/d\n").unwrap(), None);
    assert_eq!(
        read("[program:y]\ncommand=/bin/y\n[program:x]\ncommand = /bin/x --a\n  --b ;comment\ndirectory=/d\n").unwrap(),
        Some(("/bin/x --a --b".to_string(), Some("/d".to_string())))
    );
    assert_eq!(read("[program:x]\ncommand=/bin/x 100%% done\n").unwrap(), Some(("/bin/x 100% done".into(), None)));
    let e = read("[program:x]\ncommand=%(ENV_HOME)s/bin/x\n").unwrap_err();
    assert!(e.to_string().contains("%(…)s expansion"), "{e}");
    assert_eq!(supervisord_program(&dir.path().join("absent"), "x").unwrap(), None);
}

#[test]
fn the_load_balancer_process_ships_with_kato() {
    if !tools_present("the built-in load balancer process", &["supervisord", "nginx"]) {
        return;
    }
    // No catalog installed at all.
    let sb = Sandbox::new();
    sb.setup_core();
    assert!(!sb.path("etc/kato/processes").exists());
    let info = sb.run(&["role", "info", "load_balancer"]);
    info.ok();
    assert_eq!(info.stdout, format!("{:<25}  nginx_load_balancer\n", "load_balancer"));
    sb.run(&["role", "remove", "--all", "--force"]).ok();
    let add = sb.run(&["role", "add", "load_balancer", "--no-start"]);
    add.ok();
    assert!(add.stderr.is_empty(), "{}", add.stderr);
    let conf = sb.path("etc/kato/supervisord.conf.d/nginx_load_balancer.conf");
    let text = std::fs::read_to_string(&conf).unwrap();
    assert!(text.contains(&format!("command=/usr/sbin/nginx -p {}/var/lib/kato/nginx", sb.root().display())), "{text}");
    // An operator's spec of the same name replaces it.
    sb.write_spec("nginx_load_balancer", "name: nginx_load_balancer\nroles: [load_balancer]\ncommand: /bin/sleep 77\n");
    sb.run(&["role", "remove", "load_balancer"]).ok();
    sb.run(&["role", "add", "load_balancer", "--no-start"]).ok();
    let text = std::fs::read_to_string(&conf).unwrap();
    assert!(text.contains("command=/bin/sleep 77\n"), "{text}");
}
