//! `kato status`: roles and their process issues across the cluster.

use crate::cli::render::{self, Format, FormatArgs};
use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// List configured roles and their current status across the cluster
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Show all roles, including roles no node has
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Only ask this node
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    #[command(flatten)]
    pub format: FormatArgs,
}

impl StatusArgs {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        let report = crate::ops::status::status(ctx, self.node.as_deref())?;
        for (node, why) in &report.unreachable {
            ui.warn(&format!("Could not determine process status on {node}: {why}"));
        }
        match self.format.format() {
            Format::Text => crate::out!("{}", render::status::status(&report.status, ui, self.all)),
            f => crate::out!("{}", render::structured(f, &report.status)?),
        }
        // The report is shown whole; a node that could not be asked makes it incomplete.
        if report.unreachable.is_empty() { Ok(()) } else { Err(crate::error::silent(1)) }
    }
}
