//! `kato node reattach`: follow a core that changed its address.

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

pub fn cmd_reattach(ctx: &Ctx, args: &ReattachArgs) -> Result<()> {
    if args.dry_run {
        let core = crate::model::node::parse_ip(&args.core_ip, "<core-ip>")?;
        let state = ctx.node_state()?;
        println!(
            "dry run: would point this node at the core {core} (now {})",
            state.core_ip.as_deref().unwrap_or("none")
        );
        return Ok(());
    }
    crate::ops::membership::detach::reattach(ctx, &args.core_ip)
}
