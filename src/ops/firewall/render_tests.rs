//! Unit tests for the nftables renderer.

use std::collections::BTreeSet;

use super::*;

const CORE: &str = "10.0.0.1";
const ROUTER: &str = "10.0.0.2";
const DEA1: &str = "10.0.0.3";
const DEA2: &str = "10.0.0.4";
const DATA: &str = "10.0.0.5";
const LB: &str = "10.0.0.6";
const HARBOR: &str = "10.0.0.7";

fn cluster() -> Vec<(String, Vec<String>)> {
    [
        (CORE, &["primary", "controller"][..]),
        (ROUTER, &["router"]),
        (DEA1, &["dea"]),
        (DEA2, &["dea"]),
        (DATA, &["mysql", "postgresql", "redis"]),
        (LB, &["load_balancer"]),
        (HARBOR, &["harbor"]),
    ]
    .iter()
    .map(|(ip, roles)| (ip.to_string(), roles.iter().map(|r| r.to_string()).collect()))
    .collect()
}

fn input_for(ip: &str) -> FirewallInput {
    let cluster = cluster();
    let roles = cluster.iter().find(|(i, _)| i == ip).map(|(_, r)| r.clone()).expect("node is in the test cluster");
    FirewallInput {
        node_ip: ip.to_string(),
        node_roles: roles,
        cluster,
        service_ranges: Vec::new(),
        outbound: Vec::new(),
    }
}

fn script_for(ip: &str) -> String {
    render(&input_for(ip)).expect("renders")
}

/// The accept rule for `proto dport ports`, if any.
fn rule<'a>(script: &'a str, proto: &str, ports: &str) -> Option<&'a str> {
    let prefix = format!("{proto} dport {ports} ");
    script.lines().map(str::trim).find(|l| l.starts_with(&prefix))
}

/// `Some(None)` for a world-open port, `Some(Some(sources))` for a restricted one.
fn sources(script: &str, proto: &str, ports: &str) -> Option<Option<BTreeSet<String>>> {
    let line = rule(script, proto, ports)?;
    let Some((_, rest)) = line.split_once("ip saddr { ") else {
        return Some(None);
    };
    let (list, _) = rest.split_once(" }").expect("closed set");
    Some(Some(list.split(", ").map(str::to_string).collect()))
}

fn set(ips: &[&str]) -> Option<Option<BTreeSet<String>>> {
    Some(Some(ips.iter().map(|s| s.to_string()).collect()))
}

const WORLD: Option<Option<BTreeSet<String>>> = Some(None);
const ALL: [&str; 7] = [CORE, ROUTER, DEA1, DEA2, DATA, LB, HARBOR];

#[test]
fn script_replaces_the_table_atomically_and_drops_by_default() {
    let script = script_for(DEA1);
    let lines: Vec<&str> = script.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(&lines[..3], ["table inet kato {}", "delete table inet kato", ""]);
    assert_eq!(lines[3], "table inet kato {");
    assert!(script.contains("type filter hook input priority filter; policy drop;"));
    assert!(script.contains("ct state established,related accept"));
    assert!(script.contains("iif lo ip daddr != @cluster_nodes accept"));
    assert!(script.contains(&format!("iif lo ip saddr {DEA1} accept")));
    assert!(script.contains("icmp type { echo-request,"));
    assert!(script.contains("nd-neighbor-solicit"));
    assert_eq!(script.matches('{').count(), script.matches('}').count());
    assert_eq!(rule(&script, "tcp", "9001"), Some("tcp dport 9001 drop comment \"supervisord: not opened\""));
}

#[test]
fn core_node_rules() {
    let s = script_for(CORE);
    assert_eq!(sources(&s, "tcp", "22"), WORLD);
    assert_eq!(sources(&s, "tcp", "4222"), set(&ALL));
    assert_eq!(sources(&s, "tcp", "5454"), set(&ALL));
    assert_eq!(sources(&s, "tcp", "8181"), set(&[ROUTER, DEA1, DEA2]));
    assert_eq!(sources(&s, "tcp", "9022"), set(&[DEA1, DEA2]));
    assert_eq!(sources(&s, "tcp", "9026"), set(&[ROUTER]));
    assert_eq!(sources(&s, "udp", "41000-61000"), set(&[DEA1, DEA2]));
    assert_eq!(sources(&s, "tcp", "7000-7999"), set(&ALL));
    for (proto, port) in [
        ("tcp", "80"),
        ("tcp", "443"),
        ("tcp", "3306"),
        ("tcp", "5432"),
        ("tcp", "9025"),
        ("tcp", "41000-61000"),
        ("tcp", "5000-15000"),
    ] {
        assert_eq!(rule(&s, proto, port), None, "{proto}/{port} must be closed on the core");
    }
}

#[test]
fn router_node_rules() {
    let s = script_for(ROUTER);
    assert_eq!(sources(&s, "tcp", "80"), WORLD);
    assert_eq!(sources(&s, "tcp", "443"), WORLD);
    assert_eq!(sources(&s, "tcp", "9025"), set(&[CORE]));
    assert_eq!(sources(&s, "tcp", "6464"), set(&ALL));
    for port in ["4222", "8181", "9022", "9026", "3306"] {
        assert_eq!(rule(&s, "tcp", port), None, "tcp/{port} must be closed on a router");
    }
}

#[test]
fn dea_node_rules() {
    let s = script_for(DEA2);
    assert_eq!(sources(&s, "tcp", "9022"), set(&[CORE]));
    assert_eq!(sources(&s, "tcp", "7474"), set(&ALL));
    for port in ["80", "443", "3306", "5432", "4222", "9025", "41000-61000"] {
        assert_eq!(rule(&s, "tcp", port), None, "tcp/{port} must be closed on a dea");
    }
    assert_eq!(rule(&s, "udp", "41000-61000"), None);
}

#[test]
fn data_services_node_rules() {
    let s = script_for(DATA);
    assert_eq!(sources(&s, "tcp", "3306"), set(&[CORE, DEA1, DEA2]));
    assert_eq!(sources(&s, "tcp", "5432"), set(&[CORE, DEA1, DEA2]));
    assert_eq!(sources(&s, "tcp", "5000-15000"), set(&[DEA1, DEA2]));
    assert_eq!(sources(&s, "tcp", "41000-61000"), set(&[CORE, DEA1, DEA2]));
    // supervisord's port lies inside the redis range; the explicit drop must come first.
    let drop_at = s.find("tcp dport 9001 drop").expect("9001 dropped");
    let range_at = s.find("tcp dport 5000-15000").expect("redis range");
    assert!(drop_at < range_at);
    for port in ["80", "443", "4222", "9022", "15001-25000", "45001-50000"] {
        assert_eq!(rule(&s, "tcp", port), None, "tcp/{port} must be closed on this node");
    }
}

#[test]
fn load_balancer_and_harbor_rules() {
    let lb = script_for(LB);
    assert_eq!(sources(&lb, "tcp", "80"), WORLD);
    assert_eq!(sources(&lb, "tcp", "443"), WORLD);
    assert_eq!(rule(&lb, "tcp", "9025"), None);
    let harbor = script_for(HARBOR);
    assert_eq!(sources(&harbor, "tcp", "35000-40000"), WORLD);
    assert_eq!(sources(&harbor, "udp", "35000-40000"), WORLD);
    assert_eq!(sources(&harbor, "tcp", "41000-61000"), set(&[CORE, DEA1, DEA2]));
    assert_eq!(rule(&harbor, "tcp", "80"), None);
}

#[test]
fn configured_service_ranges_replace_defaults() {
    let mut input = input_for(DATA);
    input.service_ranges = vec![("redis".into(), 6000, 6999)];
    let s = render(&input).expect("renders");
    assert_eq!(sources(&s, "tcp", "6000-6999"), set(&[DEA1, DEA2]));
    assert_eq!(rule(&s, "tcp", "5000-15000"), None);
    input.service_ranges = vec![("redis".into(), 7, 3)];
    assert!(render(&input).is_err());
}

#[test]
fn output_is_sorted_and_independent_of_input_order() {
    let s = script_for(CORE);
    let mut shuffled = input_for(CORE);
    shuffled.cluster.reverse();
    shuffled.node_roles.reverse();
    assert_eq!(render(&shuffled).expect("renders"), s);
    let ports: Vec<u16> = s
        .lines()
        .filter(|l| l.ends_with('"') && l.contains(" accept comment "))
        .filter_map(|l| l.trim().split_once(" dport ").map(|(_, rest)| rest))
        .filter_map(|rest| rest.split(['-', ' ']).next()?.parse().ok())
        .collect();
    let mut sorted = ports.clone();
    sorted.sort_unstable();
    assert_eq!(ports, sorted);
    assert!(ports.len() > 8, "too few rules checked: {ports:?}");
}

#[test]
fn node_not_listed_in_cluster_is_added() {
    let mut input = input_for(DEA1);
    input.cluster.retain(|(ip, _)| ip != DEA1);
    let s = render(&input).expect("renders");
    assert!(s.contains(&format!("elements = {{ {CORE}, {ROUTER}, {DEA1}, {DEA2},")));
}

#[test]
fn missing_sources_become_a_comment() {
    let input = FirewallInput {
        node_ip: CORE.into(),
        node_roles: vec!["primary".into()],
        cluster: vec![],
        service_ranges: vec![],
        outbound: vec![],
    };
    let s = render(&input).expect("renders");
    assert_eq!(rule(&s, "tcp", "9026"), None);
    assert!(s.contains("# 9026/tcp (stackato-rest): no source nodes in the cluster"));
    assert_eq!(sources(&s, "tcp", "4222"), set(&[CORE]));
}

#[test]
fn rejects_bad_input() {
    type Mutation = fn(&mut FirewallInput);
    let cases: [(Mutation, &str); 6] = [
        (|i| i.node_ip = "10.0.0".into(), "not an IPv4 address"),
        (|i| i.node_ip = "fd00::1".into(), "not an IPv4 address"),
        (|i| i.node_roles.push("ruoter".into()), "unknown role"),
        (|i| i.cluster[1].1 = vec!["bogus".into()], "unknown role"),
        (|i| i.cluster.push((ROUTER.into(), vec!["router".into()])), "listed twice"),
        (|i| i.node_roles = vec!["router".into()], "listed in the cluster with roles"),
    ];
    for (mutate, expected) in cases {
        let mut input = input_for(CORE);
        mutate(&mut input);
        let err = format!("{:#}", render(&input).expect_err("must be rejected"));
        assert!(err.contains(expected), "{err:?} lacks {expected:?}");
        assert!(!err.contains('\n'));
    }
}

#[test]
fn drains_outbound_needs_are_listed_and_checked() {
    let mut input = input_for(CORE);
    input.outbound = vec![("tcp".into(), "10.0.0.9".into(), 5000, "log drain splunk".into())];
    let s = render(&input).expect("renders");
    assert!(s.contains("# outbound tcp to 10.0.0.9:5000 (log drain splunk): not filtered"), "{s}");
    input.outbound = vec![("tcp".into(), "x;drop".into(), 5000, "log drain x".into())];
    assert!(render(&input).is_err());
}
