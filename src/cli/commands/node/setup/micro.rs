//! `kato node setup micro`: make this node a self-contained micro cloud.

use crate::cli::render;
use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use crate::ops::setup::micro::{MicroOptions, setup};
use anyhow::Result;
use clap::Args;

/// Configure this node as a micro cloud
#[derive(Debug, Args)]
pub struct MicroArgs {
    /// Role updates (ROLE, ROLE+ or ROLE-); default: the "microcloud" group
    #[arg(value_name = "ROLE")]
    pub roles: Vec<String>,
    /// Delete the old configuration and re-initialise everything
    #[arg(short = 'd', long)]
    pub delete: bool,
    /// Do not start the roles' processes
    #[arg(short = 's', long = "no-start")]
    pub no_start: bool,
    /// Discard the cluster's other nodes and settings without asking
    #[arg(long)]
    pub force: bool,
    /// Show what would be done, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl MicroArgs {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        let opts = MicroOptions {
            updates: self.roles.clone(),
            delete: self.delete,
            no_start: self.no_start,
            force: self.force,
        };
        if let Some(Some(summary)) = render::outcome(setup(ctx, &opts, self.dry_run)?) {
            super::print_summary(ui, &summary);
        }
        Ok(())
    }
}
