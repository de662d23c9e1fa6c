//! Real nftables tests. The rendered rulesets are checked with `nft -c`, and one is loaded with
//! `firewall::nftables::apply` inside a private network namespace (`unshare --net`), where real
//! connections show that a listed source gets through and an unlisted one is dropped. The host's
//! ruleset must be identical before and after.
//!
//! The namespace part re-executes this test binary under `unshare --net`, running only the
//! ignored `netns_inner` test, which refuses to touch nftables unless its network namespace
//! differs from the one the outer test ran in.

mod harness;

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::process::Command;

use harness::net::{Listener, host_ruleset};
use harness::run::{self, inner_test};
use harness::tools::tools_present;
use kato::{
    infra::nftables,
    ops::firewall::render::{self, FirewallInput},
};

const INNER_ENV: &str = "KATO_TEST_FW_OUTER_NETNS";

/// The firewalled node, and sources with different roles (all on loopback).
const NODE: &str = "127.0.0.5";
const DEA: &str = "127.0.0.1";
const ROUTER: &str = "127.0.0.9";
/// A loopback address that is not a cluster node.
const OTHER: &str = "127.0.0.2";

fn netns_id() -> String {
    std::fs::read_link("/proc/self/ns/net").expect("read /proc/self/ns/net").to_string_lossy().into_owned()
}

fn roles(list: &[&str]) -> Vec<String> {
    list.iter().map(|r| r.to_string()).collect()
}

/// A controller at NODE, a dea at DEA and a router at ROUTER.
fn netns_input() -> FirewallInput {
    FirewallInput {
        node_ip: NODE.into(),
        node_roles: roles(&["controller"]),
        cluster: vec![(DEA.into(), roles(&["dea"])), (ROUTER.into(), roles(&["router"]))],
        service_ranges: vec![],
        outbound: vec![],
    }
}

#[test]
fn rendered_rulesets_pass_nft_check() {
    if !tools_present("rendered_rulesets_pass_nft_check", &["nft"]) {
        return;
    }
    let before = host_ruleset();
    let cluster: Vec<(String, Vec<String>)> = [
        ("10.1.0.1", &["primary", "controller", "router", "dea"][..]),
        ("10.1.0.2", &["router"]),
        ("10.1.0.3", &["dea"]),
        ("10.1.0.4", &["mysql", "postgresql", "redis", "mongodb", "rabbit3", "memcached"]),
        ("10.1.0.5", &["harbor", "rabbit", "filesystem"]),
        ("10.1.0.6", &["load_balancer"]),
    ]
    .iter()
    .map(|(ip, r)| (ip.to_string(), roles(r)))
    .collect();
    for (ip, node_roles) in &cluster {
        let script = render::render(&FirewallInput {
            node_ip: ip.clone(),
            node_roles: node_roles.clone(),
            cluster: cluster.clone(),
            service_ranges: vec![("redis".into(), 6000, 8999)],
            outbound: vec![],
        })
        .expect("renders");
        if let Err(e) = nftables::check(&script) {
            panic!("nft -c rejected the ruleset for {ip}: {e:#}\n{script}");
        }
    }
    let broken = "table inet kato {\n chain input { tcp dport 99999 accept }\n}\n";
    let err = nftables::check(broken).expect_err("nft -c must reject a bad port");
    assert!(format!("{err:#}").contains("nft -c -f -"), "{err:#}");
    assert_eq!(host_ruleset(), before, "nft -c changed the host ruleset");
}

#[test]
fn netns_allows_only_listed_sources() {
    if !tools_present("netns_allows_only_listed_sources", &["nft", "unshare", "ip", "python3"]) {
        return;
    }
    let before = host_ruleset();
    let out =
        run::output(Command::new("unshare").arg("--net").args(inner_test("netns_inner")).env(INNER_ENV, netns_id()));
    let (stdout, stderr) = (&out.stdout, &out.stderr);
    assert!(out.code == 0, "inner test failed:\n{stdout}\n{stderr}");
    assert!(stdout.contains("1 passed"), "inner test did not run:\n{stdout}\n{stderr}");
    for line in stderr.lines().filter(|l| l.starts_with("probe ")) {
        eprintln!("{line}");
    }
    assert_eq!(host_ruleset(), before, "the host ruleset changed");
}

const PROBE: &str = r#"
import socket, sys
src, dst, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = socket.socket()
s.settimeout(1.0)
s.bind((src, 0))
try:
    s.connect((dst, port))
    print("open")
except socket.timeout:
    print("dropped")
except ConnectionRefusedError:
    print("refused")
"#;

/// Connects from `src` to `dst:port`: "open", "refused" (let through, nothing listening) or
/// "dropped" (no answer within 1 s).
fn probe(src: &str, dst: &str, port: u16) -> String {
    run::output(Command::new("python3").args(["-c", PROBE, src, dst, &port.to_string()])).ok().stdout.trim().to_string()
}

#[test]
#[ignore = "run by netns_allows_only_listed_sources inside unshare --net"]
fn netns_inner() {
    let Ok(outer) = std::env::var(INNER_ENV) else {
        eprintln!("netns_inner only runs inside netns_allows_only_listed_sources");
        return;
    };
    assert_ne!(netns_id(), outer, "refusing to load a firewall outside a private netns");

    let up = Command::new("ip").args(["link", "set", "lo", "up"]).status();
    assert!(up.is_ok_and(|s| s.success()), "ip link set lo up failed");
    let script = render::render(&netns_input()).expect("renders");
    nftables::check(&script).expect("nft -c accepts the ruleset");
    nftables::apply(&script).expect("first load");
    // Loading again must replace the table, not fail or duplicate it.
    nftables::apply(&script).expect("second load replaces the table");
    let listed = Command::new("nft").args(["list", "chain", "inet", "kato", "input"]).output().expect("nft list chain");
    let listed = String::from_utf8_lossy(&listed.stdout);
    assert_eq!(listed.matches("tcp dport 9026").count(), 1, "{listed}");
    assert!(nftables::apply("table inet kato { chain input { bogus } }").is_err());

    // 8181: dea and router; 9022: dea only; 9026: router only; 5432: not served here.
    let ports = [8181u16, 9022, 9026, 5432];
    let mut addrs: Vec<SocketAddr> = ports.iter().map(|p| SocketAddr::from(([127, 0, 0, 5], *p))).collect();
    addrs.push(SocketAddr::from(([127, 0, 0, 2], 5432)));
    // Each accepts connections, greets and closes them, until dropped.
    let _listeners: Vec<Listener> = addrs
        .iter()
        .map(|addr| {
            Listener::start(addr, |mut conn| {
                let _ = conn.write_all(b"hello\n");
            })
        })
        .collect();

    let expected: [(&str, &str, u16, &str); 12] = [
        (DEA, NODE, 8181, "open"),
        (DEA, NODE, 9022, "open"),
        (DEA, NODE, 9026, "dropped"),
        (DEA, NODE, 5432, "dropped"),
        (DEA, NODE, 22, "refused"),
        (ROUTER, NODE, 8181, "open"),
        (ROUTER, NODE, 9026, "open"),
        (ROUTER, NODE, 9022, "dropped"),
        (ROUTER, NODE, 9001, "dropped"),
        (NODE, NODE, 9026, "open"),
        (OTHER, NODE, 9022, "dropped"),
        (DEA, OTHER, 5432, "open"),
    ];
    let mut got = BTreeMap::new();
    for (src, dst, port, want) in expected {
        let result = probe(src, dst, port);
        eprintln!("probe {src} -> {dst}:{port}: {result} (want {want})");
        got.insert((src, dst, port), (result, want));
    }
    let wrong: Vec<_> = got.iter().filter(|(_, (r, w))| r != w).collect();
    assert!(wrong.is_empty(), "unexpected probe results: {wrong:?}");

    let mut buf = String::new();
    let mut conn = std::net::TcpStream::connect((NODE, 9022)).expect("dea connects to 9022");
    conn.read_to_string(&mut buf).expect("read greeting");
    assert_eq!(buf, "hello\n");
}
