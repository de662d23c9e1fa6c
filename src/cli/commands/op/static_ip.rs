//! `kato op static_ip`: configure a static IPv4 address (prompts on a terminal, flags for
//! scripts) and migrate the cluster's references to it.

use crate::cli::input::{ip_flag, ip_list, list};
use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::node::static_ip::{StaticIp, apply};
use anyhow::Result;
use clap::Args;

/// Configure this node to use a static IP address
#[derive(Debug, Args)]
pub struct StaticIpArgs {
    /// The interface to configure
    #[arg(long, default_value = "eth0")]
    pub interface: String,
    /// The new address
    #[arg(long, value_name = "IP")]
    pub ip: Option<String>,
    /// The netmask in dotted notation (e.g. 255.255.255.0)
    #[arg(long, value_name = "NETMASK")]
    pub netmask: Option<String>,
    /// The gateway address
    #[arg(long, value_name = "IP")]
    pub gateway: Option<String>,
    /// DNS nameservers (space- or comma-separated)
    #[arg(long = "dns-nameservers", visible_alias = "dns", value_name = "IPS")]
    pub dns: Option<String>,
    /// DNS search domains (space- or comma-separated)
    #[arg(long = "dns-search-domains", visible_alias = "dns-search", value_name = "DOMAINS")]
    pub dns_search: Option<String>,
    /// Restart networking on the interface afterwards (ifdown/ifup; system root only)
    #[arg(long = "restart-network")]
    pub restart_network: bool,
    /// Do not restart roles after the address change
    #[arg(short = 'r', long = "no-restart")]
    pub no_restart: bool,
    /// Show what would be written, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl StaticIpArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let plan = StaticIp {
            interface: self.interface.clone(),
            ip: ip_flag(&self.ip, "--ip", "Please enter the new static IP:", "IP")?,
            netmask: ip_flag(
                &self.netmask,
                "--netmask",
                "Please enter the Netmask in decimal notation (e.g 255.255.255.0):",
                "netmask",
            )?,
            gateway: ip_flag(&self.gateway, "--gateway", "Please enter the Gateway address:", "gateway")?,
            dns: ip_list(&self.dns, "Please enter a space separated list of DNS nameservers:", "DNS nameserver")?,
            search: self.dns_search.as_deref().map(list).unwrap_or_default(),
        };
        render::outcome(apply(ctx, &plan, self.no_restart, self.restart_network, self.dry_run)?);
        Ok(())
    }
}
