//! `op static_ip`: give this node a static IPv4 address in Debian's network configuration
//! (`/etc/network/interfaces` under the root), then move the cluster's references from
//! the old address to the new one.

use crate::model::node::{self, NodeState, NodeType};
use crate::model::store::Mutation;
use crate::ops::context::Ctx;
use crate::ops::remote::Request;
use anyhow::Result;
use std::net::Ipv4Addr;

#[derive(Debug, Clone)]
pub struct StaticIp {
    pub interface: String,
    pub ip: Ipv4Addr,
    pub netmask: Ipv4Addr,
    pub gateway: Ipv4Addr,
    pub dns: Vec<Ipv4Addr>,
    pub search: Vec<String>,
}

impl StaticIp {
    pub fn prefix(&self) -> Result<u32> {
        let m = u32::from(self.netmask);
        if m.leading_ones() + m.trailing_zeros() != 32 || m == 0 {
            crate::bail_usage!("The IP and Netmask provided are not valid ({}/{})", self.ip, self.netmask);
        }
        Ok(m.leading_ones())
    }

    pub fn network(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.ip) & u32::from(self.netmask))
    }

    pub fn broadcast(&self) -> Ipv4Addr {
        Ipv4Addr::from(u32::from(self.ip) | !u32::from(self.netmask))
    }

    /// Check the address plan: a usable host address, the gateway inside the subnet.
    pub fn validate(&self) -> Result<()> {
        self.prefix()?;
        if self.interface.is_empty()
            || !self.interface.chars().all(|c| c.is_ascii_alphanumeric() || "._-:@".contains(c))
        {
            crate::bail_usage!("invalid interface name '{}'", self.interface.escape_default());
        }
        if self.ip == self.network()
            || self.ip == self.broadcast()
            || self.ip.is_unspecified()
            || self.ip.is_multicast()
        {
            crate::bail_usage!("{} is not a usable host address in {}/{}", self.ip, self.network(), self.netmask);
        }
        if u32::from(self.gateway) & u32::from(self.netmask) != u32::from(self.network()) || self.gateway == self.ip {
            crate::bail_usage!(
                "The gateway IP is not valid: {} is not another address in {}/{}",
                self.gateway,
                self.network(),
                self.netmask
            );
        }
        for d in &self.search {
            if d.is_empty() || !d.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-') {
                crate::bail_usage!("invalid DNS search domain '{}'", d.escape_default());
            }
        }
        Ok(())
    }

    /// The `/etc/network/interfaces` stanza.
    pub fn render(&self) -> String {
        let mut s = format!(
            "# Written by 'kato op static_ip'.\nauto lo\niface lo inet loopback\n\nauto {i}\niface {i} inet static\n    address {ip}\n    netmask {nm}\n    network {net}\n    broadcast {bc}\n    gateway {gw}\n",
            i = self.interface,
            ip = self.ip,
            nm = self.netmask,
            net = self.network(),
            bc = self.broadcast(),
            gw = self.gateway
        );
        if !self.dns.is_empty() {
            let list: Vec<String> = self.dns.iter().map(|d| d.to_string()).collect();
            s.push_str(&format!("    dns-nameservers {}\n", list.join(" ")));
        }
        if !self.search.is_empty() {
            s.push_str(&format!("    dns-search {}\n", self.search.join(" ")));
        }
        s
    }
}

/// Write the configuration and migrate the node's address if it changed.
pub fn apply(ctx: &Ctx, plan: &StaticIp, no_restart: bool, dry_run: bool) -> Result<()> {
    plan.validate()?;
    let path = ctx.root.join("etc/network/interfaces");
    let state = ctx.node_state()?.clone();
    let old = if state.is_micro() { None } else { Some(ctx.node_id()?) };
    let new = plan.ip.to_string();
    let text = plan.render();
    if dry_run {
        print!("dry run: would write {}:\n{text}", path.display());
        if let Some(o) = old.as_ref().filter(|o| **o != new) {
            println!("dry run: would migrate {o} to {new}");
        }
        return Ok(());
    }
    ctx.ui.header("Configuring this node with a static IP");
    if let Some(prev) = crate::infra::files::read_optional(&path)? {
        crate::infra::files::write(&ctx.root.join("etc/network/interfaces.kato-backup"), &prev)?;
    }
    crate::infra::files::write(&path, text.as_bytes())?;
    ctx.ui.header(&format!("Updating {}", path.display()));
    let Some(old) = old.filter(|o| *o != new) else {
        ctx.ui.info("Static IP setup complete. Restart networking to use it.");
        return Ok(());
    };
    ctx.ui.header("Migrating local IP references");
    match state.node_type {
        NodeType::Core => crate::ops::membership::migrate::migrate(
            ctx,
            &crate::ops::membership::migrate::MigrateOptions {
                old,
                new,
                reattach_all: true,
                no_restart,
                dry_run: false,
            },
        )?,
        NodeType::Node => {
            let core = state.core_ip.clone().unwrap_or_default();
            ctx.transport()?.call(
                &core,
                &Request::StoreMutate {
                    mutation: Mutation::MigrateNode { old: old.clone(), new: new.clone() },
                    dry_run: false,
                },
            )?;
            NodeState { node_id: Some(new.clone()), ..state }.save(&ctx.root)?;
        }
        NodeType::Micro => {}
    }
    let _ = node::version;
    ctx.ui.info("Static IP setup complete. Restart networking to use the new address.");
    Ok(())
}
