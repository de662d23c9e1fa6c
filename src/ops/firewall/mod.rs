//! Per-node firewall: the cluster's port matrix as data ([`ports`]) and its rendering into an
//! nftables ruleset that `nft -f` loads atomically ([`nftables`]).

pub mod render;

use crate::model::catalog::Catalog;
use crate::model::store::{Document, components, registry};

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
    (render::FirewallInput { node_ip: node.to_string(), node_roles, cluster, service_ranges }, unknown)
}
