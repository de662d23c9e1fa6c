//! The node registry: the `node` component, `{ "<ip>": { "roles": { "<role>": "START"|"STOP" } } }`
//! as in the original, plus a little metadata per node (`hostname`, `version`, and the
//! machine's `machine_id` and `host_keys`).

use super::Document;
use crate::model::catalog::rules::ClusterRoles;
use serde_json::{Map, Value, json};

pub const START: &str = "START";
pub const STOP: &str = "STOP";

fn nodes(doc: &Document) -> Option<&Map<String, Value>> {
    doc.components.get("node").and_then(Value::as_object)
}

/// Node ids in registry order.
pub fn node_ids(doc: &Document) -> Vec<String> {
    nodes(doc).map(|m| m.keys().cloned().collect()).unwrap_or_default()
}

pub fn has_node(doc: &Document, node: &str) -> bool {
    nodes(doc).is_some_and(|m| m.contains_key(node))
}

/// A node's roles and their states, in stored order.
pub fn roles_of(doc: &Document, node: &str) -> Vec<(String, String)> {
    nodes(doc)
        .and_then(|m| m.get(node))
        .and_then(|n| n.get("roles"))
        .and_then(Value::as_object)
        .map(|r| r.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or(STOP).to_string())).collect())
        .unwrap_or_default()
}

pub fn role_names_of(doc: &Document, node: &str) -> Vec<String> {
    roles_of(doc, node).into_iter().map(|(r, _)| r).collect()
}

/// Every node's role names.
pub fn cluster_roles(doc: &Document) -> ClusterRoles {
    node_ids(doc)
        .into_iter()
        .map(|n| {
            let roles = role_names_of(doc, &n);
            (n, roles)
        })
        .collect()
}

fn node_entry<'a>(doc: &'a mut Document, node: &str) -> &'a mut Map<String, Value> {
    let all = doc.components.entry("node").or_insert_with(|| json!({}));
    if !all.is_object() {
        *all = json!({});
    }
    let Value::Object(all) = all else { unreachable!("just made an object") };
    let entry = all.entry(node.to_string()).or_insert_with(|| json!({"roles": {}}));
    if !entry.is_object() {
        *entry = json!({"roles": {}});
    }
    let Value::Object(entry) = entry else { unreachable!("just made an object") };
    entry
}

fn roles_map<'a>(doc: &'a mut Document, node: &str) -> &'a mut Map<String, Value> {
    let entry = node_entry(doc, node);
    let roles = entry.entry("roles").or_insert_with(|| json!({}));
    if !roles.is_object() {
        *roles = json!({});
    }
    let Value::Object(roles) = roles else { unreachable!("just made an object") };
    roles
}

/// Make sure a node is registered (with no roles if new).
pub fn ensure_node(doc: &mut Document, node: &str) {
    roles_map(doc, node);
}

pub fn set_role_state(doc: &mut Document, node: &str, role: &str, state: &str) {
    roles_map(doc, node).insert(role.to_string(), json!(state));
}

/// Forget one role of a node (an unknown node stays unknown).
pub fn remove_role(doc: &mut Document, node: &str, role: &str) {
    if has_node(doc, node) {
        roles_map(doc, node).shift_remove(role);
    }
}

pub fn set_meta(doc: &mut Document, node: &str, key: &str, value: Value) {
    node_entry(doc, node).insert(key.to_string(), value);
}

pub fn meta<'a>(doc: &'a Document, node: &str, key: &str) -> Option<&'a Value> {
    nodes(doc).and_then(|m| m.get(node)).and_then(|n| n.get(key))
}

pub fn remove_node(doc: &mut Document, node: &str) -> bool {
    match doc.components.get_mut("node").and_then(Value::as_object_mut) {
        Some(m) => m.shift_remove(node).is_some(),
        None => false,
    }
}

/// A node's recorded machine identity (empty for a node registered without one).
pub fn identity(doc: &Document, node: &str) -> crate::model::node::MachineIdentity {
    let machine_id = meta(doc, node, "machine_id").and_then(Value::as_str).map(str::to_string);
    let host_keys = meta(doc, node, "host_keys")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
        .unwrap_or_default();
    crate::model::node::MachineIdentity { machine_id, host_keys }
}

/// Record a node's machine identity (the parts known).
pub fn set_identity(doc: &mut Document, node: &str, id: &crate::model::node::MachineIdentity) {
    if let Some(m) = &id.machine_id {
        set_meta(doc, node, "machine_id", json!(m));
    }
    if !id.host_keys.is_empty() {
        set_meta(doc, node, "host_keys", json!(id.host_keys));
    }
}
