//! The cluster-wide role rules, checked whenever roles change (under the store's lock, so
//! two nodes attaching at once cannot both take the only `primary`):
//! mandatory roles can be neither added nor removed; `max_per_cluster` caps a role;
//! the last node of a required role (`min_per_cluster`) is kept unless forced;
//! an exclusive role (`load_balancer`) shares its node with nothing; `micro_cloud_only`
//! roles (`mdns`) exist only on a micro cloud.

use super::Catalog;
use anyhow::Result;
use std::collections::BTreeMap;

/// Roles per node id, as stored in the registry (mandatory roles may be absent).
pub type ClusterRoles = BTreeMap<String, Vec<String>>;

fn count_with(cluster: &ClusterRoles, role: &str, except: &str) -> usize {
    cluster.iter().filter(|(n, roles)| n.as_str() != except && roles.iter().any(|r| r == role)).count()
}

/// Check that `node` may take `adding` (roles not yet on it).
pub fn check_add(
    catalog: &Catalog,
    cluster: &ClusterRoles,
    node: &str,
    micro_cloud: bool,
    adding: &[String],
) -> Result<()> {
    let current: Vec<String> = cluster.get(node).cloned().unwrap_or_default();
    let non_mandatory = |r: &&String| !catalog.is_mandatory(r);
    let after: Vec<&String> = current.iter().chain(adding.iter()).filter(non_mandatory).collect();
    for role in adding {
        let Some(def) = catalog.role(role) else {
            crate::bail_usage!("Invalid role given '{role}'");
        };
        if def.rules.mandatory {
            crate::bail_usage!("Cannot add mandatory role '{role}'");
        }
        if def.rules.micro_cloud_only && !micro_cloud {
            crate::bail_usage!("role '{role}' is only for micro clouds; this node is part of a cluster");
        }
        if let Some(max) = def.rules.max_per_cluster {
            let n = count_with(cluster, role, node);
            if n as u32 >= max {
                crate::bail_usage!(
                    "There are already {n} {role} roles configured on this cluster. Maximum allowed is {max}"
                );
            }
        }
        if def.rules.exclusive {
            let others: Vec<&str> = after.iter().filter(|r| **r != role).map(|r| r.as_str()).collect();
            if !others.is_empty() {
                crate::bail_usage!(
                    "role '{role}' cannot share a node with other roles (this node would also have: {}); \
                     use 'kato node setup {role} --force' to replace them",
                    others.join(", ")
                );
            }
        }
    }
    if let Some(excl) = after.iter().find(|r| catalog.role(r).is_some_and(|d| d.rules.exclusive)) {
        let others: Vec<&str> = after.iter().filter(|r| *r != excl).map(|r| r.as_str()).collect();
        if !others.is_empty() {
            crate::bail_usage!(
                "node {node} is a {excl} node and cannot take other roles ({}); remove '{excl}' first",
                others.join(", ")
            );
        }
    }
    Ok(())
}

/// Check that `node` may give up `removing` (roles currently on it).
pub fn check_remove(
    catalog: &Catalog,
    cluster: &ClusterRoles,
    node: &str,
    removing: &[String],
    force: bool,
) -> Result<()> {
    for role in removing {
        if catalog.is_mandatory(role) {
            crate::bail_usage!("Cannot remove mandatory role '{role}'");
        }
        let min = catalog.role(role).map_or(0, |d| d.rules.min_per_cluster) as usize;
        if min > 0 && !force {
            let remaining = count_with(cluster, role, node);
            let has_it = cluster.get(node).is_some_and(|r| r.iter().any(|x| x == role));
            if has_it && remaining < min {
                crate::bail_usage!(
                    "removing '{role}' from {node} would leave the cluster with {remaining} {role} node(s); \
                     it needs at least {min} (pass --force to remove it anyway)"
                );
            }
        }
    }
    Ok(())
}

/// Required roles (`min_per_cluster > 0`) that no node carries.
pub fn missing_required(catalog: &Catalog, cluster: &ClusterRoles) -> Vec<String> {
    catalog
        .roles
        .iter()
        .filter(|d| d.rules.min_per_cluster > 0)
        .filter(|d| count_with(cluster, &d.name, "") < d.rules.min_per_cluster as usize)
        .map(|d| d.name.clone())
        .collect()
}
