//! `kato node detach`: leave the cluster and become a micro cloud.

use crate::cli::render;
use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Detach this node from its core node
#[derive(Debug, Args)]
pub struct DetachArgs {
    /// Start the micro cloud's roles afterwards
    #[arg(short = 's', long)]
    pub start: bool,
    /// Leave even when the core cannot be reached (it then still lists this node)
    #[arg(long)]
    pub force: bool,
    /// Show what would happen, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl DetachArgs {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        let outcome = crate::ops::node::detach::detach(ctx, self.start, false, self.force, self.dry_run)?;
        if let Some(Some(summary)) = render::outcome(outcome) {
            super::setup::print_summary(ui, &summary);
        }
        Ok(())
    }
}
