//! `kato node rename`: change this node's hostname.

use crate::cli::render;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Change this node's hostname (and the endpoint derived from it)
#[derive(Debug, Args)]
pub struct RenameArgs {
    /// The new hostname (fully qualified for a cluster; for a bare name the domain, and so
    /// the endpoint, is NAME.local)
    #[arg(value_name = "HOSTNAME")]
    pub hostname: String,
    /// Skip the remapping of existing app URLs to the new domain (kato's rename never
    /// remaps them; 'kato op remap_hosts' does)
    #[arg(short = 's', long = "skip-remap-hosts")]
    pub skip_remap_hosts: bool,
    /// Skip regenerating the SSL keys (kato's rename never regenerates them; 'kato op
    /// regenerate ssl_cert' does)
    #[arg(short = 'l', long = "skip-ssl-regeneration")]
    pub skip_ssl_regeneration: bool,
    /// Do not restart roles afterwards
    #[arg(short = 'r', long = "no-restart")]
    pub no_restart: bool,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl RenameArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(crate::ops::node::rename::rename(ctx, &self.hostname, self.no_restart, self.dry_run)?);
        Ok(())
    }
}
