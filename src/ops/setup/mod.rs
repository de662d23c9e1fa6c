//! `node setup core|micro|load_balancer`: what a node is in its cluster.

pub mod core;
pub mod lb_checks;
pub mod load_balancer;
pub mod micro;

/// Check an endpoint name: `api.` followed by a valid DNS name.
pub fn validate_endpoint(endpoint: &str) -> anyhow::Result<()> {
    if !endpoint.starts_with("api.") {
        crate::bail_usage!("Endpoint must begin with api. (got '{}')", endpoint.escape_default());
    }
    crate::model::node::validate_dns_name(endpoint, "DNS name")
}

/// What re-initialising the cluster around `init` would discard: other nodes' registrations
/// and cluster settings that the new configuration does not keep.
pub fn discarded(
    doc: &crate::model::store::Document,
    catalog: &crate::model::catalog::Catalog,
    init: &crate::model::store::mutation::ClusterInit,
    own: &str,
) -> Vec<String> {
    use crate::model::store::{Mutation, mutation, registry};
    let mut after = doc.clone();
    if mutation::apply(&mut after, catalog, &Mutation::InitCluster(init.clone())).is_err() {
        return Vec::new();
    }
    let mut out: Vec<String> = registry::node_ids(doc)
        .into_iter()
        // This machine's own registration (as a micro cloud, 127.0.0.1) moves; it is no loss.
        .filter(|n| !registry::has_node(&after, n) && n != "127.0.0.1" && *n != init.node && n != own)
        .map(|n| format!("the registration of node {n}"))
        .collect();
    let kept = |k: &str| after.component("cluster").and_then(|c| c.get(k)).is_some();
    if let Some(serde_json::Value::Object(cluster)) = doc.component("cluster") {
        for k in cluster.keys().filter(|k| !kept(k)) {
            out.push(format!("the cluster setting '{k}'"));
        }
    }
    out
}

/// Refuse to discard cluster state unless forced, or confirmed on a terminal; say what.
pub fn guard_discard(
    ctx: &crate::ops::context::Ctx,
    what: &[String],
    force: bool,
    dry_run: bool,
) -> anyhow::Result<()> {
    if what.is_empty() || dry_run {
        return Ok(());
    }
    let list = what.join(", ");
    if force {
        ctx.out.warn(&format!("Discarding {list}"));
        return Ok(());
    }
    if !ctx.out.confirm_loss(&format!("This discards {list}."), "--force")? {
        crate::bail_usage!("nothing was changed: this would discard {list} (pass --force to do it)");
    }
    Ok(())
}
