//! `kato restart`: stop then start a node's roles.

use super::role_target::RoleTarget;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Restart all roles of a node, or the ROLEs given
#[derive(Debug, Args)]
pub struct RestartArgs {
    #[command(flatten)]
    pub target: RoleTarget,
}

pub fn cmd_restart(ctx: &Ctx, args: &RestartArgs) -> Result<()> {
    let t = &args.target;
    let doc = ctx.read_cluster()?;
    let node = ctx.target_node(t.node.as_deref(), &doc)?;
    let roles = crate::ops::lifecycle::select_roles(ctx, &doc, &node, &t.roles)?;
    if t.dry_run {
        println!("dry run: would restart roles on {node}: {}", roles.join(", "));
        return Ok(());
    }
    crate::ops::lifecycle::stop_roles_with(ctx, &node, &roles, true)?;
    crate::ops::lifecycle::start_roles(ctx, &node, &roles)
}
