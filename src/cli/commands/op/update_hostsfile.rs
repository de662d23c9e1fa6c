//! `kato op update_hostsfile`.

use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::system;
use anyhow::Result;
use clap::Args;

/// Map the endpoint to the controller's internal address in /etc/hosts
#[derive(Debug, Args)]
pub struct UpdateHostsfileArgs {
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl UpdateHostsfileArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(system::update_hostsfile(ctx, self.dry_run)?);
        Ok(())
    }
}
