//! `kato node migrate`: move a node's configuration to a new address (run on the core).

use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::node::migrate::{MigrateOptions, migrate};
use anyhow::Result;
use clap::Args;

/// Replace every reference to a node's old address by its new one
#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The node's old address
    #[arg(value_name = "OLD_IP")]
    pub old_ip: String,
    /// The node's new address
    #[arg(value_name = "NEW_IP")]
    pub new_ip: String,
    /// When the core itself moved, re-point every attached node at it over SSH
    #[arg(long)]
    pub reattach_all: bool,
    /// Do not restart roles after the migration
    #[arg(short = 'r', long = "no-restart")]
    pub no_restart: bool,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl MigrateArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let opts = MigrateOptions {
            old: self.old_ip.clone(),
            new: self.new_ip.clone(),
            reattach_all: self.reattach_all,
            no_restart: self.no_restart,
        };
        render::outcome(migrate(ctx, &opts, self.dry_run)?);
        Ok(())
    }
}
