//! `kato node reattach`: follow a core that changed its address.

use crate::cli::render;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Point this node at its core's new address (after 'kato node migrate' on the core)
#[derive(Debug, Args)]
pub struct ReattachArgs {
    /// The core node's new address
    #[arg(value_name = "CORE_IP")]
    pub core_ip: String,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl ReattachArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(crate::ops::node::detach::reattach(ctx, &self.core_ip, self.dry_run)?);
        Ok(())
    }
}
