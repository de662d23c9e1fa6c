//! `kato op …`: operational commands.

pub mod firewall;
pub mod static_ip;

use clap::Subcommand;

/// Operational commands
#[derive(Debug, Subcommand)]
pub enum OpCommand {
    Firewall(firewall::FirewallArgs),
    #[command(name = "static_ip")]
    StaticIp(static_ip::StaticIpArgs),
}
