//! `kato node attach`: join this node to a core.

use crate::ops::context::Ctx;
use crate::ops::membership::attach::{AttachOptions, attach};
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
    /// Skip a named preflight check (repeatable)
    #[arg(long = "skip-preflight", value_name = "NAME")]
    pub skip_preflight: Vec<String>,
    /// Show the steps, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn cmd_attach(ctx: &Ctx, args: &AttachArgs) -> Result<()> {
    attach(
        ctx,
        &AttachOptions {
            core: args.core_ip.clone(),
            enable: args.enable.clone(),
            no_start: args.no_start,
            force: args.force,
            skip_preflight: args.skip_preflight.clone(),
            dry_run: args.dry_run,
        },
    )
}
