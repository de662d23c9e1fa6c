//! `kato op defer` and `kato op run_deferred`: kato commands kept to run at the next boot
//! (`kato start --boot`), before the roles start or after the processes are up.

use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::deferred::{self, Deferred};
use anyhow::Result;
use clap::Args;

/// Defer a kato command to be run (by 'op run_deferred') when the system is rebooted
#[derive(Debug, Args)]
pub struct DeferArgs {
    /// The kato command, without the leading 'kato' (one quoted argument)
    #[arg(value_name = "COMMAND", required_unless_present = "reset", conflicts_with = "reset")]
    pub command: Option<String>,
    /// Run the deferred command as root
    #[arg(long = "run-as-root")]
    pub run_as_root: bool,
    /// Clear the list of deferred commands
    #[arg(long)]
    pub reset: bool,
    /// Run the deferred command after all processes managed by kato have started
    #[arg(long = "post-start")]
    pub post_start: bool,
    /// Show what would be done, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Run deferred commands saved with 'kato op defer'
#[derive(Debug, Args)]
pub struct RunDeferredArgs {
    /// Run the commands deferred until all processes managed by kato have started
    #[arg(long = "post-start")]
    pub post_start: bool,
}

impl DeferArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let Some(command) = &self.command else {
            render::outcome(deferred::reset(ctx, self.dry_run)?);
            return Ok(());
        };
        let args = crate::cli::input::kato_command(command)?;
        let entry = Deferred { args, run_as_root: self.run_as_root, post_start: self.post_start };
        render::outcome(deferred::defer(ctx, entry, self.dry_run)?);
        Ok(())
    }
}

impl RunDeferredArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        deferred::run(ctx, self.post_start)?;
        Ok(())
    }
}
