//! The cluster status report: for every node, every assigned process that is not RUNNING
//! (or DISABLED) is an issue; rogue processes too; unreachable nodes are "down". Rendered
//! as the original's roles table and issues table, or as its JSON structure.

use crate::cli::ui::Ui;
use crate::model::catalog::Catalog;
use crate::model::store::{Document, registry};
use crate::ops::processes::state::{ProcState, ProcessStatus};
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
    pub total_configured_roles: usize,
    #[serde(skip)]
    stats: Vec<(String, RoleStats)>,
}

/// What was learnt about one node: its process states, or why it could not be asked.
pub type NodeReport = Result<Vec<ProcessStatus>, String>;

pub fn compute(catalog: &Catalog, doc: &Document, reports: &[(String, NodeReport)]) -> ClusterStatus {
    let mut issues: Vec<Issue> = Vec::new();
    let mut down = Vec::new();
    for (node, report) in reports {
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
    let nodes = registry::node_ids(doc);
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
        let procs: Vec<&str> = catalog.processes_of(&role.name).iter().map(|p| p.name.as_str()).collect();
        let role_issues: Vec<Issue> = issues
            .iter()
            .filter(|i| node_ids.contains(&i.node_id) && procs.contains(&i.process_name.as_str()))
            .cloned()
            .collect();
        let mut issue_node_ids: Vec<String> = role_issues.iter().map(|i| i.node_id.clone()).collect();
        issue_node_ids.dedup();
        stats.push((
            role.name.clone(),
            RoleStats { node_ids, issue_node_ids, issues: role_issues, required: role.rules.min_per_cluster > 0 },
        ));
    }
    let roles_stats = stats.iter().map(|(r, s)| (r.clone(), json!(s))).collect();
    ClusterStatus { process_issues: issues, roles_stats, down_nodes: down, total_configured_roles: configured, stats }
}

impl ClusterStatus {
    /// The original's text report. `all` shows roles no node has.
    pub fn render(&self, ui: &Ui, all: bool) -> String {
        let mut out = String::new();
        if self.total_configured_roles == 0 && !all {
            out.push_str("No roles configured on any node.\n");
            return out;
        }
        out.push_str(&format!("\n{}\n\n", ui.bold("Roles")));
        out.push_str(&format!(" {:<18} {:>8} {:>7} {:>6}\n", "ROLE", "NODES", "RUNNING", "ISSUE#"));
        out.push_str(&format!(" {:<18} {:>8} {:>7} {:>6}\n", "----", "-----", "-------", "------"));
        for (role, s) in &self.stats {
            if s.node_ids.is_empty() && !all && !s.required {
                continue;
            }
            let only_starting = !s.issues.is_empty() && s.issues.iter().all(|i| i.state == "STARTING");
            let (issue_text, name) = if s.node_ids.is_empty() && s.required {
                (ui.red(&format!("{:>6}", "required")), ui.red(&format!("{role:<18}")))
            } else if s.issues.is_empty() {
                (ui.green(&format!("{:>6}", "none")), ui.green(&format!("{role:<18}")))
            } else {
                let ids: Vec<String> = s.issues.iter().map(|i| i.id.to_string()).collect();
                let text = format!("{:>6}", ids.join(" "));
                if only_starting {
                    (ui.yellow(&text), ui.yellow(&format!("{role:<18}")))
                } else {
                    (ui.red(&text), ui.red(&format!("{role:<18}")))
                }
            };
            let running = s.node_ids.iter().filter(|n| !s.issue_node_ids.contains(n)).count();
            out.push_str(&format!(" {name} {:>8} {:>7} {issue_text}\n", s.node_ids.len(), running));
        }
        out.push('\n');
        if !self.process_issues.is_empty() {
            out.push_str(&format!("{}\n\n", ui.bold("Issues")));
            out.push_str(&format!(" {:>2} {:<15} {:<22} {:<8}\n", "#", "NODE", "PROCESS", "STATUS"));
            out.push_str(&format!(" {:>2} {:<15} {:<22} {:<8}\n", "--", "----", "-------", "------"));
            for i in &self.process_issues {
                let paint = |s: &str| {
                    if i.state == "STARTING" { ui.yellow(s) } else { ui.red(s) }
                };
                out.push_str(&format!(
                    " {} {:<15} {:<22} {}\n",
                    paint(&format!("{:>2}", i.id)),
                    i.node_id,
                    i.process_name,
                    paint(&format!("{:<8}", i.state))
                ));
            }
            out.push('\n');
        }
        out
    }
}
