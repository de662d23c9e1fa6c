//! `kato op regenerate`.

use crate::cli::render;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Regenerate what kato owns: the cluster's SSL certificate (ssl_cert, or all)
#[derive(Debug, Args)]
pub struct RegenerateArgs {
    /// ssl_cert or all (the original's other targets belong to components kato does not run)
    #[arg(value_name = "WHAT")]
    pub what: String,
    /// Do not ask before regenerating
    #[arg(short = 'n', long = "no-prompt", visible_short_alias = 'y')]
    pub no_prompt: bool,
    /// Do not restart processes (kato restarts none here)
    #[arg(short = 'r', long = "no-restart")]
    pub no_restart: bool,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl RegenerateArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(crate::ops::regenerate::regenerate(ctx, &self.what, self.no_prompt, self.dry_run)?);
        Ok(())
    }
}
