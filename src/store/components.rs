//! Which components exist, which are special, and what a new cluster is seeded with.

use serde_json::{Value, json};

/// Components of a Stackato cluster that kato knows by name even before any process
/// spec is installed (the original validated against its installed processes).
pub const WELL_KNOWN: &[&str] = &[
    "cluster",
    "node",
    "local",
    "cloud_controller_ng",
    "dea_ng",
    "fence",
    "router2g",
    "health_manager",
    "stackato_rest",
    "aok",
    "logyard",
    "systail",
    "apptail",
    "logyard_sieve",
    "applog_endpoint",
    "redis_node",
    "mysql_node",
    "postgresql_node",
    "mongodb_node",
    "rabbit_node",
    "rabbit3_node",
    "memcached_node",
    "harbor_node",
    "filesystem_node",
];

/// Cluster keys that only `kato node setup` / `kato node migrate` change (or `--force`).
pub const PROTECTED_CLUSTER_KEYS: &[&str] = &["endpoint", "mbusip"];

/// Service port ranges from the cluster guide: (service, first, last); the config lives
/// in the component `<service>_node`, key `port_range`.
pub const SERVICE_PORT_RANGES: &[(&str, u16, u16)] = &[
    ("redis", 5000, 15000),
    ("mongodb", 15001, 25000),
    ("rabbit3", 25001, 30000),
    ("harbor", 35000, 40000),
    ("rabbit", 35001, 40000),
    ("memcached", 45001, 50000),
];

/// The component holding a service's settings (`redis` → `redis_node`).
pub fn service_component(service: &str) -> String {
    format!("{service}_node")
}

/// Values every new cluster starts with: (component, key path, value).
pub fn seeds() -> Vec<(String, &'static str, Value)> {
    let mut out: Vec<(String, &str, Value)> = SERVICE_PORT_RANGES
        .iter()
        .map(|(s, first, last)| (service_component(s), "port_range", json!({"first": first, "last": last})))
        .collect();
    out.extend(
        [
            ("fence", "docker/allowed_subnet_ips", json!([])),
            ("fence", "docker/block_network_ips", json!([])),
            ("fence", "docker/exposed_container_ports", json!([])),
            ("fence", "docker/network_interface", json!("docker0")),
            ("router2g", "prevent_x_spoofing", json!(true)),
            ("cloud_controller_ng", "admins", json!([])),
        ]
        .map(|(c, p, v)| (c.to_string(), p, v)),
    );
    out
}

/// Keys whose values are IP addresses or CIDR ranges with an optional port.
const FENCE_ADDRESS_LISTS: &[&str] = &["docker/allowed_subnet_ips", "docker/block_network_ips"];

/// Reject values that a component would choke on, before they reach the store.
pub fn validate_value(
    component: &str,
    path: &super::keypath::KeyPath,
    value: &Value,
    removing: bool,
) -> anyhow::Result<()> {
    let p = path.display();
    if component == "fence" && FENCE_ADDRESS_LISTS.contains(&p.as_str()) && !removing {
        let items: Vec<&Value> = match value {
            Value::Array(a) => a.iter().collect(),
            v => vec![v],
        };
        for item in items {
            let Some(s) = item.as_str() else {
                crate::bail_usage!("fence {p} entries must be strings like 10.0.0.0/24:5432");
            };
            crate::firewall::nftables::validate_fence_entry(s).map_err(|e| crate::error::usage(e.to_string()))?;
        }
    }
    if p == "port_range" && SERVICE_PORT_RANGES.iter().any(|(s, _, _)| service_component(s) == component) {
        let first = value.get("first").and_then(Value::as_u64);
        let last = value.get("last").and_then(Value::as_u64);
        match (first, last) {
            (Some(f), Some(l)) if f >= 1 && f <= l && l <= 65535 => {}
            _ => crate::bail_usage!(
                "{component} port_range must be a map {{first: N, last: M}} with 1 <= N <= M <= 65535"
            ),
        }
    }
    Ok(())
}
