//! `kato node retire`: take a node out of service gracefully.

use crate::cli::render;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Gracefully retire a node: its processes finish their work, then its roles stop
#[derive(Debug, Args)]
pub struct RetireArgs {
    /// Retire this node instead of this one
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// Show the steps, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl RetireArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(crate::ops::node::retire::retire(ctx, self.node.as_deref(), self.dry_run)?);
        Ok(())
    }
}
