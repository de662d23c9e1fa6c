//! `kato node reattach`: follow a core that changed its address.

use crate::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Point this node at its core's new address (after 'kato node migrate' on the core)
#[derive(Debug, Args)]
pub struct ReattachArgs {
    /// The core node's new address
    #[arg(value_name = "CORE_IP")]
    pub core_ip: String,
}

pub fn cmd_reattach(ctx: &Ctx, args: &ReattachArgs) -> Result<()> {
    crate::membership::detach::reattach(ctx, &args.core_ip)
}
