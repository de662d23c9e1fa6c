//! What `kato info` and `kato version` report: the cluster a node belongs to, the node's
//! roles, and the version it runs.

use super::context::Ctx;
use crate::model::store::{Document, registry};
use anyhow::Result;
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Clone, Serialize)]
pub struct Info {
    pub description: String,
    pub version: String,
    pub config_uri: String,
    /// "Stackato Micro Cloud" or "Stackato Cluster".
    pub name: String,
    pub endpoint: String,
    pub mbusip: String,
    pub admins: Vec<String>,
    pub micro: bool,
    pub node: String,
    pub node_type: String,
    pub assigned: Vec<String>,
    pub available: Vec<String>,
    pub availability_zone: String,
    pub placement_zones: Vec<String>,
    pub license: super::license::License,
}

/// The description and version pair printed by `info` and `version`.
pub fn version_pair(ctx: &Ctx, doc: &Document) -> (String, String) {
    let description = doc.get_str("cloud_controller_ng", "info/description").unwrap_or("Stackato").to_string();
    (description, crate::model::node::version(&ctx.root))
}

pub fn version(ctx: &Ctx) -> Result<(String, String)> {
    let local = ctx.local()?;
    Ok(version_pair(ctx, &local.read_cluster(ctx)?))
}

pub fn info(ctx: &Ctx, node: Option<&str>) -> Result<Info> {
    let local = ctx.local()?;
    let store = local.store(ctx)?;
    let doc = store.read(&local.catalog)?;
    let target = local.target_node(node, &doc)?;
    let (description, version) = version_pair(ctx, &doc);
    let mbusip = doc.get_str("cluster", "mbusip").unwrap_or("").to_string();
    let micro = mbusip == "127.0.0.1";
    let admins: Vec<String> = doc
        .get("cloud_controller_ng", "admins")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string)).collect())
        .unwrap_or_default();
    let mut assigned = local.catalog.mandatory_roles();
    assigned.extend(registry::role_names_of(&doc, &target));
    assigned.sort();
    assigned.dedup();
    Ok(Info {
        description,
        version,
        config_uri: store.uri(),
        name: if micro { "Stackato Micro Cloud" } else { "Stackato Cluster" }.into(),
        endpoint: doc.get_str("cluster", "endpoint").unwrap_or("").into(),
        mbusip,
        admins,
        micro,
        node_type: if node.is_none() { local.state.node_type.as_str() } else { "node" }.into(),
        availability_zone: registry::availability_zone(&doc, &target),
        placement_zones: registry::placement_zones(&doc, &target),
        node: target,
        assigned,
        available: local.catalog.role_names().map(str::to_string).collect(),
        license: super::license::of(&doc),
    })
}

/// The summary shown after a setup: the cluster, then this node's roles.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub name: String,
    pub endpoint: String,
    pub mbusip: String,
    pub admins: Vec<String>,
    pub node: String,
    pub roles: Vec<String>,
}

pub fn summary(doc: &Document, node: &str) -> Summary {
    let mbusip = doc.get_str("cluster", "mbusip").unwrap_or("").to_string();
    let admins: Vec<String> = doc
        .get("cloud_controller_ng", "admins")
        .and_then(|v| v.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    let mut roles = registry::role_names_of(doc, node);
    roles.sort();
    Summary {
        name: if mbusip == "127.0.0.1" { "Stackato Micro Cloud" } else { "Stackato Cluster" }.into(),
        endpoint: doc.get_str("cluster", "endpoint").unwrap_or("").into(),
        mbusip,
        admins,
        node: node.into(),
        roles,
    }
}

/// A node's row in `node list`: its roles and zones.
#[derive(Debug, Clone, Serialize)]
pub struct NodeRow {
    pub node: String,
    pub roles: Vec<String>,
    pub availability_zone: String,
    pub placement_zones: Vec<String>,
}

/// Every node of the cluster with its roles (sorted) and zones, in node order.
pub fn node_rows(ctx: &Ctx) -> Result<Vec<NodeRow>> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    Ok(roles_of_nodes(&doc)
        .into_iter()
        .map(|(node, roles)| NodeRow {
            availability_zone: registry::availability_zone(&doc, &node),
            placement_zones: registry::placement_zones(&doc, &node),
            node,
            roles,
        })
        .collect())
}

/// Every node of the cluster with its roles (sorted), in node order.
fn roles_of_nodes(doc: &Document) -> Vec<(String, Vec<String>)> {
    let mut nodes: Vec<(String, Vec<String>)> = registry::node_ids(doc)
        .into_iter()
        .map(|id| {
            let mut roles = registry::role_names_of(doc, &id);
            roles.sort();
            (id, roles)
        })
        .collect();
    nodes.sort_by(|a, b| a.0.cmp(&b.0));
    nodes
}
