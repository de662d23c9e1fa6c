//! Which components exist, which are special, and what a new cluster is seeded with.

use serde_json::{Value, json};

/// Components of a Stackato cluster that kato knows by name even before any process
/// spec is installed (the original validated against its installed processes).
pub const WELL_KNOWN: &[&str] = &[
    "cluster",
    "console",
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

/// Deepest nesting a config value may have (`[[[…]]]` counts one level per bracket).
pub const MAX_DEPTH: usize = 32;

fn depth(v: &Value) -> usize {
    match v {
        Value::Array(a) => 1 + a.iter().map(depth).max().unwrap_or(0),
        Value::Object(m) => 1 + m.values().map(depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// Check a value as it enters the store, whichever way it comes (a command, another
/// node, an import): its nesting and its size.
pub fn check_value(value: &Value) -> anyhow::Result<()> {
    let d = depth(value);
    if d > MAX_DEPTH {
        crate::bail_usage!("the value is nested {d} levels deep; the limit is {MAX_DEPTH}");
    }
    let size = serde_json::to_vec(value).map(|b| b.len()).unwrap_or(usize::MAX);
    if size > super::value::MAX_VALUE_BYTES {
        crate::bail_usage!("the value is {size} bytes; the limit is {} bytes", super::value::MAX_VALUE_BYTES);
    }
    Ok(())
}

/// Check a value written at one key, before it is applied (the whole component is checked
/// after, by [`validate_component`]): a fence address list's entries.
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
            validate_fence_entry(s).map_err(|e| crate::error::usage(e.to_string()))?;
        }
    }
    Ok(())
}

/// Check a component as it would be after a change, whatever key the change wrote (the
/// component itself, a parent or a child of a checked key): the keys that other programs
/// read must hold what those programs accept.
pub fn validate_component(component: &str, doc: &Value) -> anyhow::Result<()> {
    let at = |path: &str| super::keypath::KeyPath::parse(path).ok().and_then(|kp| kp.get(doc).cloned());
    if component == "fence" {
        for list in FENCE_ADDRESS_LISTS {
            let items: Vec<Value> = match at(list) {
                None | Some(Value::Null) => Vec::new(),
                Some(Value::Array(a)) => a,
                Some(v) => vec![v],
            };
            for item in items {
                let Some(s) = item.as_str() else {
                    crate::bail_usage!("fence {list} entries must be strings like 10.0.0.0/24:5432");
                };
                validate_fence_entry(s).map_err(|e| crate::error::usage(e.to_string()))?;
            }
        }
    }
    if component == "fence" {
        // The fence hands these to the kernel's network tools.
        if let Some(v) = at("docker/network_interface") {
            let ok = v.as_str().is_some_and(|s| {
                !s.is_empty()
                    && s.len() <= 15
                    && s != "."
                    && s != ".."
                    && !s.starts_with('-')
                    && s.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
            });
            if !ok {
                crate::bail_usage!("fence docker/network_interface must be an interface name like docker0, got {v}");
            }
        }
        let ports: Vec<Value> = match at("docker/exposed_container_ports") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(a)) => a,
            Some(v) => vec![v],
        };
        for p in ports {
            let n = p.as_u64().or_else(|| {
                p.as_str()
                    .filter(|s| !s.starts_with('0') && s.bytes().all(|b| b.is_ascii_digit()))
                    .and_then(|s| s.parse().ok())
            });
            if !n.is_some_and(|n| (1..=65535).contains(&n)) {
                crate::bail_usage!(
                    "fence docker/exposed_container_ports entries must be ports from 1 to 65535, got {p}"
                );
            }
        }
    }
    if SERVICE_PORT_RANGES.iter().any(|(s, _, _)| service_component(s) == component)
        && let Some(range) = at("port_range")
    {
        let first = range.get("first").and_then(Value::as_u64);
        let last = range.get("last").and_then(Value::as_u64);
        match (first, last) {
            (Some(f), Some(l)) if f >= 1 && f <= l && l <= 65535 => {}
            _ => crate::bail_usage!(
                "{component} port_range must be a map {{first: N, last: M}} with 1 <= N <= M <= 65535"
            ),
        }
    }
    if component == "cluster" {
        // The endpoint reaches /etc/hosts, nginx and openssl; mbusip is a node's address.
        if let Some(e) = at("endpoint") {
            let Some(e) = e.as_str() else { crate::bail_usage!("cluster endpoint must be a string") };
            crate::model::node::validate_dns_name(e, "endpoint")?;
        }
        if let Some(m) = at("mbusip") {
            let ok = m.as_str().is_some_and(|s| s.parse::<std::net::Ipv4Addr>().is_ok());
            if !ok {
                crate::bail_usage!("cluster mbusip must be an IPv4 address, got {m}");
            }
        }
    }
    if component == "router2g"
        && let Some(v) = at("prevent_x_spoofing")
        && !v.is_boolean()
    {
        crate::bail_usage!("router2g prevent_x_spoofing must be true or false, got {v}");
    }
    Ok(())
}

/// Validates a `fence docker/allowed_subnet_ips` or `docker/block_network_ips` value: an IPv4
/// address or CIDR network, optionally followed by `:port` (1-65535).
pub fn validate_fence_entry(s: &str) -> anyhow::Result<()> {
    if s.is_empty() {
        anyhow::bail!("fence entry is empty");
    }
    if s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        anyhow::bail!("fence entry {s:?} contains whitespace or control characters");
    }
    if s.matches(':').count() > 1 {
        anyhow::bail!("fence entry {s:?}: only IPv4 addresses are supported");
    }
    let (net, port) = match s.split_once(':') {
        Some((net, port)) => (net, Some(port)),
        None => (s, None),
    };
    if let Some(port) = port {
        let valid = !port.is_empty()
            && !port.starts_with('0')
            && port.len() <= 5
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u32>().is_ok_and(|p| (1..=65535).contains(&p));
        if !valid {
            anyhow::bail!("fence entry {s:?}: port {port:?} must be a number from 1 to 65535");
        }
    }
    let (addr, prefix) = match net.split_once('/') {
        Some((addr, prefix)) => (addr, Some(prefix)),
        None => (net, None),
    };
    let ip: std::net::Ipv4Addr =
        addr.parse().map_err(|_| anyhow::anyhow!("fence entry {s:?}: {addr:?} is not an IPv4 address"))?;
    if let Some(prefix) = prefix {
        let len = match prefix.parse::<u8>() {
            Ok(len)
                if len <= 32
                    && prefix.bytes().all(|b| b.is_ascii_digit())
                    && (prefix == "0" || !prefix.starts_with('0')) =>
            {
                len
            }
            _ => anyhow::bail!("fence entry {s:?}: prefix length {prefix:?} must be 0 to 32"),
        };
        let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
        let bits = u32::from(ip);
        if bits & !mask != 0 {
            anyhow::bail!(
                "fence entry {s:?}: host bits set; the network is {}/{len}",
                std::net::Ipv4Addr::from(bits & mask)
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod fence_tests {
    use super::validate_fence_entry;

    #[test]
    fn fence_entries() {
        let good = [
            "10.0.0.1",
            "192.168.1.0/24",
            "10.0.0.0/8:5432",
            "10.0.0.7:80",
            "0.0.0.0/0",
            "255.255.255.255/32",
            "172.16.5.4:65535",
            "8.8.8.8:1",
        ];
        for entry in good {
            assert!(validate_fence_entry(entry).is_ok(), "{entry:?} should be accepted");
        }
        let bad = [
            ("", "empty"),
            (" 10.0.0.1", "whitespace"),
            ("10.0.0.1 ", "whitespace"),
            ("10.0.0", "not an IPv4 address"),
            ("10.0.0.256", "not an IPv4 address"),
            ("010.0.0.1", "not an IPv4 address"),
            ("example.com", "not an IPv4 address"),
            ("fd00::1", "only IPv4"),
            ("10.0.0.1:0", "port"),
            ("10.0.0.1:65536", "port"),
            ("10.0.0.1:", "port"),
            ("10.0.0.1:80a", "port"),
            ("10.0.0.1:+80", "port"),
            ("10.0.0.1:080", "port"),
            ("10.0.0.0/33", "prefix length"),
            ("10.0.0.0/", "prefix length"),
            ("10.0.0.0/08", "prefix length"),
            ("10.0.0.0/-1", "prefix length"),
            ("10.0.0.1/24", "host bits set; the network is 10.0.0.0/24"),
            ("10.0.0.0/24/8", "prefix length"),
            ("10.0.0.1;rm", "not an IPv4 address"),
        ];
        for (entry, reason) in bad {
            let err = validate_fence_entry(entry).expect_err(entry).to_string();
            assert!(err.contains(reason), "{entry:?}: {err:?} lacks {reason:?}");
            assert!(!err.contains('\n'));
        }
    }
}
