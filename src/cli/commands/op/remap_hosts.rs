//! `kato op remap_hosts`.

use crate::cli::render;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Change the default shared domain in the cluster's configuration values
#[derive(Debug, Args)]
pub struct RemapHostsArgs {
    #[arg(value_name = "OLD_HOSTNAME")]
    pub old: String,
    #[arg(value_name = "NEW_HOSTNAME")]
    pub new: String,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl RemapHostsArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(crate::ops::remap::remap_hosts(ctx, &self.old, &self.new, self.dry_run)?);
        Ok(())
    }
}
