//! `kato op dhcp`.

use crate::cli::render;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Configure this node's networking to use DHCP
#[derive(Debug, Args)]
pub struct DhcpArgs {
    /// The interface to configure
    #[arg(long, default_value = "eth0")]
    pub interface: String,
    /// Restart networking on the interface afterwards (ifdown/ifup; system root only)
    #[arg(long = "restart-network")]
    pub restart_network: bool,
    /// Show what would be written, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl DhcpArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let o = crate::ops::node::static_ip::dhcp(ctx, &self.interface, self.restart_network, self.dry_run)?;
        render::outcome(o);
        Ok(())
    }
}
