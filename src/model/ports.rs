//! The cluster's port matrix as data: which node groups may reach which ports on which other
//! node groups (from the "Port Configuration", "Service Nodes" and "Load Balancer" sections of
//! the cluster setup guide), plus the per-service instance port ranges.
//!
//! Groups are defined over node roles: `controller` means the Core (roles `controller` or
//! `primary`), "service nodes" means any node with a data-service role, `router`, `dea` and
//! `load_balancer` mean exactly that role. The renderer in [`super::nftables`] turns the rules
//! whose destination group contains the node into accept rules for the source nodes' IPs.

use anyhow::{Result, bail};

/// Every role a kato node can carry.
pub const KNOWN_ROLES: &[&str] = &[
    "base",
    "controller",
    "dea",
    "filesystem",
    "harbor",
    "load_balancer",
    "mdns",
    "memcached",
    "mongodb",
    "mysql",
    "postgresql",
    "primary",
    "rabbit",
    "rabbit3",
    "redis",
    "router",
];

/// Roles that make a node a "service node" (gateways on 41000-61000, instance ranges).
pub const DATA_SERVICE_ROLES: &[&str] =
    &["filesystem", "harbor", "memcached", "mongodb", "mysql", "postgresql", "rabbit", "rabbit3", "redis"];

/// Default per-instance port ranges of the services that allocate one port per instance
/// (the cluster guide's list, kept with the config seeds); the live values come from the
/// config store (`<service>_node port_range`).
pub use crate::model::store::components::SERVICE_PORT_RANGES as DEFAULT_SERVICE_RANGES;

/// Service gateways (tcp, from dea and controller) and applog drains (udp, from dea).
pub const GATEWAY_RANGE: PortRange = PortRange { lo: 41000, hi: 61000 };

/// Ports in the guide's table that kato deliberately does not open, and why. The renderer
/// drops them explicitly before the range rules, because the default redis range (5000-15000)
/// would otherwise cover 9001 on redis nodes.
pub const NOT_OPENED: &[(u16, &str)] = &[(
    9001,
    "supervisord: kato talks to it over its local unix socket and reaches other nodes via SSH, \
     so its TCP port stays closed",
)];

/// An inclusive port range; a single port has `lo == hi`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PortRange {
    pub lo: u16,
    pub hi: u16,
}

impl PortRange {
    pub const fn one(port: u16) -> Self {
        PortRange { lo: port, hi: port }
    }

    pub const fn span(lo: u16, hi: u16) -> Self {
        PortRange { lo, hi }
    }

    pub fn contains(&self, port: u16) -> bool {
        self.lo <= port && port <= self.hi
    }
}

impl std::fmt::Display for PortRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.lo == self.hi { write!(f, "{}", self.lo) } else { write!(f, "{}-{}", self.lo, self.hi) }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Proto {
    Tcp,
    Udp,
}

impl Proto {
    /// The nftables keyword (`tcp` / `udp`).
    pub fn keyword(self) -> &'static str {
        match self {
            Proto::Tcp => "tcp",
            Proto::Udp => "udp",
        }
    }
}

/// A set of cluster nodes, defined by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Every node of the cluster.
    All,
    /// The Core: nodes with role `controller` or `primary`.
    Controller,
    Router,
    Dea,
    LoadBalancer,
    /// Nodes with any data-service role.
    ServiceNodes,
    /// Nodes with exactly this role (e.g. `mysql`).
    Role(&'static str),
}

impl Group {
    /// Whether a node with these roles belongs to the group.
    pub fn matches<S: AsRef<str>>(self, roles: &[S]) -> bool {
        let has = |want: &str| roles.iter().any(|r| r.as_ref() == want);
        match self {
            Group::All => true,
            Group::Controller => has("controller") || has("primary"),
            Group::Router => has("router"),
            Group::Dea => has("dea"),
            Group::LoadBalancer => has("load_balancer"),
            Group::ServiceNodes => DATA_SERVICE_ROLES.iter().any(|r| has(r)),
            Group::Role(role) => has(role),
        }
    }

    /// Whether a node with these roles belongs to any of the groups.
    pub fn any_matches<S: AsRef<str>>(groups: &[Group], roles: &[S]) -> bool {
        groups.iter().any(|g| g.matches(roles))
    }
}

/// Who may initiate the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Anyone, including hosts outside the cluster.
    World,
    /// Only cluster nodes in these groups.
    Nodes(&'static [Group]),
}

/// One line of the port matrix: `from` may connect to `ports`/`proto` on nodes in `to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortRule {
    pub ports: PortRange,
    pub proto: Proto,
    pub from: Source,
    pub to: &'static [Group],
    pub purpose: &'static str,
}

const fn rule(ports: PortRange, proto: Proto, from: Source, to: &'static [Group], purpose: &'static str) -> PortRule {
    PortRule { ports, proto, from, to, purpose }
}

use Group::{All, Controller, Dea, LoadBalancer, Role, Router, ServiceNodes};
use Proto::{Tcp, Udp};
use Source::{Nodes, World};

/// Ports open to the whole world: SSH everywhere (admin access, `stackato ssh`, SSHFS mounts
/// of filesystem services), HTTP/HTTPS only on the front door (routers and load balancers).
pub const WORLD_RULES: &[PortRule] = &[
    rule(PortRange::one(22), Tcp, World, &[All], "ssh"),
    rule(PortRange::one(80), Tcp, World, &[Router, LoadBalancer], "http"),
    rule(PortRange::one(443), Tcp, World, &[Router, LoadBalancer], "https"),
];

/// The intra-cluster port table. supervisord (9001, controller -> all nodes) is left out on
/// purpose; see [`NOT_OPENED`].
pub const CLUSTER_RULES: &[PortRule] = &[
    rule(PortRange::one(22), Tcp, Nodes(&[All]), &[All], "ssh/scp/sshfs"),
    rule(PortRange::one(3306), Tcp, Nodes(&[Dea, Controller]), &[Role("mysql")], "mysql"),
    rule(PortRange::one(4222), Tcp, Nodes(&[All]), &[Controller], "nats"),
    rule(PortRange::one(5432), Tcp, Nodes(&[Dea, Controller]), &[Role("postgresql")], "postgresql"),
    rule(PortRange::one(5454), Tcp, Nodes(&[All]), &[Controller], "redis"),
    rule(PortRange::one(6464), Tcp, Nodes(&[All]), &[All], "applog (redis)"),
    rule(PortRange::span(7000, 7999), Tcp, Nodes(&[All]), &[All], "kato log tail"),
    rule(PortRange::one(7474), Tcp, Nodes(&[All]), &[All], "config (redis)"),
    rule(PortRange::one(8181), Tcp, Nodes(&[Dea, Router]), &[Controller], "upload server"),
    rule(PortRange::one(9022), Tcp, Nodes(&[Dea]), &[Controller], "droplets"),
    rule(PortRange::one(9022), Tcp, Nodes(&[Controller]), &[Dea], "droplets"),
    rule(PortRange::one(9025), Tcp, Nodes(&[Controller]), &[Router], "stackato-rest"),
    rule(PortRange::one(9026), Tcp, Nodes(&[Router]), &[Controller], "stackato-rest"),
    rule(GATEWAY_RANGE, Tcp, Nodes(&[Dea, Controller]), &[ServiceNodes], "service gateways"),
    rule(GATEWAY_RANGE, Udp, Nodes(&[Dea]), &[Controller], "applog drains"),
];

/// The rules for the per-instance service ranges: DEA nodes reach their service nodes on the
/// service's range; harbor (user port forwarding, tcp and udp) is open to the world on harbor
/// nodes. Services missing from `ranges` get their [`DEFAULT_SERVICE_RANGES`] entry.
pub fn service_range_rules(ranges: &[(String, u16, u16)]) -> Result<Vec<PortRule>> {
    let mut chosen: Vec<(&'static str, PortRange)> = Vec::new();
    for (name, lo, hi) in ranges {
        let Some(&(service, _, _)) = DEFAULT_SERVICE_RANGES.iter().find(|(s, _, _)| s == name) else {
            bail!("no port range is configurable for service {name:?}");
        };
        if *lo == 0 || lo > hi {
            bail!("port range {lo}-{hi} for {service} is invalid (need 1 <= low <= high)");
        }
        if chosen.iter().any(|(s, _)| *s == service) {
            bail!("port range for {service} is given twice");
        }
        chosen.push((service, PortRange::span(*lo, *hi)));
    }
    for &(service, lo, hi) in DEFAULT_SERVICE_RANGES {
        if !chosen.iter().any(|(s, _)| *s == service) {
            chosen.push((service, PortRange::span(lo, hi)));
        }
    }
    let mut rules = Vec::new();
    for (service, ports) in chosen {
        let to: &'static [Group] = match service {
            "redis" => &[Role("redis")],
            "mongodb" => &[Role("mongodb")],
            "rabbit3" => &[Role("rabbit3")],
            "harbor" => &[Role("harbor")],
            "rabbit" => &[Role("rabbit")],
            _ => &[Role("memcached")],
        };
        if service == "harbor" {
            rules.push(rule(ports, Tcp, World, to, "harbor port service"));
            rules.push(rule(ports, Udp, World, to, "harbor port service"));
        } else {
            rules.push(rule(ports, Tcp, Nodes(&[Dea]), to, service_purpose(service)));
        }
    }
    Ok(rules)
}

fn service_purpose(service: &str) -> &'static str {
    match service {
        "redis" => "redis instances",
        "mongodb" => "mongodb instances",
        "rabbit3" => "rabbit3 instances",
        "rabbit" => "rabbit instances",
        _ => "memcached instances",
    }
}

/// The complete matrix: world rules, cluster rules and the service range rules.
pub fn all_rules(service_ranges: &[(String, u16, u16)]) -> Result<Vec<PortRule>> {
    let mut rules = WORLD_RULES.to_vec();
    rules.extend_from_slice(CLUSTER_RULES);
    rules.extend(service_range_rules(service_ranges)?);
    Ok(rules)
}

/// Checks a role name against [`KNOWN_ROLES`].
pub fn check_role(role: &str) -> Result<()> {
    if KNOWN_ROLES.contains(&role) {
        Ok(())
    } else {
        bail!("unknown role {role:?} (known: {})", KNOWN_ROLES.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_follow_roles() {
        assert!(Controller.matches(&["primary"]));
        assert!(Controller.matches(&["controller", "dea"]));
        assert!(!Controller.matches(&["router"]));
        assert!(ServiceNodes.matches(&["filesystem"]));
        assert!(ServiceNodes.matches(&["harbor"]));
        assert!(!ServiceNodes.matches(&["dea", "router", "base"]));
        assert!(Role("mysql").matches(&["mysql", "redis"]));
        assert!(!Role("mysql").matches(&["postgresql"]));
        assert!(All.matches::<&str>(&[]));
    }

    #[test]
    fn supervisord_port_is_never_opened() {
        let fixed = WORLD_RULES.iter().chain(CLUSTER_RULES);
        assert!(fixed.clone().all(|r| !r.ports.contains(9001)));
        assert_eq!(NOT_OPENED[0].0, 9001);
        // The default redis range covers it, which is why the renderer drops it explicitly.
        let redis = service_range_rules(&[]).expect("defaults");
        assert!(redis.iter().any(|r| r.ports.contains(9001)));
    }

    #[test]
    fn service_ranges_default_and_override() {
        let rules = service_range_rules(&[("redis".into(), 6000, 6999)]).expect("valid");
        let redis: Vec<_> = rules.iter().filter(|r| r.purpose == "redis instances").collect();
        assert_eq!(redis.len(), 1);
        assert_eq!(redis[0].ports, PortRange::span(6000, 6999));
        assert_eq!(redis[0].from, Nodes(&[Dea]));
        let memcached = rules.iter().find(|r| r.purpose == "memcached instances");
        assert_eq!(memcached.map(|r| r.ports), Some(PortRange::span(45001, 50000)));
        let harbor: Vec<_> = rules.iter().filter(|r| r.to == [Role("harbor")]).collect();
        assert_eq!(harbor.len(), 2);
        assert!(harbor.iter().all(|r| r.from == World && r.ports == PortRange::span(35000, 40000)));
    }

    #[test]
    fn service_ranges_reject_nonsense() {
        for (name, lo, hi, expected) in
            [("mysql", 1, 2, "no port range"), ("redis", 0, 10, "invalid"), ("redis", 20, 10, "invalid")]
        {
            let err = service_range_rules(&[(name.into(), lo, hi)]).expect_err("must fail");
            assert!(err.to_string().contains(expected), "{err}");
        }
        let twice = [("redis".to_string(), 1, 2), ("redis".to_string(), 3, 4)];
        assert!(service_range_rules(&twice).is_err());
    }

    #[test]
    fn port_range_display() {
        assert_eq!(PortRange::one(22).to_string(), "22");
        assert_eq!(GATEWAY_RANGE.to_string(), "41000-61000");
    }
}
