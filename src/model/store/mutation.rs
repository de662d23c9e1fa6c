//! Every change to the cluster store, as data. A command builds a [`Mutation`]; the store
//! applies it under its lock with [`apply`] — locally on the core, or on the core on
//! behalf of another node, which sends the same value over SSH. Rules that involve the
//! whole cluster (one primary, exclusive load balancer, …) are checked here, under the lock.

use super::Document;
use super::components::{PROTECTED_CLUSTER_KEYS, WELL_KNOWN, seeds};
use super::keypath::KeyPath;
use super::registry::{self, START};
use super::value::type_name;
use crate::error::did_you_mean;
use crate::model::catalog::{Catalog, rules};
use crate::model::node::MachineIdentity;
use anyhow::{Result, bail};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Mutation {
    ConfigSet {
        component: String,
        path: String,
        value: Value,
        force: bool,
    },
    ConfigDel {
        component: String,
        path: String,
        force: bool,
    },
    ConfigPush {
        component: String,
        path: String,
        value: Value,
    },
    ConfigPop {
        component: String,
        path: String,
        value: Value,
    },
    /// Add roles (already expanded) to a node, checking the cluster-wide rules.
    AddRoles {
        node: String,
        roles: Vec<String>,
        state: String,
        micro_cloud: bool,
    },
    /// Remove roles from a node; the last node of a required role needs `force`.
    RemoveRoles {
        node: String,
        roles: Vec<String>,
        force: bool,
    },
    /// Record roles as started (`START`) or stopped (`STOP`).
    SetRoleState {
        node: String,
        roles: Vec<String>,
        state: String,
    },
    /// `node setup core|micro`: (re)initialise the cluster around one node.
    InitCluster(ClusterInit),
    /// `node attach`: register a node (or update its registration) and give it roles.
    RegisterNode {
        node: String,
        hostname: String,
        version: String,
        roles: Vec<String>,
        state: String,
        /// The machine's id and host keys, which tell a clone from its original.
        #[serde(default)]
        identity: MachineIdentity,
    },
    /// `node remove` / `node detach`: forget nodes. The core cannot be removed.
    RemoveNodes {
        nodes: Vec<String>,
    },
    /// `node migrate`: replace every reference to an old node address by a new one.
    MigrateNode {
        old: String,
        new: String,
    },
    /// Record a fact about a node (`hostname`, `version`).
    SetNodeMeta {
        node: String,
        key: String,
        value: Value,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClusterInit {
    pub endpoint: String,
    pub mbusip: String,
    pub version: String,
    pub node: String,
    pub hostname: String,
    /// The node's roles (mandatory roles are added automatically).
    pub roles: Vec<String>,
    pub state: String,
    /// The machine's id and host keys.
    #[serde(default)]
    pub identity: MachineIdentity,
    /// Erase the existing `cluster` component (but its `license`) first. The `node`
    /// registry is always replaced: the cluster starts with this one node.
    pub erase: bool,
}

/// What a mutation did, for the command to report.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The value at the edited path afterwards (config edits).
    #[serde(default)]
    pub value: Value,
    #[serde(default)]
    pub warnings: Vec<String>,
    /// Roles added / already present / removed / not present.
    #[serde(default)]
    pub added: Vec<String>,
    #[serde(default)]
    pub existing: Vec<String>,
    #[serde(default)]
    pub removed: Vec<String>,
    #[serde(default)]
    pub absent: Vec<String>,
}

/// Check a component name against the known ones.
pub fn check_component(catalog: &Catalog, doc: &Document, name: &str) -> Result<()> {
    let known = WELL_KNOWN.contains(&name) || catalog.process(name).is_some() || doc.components.contains_key(name);
    if !known {
        let mut candidates: Vec<&str> = WELL_KNOWN.to_vec();
        candidates.extend(catalog.processes.iter().map(|p| p.name.as_str()));
        candidates.extend(doc.components.keys().map(String::as_str));
        crate::bail_usage!(
            "Invalid <component> specified '{}'{}",
            name.escape_default(),
            did_you_mean(name, candidates)
        );
    }
    Ok(())
}

fn check_writable(catalog: &Catalog, doc: &Document, component: &str, path: &KeyPath, force: bool) -> Result<()> {
    check_component(catalog, doc, component)?;
    match component {
        "local" => crate::bail_usage!("Cannot update local '{}' directly.", path.display()),
        "node" => crate::bail_usage!(
            "the node registry is changed by 'kato role' and 'kato node' commands, not 'kato config'"
        ),
        "cluster" if !force => {
            if let Some(first) = path.0.first()
                && PROTECTED_CLUSTER_KEYS.contains(&first.as_str())
            {
                crate::bail_usage!("Cannot update '{first}' directly. Please see 'kato node setup' (or pass --force)");
            }
            if path.is_root() {
                crate::bail_usage!("Cannot replace the whole cluster configuration (pass --force)");
            }
        }
        _ => {}
    }
    Ok(())
}

fn component_mut<'a>(doc: &'a mut Document, component: &str) -> &'a mut Value {
    doc.components.entry(component.to_string()).or_insert_with(|| json!({}))
}

fn list_at<'a>(doc: &'a mut Document, component: &str, path: &KeyPath) -> Result<Option<&'a mut Value>> {
    if path.is_root() {
        crate::bail_usage!("push and pop need a key path inside the component");
    }
    let parent = path.parent_mut(component_mut(doc, component))?;
    Ok(parent.get_mut(path.last().unwrap_or_default()))
}

fn config_set(doc: &mut Document, component: &str, path: &KeyPath, value: Value, force: bool) -> Result<Outcome> {
    let mut out = Outcome::default();
    if path.is_root() {
        if !value.is_object() {
            crate::bail_usage!(
                "Expected a map to replace the whole '{component}' document, got a {} value",
                type_name(&value)
            );
        }
        doc.components.insert(component.to_string(), value.clone());
        out.value = value;
        return Ok(out);
    }
    let old = doc.components.get(component).and_then(|c| path.get(c)).cloned();
    if let Some(old) = old.filter(|o| !o.is_null()) {
        let (from, to) = (type_name(&old), type_name(&value));
        if from != to {
            if !force {
                crate::bail_usage!(
                    "Type mismatch with value. Cannot replace {from} with {to}. Use --force to override this."
                );
            }
            out.warnings.push(format!("Replacing {from} with {to}"));
        }
    }
    let parent = path.parent_mut(component_mut(doc, component))?;
    parent.insert(path.last().unwrap_or_default().to_string(), value.clone());
    out.value = value;
    Ok(out)
}

fn config_del(doc: &mut Document, component: &str, path: &KeyPath) -> Result<Outcome> {
    let mut out = Outcome::default();
    if path.is_root() {
        if matches!(component, "cluster" | "node") {
            crate::bail_usage!("Cannot delete {component} configuration");
        }
        if doc.components.shift_remove(component).is_none() {
            out.warnings.push(format!("component '{component}' has no configuration to delete"));
        }
        return Ok(out);
    }
    let exists = doc.components.get(component).and_then(|c| path.get(c)).is_some();
    if !exists {
        out.warnings.push(format!("'{component} {}' is not set; nothing to delete", path.display()));
        return Ok(out);
    }
    let parent = path.parent_mut(component_mut(doc, component))?;
    parent.shift_remove(path.last().unwrap_or_default());
    Ok(out)
}

fn config_push(doc: &mut Document, component: &str, path: &KeyPath, value: Value) -> Result<Outcome> {
    match list_at(doc, component, path)? {
        None => {
            let parent = path.parent_mut(component_mut(doc, component))?;
            parent.insert(path.last().unwrap_or_default().to_string(), json!([value]));
        }
        Some(slot) => match slot {
            Value::Null => *slot = json!([value]),
            Value::Array(items) => {
                if items.contains(&value) {
                    bail!("Value already in list.");
                }
                items.push(value);
            }
            _ => bail!("Non-list value already exists. Cannot push to non-list."),
        },
    }
    let value = doc.components.get(component).and_then(|c| path.get(c)).cloned().unwrap_or(Value::Null);
    Ok(Outcome { value, ..Outcome::default() })
}

fn config_pop(doc: &mut Document, component: &str, path: &KeyPath, value: Value) -> Result<Outcome> {
    match list_at(doc, component, path)? {
        None | Some(Value::Null) => bail!("List does not exist."),
        Some(Value::Array(items)) => {
            let before = items.len();
            items.retain(|v| *v != value);
            if items.len() == before {
                bail!("Value not in list.");
            }
        }
        Some(_) => bail!("Non-list found. Cannot pop from non-list."),
    }
    let value = doc.components.get(component).and_then(|c| path.get(c)).cloned().unwrap_or(Value::Null);
    Ok(Outcome { value, ..Outcome::default() })
}

fn add_roles(
    doc: &mut Document,
    catalog: &Catalog,
    node: &str,
    roles: &[String],
    state: &str,
    micro: bool,
) -> Result<Outcome> {
    let mut out = Outcome::default();
    let current = registry::role_names_of(doc, node);
    if let Some(m) = roles.iter().find(|r| catalog.is_mandatory(r)) {
        crate::bail_usage!("Cannot add mandatory role '{m}'");
    }
    for r in roles {
        if current.contains(r) {
            out.existing.push(r.clone());
        } else {
            out.added.push(r.clone());
        }
    }
    rules::check_add(catalog, &registry::cluster_roles(doc), node, micro, &out.added)?;
    for m in catalog.mandatory_roles() {
        if !current.contains(&m) {
            registry::set_role_state(doc, node, &m, START);
        }
    }
    for r in &out.added {
        registry::set_role_state(doc, node, r, state);
    }
    Ok(out)
}

fn remove_roles(doc: &mut Document, catalog: &Catalog, node: &str, roles: &[String], force: bool) -> Result<Outcome> {
    let mut out = Outcome::default();
    let current = registry::role_names_of(doc, node);
    for r in roles {
        if current.contains(r) || catalog.is_mandatory(r) {
            out.removed.push(r.clone());
        } else {
            out.absent.push(r.clone());
        }
    }
    rules::check_remove(catalog, &registry::cluster_roles(doc), node, &out.removed, force)?;
    for r in &out.removed {
        registry::remove_role(doc, node, r);
    }
    Ok(out)
}

fn set_role_state(doc: &mut Document, node: &str, roles: &[String], state: &str) -> Result<Outcome> {
    let current = registry::role_names_of(doc, node);
    for r in roles {
        if !current.contains(r) {
            bail!("Role '{r}' is not configured on node {node}");
        }
    }
    for r in roles {
        registry::set_role_state(doc, node, r, state);
    }
    Ok(Outcome::default())
}

fn init_cluster(doc: &mut Document, catalog: &Catalog, init: &ClusterInit) -> Result<Outcome> {
    if init.erase {
        let license = doc.get("cluster", "license").cloned();
        doc.components.shift_remove("cluster");
        if let Some(l) = license {
            doc.components.insert("cluster".into(), json!({"license": l}));
        }
    }
    let keep = registry::roles_of(doc, &init.node);
    doc.components.shift_remove("node");
    for (role, state) in keep {
        registry::set_role_state(doc, &init.node, &role, &state);
    }
    let cluster = component_mut(doc, "cluster");
    if !cluster.is_object() {
        *cluster = json!({});
    }
    let put = |doc: &mut Document, component: &str, path: &str, value: Value, overwrite: bool| -> Result<()> {
        let kp = KeyPath::parse(path)?;
        let parent = kp.parent_mut(component_mut(doc, component))?;
        let key = kp.last().unwrap_or_default().to_string();
        if overwrite || !parent.contains_key(&key) {
            parent.insert(key, value);
        }
        Ok(())
    };
    put(doc, "cluster", "endpoint", json!(init.endpoint), true)?;
    put(doc, "cluster", "mbusip", json!(init.mbusip), true)?;
    put(doc, "cluster", "config/version", json!(init.version), true)?;
    for (component, path, value) in seeds() {
        put(doc, &component, path, value, false)?;
    }
    // The node's roles become exactly the requested ones.
    for r in registry::role_names_of(doc, &init.node) {
        if !init.roles.contains(&r) && !catalog.is_mandatory(&r) {
            registry::remove_role(doc, &init.node, &r);
        }
    }
    let mut out = add_roles(
        doc,
        catalog,
        &init.node,
        &init.roles,
        &init.state,
        init.endpoint.ends_with(".local") || init.mbusip == "127.0.0.1",
    )?;
    for r in &init.roles {
        registry::set_role_state(doc, &init.node, r, &init.state);
    }
    registry::set_meta(doc, &init.node, "hostname", json!(init.hostname));
    registry::set_identity(doc, &init.node, &init.identity);
    out.value = doc.components.get("cluster").cloned().unwrap_or(Value::Null);
    Ok(out)
}

/// A node id as it enters the store: an IPv4 address.
fn check_node(id: &str) -> Result<()> {
    if id.parse::<std::net::Ipv4Addr>().is_err() {
        crate::bail_usage!("Invalid node id given '{}' (a node is named by its IPv4 address)", id.escape_default());
    }
    Ok(())
}

/// Check what a mutation brings before it touches the document: node ids, host names,
/// versions and config values. Every change is checked here, wherever it comes from.
pub fn check(m: &Mutation) -> Result<()> {
    let nodes: Vec<&String> = match m {
        Mutation::AddRoles { node, .. }
        | Mutation::RemoveRoles { node, .. }
        | Mutation::SetRoleState { node, .. }
        | Mutation::SetNodeMeta { node, .. }
        | Mutation::RegisterNode { node, .. } => vec![node],
        Mutation::RemoveNodes { nodes } => nodes.iter().collect(),
        Mutation::MigrateNode { old, new } => vec![old, new],
        Mutation::InitCluster(init) => vec![&init.node],
        _ => Vec::new(),
    };
    for n in nodes {
        check_node(n)?;
    }
    match m {
        Mutation::AddRoles { state, .. }
        | Mutation::SetRoleState { state, .. }
        | Mutation::RegisterNode { state, .. }
        | Mutation::InitCluster(ClusterInit { state, .. }) => check_state(state)?,
        _ => {}
    }
    match m {
        Mutation::ConfigSet { value, .. } | Mutation::ConfigPush { value, .. } | Mutation::ConfigPop { value, .. } => {
            super::components::check_value(value)?
        }
        Mutation::RegisterNode { hostname, version, identity, .. } => {
            crate::model::node::validate_dns_name(hostname, "hostname")?;
            check_version(version)?;
            identity.validate()?;
        }
        Mutation::InitCluster(init) => {
            init.identity.validate()?;
            crate::model::node::validate_dns_name(&init.endpoint, "endpoint")?;
            crate::model::node::validate_dns_name(&init.hostname, "hostname")?;
            check_node(&init.mbusip)?;
            check_version(&init.version)?;
        }
        Mutation::SetNodeMeta { key, value, .. } => match (key.as_str(), value.as_str()) {
            ("hostname", Some(h)) => crate::model::node::validate_dns_name(h, "hostname")?,
            ("version", Some(v)) => check_version(v)?,
            ("retired", _) if value.is_boolean() => {}
            _ => crate::bail_usage!("'{}' is not a node attribute kato records", key.escape_default()),
        },
        _ => {}
    }
    Ok(())
}

/// A role's recorded state: `START` or `STOP`, nothing else.
fn check_state(s: &str) -> Result<()> {
    if s != START && s != registry::STOP {
        crate::bail_usage!("'{}' is not a role state (START or STOP)", s.escape_default());
    }
    Ok(())
}

fn check_version(v: &str) -> Result<()> {
    if v.is_empty() || v.len() > 64 || !v.chars().all(|c| c.is_ascii_graphic()) {
        crate::bail_usage!("'{}' is not a version", v.escape_default());
    }
    Ok(())
}

/// Apply a mutation to a document (under the store's lock).
pub fn apply(doc: &mut Document, catalog: &Catalog, m: &Mutation) -> Result<Outcome> {
    check(m)?;
    let out = apply_checked(doc, catalog, m)?;
    // Whatever key was written, the component must still be valid as a whole.
    if let Mutation::ConfigSet { component, .. }
    | Mutation::ConfigDel { component, .. }
    | Mutation::ConfigPush { component, .. }
    | Mutation::ConfigPop { component, .. } = m
        && let Some(c) = doc.components.get(component.as_str())
    {
        super::components::validate_component(component, c)?;
    }
    Ok(out)
}

fn apply_checked(doc: &mut Document, catalog: &Catalog, m: &Mutation) -> Result<Outcome> {
    // The written value itself first (its own message), then the whole component after.
    if let Mutation::ConfigSet { component, path, value, .. }
    | Mutation::ConfigPush { component, path, value }
    | Mutation::ConfigPop { component, path, value } = m
    {
        let removing = matches!(m, Mutation::ConfigPop { .. });
        super::components::validate_value(component, &KeyPath::parse(path)?, value, removing)?;
    }
    match m {
        Mutation::ConfigSet { component, path, value, force } => {
            let kp = KeyPath::parse(path)?;
            check_writable(catalog, doc, component, &kp, *force)?;
            config_set(doc, component, &kp, value.clone(), *force)
        }
        Mutation::ConfigDel { component, path, force } => {
            let kp = KeyPath::parse(path)?;
            check_writable(catalog, doc, component, &kp, true)?;
            if component == "cluster"
                && !*force
                && kp.0.first().is_some_and(|k| PROTECTED_CLUSTER_KEYS.contains(&k.as_str()))
            {
                crate::bail_usage!("Cannot delete '{}' from the cluster configuration", kp.display());
            }
            config_del(doc, component, &kp)
        }
        Mutation::ConfigPush { component, path, value } => {
            let kp = KeyPath::parse(path)?;
            check_writable(catalog, doc, component, &kp, false)?;
            config_push(doc, component, &kp, value.clone())
        }
        Mutation::ConfigPop { component, path, value } => {
            let kp = KeyPath::parse(path)?;
            check_writable(catalog, doc, component, &kp, false)?;
            config_pop(doc, component, &kp, value.clone())
        }
        Mutation::AddRoles { node, roles, state, micro_cloud: _ } => {
            // Whether this is a micro cloud is the document's to say, not the asker's.
            let micro = doc.get_str("cluster", "mbusip").is_none_or(|m| m == "127.0.0.1");
            if !registry::has_node(doc, node) {
                bail!("{node} is not registered in this cluster; attach it first ('kato node attach')");
            }
            add_roles(doc, catalog, node, roles, state, micro)
        }
        Mutation::RemoveRoles { node, .. } | Mutation::SetRoleState { node, .. } if !registry::has_node(doc, node) => {
            // A node removed behind its back (`node remove --skip-detach`) must not come
            // back through a role change: only an attach registers a node.
            bail!("{node} is not registered in this cluster; attach it first ('kato node attach')")
        }
        Mutation::RemoveRoles { node, roles, force } => remove_roles(doc, catalog, node, roles, *force),
        Mutation::SetRoleState { node, roles, state } => set_role_state(doc, node, roles, state),
        Mutation::InitCluster(init) => init_cluster(doc, catalog, init),
        Mutation::RegisterNode { node, hostname, version, roles, state, identity } => {
            if doc.get_str("cluster", "mbusip").is_none_or(|m| m == "127.0.0.1") {
                bail!("this cluster is a micro cloud; run 'kato node setup core' on it before attaching nodes");
            }
            registry::ensure_node(doc, node);
            let out = add_roles(doc, catalog, node, roles, state, false)?;
            registry::set_meta(doc, node, "hostname", json!(hostname));
            registry::set_meta(doc, node, "version", json!(version));
            registry::set_identity(doc, node, identity);
            Ok(out)
        }
        Mutation::RemoveNodes { nodes } => {
            let core = doc.get_str("cluster", "mbusip").unwrap_or("").to_string();
            let mut out = Outcome::default();
            for n in nodes {
                if *n == core {
                    crate::bail_usage!("{n} is the core node; it cannot be removed from its own cluster");
                }
                if registry::remove_node(doc, n) {
                    out.removed.push(n.clone());
                } else {
                    out.absent.push(n.clone());
                }
            }
            Ok(out)
        }
        Mutation::MigrateNode { old, new } => migrate(doc, old, new),
        Mutation::SetNodeMeta { node, key, value } => {
            if !registry::has_node(doc, node) {
                bail!("{node} is not a known node in this cluster");
            }
            registry::set_meta(doc, node, key, value.clone());
            Ok(Outcome::default())
        }
    }
}

fn replace_ip(v: &mut Value, old: &str, new: &str, count: &mut usize) {
    match v {
        Value::String(s) => {
            let nats_old = format!("nats://{old}:");
            if s == old {
                *s = new.to_string();
                *count += 1;
            } else if s.contains(&nats_old) {
                *s = s.replace(&nats_old, &format!("nats://{new}:"));
                *count += 1;
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| replace_ip(x, old, new, count)),
        Value::Object(m) => m.values_mut().for_each(|x| replace_ip(x, old, new, count)),
        _ => {}
    }
}

fn migrate(doc: &mut Document, old: &str, new: &str) -> Result<Outcome> {
    if old == new {
        crate::bail_usage!("the old and new addresses are the same ({old})");
    }
    if !registry::has_node(doc, old) {
        crate::bail_usage!("{old} is not a known node in this cluster");
    }
    if registry::has_node(doc, new) {
        crate::bail_usage!("{new} is already a node of this cluster");
    }
    let mut count = 0;
    for (name, v) in doc.components.iter_mut() {
        if name != "node" {
            replace_ip(v, old, new, &mut count);
        }
    }
    // Move the registry entry, keeping its place in the order.
    if let Some(Value::Object(nodes)) = doc.components.get_mut("node") {
        let entries: Vec<(String, Value)> = std::mem::take(nodes).into_iter().collect();
        for (k, mut v) in entries {
            replace_ip(&mut v, old, new, &mut count);
            nodes.insert(if k == old { new.to_string() } else { k }, v);
        }
    }
    Ok(Outcome { value: json!({"references": count}), ..Outcome::default() })
}
