//! `node rename` and `op static_ip` on one node (no SSH needed for a core without other
//! nodes, or a micro cloud).

mod harness;
use harness::sandbox::Sandbox;

#[test]
fn rename_changes_hostname_hosts_and_derived_endpoint() {
    let sb = Sandbox::new();
    std::fs::write(sb.path("etc/hosts"), "127.0.0.1 localhost\n127.0.1.1 testhost testhost.local\n").unwrap();
    // A micro cloud's endpoint follows its hostname.
    sb.run(&["node", "setup", "micro", "--no-start"]).ok();
    assert_eq!(sb.run(&["config", "get", "cluster", "endpoint"]).stdout, "api.testhost.local\n");
    let dry = sb.run(&["node", "rename", "paas.example.org", "--dry-run"]);
    dry.ok();
    assert!(
        dry.stdout.contains("dry run: would run")
            && dry.stdout.contains("endpoint: change the endpoint api.testhost.local to api.paas.example.org"),
        "{}",
        dry.stdout
    );
    assert_eq!(std::fs::read_to_string(sb.path("etc/hostname")).unwrap(), "testhost\n");
    let r = sb.run(&["node", "rename", "paas.example.org", "--no-restart"]);
    r.ok();
    assert!(r.stdout.contains("Renaming hostname from testhost to paas.example.org"), "{}", r.stdout);
    assert_eq!(std::fs::read_to_string(sb.path("etc/hostname")).unwrap(), "paas.example.org\n");
    let hosts = std::fs::read_to_string(sb.path("etc/hosts")).unwrap();
    assert!(hosts.contains("127.0.1.1 paas.example.org testhost.local"), "{hosts}");
    assert!(hosts.contains("127.0.0.1 api.paas.example.org # Added by Stackato"), "{hosts}");
    assert_eq!(sb.run(&["config", "get", "cluster", "endpoint"]).stdout, "api.paas.example.org\n");
    assert_eq!(sb.run(&["node", "rename", "paas.example.org"]).stdout, "No change.\n");
    let bad = sb.run(&["node", "rename", "bad_name!"]);
    bad.fails(2);
    assert!(bad.stderr.starts_with("ERROR: 'bad_name!' is not a valid hostname"), "{}", bad.stderr);
}

#[test]
fn static_ip_writes_debian_config_and_migrates_the_core() {
    let sb = Sandbox::new();
    sb.setup_core();
    let args = [
        "op",
        "static_ip",
        "--ip",
        "10.11.12.50",
        "--netmask",
        "255.255.255.0",
        "--gateway",
        "10.11.12.1",
        "--dns",
        "9.9.9.9,1.1.1.1",
        "--no-restart",
    ];
    let before = sb.tree();
    let mut dry = args.to_vec();
    dry.push("--dry-run");
    let d = sb.run(&dry);
    d.ok();
    assert!(
        d.stdout.contains("dry run: would run") && d.stdout.contains("migrate: migrate 10.11.12.13 to 10.11.12.50"),
        "{}",
        d.stdout
    );
    assert_eq!(before, sb.tree(), "dry run changed files");
    sb.run(&args).ok();
    let interfaces = std::fs::read_to_string(sb.path("etc/network/interfaces")).unwrap();
    for line in [
        "iface eth0 inet static",
        "    address 10.11.12.50",
        "    netmask 255.255.255.0",
        "    network 10.11.12.0",
        "    broadcast 10.11.12.255",
        "    gateway 10.11.12.1",
        "    dns-nameservers 9.9.9.9 1.1.1.1",
    ] {
        assert!(interfaces.lines().any(|l| l == line), "missing {line:?} in:\n{interfaces}");
    }
    // The cluster now knows the core by its new address.
    let mut moved = sb;
    moved.node_ip = "10.11.12.50".into();
    assert_eq!(moved.run(&["config", "get", "cluster", "mbusip"]).stdout, "10.11.12.50\n");
    assert_eq!(moved.run(&["node", "list"]).stdout, "10.11.12.50      base controller primary router\n");
    let node = harness::files::read_json(&moved.path("var/lib/kato/node.json"));
    assert_eq!(node["node_id"], "10.11.12.50");
    // Bad plans are refused and change nothing.
    moved.node_ip = "10.11.12.50".into();
    let before = moved.tree();
    for (bad, msg) in [
        (["--netmask", "255.0.255.0", "--gateway", "10.11.12.1"], "are not valid"),
        (["--netmask", "255.255.255.0", "--gateway", "10.99.0.1"], "gateway IP is not valid"),
        (["--netmask", "255.255.255.0", "--gateway", "nope"], "Invalid gateway"),
    ] {
        let mut a = vec!["op", "static_ip", "--ip", "10.11.12.60"];
        a.extend_from_slice(&bad);
        let r = moved.run(&a);
        r.fails(2);
        assert!(r.stderr.contains(msg), "{a:?}: {}", r.stderr);
    }
    let r = moved.run(&["op", "static_ip", "--netmask", "255.255.255.0"]);
    r.fails(2);
    assert!(r.stderr.contains("--ip is required when there is no terminal"), "{}", r.stderr);
    assert_eq!(before, moved.tree());
}

#[test]
fn skip_confirm_env_answers_the_endpoint_question() {
    let sb = Sandbox::new();
    let refused = sb.run(&["node", "setup", "core"]);
    refused.fails(2);
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    let out = sb.command(&["node", "setup", "core"]).env("KATO_SKIP_CONFIRM", "1").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(sb.run(&["config", "get", "cluster", "endpoint"]).stdout, "api.testhost.local\n");
}
