//! `kato node detach`: leave the cluster and become a micro cloud.

use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Detach this node from its core node
#[derive(Debug, Args)]
pub struct DetachArgs {
    /// Start the micro cloud's roles afterwards
    #[arg(short = 's', long)]
    pub start: bool,
    /// Show what would happen, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn cmd_detach(ctx: &Ctx, args: &DetachArgs) -> Result<()> {
    if args.dry_run {
        let state = ctx.node_state()?;
        match (&state.node_type, &state.core_ip) {
            (crate::model::node::NodeType::Node, Some(core)) => {
                println!(
                    "dry run: would stop this node's processes, leave the cluster of {core} and become a micro cloud"
                )
            }
            _ => anyhow::bail!("This node is not attached to a core node"),
        }
        return Ok(());
    }
    crate::ops::membership::detach::detach(ctx, args.start, false)
}
