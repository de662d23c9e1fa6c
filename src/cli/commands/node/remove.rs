//! `kato node remove`: take nodes out of the cluster (run on the core).

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

pub fn cmd_remove(ctx: &Ctx, args: &RemoveArgs) -> Result<()> {
    crate::ops::membership::remove::remove(ctx, &args.nodes, args.skip_detach, args.dry_run)
}
