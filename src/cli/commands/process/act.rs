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

/// Restart processes of this node (all when none are named), or with -c on every node
#[derive(Debug, Args)]
pub struct RestartArgs {
    #[command(flatten)]
    pub act: ActArgs,
    /// Restart the processes on every node of the cluster where they are configured
    #[arg(short = 'c', long = "cluster", conflicts_with = "node")]
    pub cluster: bool,
}

impl RestartArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        if !self.cluster {
            return self.act.exec(ctx, ProcessAction::Restart);
        }
        let a = &self.act;
        render::outcome(crate::ops::process::control_cluster(ctx, ProcessAction::Restart, &a.processes, a.dry_run)?);
        Ok(())
    }
}
