//! `kato node setup micro`: make this node a self-contained micro cloud.

use crate::model::node::NodeType;
use crate::ops::context::Ctx;
use crate::ops::membership::micro::{MicroOptions, configure};
use anyhow::Result;
use clap::Args;

/// Configure this node as a micro cloud
#[derive(Debug, Args)]
pub struct MicroArgs {
    /// Role updates (ROLE, ROLE+ or ROLE-); default: the "microcloud" group
    #[arg(value_name = "ROLE")]
    pub roles: Vec<String>,
    /// Delete the old configuration and re-initialise everything
    #[arg(short = 'd', long)]
    pub delete: bool,
    /// Do not start the roles' processes
    #[arg(short = 's', long = "no-start")]
    pub no_start: bool,
    /// Show what would be done, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn cmd_micro(ctx: &Ctx, args: &MicroArgs) -> Result<()> {
    let state = ctx.node_state()?;
    if state.node_type == NodeType::Node {
        crate::bail_usage!(
            "this node is attached to the core at {}; run 'kato node detach' instead",
            state.core_ip.as_deref().unwrap_or("?")
        );
    }
    configure(
        ctx,
        &MicroOptions {
            updates: args.roles.clone(),
            delete: args.delete,
            no_start: args.no_start,
            dry_run: args.dry_run,
        },
    )
}
