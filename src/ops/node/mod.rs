//! Joining, leaving and re-addressing cluster nodes: `node attach|detach|remove|reattach|
//! migrate|rename` and `op static_ip`, each a workflow of named steps, and the steps they
//! share.

pub mod attach;
pub mod detach;
pub mod migrate;
pub mod remove;
pub mod rename;
pub mod reset;
pub mod retire;
pub mod static_ip;
pub mod version;
pub mod zones;

use super::context::Ctx;
use super::privileged::{self, SystemChange};
use super::report::Tone;
use super::workflow::{self, Done, Step};
use crate::model::node::NodeState;
use crate::model::root::Root;
use anyhow::Result;

/// The step that records this node's new identity (undone by restoring the old file).
pub fn node_state_step(root: &Root, title: String, new: NodeState) -> Step<'_> {
    let check = new.clone();
    Step::new("node-state", title, move || {
        let snap = workflow::snapshot(&root.node_state_file())?;
        new.save(root)?;
        Ok(Done::Changed(Box::new(move || workflow::restore(&root.node_state_file(), snap))))
    })
    .done_if(move || Ok(NodeState::load(root)? == check))
}

/// The step that maps the cluster endpoint to `ip` in /etc/hosts under the root (a
/// privileged change; undone by putting back the line that was there, or none).
pub fn hosts_step<'a>(ctx: &'a Ctx, ip: String, endpoint: String) -> Step<'a> {
    let path = ctx.root.hosts_file();
    let check_path = path.clone();
    let (check_ip, check_endpoint) = (ip.clone(), endpoint.clone());
    Step::new("hosts-file", format!("map {endpoint} to {ip} in /etc/hosts"), move || {
        let before = crate::infra::hosts::endpoint_entry(&path);
        let ip: std::net::Ipv4Addr = crate::model::node::parse_ip(&ip, "endpoint address")?;
        privileged::apply(&ctx.root, &SystemChange::HostsEndpoint { ip, endpoint })?;
        let undo = match before.and_then(|(ip, e)| Some((ip.parse().ok()?, e))) {
            Some((ip, endpoint)) => SystemChange::HostsEndpoint { ip, endpoint },
            None => SystemChange::HostsNoEndpoint,
        };
        Ok(Done::Changed(Box::new(move || privileged::apply(&ctx.root, &undo))))
    })
    .done_if(move || {
        let text = std::fs::read_to_string(&check_path).unwrap_or_default();
        Ok(crate::infra::hosts::with_endpoint(&text, &check_ip, &check_endpoint) == text)
    })
}

/// Stop every process of this node and unload them from its supervisord (no registry
/// needed: used when leaving a cluster).
pub fn stop_all_local(ctx: &Ctx) -> Result<()> {
    let Some(sup) = super::processes::connect_if_running(&ctx.root) else { return Ok(()) };
    let paths = crate::infra::supervisor::SupervisorPaths::under(ctx.root.dir());
    let infos = sup.get_all_process_info()?;
    if !infos.is_empty() {
        ctx.out.header("Stopping roles");
    }
    for info in infos.iter().rev() {
        sup.ensure_stopped(&info.name, true)?;
        ctx.out.action(0, &format!("process {}", info.name), "stopped", Tone::Ok);
    }
    crate::infra::supervisor::apply_programs(&sup, &paths, &[])?;
    Ok(())
}

/// Whether this node's supervisord runs any program.
pub fn runs_anything(ctx: &Ctx) -> Result<bool> {
    let running = super::processes::connect_if_running(&ctx.root).map(|s| s.get_all_process_info()).transpose()?;
    Ok(running.is_some_and(|p| !p.is_empty()))
}

/// Who this node is (the answer to another node's `Hello`).
pub fn hello_here(ctx: &Ctx) -> Result<super::remote::Hello> {
    let local = ctx.local()?;
    Ok(super::remote::Hello {
        node_type: local.state.node_type.as_str().into(),
        hostname: crate::model::node::hostname(&ctx.root)?,
        version: crate::model::node::version(&ctx.root),
        core_ip: local.state.core_ip.clone(),
        unix_ms: std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0),
        kato: crate::infra::version::current(),
        node_id: local.id,
    })
}
