//! `kato process list|start|stop|restart|ready`: individual processes of a node.

pub mod act;
pub mod list;
pub mod ready;

use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use crate::ops::remote::ProcessAction;
use anyhow::Result;
use clap::Subcommand;

/// Start, stop or inspect individual processes (roles are usually the better handle)
#[derive(Debug, Subcommand)]
pub enum ProcessCommand {
    List(list::ListArgs),
    /// Start processes of this node (all when none are named)
    Start(act::ActArgs),
    /// Stop processes of this node (all when none are named)
    Stop(act::ActArgs),
    Restart(act::RestartArgs),
    Ready(ready::ReadyArgs),
}

impl ProcessCommand {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        match self {
            ProcessCommand::List(a) => a.exec(ctx, ui),
            ProcessCommand::Start(a) => a.exec(ctx, ProcessAction::Start),
            ProcessCommand::Stop(a) => a.exec(ctx, ProcessAction::Stop),
            ProcessCommand::Restart(a) => a.exec(ctx),
            ProcessCommand::Ready(a) => a.exec(ctx),
        }
    }
}
