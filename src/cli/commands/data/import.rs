//! `kato data import`.

use super::ModeArgs;
use crate::cli::render;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// Import an export made by 'kato data export' (checked whole before anything changes)
#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub mode: ModeArgs,
    /// The export file
    #[arg(value_name = "SOURCE")]
    pub source: PathBuf,
    /// Check the archive and show the steps, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl ImportArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(crate::ops::data::import(ctx, self.mode.mode(ctx)?, &self.source, self.dry_run)?);
        Ok(())
    }
}
