//! `kato node detach`: leave the cluster and become a micro cloud.

use crate::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Detach this node from its core node
#[derive(Debug, Args)]
pub struct DetachArgs {
    /// Start the micro cloud's roles afterwards
    #[arg(short = 's', long)]
    pub start: bool,
}

pub fn cmd_detach(ctx: &Ctx, args: &DetachArgs) -> Result<()> {
    crate::membership::detach::detach(ctx, args.start, false)
}
