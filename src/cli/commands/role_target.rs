//! The arguments `kato start`, `stop` and `restart` share: which roles, on which node.

use clap::Args;

#[derive(Debug, Args)]
pub struct RoleTarget {
    /// Roles or role groups (default: every role of the node)
    #[arg(value_name = "ROLE")]
    pub roles: Vec<String>,
    /// Act on this cluster node instead of this one
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// Show what would be done, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}
