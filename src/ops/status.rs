//! The cluster status report: for every node, every assigned process that is not RUNNING
//! (or DISABLED) is an issue; rogue processes too; unreachable nodes are "down". Rendered
//! as the original's roles table and issues table, or as its JSON structure.

use super::cluster::NodeReport;
use super::context::Ctx;
use crate::model::catalog::Catalog;
use crate::model::store::{Document, registry};
use crate::ops::processes::state::ProcState;
use serde::Serialize;
use serde_json::{Map, Value, json};

#[derive(Debug, Clone, Serialize)]
pub struct Issue {
    pub process_name: String,
    pub state: &'static str,
    pub node_id: String,
    pub id: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoleStats {
    pub node_ids: Vec<String>,
    pub issue_node_ids: Vec<String>,
    pub issues: Vec<Issue>,
    pub required: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClusterStatus {
    pub process_issues: Vec<Issue>,
    pub roles_stats: Map<String, Value>,
    pub down_nodes: Vec<String>,
    /// Nodes taken out of service with `kato node retire` (neither running nor failed).
    /// Left out of the JSON when there are none, so the original's shape is kept.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub retired_nodes: Vec<String>,
    pub total_configured_roles: usize,
    #[serde(skip)]
    pub stats: Vec<(String, RoleStats)>,
}

pub fn compute(catalog: &Catalog, doc: &Document, reports: &[(String, NodeReport)]) -> ClusterStatus {
    let mut issues: Vec<Issue> = Vec::new();
    let mut down = Vec::new();
    let retired: Vec<String> =
        reports.iter().map(|(n, _)| n.clone()).filter(|n| super::node::retire::is_retired(doc, n)).collect();
    for (node, report) in reports.iter().filter(|(n, _)| !retired.contains(n)) {
        match report {
            Ok(states) => {
                for s in states.iter().filter(|s| !s.state.is_fine()) {
                    issues.push(Issue {
                        process_name: s.name.clone(),
                        state: s.state.as_str(),
                        node_id: node.clone(),
                        id: issues.len() + 1,
                    });
                }
            }
            Err(_) => {
                down.push(node.clone());
                let roles = crate::ops::processes::assigned_roles(catalog, doc, node);
                for p in crate::ops::processes::processes_for(catalog, &roles) {
                    issues.push(Issue {
                        process_name: p.name.clone(),
                        state: ProcState::Stopped.as_str(),
                        node_id: node.clone(),
                        id: issues.len() + 1,
                    });
                }
            }
        }
    }
    // Only the nodes asked count: a node that was not asked is neither running nor down.
    let nodes: Vec<String> = registry::node_ids(doc)
        .into_iter()
        .filter(|n| reports.iter().any(|(r, _)| r == n) && !retired.contains(n))
        .collect();
    let mut stats = Vec::new();
    let mut configured = 0;
    for role in &catalog.roles {
        let node_ids: Vec<String> = nodes
            .iter()
            .filter(|n| role.rules.mandatory || registry::role_names_of(doc, n).contains(&role.name))
            .cloned()
            .collect();
        if !node_ids.is_empty() {
            configured += 1;
        }
        let mut procs: Vec<&str> = catalog.processes_of(&role.name).iter().map(|p| p.name.as_str()).collect();
        procs.extend(catalog.problems_of(std::slice::from_ref(&role.name)).iter().map(|p| p.process.as_str()));
        // A role with no process on a node is an issue of that role (named by the role).
        let of_role = |i: &Issue| {
            if i.state == ProcState::Missing.as_str() {
                i.process_name == role.name
            } else {
                procs.contains(&i.process_name.as_str())
            }
        };
        let role_issues: Vec<Issue> =
            issues.iter().filter(|i| node_ids.contains(&i.node_id) && of_role(i)).cloned().collect();
        let mut issue_node_ids: Vec<String> = role_issues.iter().map(|i| i.node_id.clone()).collect();
        issue_node_ids.dedup();
        stats.push((
            role.name.clone(),
            RoleStats { node_ids, issue_node_ids, issues: role_issues, required: role.rules.min_per_cluster > 0 },
        ));
    }
    let roles_stats = stats.iter().map(|(r, s)| (r.clone(), json!(s))).collect();
    ClusterStatus {
        process_issues: issues,
        roles_stats,
        down_nodes: down,
        retired_nodes: retired,
        total_configured_roles: configured,
        stats,
    }
}

/// The cluster's status, and the nodes that could not be asked (with why).
#[derive(Debug, Clone)]
pub struct StatusReport {
    pub status: ClusterStatus,
    pub unreachable: Vec<(String, String)>,
}

/// Ask every node (or only `node`) for its process states.
pub fn status(ctx: &Ctx, node: Option<&str>) -> anyhow::Result<StatusReport> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let nodes = match node {
        Some(n) => vec![local.target_node(Some(n), &doc)?],
        None => registry::node_ids(&doc),
    };
    let reports = super::cluster::node_reports(ctx, &local, &doc, &nodes)?;
    let status = compute(&local.catalog, &doc, &reports);
    let unreachable = reports.into_iter().filter_map(|(n, r)| r.err().map(|why| (n, why))).collect();
    Ok(StatusReport { status, unreachable })
}
