//! `kato node setup load_balancer`: make this attached node the cluster's HTTP/S front door.

use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::setup::load_balancer::{LbOptions, setup};
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// Configure this node as an HTTPS load balancer in front of the cluster's routers
#[derive(Debug, Args)]
pub struct LoadBalancerArgs {
    /// Router addresses (default: every router node of the cluster)
    #[arg(value_name = "ROUTER_IP")]
    pub routers: Vec<String>,
    /// Remove this node's other roles without asking
    #[arg(long)]
    pub force: bool,
    /// TLS certificate (PEM); default: etc/kato/ssl/cluster.crt, made if missing
    #[arg(long, value_name = "FILE", requires = "key")]
    pub cert: Option<PathBuf>,
    /// TLS private key (PEM) for --cert
    #[arg(long, value_name = "FILE", requires = "cert")]
    pub key: Option<PathBuf>,
    #[arg(long, default_value_t = 80, help = "Port for plain HTTP (redirects to HTTPS)")]
    pub http_port: u16,
    #[arg(long, default_value_t = 443, help = "Port for HTTPS")]
    pub https_port: u16,
    /// Port every router serves HTTP on (default: each router's own, from its catalog, else 80)
    #[arg(long, value_name = "PORT")]
    pub router_port: Option<u16>,
    /// Relay TLS to the routers (TCP), which hold the certificate (needs nginx's stream module)
    #[arg(long, conflicts_with_all = ["cert", "key"])]
    pub tls_passthrough: bool,
    /// Port routers serve HTTPS on, with --tls-passthrough (default: each router's own, else 443)
    #[arg(long, value_name = "PORT", requires = "tls_passthrough")]
    pub router_tls_port: Option<u16>,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl LoadBalancerArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let opts = LbOptions {
            routers: self.routers.clone(),
            force: self.force,
            cert: self.cert.clone(),
            key: self.key.clone(),
            http_port: self.http_port,
            https_port: self.https_port,
            router_port: self.router_port,
            tls_passthrough: self.tls_passthrough,
            router_tls_port: self.router_tls_port,
        };
        render::outcome(setup(ctx, &opts, self.dry_run)?);
        Ok(())
    }
}
