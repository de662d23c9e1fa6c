//! `kato node reset factory|services|docker`.

use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::node::reset::{Kind, reset};
use anyhow::Result;
use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum What {
    /// Return the node to a fresh micro cloud (kato's state and the processes' data go)
    Factory,
    /// Remove the data of the data-service roles' processes
    Services,
    /// Remove docker containers (kato's processes run none: nothing to do)
    Docker,
}

/// Reset this node to its default configuration
#[derive(Debug, Args)]
pub struct ResetArgs {
    #[arg(value_enum, value_name = "WHAT")]
    pub what: What,
    /// Reset even though the node is attached to a cluster
    #[arg(long)]
    pub force: bool,
    /// Show the steps, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl ResetArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let kind = match self.what {
            What::Factory => Kind::Factory,
            What::Services => Kind::Services,
            What::Docker => Kind::Docker,
        };
        render::outcome(reset(ctx, kind, self.force, self.dry_run)?);
        Ok(())
    }
}
