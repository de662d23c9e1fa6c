//! `kato node attach`: join this node to a core.

use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::node::attach::{AttachOptions, attach};
use anyhow::Result;
use clap::Args;

/// Attach this node to a core node
#[derive(Debug, Args)]
pub struct AttachArgs {
    /// The core node's address
    #[arg(value_name = "CORE_IP")]
    pub core_ip: String,
    /// Roles to enable (comma-separated; ROLE, ROLE+ or ROLE-; groups and "all" work)
    #[arg(short = 'e', long = "enable", value_name = "ROLES")]
    pub enable: Vec<String>,
    /// Do not start the roles' processes
    #[arg(short = 's', long = "no-start")]
    pub no_start: bool,
    /// Attach even if this node's version differs from the core's
    #[arg(short = 'f', long)]
    pub force: bool,
    #[command(flatten)]
    pub checked: crate::cli::commands::Checked,
}

impl AttachArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let opts = AttachOptions {
            core: self.core_ip.clone(),
            enable: self.enable.clone(),
            no_start: self.no_start,
            force: self.force,
            skip_preflight: self.checked.skip_preflight.clone(),
        };
        render::outcome(attach(ctx, &opts, self.checked.dry_run)?);
        Ok(())
    }
}
