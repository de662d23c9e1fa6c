//! This node's identity: its id (an IPv4 address), its type (micro, core or node), the
//! core it is attached to, its hostname and the version it runs.
//!
//! The id is `127.0.0.1` on a micro cloud; otherwise `KATO_NODE_IP`, else `node_ip` in
//! `etc/kato/kato.yml`, else the IPv4 address of the interface holding the default route.

use crate::model::root::Root;
use anyhow::{Context, Result, anyhow};
use serde::{Deserialize, Serialize};
use std::net::Ipv4Addr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum NodeType {
    #[default]
    Micro,
    Core,
    Node,
}

impl NodeType {
    pub fn as_str(self) -> &'static str {
        match self {
            NodeType::Micro => "micro",
            NodeType::Core => "core",
            NodeType::Node => "node",
        }
    }
}

/// What kato remembers about this node (`var/lib/kato/node.json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeState {
    #[serde(default)]
    pub node_type: NodeType,
    /// The core's address, on an attached node.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub core_ip: Option<String>,
    /// The id this node had when it became core or attached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub node_id: Option<String>,
    /// The layout of this file ([`NODE_SCHEMA`]); files written before it was recorded are 1.
    #[serde(default = "schema_one")]
    pub schema: u32,
}

/// The layout of `node.json` this kato writes (older ones are migrated when read; newer
/// ones are refused).
pub const NODE_SCHEMA: u32 = 2;

fn schema_one() -> u32 {
    1
}

impl Default for NodeState {
    fn default() -> Self {
        NodeState { node_type: NodeType::Micro, core_ip: None, node_id: None, schema: NODE_SCHEMA }
    }
}

impl NodeState {
    pub fn load(root: &Root) -> Result<NodeState> {
        let path = root.node_state_file();
        match crate::infra::files::read_optional(&path)? {
            None => Ok(NodeState::default()),
            Some(b) => {
                let state: NodeState =
                    serde_json::from_slice(&b).map_err(|e| anyhow!("{} is unreadable: {e}", path.display()))?;
                if state.schema > NODE_SCHEMA {
                    anyhow::bail!(
                        "{} was written by a newer kato (layout {}; this kato reads up to {NODE_SCHEMA}); upgrade kato on this node",
                        path.display(),
                        state.schema
                    );
                }
                Ok(state)
            }
        }
    }

    pub fn save(&self, root: &Root) -> Result<()> {
        let current = NodeState { schema: NODE_SCHEMA, ..self.clone() };
        let mut bytes = serde_json::to_vec_pretty(&current)?;
        bytes.push(b'\n');
        crate::infra::files::write_state(&root.node_state_file(), &bytes, crate::infra::files::STATE_FILE)
    }

    pub fn is_micro(&self) -> bool {
        self.node_type == NodeType::Micro
    }
}

/// kato's own settings file (`etc/kato/kato.yml`); every key is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub node_ip: Option<String>,
    pub ssh_user: Option<String>,
    pub ssh_port: Option<u16>,
}

impl Settings {
    pub fn load(root: &Root) -> Result<Settings> {
        let path = root.settings_file();
        match crate::infra::files::read_optional(&path)? {
            None => Ok(Settings::default()),
            Some(b) => {
                let text = String::from_utf8(b).map_err(|_| anyhow!("{}: not UTF-8", path.display()))?;
                if text.trim().is_empty() {
                    return Ok(Settings::default());
                }
                serde_norway::from_str(&text).map_err(|e| anyhow!("{}: {e}", path.display()))
            }
        }
    }
}

/// Parse an IPv4 address as typed by an operator.
pub fn parse_ip(s: &str, what: &str) -> Result<Ipv4Addr> {
    s.parse::<Ipv4Addr>().map_err(|_| crate::error::usage(format!("Invalid {what} given '{}'", s.escape_default())))
}

/// The address of the interface that holds the default route (no packet is sent).
fn primary_interface_ip() -> Option<Ipv4Addr> {
    let routes = std::fs::read_to_string("/proc/net/route").ok()?;
    let iface = routes.lines().skip(1).find_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        (f.len() > 2 && f[1] == "00000000").then(|| f[0].to_string())
    })?;
    let addrs = nix::ifaddrs::getifaddrs().ok()?;
    for a in addrs {
        if a.interface_name != iface {
            continue;
        }
        if let Some(sin) = a.address.as_ref().and_then(|s| s.as_sockaddr_in()) {
            return Some(sin.ip());
        }
    }
    None
}

/// The address this node would have as a cluster member (ignores micro-cloud status).
pub fn network_ip(root: &Root) -> Result<String> {
    if let Ok(ip) = std::env::var("KATO_NODE_IP")
        && !ip.is_empty()
    {
        return Ok(parse_ip(&ip, "KATO_NODE_IP")?.to_string());
    }
    if let Some(ip) = Settings::load(root)?.node_ip {
        return Ok(parse_ip(&ip, "node_ip in kato.yml")?.to_string());
    }
    Ok(primary_interface_ip().unwrap_or(Ipv4Addr::LOCALHOST).to_string())
}

/// This node's id: `127.0.0.1` on a micro cloud, else its network address.
pub fn node_id(root: &Root, state: &NodeState) -> Result<String> {
    if state.is_micro() {
        return Ok("127.0.0.1".to_string());
    }
    if let Some(id) = &state.node_id
        && std::env::var_os("KATO_NODE_IP").is_none()
    {
        return Ok(id.clone());
    }
    network_ip(root)
}

/// The hostname: `etc/hostname` under the root, else the kernel's.
pub fn hostname(root: &Root) -> Result<String> {
    if let Some(b) = crate::infra::files::read_optional(&root.hostname_file())? {
        let s = String::from_utf8_lossy(&b).trim().to_string();
        if !s.is_empty() {
            return Ok(s);
        }
    }
    let h = nix::unistd::gethostname().context("cannot read the hostname")?;
    Ok(h.to_string_lossy().trim().to_string())
}

/// The version this node runs: `etc/kato/version` if present, else kato's own.
pub fn version(root: &Root) -> String {
    crate::infra::files::read_optional(&root.version_file())
        .ok()
        .flatten()
        .map(|b| String::from_utf8_lossy(&b).trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| format!("v{}", crate::infra::version::current()))
}

/// The domain a hostname implies: itself if it has a dot, else `<host>.local`.
pub fn domain_of(hostname: &str) -> String {
    if hostname.contains('.') { hostname.to_string() } else { format!("{hostname}.local") }
}

/// Check a DNS name (dot-separated labels of letters, digits and inner hyphens); `what`
/// names it in the error ("hostname", "DNS name").
pub fn validate_dns_name(name: &str, what: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if !ok {
        crate::bail_usage!("'{}' is not a valid {what}", name.escape_default());
    }
    // A name whose last label is all digits (an IPv4 address, say) is no host name.
    if name.rsplit('.').next().is_some_and(|l| l.chars().all(|c| c.is_ascii_digit())) {
        crate::bail_usage!("'{}' is not a valid {what} (it looks like an address, not a name)", name.escape_default());
    }
    Ok(())
}

/// What tells one machine from another whatever its hostname or address: its machine id
/// (`etc/machine-id`) and its SSH host public keys (`etc/ssh/ssh_host_*_key.pub`, as
/// `TYPE BASE64`). A cloned VM shares them with its original until they are regenerated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MachineIdentity {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub machine_id: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub host_keys: Vec<String>,
}

impl MachineIdentity {
    /// This machine's identity, read from the root (empty parts when the files are absent).
    pub fn of(root: &Root) -> MachineIdentity {
        let machine_id = std::fs::read_to_string(root.join("etc/machine-id"))
            .ok()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_hexdigit()));
        MachineIdentity { machine_id, host_keys: host_keys(root) }
    }

    /// Checks values that arrive from another node: a machine id of hex digits, and a
    /// few `TYPE BASE64` host keys of printable ASCII.
    pub fn validate(&self) -> Result<()> {
        if let Some(id) = &self.machine_id
            && (id.is_empty() || id.len() > 64 || !id.chars().all(|c| c.is_ascii_hexdigit()))
        {
            crate::bail_usage!("'{}' is not a machine id", id.escape_default());
        }
        if self.host_keys.len() > 16 {
            crate::bail_usage!("{} host keys is more than a machine has", self.host_keys.len());
        }
        for key in &self.host_keys {
            let fields: Vec<&str> = key.split(' ').collect();
            let printable = key.len() <= 2048 && key.chars().all(|c| c.is_ascii_graphic() || c == ' ');
            if !printable || fields.len() != 2 || fields.iter().any(|f| f.is_empty()) {
                crate::bail_usage!("'{}' is not an SSH host key (TYPE BASE64)", key.escape_default());
            }
        }
        Ok(())
    }

    /// Whether nothing is known.
    pub fn is_empty(&self) -> bool {
        self.machine_id.is_none() && self.host_keys.is_empty()
    }

    /// What `self` shares with `other` that only one machine should have: the machine id,
    /// or an SSH host key (its type named).
    pub fn shared_with(&self, other: &MachineIdentity) -> Option<String> {
        if let (Some(a), Some(b)) = (&self.machine_id, &other.machine_id)
            && a == b
        {
            return Some(format!("machine id {a}"));
        }
        let key = self.host_keys.iter().find(|k| other.host_keys.contains(k))?;
        Some(format!("SSH host key ({})", key.split_whitespace().next().unwrap_or("?")))
    }

    /// Whether `other` is known to be another machine: a different machine id, or host
    /// keys none of which are ours.
    pub fn differs_from(&self, other: &MachineIdentity) -> bool {
        let ids = matches!((&self.machine_id, &other.machine_id), (Some(a), Some(b)) if a != b);
        let keys = !self.host_keys.is_empty()
            && !other.host_keys.is_empty()
            && !self.host_keys.iter().any(|k| other.host_keys.contains(k));
        ids || keys
    }
}

/// This machine's SSH host public keys (`etc/ssh/ssh_host_*_key.pub` under the root), as
/// `TYPE BASE64` lines.
pub fn host_keys(root: &Root) -> Vec<String> {
    let dir = root.join("etc/ssh");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("ssh_host_") && n.ends_with("_key.pub"))
        })
        .collect();
    files.sort();
    files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .filter_map(|text| {
            let mut fields = text.split_whitespace();
            Some(format!("{} {}", fields.next()?, fields.next()?))
        })
        .collect()
}

#[cfg(test)]
mod identity_tests {
    use super::MachineIdentity;

    fn id(machine: Option<&str>, keys: &[&str]) -> MachineIdentity {
        MachineIdentity {
            machine_id: machine.map(str::to_string),
            host_keys: keys.iter().map(|k| k.to_string()).collect(),
        }
    }

    #[test]
    fn clones_and_other_machines() {
        let a = id(Some("aa01"), &["ssh-ed25519 AAAA1", "ssh-rsa BBBB1"]);
        assert_eq!(a.shared_with(&id(Some("aa01"), &[])).as_deref(), Some("machine id aa01"));
        assert_eq!(a.shared_with(&id(Some("bb02"), &["ssh-rsa BBBB1"])).as_deref(), Some("SSH host key (ssh-rsa)"));
        assert_eq!(a.shared_with(&id(Some("bb02"), &["ssh-rsa CCCC"])), None);
        assert_eq!(a.shared_with(&MachineIdentity::default()), None);
        assert!(a.differs_from(&id(Some("bb02"), &[])));
        assert!(a.differs_from(&id(None, &["ssh-rsa CCCC"])));
        assert!(!a.differs_from(&id(None, &["ssh-rsa BBBB1"])));
        assert!(!a.differs_from(&MachineIdentity::default()));
    }

    #[test]
    fn values_from_another_node_are_checked() {
        assert!(id(Some("0123abcdef"), &["ssh-ed25519 AAAAC3Nz"]).validate().is_ok());
        assert!(id(Some("not hex"), &[]).validate().is_err());
        assert!(id(None, &["ssh-ed25519"]).validate().is_err());
        assert!(id(None, &["a b c"]).validate().is_err());
        assert!(id(None, &["a\nb"]).validate().is_err());
        assert!(id(None, &["a b"; 17]).validate().is_err());
    }
}
