//! `kato start`: start a node's roles.

use super::role_target::RoleTarget;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Start all roles of a node, or the ROLEs given
#[derive(Debug, Args)]
pub struct StartArgs {
    #[command(flatten)]
    pub target: RoleTarget,
    /// Start only the roles recorded as started (what the boot unit runs)
    #[arg(long, conflicts_with = "roles")]
    pub boot: bool,
}

pub fn cmd_start(ctx: &Ctx, args: &StartArgs) -> Result<()> {
    let t = &args.target;
    let doc = ctx.read_cluster()?;
    let node = ctx.target_node(t.node.as_deref(), &doc)?;
    let roles = if args.boot {
        crate::ops::processes::control::started_roles(ctx.catalog()?, &doc, &node)
    } else {
        crate::ops::lifecycle::select_roles(ctx, &doc, &node, &t.roles)?
    };
    if t.dry_run {
        println!("dry run: would start roles on {node}: {}", roles.join(", "));
        return Ok(());
    }
    crate::ops::lifecycle::start_roles(ctx, &node, &roles)
}
