//! `kato op upstream_proxy set ADDR [-u USER -p PASS] [--no-proxy LIST] | delete`.

use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::proxy;
use anyhow::Result;
use clap::{Args, Subcommand};

/// Configure an upstream proxy server for the processes that take one
#[derive(Debug, Subcommand)]
pub enum UpstreamProxyCommand {
    /// Use the proxy at ADDR ([http://]HOST:PORT)
    Set(SetArgs),
    /// Stop using an upstream proxy
    Delete(DryRun),
}

#[derive(Debug, Args)]
pub struct DryRun {
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    #[arg(value_name = "PROXY_ADDRESS")]
    pub address: String,
    /// Proxy username (with --pass)
    #[arg(short = 'u', long = "user", value_name = "USER")]
    pub user: Option<String>,
    /// Proxy password (with --user)
    #[arg(short = 'p', long = "pass", value_name = "PASS")]
    pub pass: Option<String>,
    /// Comma separated list of domain names that should bypass the proxy
    #[arg(long = "no-proxy", value_name = "NO_PROXY")]
    pub no_proxy: Option<String>,
    #[command(flatten)]
    pub dry_run: DryRun,
}

impl UpstreamProxyCommand {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let (p, dry_run) = match self {
            UpstreamProxyCommand::Set(a) => {
                let p = proxy::parse(&a.address, a.user.as_deref(), a.pass.as_deref(), a.no_proxy.as_deref())?;
                (Some(p), a.dry_run.dry_run)
            }
            UpstreamProxyCommand::Delete(d) => (None, d.dry_run),
        };
        render::outcome(proxy::apply(ctx, p, dry_run)?);
        Ok(())
    }
}
