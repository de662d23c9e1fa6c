//! `kato op generate_service_tokens`.

use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::system;
use anyhow::Result;
use clap::Args;

/// Generate auth tokens for services (those still without one)
#[derive(Debug, Args)]
pub struct GenerateServiceTokensArgs {
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl GenerateServiceTokensArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(system::generate_service_tokens(ctx, self.dry_run)?);
        Ok(())
    }
}
