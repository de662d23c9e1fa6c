//! `kato node version [NODE]` and `kato node update`.

use crate::cli::render;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Print the version of this node, or of a cluster node
#[derive(Debug, Args)]
pub struct VersionArgs {
    /// The node to ask (over SSH)
    #[arg(value_name = "NODE_IP")]
    pub node: Option<String>,
}

/// Update IP references in config (after this node's address changed)
#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl VersionArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        crate::outln!("{}", crate::ops::node::version::version(ctx, self.node.as_deref())?);
        Ok(())
    }
}

impl UpdateArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(crate::ops::node::version::update(ctx, self.dry_run)?);
        Ok(())
    }
}
