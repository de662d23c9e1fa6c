//! `op static_ip`: give this node a static IPv4 address in Debian's network configuration
//! (`/etc/network/interfaces` under the root), then move the cluster's references from
//! the old address to the new one.

use super::super::context::Ctx;
use super::super::privileged::{self, SystemChange};
use super::super::remote::Request;
use super::super::workflow::{Done, Outcome, Report, Step, Workflow};
use super::migrate::MigrateOptions;
use crate::model::node::{NodeState, NodeType};
use crate::model::store::{Applied, Mutation};
use anyhow::Result;
use std::net::Ipv4Addr;

/// The first line of the network configuration kato writes.
pub const HEADER: &str = "# Written by 'kato op static_ip'.";
/// The first line of the DHCP configuration `op dhcp` writes.
pub const DHCP_HEADER: &str = "# Written by 'kato op dhcp'.";

/// An interface name ifupdown takes.
pub fn validate_interface(name: &str) -> Result<()> {
    if name.is_empty() || name.len() > 15 || !name.chars().all(|c| c.is_ascii_alphanumeric() || "._-:@".contains(c)) {
        crate::bail_usage!("invalid interface name '{}'", name.escape_default());
    }
    Ok(())
}

/// The `/etc/network/interfaces` of `op dhcp`.
pub fn render_dhcp(interface: &str) -> String {
    format!("{DHCP_HEADER}\nauto lo\niface lo inet loopback\n\nauto {interface}\niface {interface} inet dhcp\n")
}

/// `op dhcp`: DHCP on `interface` (the inverse of `op static_ip`); the node's address is
/// whatever the DHCP server gives, so a cluster node must be migrated afterwards if it
/// changes.
pub fn dhcp(ctx: &Ctx, interface: &str, restart_network: bool, dry_run: bool) -> Result<Outcome<Report>> {
    validate_interface(interface)?;
    if restart_network && ctx.root.dir() != std::path::Path::new("/") {
        crate::bail_usage!(
            "--restart-network restarts this machine's networking; it acts only on the system root / (not {})",
            ctx.root.dir().display()
        );
    }
    if !dry_run && !ctx.out.confirm("Configuring this node with DHCP networking", "--yes")? {
        ctx.out.header("Aborted.");
        return Ok(Outcome::Done(Report::default()));
    }
    let text = render_dhcp(interface);
    let path = ctx.root.join("etc/network/interfaces");
    let wf = Workflow::new()
        .step(
            privileged::step(
                ctx,
                "interfaces",
                SystemChange::InterfacesDhcp { interface: interface.to_string() },
                Some(SystemChange::InterfacesRestore),
            )
            .preview({
                let text = text.clone();
                move || Ok(text.lines().map(str::to_string).collect())
            })
            .done_if(move || Ok(std::fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()))),
        )
        .step_if(restart_network, || {
            let change = SystemChange::RestartNetworking { interface: interface.to_string() };
            privileged::step(ctx, "restart-network", change, None)
        });
    let outcome = wf.execute(ctx, dry_run)?;
    if matches!(outcome, Outcome::Done(_)) {
        if restart_network {
            ctx.out.header("Restarting Networking services");
        } else {
            ctx.out.header("Please restart this node to apply the new changes");
        }
    }
    Ok(outcome)
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
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
            "{HEADER}\nauto lo\niface lo inet loopback\n\nauto {i}\niface {i} inet static\n    address {ip}\n    netmask {nm}\n    network {net}\n    broadcast {bc}\n    gateway {gw}\n",
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
pub fn apply(
    ctx: &Ctx,
    plan: &StaticIp,
    no_restart: bool,
    restart_network: bool,
    dry_run: bool,
) -> Result<Outcome<Report>> {
    plan.validate()?;
    let root = &ctx.root;
    if restart_network && root.dir() != std::path::Path::new("/") {
        crate::bail_usage!(
            "--restart-network restarts this machine's networking; it acts only on the system root / (not {})",
            root.dir().display()
        );
    }
    let path = root.join("etc/network/interfaces");
    let local = ctx.local()?;
    let old = if local.state.is_micro() { None } else { Some(local.id.clone()) }.filter(|o| *o != plan.ip.to_string());
    let new = plan.ip.to_string();
    if !dry_run {
        ctx.out.header("Configuring this node with a static IP");
    }
    let wf = Workflow::new()
        .step(
            privileged::step(
                ctx,
                "interfaces",
                SystemChange::Interfaces(plan.clone()),
                Some(SystemChange::InterfacesRestore),
            )
            .preview(|| Ok(plan.render().lines().map(str::to_string).collect())),
        )
        .step_if(restart_network, || {
            let change = SystemChange::RestartNetworking { interface: plan.interface.clone() };
            privileged::step(ctx, "restart-network", change, None)
                .preview(|| Ok(vec![format!("ifdown --force {i}; ifup {i}", i = plan.interface)]))
        })
        .step_if(old.is_some(), || {
            let old = old.clone().unwrap_or_default();
            Step::new("migrate", format!("migrate {old} to {new}"), move || {
                ctx.out.header("Migrating local IP references");
                match local.state.node_type {
                    NodeType::Core => {
                        let opts =
                            MigrateOptions { old: old.clone(), new: new.clone(), reattach_all: true, no_restart };
                        super::migrate::migrate(ctx, &opts, false)?;
                    }
                    NodeType::Node => {
                        let core = local.state.core_ip.clone().unwrap_or_default();
                        let m = Mutation::MigrateNode { old: old.clone(), new: new.clone() };
                        super::super::remote::ask::<Applied>(
                            ctx.transport()?,
                            &core,
                            &Request::StoreMutate { mutation: m, dry_run: false },
                        )?;
                        NodeState { node_id: Some(new.clone()), ..local.state.clone() }.save(root)?;
                    }
                    NodeType::Micro => {}
                }
                Ok(Done::Final)
            })
        });
    let outcome = wf.execute(ctx, dry_run)?;
    if matches!(outcome, Outcome::Done(_)) {
        ctx.out.header(&format!("Updating {}", path.display()));
        if restart_network {
            ctx.out.info("Static IP setup complete");
        } else if old.is_some() {
            ctx.out.info("Static IP setup complete. Restart networking to use the new address.");
        } else {
            ctx.out.info("Static IP setup complete. Restart networking to use it.");
        }
    }
    Ok(outcome)
}
