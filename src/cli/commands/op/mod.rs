//! `kato op …`: operational commands.

pub mod defer;
pub mod firewall;
pub mod static_ip;

use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Subcommand;

/// Operational commands
#[derive(Debug, Subcommand)]
pub enum OpCommand {
    Defer(defer::DeferArgs),
    Firewall(firewall::FirewallArgs),
    #[command(name = "run_deferred")]
    RunDeferred(defer::RunDeferredArgs),
    #[command(name = "static_ip")]
    StaticIp(static_ip::StaticIpArgs),
}

impl OpCommand {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        match self {
            OpCommand::Defer(a) => a.exec(ctx),
            OpCommand::Firewall(a) => a.exec(ctx, ui),
            OpCommand::RunDeferred(a) => a.exec(ctx),
            OpCommand::StaticIp(a) => a.exec(ctx),
        }
    }
}
