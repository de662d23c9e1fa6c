//! `kato node setup core`: make this node the core of a new cluster.

use crate::cli::render;
use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use crate::ops::setup::core::{CoreOptions, CoreReport, setup};
use anyhow::Result;
use clap::Args;

/// Configure this node as the core node of a cluster
#[derive(Debug, Args)]
pub struct CoreArgs {
    /// The API endpoint (must begin with "api."); derived from the hostname when left out
    pub endpoint: Option<String>,
    /// Re-initialise even if this node is already a configured core
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub checked: crate::cli::commands::Checked,
}

impl CoreArgs {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        let opts = CoreOptions {
            endpoint: self.endpoint.clone(),
            force: self.force,
            skip_preflight: self.checked.skip_preflight.clone(),
        };
        match render::outcome(setup(ctx, &opts, self.checked.dry_run)?) {
            Some(CoreReport::Already { endpoint, ip }) => {
                ui.info(&format!("This node is already configured as the core of {endpoint} ({ip})."))
            }
            Some(CoreReport::Configured(summary)) => super::print_summary(ui, &summary),
            None => {}
        }
        Ok(())
    }
}
