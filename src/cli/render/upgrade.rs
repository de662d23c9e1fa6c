//! The text of `kato node upgrade --status`.

use crate::cli::render::Format;
use crate::cli::ui::Ui;
use crate::ops::upgrade::{NodeStatus, Plan};
use anyhow::Result;

/// Print `--status` in the format asked for.
pub fn show_status(p: Option<&Plan>, format: Format, ui: &Ui) -> Result<()> {
    let text = match format {
        Format::Text => plan(p, ui),
        f => super::structured(f, &p)?,
    };
    crate::out!("{text}");
    Ok(())
}

pub fn plan(plan: Option<&Plan>, ui: &Ui) -> String {
    let Some(p) = plan else { return "No upgrade has run on this core.\n".to_string() };
    let mut out = format!("Upgrade to kato {} ({})\n", p.version, p.bundle.display());
    out.push_str(&format!(" {:<15} {:<8} {:<10} {}\n", "NODE", "STATUS", "FROM", "ERROR"));
    for n in &p.nodes {
        let status = match n.status {
            NodeStatus::Done => ui.green("done    "),
            NodeStatus::Staged => ui.yellow("staged  "),
            NodeStatus::Pending => ui.yellow("pending "),
            NodeStatus::Failed => ui.red("failed  "),
        };
        out.push_str(&format!(
            " {:<15} {status} {:<10} {}\n",
            n.node,
            n.from.as_deref().unwrap_or("-"),
            n.error.as_deref().unwrap_or("")
        ));
    }
    out
}
