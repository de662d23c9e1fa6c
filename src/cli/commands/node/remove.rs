//! `kato node remove`: take nodes out of the cluster (run on the core).

use crate::cli::render;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Remove nodes from the cluster
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Addresses of the nodes to remove
    #[arg(value_name = "NODE_IP", required = true)]
    pub nodes: Vec<String>,
    /// Do not ask the nodes to detach (for nodes that no longer exist)
    #[arg(short = 's', long = "skip-detach")]
    pub skip_detach: bool,
    /// Show what would be removed, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl RemoveArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(crate::ops::node::remove::remove(ctx, &self.nodes, self.skip_detach, self.dry_run)?);
        Ok(())
    }
}
