//! `kato op firewall --apply` for real: inside a private network namespace, kato loads the
//! ruleset of a core node whose cluster has a DEA and a router, and real connections show
//! that each port admits only the nodes the port table names.

mod harness;
use harness::net::host_ruleset;
use harness::sandbox::Sandbox;
use harness::{run, tools};

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

#[test]
fn applied_ruleset_admits_only_the_listed_nodes() {
    if !tools::tools_present("applied_ruleset_admits_only_the_listed_nodes", &["nft", "unshare", "ip", "python3"]) {
        return;
    }
    let mut sb = Sandbox::new();
    sb.node_ip = "127.0.0.5".into();
    sb.setup_core();
    // Two more nodes in the registry: a DEA on 127.0.0.1 and a router on 127.0.0.9.
    sb.register_node("127.0.0.1", &["dea"]);
    sb.register_node("127.0.0.9", &["router"]);

    let printed = sb.run(&["op", "firewall"]);
    printed.ok();
    assert!(printed.stdout.contains("tcp dport 9026 ip saddr { 127.0.0.5, 127.0.0.9 } accept"), "{}", printed.stdout);

    let host_before = host_ruleset();
    let script = format!(
        "ip link set lo up && \"$KATO\" op firewall --apply && nft list table inet kato >/dev/null && python3 -c '{}' 127.0.0.5",
        PROBE.replace('\'', "'\"'\"'")
    );
    let out = run::output(sb.wrapped("unshare").args(["--net", "sh", "-c", &script]));
    out.ok();
    let stdout = &out.stdout;
    assert!(stdout.contains("127.0.0.1->8181 open"), "the DEA must reach the upload server: {stdout}");
    assert!(stdout.contains("127.0.0.1->9026 dropped"), "the DEA must not reach stackato-rest: {stdout}");
    assert!(stdout.contains("127.0.0.9->9026 open"), "the router must reach stackato-rest: {stdout}");
    assert!(stdout.contains("127.0.0.2->8181 dropped"), "a stranger must be dropped: {stdout}");
    assert_eq!(host_before, host_ruleset(), "the host's ruleset changed");
}
