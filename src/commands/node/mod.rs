//! `kato node …`: setting up, attaching and managing cluster nodes.

pub mod list;
pub mod setup;

use clap::Subcommand;

/// Node management
#[derive(Debug, Subcommand)]
pub enum NodeCommand {
    List(list::ListArgs),
    /// Configure this node as a core, a micro cloud or a load balancer
    #[command(subcommand)]
    Setup(setup::SetupCommand),
}

impl NodeCommand {
    pub fn changes_state(&self) -> bool {
        match self {
            NodeCommand::Setup(s) => s.changes_state(),
            NodeCommand::List(_) => false,
        }
    }
}
