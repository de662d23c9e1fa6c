//! `kato op …`: operational commands.

pub mod static_ip;

use clap::Subcommand;

/// Operational commands
#[derive(Debug, Subcommand)]
pub enum OpCommand {
    #[command(name = "static_ip")]
    StaticIp(static_ip::StaticIpArgs),
}
