//! The text of `kato status`.

use crate::cli::ui::Ui;
use crate::ops::status::ClusterStatus;

/// The original's text report of `kato status`: the roles table, then the issues table.
/// `all` shows roles no node has.
pub fn status(st: &ClusterStatus, ui: &Ui, all: bool) -> String {
    let mut out = String::new();
    let retired = if st.retired_nodes.is_empty() {
        String::new()
    } else {
        format!("Retired nodes: {}\n\n", st.retired_nodes.join(" "))
    };
    if st.total_configured_roles == 0 && !all {
        out.push_str("No roles configured on any node.\n");
        out.push_str(&retired);
        return out;
    }
    out.push_str(&format!("\n{}\n\n", ui.bold("Roles")));
    out.push_str(&format!(" {:<18} {:>8} {:>7} {:>6}\n", "ROLE", "NODES", "RUNNING", "ISSUE#"));
    out.push_str(&format!(" {:<18} {:>8} {:>7} {:>6}\n", "----", "-----", "-------", "------"));
    for (role, s) in &st.stats {
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
    if !st.process_issues.is_empty() {
        out.push_str(&format!("{}\n\n", ui.bold("Issues")));
        out.push_str(&format!(" {:>2} {:<15} {:<22} {:<8}\n", "#", "NODE", "PROCESS", "STATUS"));
        out.push_str(&format!(" {:>2} {:<15} {:<22} {:<8}\n", "--", "----", "-------", "------"));
        for i in &st.process_issues {
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
    out.push_str(&retired);
    out
}
