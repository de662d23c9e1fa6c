//! `kato restart`: stop then start a node's roles.

use crate::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Restart all roles of a node, or the ROLEs given
#[derive(Debug, Args)]
pub struct RestartArgs {
    /// Roles or role groups (default: every role of the node)
    #[arg(value_name = "ROLE")]
    pub roles: Vec<String>,
    /// Act on this cluster node instead of this one
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// Show what would be restarted, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn cmd_restart(ctx: &Ctx, args: &RestartArgs) -> Result<()> {
    let doc = ctx.read_cluster()?;
    let node = ctx.target_node(args.node.as_deref(), &doc)?;
    let roles = crate::lifecycle::select_roles(ctx, &doc, &node, &args.roles)?;
    if args.dry_run {
        println!("dry run: would restart roles on {node}: {}", roles.join(", "));
        return Ok(());
    }
    crate::lifecycle::stop_roles_with(ctx, &node, &roles, true)?;
    crate::lifecycle::start_roles(ctx, &node, &roles)
}
