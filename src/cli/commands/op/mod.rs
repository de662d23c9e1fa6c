//! `kato op …`: operational commands.

pub mod firewall;
pub mod static_ip;

use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Subcommand;

/// Operational commands
#[derive(Debug, Subcommand)]
pub enum OpCommand {
    Firewall(firewall::FirewallArgs),
    #[command(name = "static_ip")]
    StaticIp(static_ip::StaticIpArgs),
}

impl OpCommand {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        match self {
            OpCommand::Firewall(a) => a.exec(ctx, ui),
            OpCommand::StaticIp(a) => a.exec(ctx),
        }
    }
}
