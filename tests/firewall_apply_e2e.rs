//! `kato op firewall --apply` for real: inside a private network namespace, kato loads the
//! ruleset of a core node whose cluster has a DEA and a router, and real connections show
//! that each port admits only the nodes the port table names.

mod support;
use std::process::Command;

const PROBE: &str = r#"
import socket, sys, threading
node = sys.argv[1]
listeners = []
for port in (8181, 9026):
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((node, port)); s.listen(16); listeners.append(s)
    threading.Thread(target=lambda s=s: [s.accept() for _ in range(100)], daemon=True).start()
def probe(src, port):
    c = socket.socket(); c.settimeout(1.0); c.bind((src, 0))
    try:
        c.connect((node, port)); return "open"
    except socket.timeout:
        return "dropped"
    except OSError as e:
        return "refused" if e.errno == 111 else "error"
    finally:
        c.close()
for src, port in (("127.0.0.1", 8181), ("127.0.0.1", 9026), ("127.0.0.9", 9026), ("127.0.0.2", 8181)):
    print(f"{src}->{port} {probe(src, port)}")
"#;

fn have(tool: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {tool}")]).output().is_ok_and(|o| o.status.success())
}

#[test]
fn applied_ruleset_admits_only_the_listed_nodes() {
    for tool in ["nft", "unshare", "ip", "python3"] {
        if !have(tool) {
            assert!(std::env::var("CI").is_err(), "{tool} is missing");
            eprintln!("skipping: {tool} is missing");
            return;
        }
    }
    let mut sb = support::Sandbox::new();
    sb.node_ip = "127.0.0.5".into();
    sb.setup_core();
    // Two more nodes in the registry: a DEA on 127.0.0.1 and a router on 127.0.0.9.
    let store = sb.path("var/lib/kato/store/cluster.json");
    let mut doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&store).unwrap()).unwrap();
    doc["components"]["node"]["127.0.0.1"] = serde_json::json!({"roles": {"base": "START", "dea": "START"}});
    doc["components"]["node"]["127.0.0.9"] = serde_json::json!({"roles": {"base": "START", "router": "START"}});
    std::fs::write(&store, serde_json::to_vec(&doc).unwrap()).unwrap();

    let printed = sb.run(&["op", "firewall"]);
    printed.ok();
    assert!(printed.stdout.contains("tcp dport 9026 ip saddr { 127.0.0.5, 127.0.0.9 } accept"), "{}", printed.stdout);

    let host_before = Command::new("nft").args(["list", "ruleset"]).output().unwrap().stdout;
    let script = format!(
        "ip link set lo up && \"$KATO\" op firewall --apply && nft list table inet kato >/dev/null && python3 -c '{}' 127.0.0.5",
        PROBE.replace('\'', "'\"'\"'")
    );
    let out = Command::new("unshare")
        .args(["--net", "sh", "-c", &script])
        .env("KATO", support::KATO)
        .env("KATO_ROOT", sb.root())
        .env("KATO_NODE_IP", "127.0.0.5")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("127.0.0.1->8181 open"), "the DEA must reach the upload server: {stdout}");
    assert!(stdout.contains("127.0.0.1->9026 dropped"), "the DEA must not reach stackato-rest: {stdout}");
    assert!(stdout.contains("127.0.0.9->9026 open"), "the router must reach stackato-rest: {stdout}");
    assert!(stdout.contains("127.0.0.2->8181 dropped"), "a stranger must be dropped: {stdout}");
    let host_after = Command::new("nft").args(["list", "ruleset"]).output().unwrap().stdout;
    assert_eq!(host_before, host_after, "the host's ruleset changed");
}
