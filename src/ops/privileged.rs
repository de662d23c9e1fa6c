//! What needs root: changes to the machine outside kato's own state (the hosts file, the
//! hostname, the network configuration, the firewall). Each is a typed, validated
//! [`SystemChange`]. Run as root (or on a root whose files the operator owns, as in a
//! sandbox) it is applied directly; run as a member of group `kato` it goes through one
//! narrow sudo entry, `sudo -n /usr/bin/kato __privileged JSON`, which the package's
//! sudoers drop-in allows without a password and which accepts nothing but these changes.

use super::context::Ctx;
use super::firewall::render::{FirewallInput, render};
use super::node::static_ip::StaticIp;
use crate::infra::{files, hosts};
use crate::model::node::validate_dns_name;
use crate::model::root::Root;
use anyhow::{Context, Result, anyhow, bail};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::net::Ipv4Addr;
use std::path::PathBuf;

/// The hidden subcommand behind sudo.
pub const SUBCOMMAND: &str = "__privileged";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum SystemChange {
    /// kato's line in the hosts file: the cluster endpoint at an address.
    HostsEndpoint { ip: Ipv4Addr, endpoint: String },
    /// No kato line in the hosts file.
    HostsNoEndpoint,
    /// Rename this machine's own name in the hosts file (only on lines of `addrs`).
    HostsRename { old: String, new: String, addrs: Vec<Ipv4Addr> },
    /// The hostname file, and the kernel's hostname when the root is `/`.
    Hostname { name: String },
    /// A static address in Debian's network configuration (the old file is kept as
    /// `interfaces.kato-backup`).
    Interfaces(StaticIp),
    /// Put back the network configuration kept by the last `Interfaces`.
    InterfacesRestore,
    /// DHCP on an interface in Debian's network configuration (`op dhcp`; the old file is
    /// kept as with `Interfaces`).
    InterfacesDhcp { interface: String },
    /// Load this node's firewall, rendered from the port table.
    Firewall(FirewallInput),
    /// Root's supervisord runs exactly the programs of these roles, from root's catalog.
    SyncPrograms { node: Ipv4Addr, roles: Vec<String> },
    /// Take an interface down and up again with Debian's ifupdown (system root only).
    RestartNetworking { interface: String },
    /// The system timezone: `/etc/timezone` and the `/etc/localtime` link into the tz
    /// database.
    Timezone { name: String },
}

impl SystemChange {
    /// Check the change's values for the program that will read them.
    pub fn validate(&self) -> Result<()> {
        match self {
            SystemChange::HostsEndpoint { endpoint, .. } => validate_dns_name(endpoint, "endpoint name"),
            SystemChange::HostsNoEndpoint | SystemChange::InterfacesRestore => Ok(()),
            SystemChange::HostsRename { old, new, .. } => {
                validate_dns_name(old, "hostname")?;
                validate_dns_name(new, "hostname")
            }
            SystemChange::Hostname { name } => validate_dns_name(name, "hostname"),
            SystemChange::Interfaces(plan) => plan.validate(),
            SystemChange::InterfacesDhcp { interface } => super::node::static_ip::validate_interface(interface),
            SystemChange::Timezone { name } => super::system::validate_timezone(name),
            SystemChange::RestartNetworking { interface } => {
                if interface.is_empty() || !interface.chars().all(|c| c.is_ascii_alphanumeric() || "._-:@".contains(c))
                {
                    crate::bail_usage!("invalid interface name '{}'", interface.escape_default());
                }
                Ok(())
            }
            SystemChange::Firewall(input) => render(input).map(|_| ()),
            SystemChange::SyncPrograms { roles, .. } => {
                for r in roles {
                    if !crate::model::catalog::load::valid_role_name(r) {
                        crate::bail_usage!("'{}' is not a role name", r.escape_default());
                    }
                    // The log shipper's configuration is written by group kato: root's
                    // supervisord must not run it (rsyslog would load it as root).
                    if r == crate::model::drain::SHIPPER {
                        crate::bail_usage!("root's supervisord does not run the log shipper");
                    }
                }
                Ok(())
            }
        }
    }

    /// One line for progress and dry runs.
    pub fn describe(&self) -> String {
        match self {
            SystemChange::HostsEndpoint { ip, endpoint } => format!("map {endpoint} to {ip} in /etc/hosts"),
            SystemChange::HostsNoEndpoint => "remove kato's line from /etc/hosts".into(),
            SystemChange::HostsRename { old, new, .. } => format!("rename {old} to {new} in /etc/hosts"),
            SystemChange::Hostname { name } => format!("set the hostname to {name}"),
            SystemChange::Interfaces(p) => format!("give {} the static address {}", p.interface, p.ip),
            SystemChange::InterfacesRestore => "restore the previous network configuration".into(),
            SystemChange::InterfacesDhcp { interface } => format!("configure {interface} with DHCP"),
            SystemChange::RestartNetworking { interface } => format!("restart networking on {interface}"),
            SystemChange::Timezone { name } => format!("set the system timezone to {name}"),
            SystemChange::Firewall(i) => format!("load the firewall of {} (table inet kato)", i.node_ip),
            SystemChange::SyncPrograms { roles, .. } => {
                format!("hand the programs of {} to supervisord", roles.join(", "))
            }
        }
    }

    /// The file the change writes, under `root`.
    fn target(&self, root: &Root) -> Option<PathBuf> {
        Some(match self {
            SystemChange::HostsEndpoint { .. } | SystemChange::HostsNoEndpoint | SystemChange::HostsRename { .. } => {
                root.hosts_file()
            }
            SystemChange::Hostname { .. } => root.hostname_file(),
            SystemChange::Timezone { .. } => root.join("etc/timezone"),
            SystemChange::Interfaces(_) | SystemChange::InterfacesRestore | SystemChange::InterfacesDhcp { .. } => {
                root.join("etc/network/interfaces")
            }
            SystemChange::Firewall(_) | SystemChange::RestartNetworking { .. } => return None,
            SystemChange::SyncPrograms { .. } => crate::infra::supervisor::SupervisorPaths::under(root.dir()).conf_d,
        })
    }

    /// Whether this process can make the change itself.
    fn can_apply_here(&self, root: &Root) -> bool {
        if nix::unistd::geteuid().is_root() {
            return true;
        }
        let at_system_root = root.dir() == std::path::Path::new("/");
        match (self, self.target(root)) {
            // The kernel's hostname and the firewall need root.
            (SystemChange::Hostname { .. }, _) if at_system_root => false,
            (_, None) => false,
            (_, Some(path)) => writable(&path),
        }
    }

    /// Make the change in this process (validated first).
    pub fn apply_here(&self, root: &Root) -> Result<()> {
        self.validate()?;
        let hosts_text = || -> Result<String> {
            Ok(files::read_optional(&root.hosts_file())?
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .unwrap_or_default())
        };
        match self {
            SystemChange::HostsEndpoint { ip, endpoint } => {
                hosts::set_endpoint(&root.hosts_file(), &ip.to_string(), endpoint)?;
            }
            SystemChange::HostsNoEndpoint => {
                let text = hosts_text()?;
                let after = hosts::without_endpoint(&text);
                if after != text {
                    files::write(&root.hosts_file(), after.as_bytes())?;
                }
            }
            SystemChange::HostsRename { old, new, addrs } => {
                let text = hosts_text()?;
                let addrs: Vec<String> = addrs.iter().map(|a| a.to_string()).collect();
                let after = hosts::rename_on(&text, &addrs, old, new);
                if after != text {
                    files::write(&root.hosts_file(), after.as_bytes())?;
                }
            }
            SystemChange::Hostname { name } => {
                files::write(&root.hostname_file(), format!("{name}\n").as_bytes())?;
                if root.dir() == std::path::Path::new("/") {
                    nix::unistd::sethostname(name).map_err(|e| anyhow!("cannot set the kernel hostname: {e}"))?;
                }
            }
            SystemChange::Interfaces(plan) => write_interfaces(root, &plan.render())?,
            SystemChange::InterfacesDhcp { interface } => {
                write_interfaces(root, &super::node::static_ip::render_dhcp(interface))?
            }
            SystemChange::InterfacesRestore => {
                let backup = root.join("etc/network/interfaces.kato-backup");
                let path = root.join("etc/network/interfaces");
                match files::read_optional(&backup)? {
                    Some(prev) => files::write(&path, &prev)?,
                    None => {
                        if let Err(e) = std::fs::remove_file(&path)
                            && e.kind() != std::io::ErrorKind::NotFound
                        {
                            return Err(e.into());
                        }
                    }
                }
            }
            SystemChange::Firewall(input) => {
                let script = render(input)?;
                crate::infra::nftables::check(&script)?;
                crate::infra::nftables::apply(&script)?;
            }
            SystemChange::SyncPrograms { node, roles } => {
                let catalog = crate::model::catalog::load(root)?;
                super::processes::sync_roles(root, &catalog, &node.to_string(), roles)?;
            }
            SystemChange::Timezone { name } => {
                files::write(&root.join("etc/timezone"), format!("{name}\n").as_bytes())?;
                let link = root.join("etc/localtime");
                let tmp = root.join("etc/.localtime.kato-new");
                let _ = std::fs::remove_file(&tmp);
                std::os::unix::fs::symlink(super::system::zone_file(name), &tmp)
                    .with_context(|| format!("cannot create {}", tmp.display()))?;
                std::fs::rename(&tmp, &link).with_context(|| format!("cannot replace {}", link.display()))?;
            }
            SystemChange::RestartNetworking { interface } => {
                if root.dir() != std::path::Path::new("/") {
                    crate::bail_usage!("restarting networking acts on this machine; it needs the system root /");
                }
                let steps: [(&str, Vec<&str>); 2] =
                    [("ifdown", vec!["--force", interface.as_str()]), ("ifup", vec![interface.as_str()])];
                for (prog, args) in steps {
                    let out = std::process::Command::new(prog)
                        .args(&args)
                        .stdin(std::process::Stdio::null())
                        .output()
                        .with_context(|| format!("cannot run {prog} (install ifupdown)"))?;
                    if !out.status.success() {
                        let err = String::from_utf8_lossy(&out.stderr);
                        bail!("{prog} {} failed: {}", args.join(" "), err.lines().next().unwrap_or("").trim());
                    }
                }
            }
        }
        Ok(())
    }
}

/// Replace the network configuration, keeping the one kato did not write as
/// `interfaces.kato-backup` (what `InterfacesRestore` puts back).
fn write_interfaces(root: &Root, text: &str) -> Result<()> {
    let path = root.join("etc/network/interfaces");
    let backup = root.join("etc/network/interfaces.kato-backup");
    if let Some(prev) = files::read_optional(&path)? {
        let prev_text = String::from_utf8_lossy(&prev);
        let ours = prev_text.starts_with(super::node::static_ip::HEADER)
            || prev_text.starts_with(super::node::static_ip::DHCP_HEADER);
        if !ours || !backup.exists() {
            files::write(&backup, &prev)?;
        }
    }
    files::write(&path, text.as_bytes())
}

/// Whether `path` (or, when it does not exist, its folder) is writable by this process.
fn writable(path: &std::path::Path) -> bool {
    use nix::unistd::{AccessFlags, access};
    if path.exists() {
        return access(path, AccessFlags::W_OK).is_ok();
    }
    path.parent().is_none_or(|dir| !dir.exists() || access(dir, AccessFlags::W_OK).is_ok())
}

/// Make a change: here when this process may, else through the sudo entry.
pub fn apply(root: &Root, change: &SystemChange) -> Result<()> {
    change.validate()?;
    if change.can_apply_here(root) {
        return change.apply_here(root);
    }
    if root.dir() != std::path::Path::new("/") {
        bail!(
            "cannot {} under {}: permission denied (the privileged entry only acts on the system root /)",
            change.describe(),
            root.dir().display()
        );
    }
    through_sudo(change)
}

fn through_sudo(change: &SystemChange) -> Result<()> {
    let exe = std::env::current_exe().context("cannot find this kato binary")?;
    let json = serde_json::to_string(change)?;
    let out = std::process::Command::new("sudo")
        .arg("-n")
        .arg(&exe)
        .arg(SUBCOMMAND)
        .arg(&json)
        .stdin(std::process::Stdio::null())
        .output()
        .context("cannot run sudo (install the sudo package, or run kato as root)")?;
    if out.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    let said = stderr.lines().find(|l| !l.trim().is_empty()).unwrap_or("").trim();
    let said = said.strip_prefix("ERROR: ").unwrap_or(said);
    if said.starts_with("sudo:") {
        bail!(
            "cannot {}: it needs root, and 'sudo -n {} {SUBCOMMAND}' was refused ({said}); run kato as root, or as a member of group 'kato' with the sudoers entry that kato's package installs",
            change.describe(),
            exe.display()
        );
    }
    bail!("cannot {}: {said}", change.describe())
}

/// The `kato __privileged JSON` entry: root only, the system root only, one change.
pub fn serve(root: &Root, json: &str) -> Result<()> {
    if !nix::unistd::geteuid().is_root() {
        bail!("{SUBCOMMAND} runs as root (through sudo); run the kato command that needs it instead");
    }
    if std::env::var_os("SUDO_UID").is_some() && root.dir() != std::path::Path::new("/") {
        crate::bail_usage!("{SUBCOMMAND} acts on the system root / only");
    }
    let change: SystemChange =
        serde_json::from_str(json).map_err(|e| crate::error::usage(format!("not a change kato makes as root: {e}")))?;
    change.apply_here(root)?;
    std::io::stdout().flush().ok();
    Ok(())
}

/// A step that makes one system change; `undo`, when given, reverses it.
pub fn step<'a>(
    ctx: &'a Ctx,
    name: &'static str,
    change: SystemChange,
    undo: Option<SystemChange>,
) -> super::workflow::Step<'a> {
    use super::workflow::{Done, Step};
    Step::new(name, change.describe(), move || {
        apply(&ctx.root, &change)?;
        Ok(match undo {
            Some(undo) => Done::Changed(Box::new(move || apply(&ctx.root, &undo))),
            None => Done::Final,
        })
    })
}

#[cfg(test)]
mod shipper_tests {
    use super::*;

    #[test]
    fn roots_supervisord_never_runs_the_log_shipper() {
        let node: Ipv4Addr = "10.0.0.1".parse().unwrap();
        let ok = SystemChange::SyncPrograms { node, roles: vec!["base".into(), "dea".into()] };
        assert!(ok.validate().is_ok());
        let shipper = SystemChange::SyncPrograms { node, roles: vec!["base".into(), "log_shipper".into()] };
        let err = shipper.validate().unwrap_err();
        assert!(err.to_string().contains("log shipper"), "{err}");
    }
}
