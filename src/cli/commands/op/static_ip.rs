//! `kato op static_ip`: configure a static IPv4 address (prompts on a terminal, flags for
//! scripts) and migrate the cluster's references to it.

use crate::ops::context::Ctx;
use crate::ops::membership::static_ip::{StaticIp, apply};
use anyhow::Result;
use clap::Args;
use std::io::{BufRead, IsTerminal, Write};
use std::net::Ipv4Addr;

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
    #[arg(long = "dns", value_name = "IPS")]
    pub dns: Option<String>,
    /// DNS search domains (space- or comma-separated)
    #[arg(long = "dns-search", value_name = "DOMAINS")]
    pub dns_search: Option<String>,
    /// Do not restart roles after the address change
    #[arg(short = 'r', long = "no-restart")]
    pub no_restart: bool,
    /// Show what would be written, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

fn ask(question: &str) -> Result<String> {
    eprint!("{question} ");
    std::io::stderr().flush().ok();
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().to_string())
}

fn value(given: &Option<String>, flag: &str, question: &str) -> Result<String> {
    if let Some(v) = given {
        return Ok(v.clone());
    }
    if !std::io::stdin().is_terminal() {
        crate::bail_usage!("{flag} is required when there is no terminal to ask on");
    }
    ask(question)
}

fn ip(s: &str, what: &str) -> Result<Ipv4Addr> {
    crate::model::node::parse_ip(s.trim(), what)
}

fn list(s: &str) -> Vec<String> {
    s.split([' ', ',']).filter(|x| !x.is_empty()).map(str::to_string).collect()
}

pub fn cmd_static_ip(ctx: &Ctx, args: &StaticIpArgs) -> Result<()> {
    let address = ip(&value(&args.ip, "--ip", "Please enter the new static IP:")?, "IP")?;
    let netmask = ip(
        &value(&args.netmask, "--netmask", "Please enter the Netmask in decimal notation (e.g 255.255.255.0):")?,
        "netmask",
    )?;
    let gateway = ip(&value(&args.gateway, "--gateway", "Please enter the Gateway address:")?, "gateway")?;
    let dns_text = match &args.dns {
        Some(d) => d.clone(),
        None if std::io::stdin().is_terminal() => ask("Please enter a space separated list of DNS nameservers:")?,
        None => String::new(),
    };
    let dns = list(&dns_text).iter().map(|d| ip(d, "DNS nameserver")).collect::<Result<Vec<_>>>()?;
    let plan = StaticIp {
        interface: args.interface.clone(),
        ip: address,
        netmask,
        gateway,
        dns,
        search: args.dns_search.as_deref().map(list).unwrap_or_default(),
    };
    apply(ctx, &plan, args.no_restart, args.dry_run)
}
