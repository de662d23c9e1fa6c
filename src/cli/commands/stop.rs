//! `kato stop`: stop a node's roles.

use super::role_target::RoleTarget;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Stop all roles of a node (and processes no role needs), or the ROLEs given
#[derive(Debug, Args)]
pub struct StopArgs {
    #[command(flatten)]
    pub target: RoleTarget,
}

pub fn cmd_stop(ctx: &Ctx, args: &StopArgs) -> Result<()> {
    let t = &args.target;
    let doc = ctx.read_cluster()?;
    let node = ctx.target_node(t.node.as_deref(), &doc)?;
    let roles = crate::ops::lifecycle::select_roles(ctx, &doc, &node, &t.roles)?;
    if t.dry_run {
        println!("dry run: would stop roles on {node}: {}", roles.join(", "));
        return Ok(());
    }
    if t.roles.is_empty() && node == ctx.node_id()? {
        crate::ops::lifecycle::stop_rogue(ctx, &node)?;
    }
    crate::ops::lifecycle::stop_roles(ctx, &node, &roles)
}
