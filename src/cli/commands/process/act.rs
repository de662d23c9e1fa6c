//! `kato process start|stop|restart`.

use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::remote::ProcessAction;
use anyhow::Result;
use clap::Args;

#[derive(Debug, Args)]
pub struct ActArgs {
    /// Process names, or "all"
    #[arg(value_name = "PROCESS")]
    pub processes: Vec<String>,
    /// Act on this cluster node instead of this one
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// Show what would be done, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl ActArgs {
    pub fn exec(&self, ctx: &Ctx, action: ProcessAction) -> Result<()> {
        let outcome = crate::ops::process::control(ctx, action, self.node.as_deref(), &self.processes, self.dry_run)?;
        render::outcome(outcome);
        Ok(())
    }
}
