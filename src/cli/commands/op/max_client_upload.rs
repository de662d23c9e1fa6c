//! `kato op max_client_upload`.

use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::system;
use anyhow::Result;
use clap::Args;

/// Set the maximum upload size in MB from clients
#[derive(Debug, Args)]
pub struct MaxClientUploadArgs {
    /// The limit in MB (more than 1)
    #[arg(value_name = "MAX_SIZE")]
    pub max_size: u64,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl MaxClientUploadArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(system::max_client_upload(ctx, self.max_size, self.dry_run)?);
        Ok(())
    }
}
