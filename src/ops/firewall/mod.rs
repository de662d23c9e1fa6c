//! Per-node firewall: the cluster's port matrix (`model::ports`) rendered for one node
//! ([`render`]) into an nftables ruleset that `nft -f` loads atomically
//! (`infra::nftables`).

pub mod render;

use super::context::Ctx;
use super::workflow::{Outcome, Report, Workflow};
use crate::model::catalog::Catalog;
use crate::model::store::{Document, components, registry};
use anyhow::Result;

/// The firewall input for `node`: its roles, every node's roles, and the service port
/// ranges from the config (`<service>_node port_range`). Roles the port table does not
/// know open nothing; they are returned so the caller can say so.
pub fn input_for(catalog: &Catalog, doc: &Document, node: &str) -> (render::FirewallInput, Vec<String>) {
    let mut unknown = Vec::new();
    let mut known = |roles: Vec<String>| -> Vec<String> {
        let mut all = catalog.mandatory_roles();
        all.extend(roles);
        all.into_iter()
            .filter(|r| {
                let ok = crate::model::ports::check_role(r).is_ok();
                if !ok && !unknown.contains(r) {
                    unknown.push(r.clone());
                }
                ok
            })
            .collect()
    };
    let cluster: Vec<(String, Vec<String>)> =
        registry::node_ids(doc).into_iter().map(|n| (n.clone(), known(registry::role_names_of(doc, &n)))).collect();
    let node_roles = cluster.iter().find(|(n, _)| n == node).map(|(_, r)| r.clone()).unwrap_or_default();
    let service_ranges = components::SERVICE_PORT_RANGES
        .iter()
        .filter_map(|(service, _, _)| {
            let range = doc.get(&components::service_component(service), "port_range")?;
            let first = u16::try_from(range.get("first")?.as_u64()?).ok()?;
            let last = u16::try_from(range.get("last")?.as_u64()?).ok()?;
            Some((service.to_string(), first, last))
        })
        .collect();
    let outbound = crate::model::drain::stored(doc)
        .into_iter()
        .filter_map(|(_, d)| d.ok())
        .filter_map(|d| {
            let (proto, host, port) = d.outbound()?;
            Some((proto.to_string(), host.to_string(), port, format!("log drain {}", d.name)))
        })
        .collect();
    (render::FirewallInput { node_ip: node.to_string(), node_roles, cluster, service_ranges, outbound }, unknown)
}

/// One node's ruleset, rendered.
#[derive(Debug, Clone)]
pub struct Ruleset {
    pub node: String,
    pub script: String,
    /// Roles of the cluster the port table does not know (they open no port).
    pub unknown_roles: Vec<String>,
}

/// The ruleset of this node (or `node`), from the cluster's roles and the port table.
pub fn ruleset(ctx: &Ctx, node: Option<&str>) -> Result<Ruleset> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let node = local.target_node(node, &doc)?;
    let (input, unknown_roles) = input_for(&local.catalog, &doc, &node);
    let script = render::render(&input)?;
    Ok(Ruleset { node, script, unknown_roles })
}

/// Load this node's ruleset (checked by `nft -c` first, then loaded in one transaction).
pub fn apply(ctx: &Ctx, dry_run: bool) -> Result<Outcome<Report>> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let (input, unknown) = input_for(&local.catalog, &doc, &local.id);
    for r in &unknown {
        ctx.out.warn(&format!("role '{r}' is not in the port table; the firewall opens no port for it"));
    }
    let script = render::render(&input)?;
    let node = local.id.clone();
    let step = super::privileged::step(ctx, "load", super::privileged::SystemChange::Firewall(input), None)
        .preview(move || Ok(script.lines().map(str::to_string).collect()));
    let outcome = Workflow::new().step(step).execute(ctx, dry_run)?;
    if matches!(outcome, Outcome::Done(_)) {
        ctx.out.info(&format!("Loaded the firewall of {node} (table inet kato)."));
    }
    Ok(outcome)
}
