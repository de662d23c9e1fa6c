//! `kato start`: start a node's roles.

use crate::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Start all roles of a node, or the ROLEs given
#[derive(Debug, Args)]
pub struct StartArgs {
    /// Roles or role groups (default: every role of the node)
    #[arg(value_name = "ROLE")]
    pub roles: Vec<String>,
    /// Act on this cluster node instead of this one
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// Start only the roles recorded as started (what the boot unit runs)
    #[arg(long, conflicts_with = "roles")]
    pub boot: bool,
    /// Show what would be started, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn cmd_start(ctx: &Ctx, args: &StartArgs) -> Result<()> {
    let doc = ctx.read_cluster()?;
    let node = ctx.target_node(args.node.as_deref(), &doc)?;
    let roles = if args.boot {
        crate::processes::control::started_roles(ctx.catalog()?, &doc, &node)
    } else {
        crate::lifecycle::select_roles(ctx, &doc, &node, &args.roles)?
    };
    if args.dry_run {
        println!("dry run: would start roles on {node}: {}", roles.join(", "));
        return Ok(());
    }
    crate::lifecycle::start_roles(ctx, &node, &roles)
}
