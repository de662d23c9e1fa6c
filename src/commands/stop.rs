//! `kato stop`: stop a node's roles.

use crate::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Stop all roles of a node, or the ROLEs given
#[derive(Debug, Args)]
pub struct StopArgs {
    /// Roles or role groups (default: every role of the node, and rogue processes)
    #[arg(value_name = "ROLE")]
    pub roles: Vec<String>,
    /// Act on this cluster node instead of this one
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// Show what would be stopped, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn cmd_stop(ctx: &Ctx, args: &StopArgs) -> Result<()> {
    let doc = ctx.read_cluster()?;
    let node = ctx.target_node(args.node.as_deref(), &doc)?;
    let roles = crate::lifecycle::select_roles(ctx, &doc, &node, &args.roles)?;
    if args.dry_run {
        println!("dry run: would stop roles on {node}: {}", roles.join(", "));
        return Ok(());
    }
    if args.roles.is_empty() && node == ctx.node_id()? {
        crate::lifecycle::stop_rogue(ctx, &node)?;
    }
    crate::lifecycle::stop_roles(ctx, &node, &roles)
}
