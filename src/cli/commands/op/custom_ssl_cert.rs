//! `kato op custom_ssl_cert install|remove|list`.

use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::ssl_cert;
use anyhow::Result;
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// Custom SSL certificates for the router and the load balancer
#[derive(Debug, Subcommand)]
pub enum CustomSslCertCommand {
    /// Install a certificate and its key for DOMAIN
    Install(InstallArgs),
    /// Remove the certificate of DOMAIN
    Remove(RemoveArgs),
    /// List the installed certificates
    List,
}

#[derive(Debug, Args)]
pub struct InstallArgs {
    #[arg(value_name = "KEY_PATH")]
    pub key: PathBuf,
    #[arg(value_name = "CERT_PATH")]
    pub cert: PathBuf,
    #[arg(value_name = "DOMAIN")]
    pub domain: String,
    /// Wildcard SSL certificate (covers the subdomains of DOMAIN)
    #[arg(long = "wildcard-subdomains")]
    pub wildcard: bool,
    /// Update an existing SSL certificate
    #[arg(long)]
    pub update: bool,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct RemoveArgs {
    #[arg(value_name = "DOMAIN")]
    pub domain: String,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl CustomSslCertCommand {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let outcome = match self {
            CustomSslCertCommand::Install(a) => {
                ssl_cert::install(ctx, &a.key, &a.cert, &a.domain, a.wildcard, a.update, a.dry_run)?
            }
            CustomSslCertCommand::Remove(a) => ssl_cert::remove(ctx, &a.domain, a.dry_run)?,
            CustomSslCertCommand::List => {
                for (domain, cert, key, wild) in ssl_cert::installed(ctx)? {
                    crate::outln!("{domain}{}: {cert} {key}", if wild { " (wildcard)" } else { "" });
                }
                return Ok(());
            }
        };
        render::outcome(outcome);
        Ok(())
    }
}
