//! Joining, leaving and re-addressing cluster nodes: the multi-step workflows behind
//! `node attach|detach|remove|reattach|migrate|rename` and `op static_ip`. Each is a list
//! of named steps run by [`crate::ops::workflow`], so a failure undoes what was done and a
//! re-run converges.

pub mod attach;
pub mod detach;
pub mod micro;
pub mod migrate;
pub mod remove;
pub mod rename;
pub mod static_ip;

use crate::model::node::NodeState;
use crate::model::root::Root;
use crate::ops::context::Ctx;
use crate::ops::remote::{Hello, Request};
use crate::ops::workflow::{self, Done, Step};
use anyhow::Result;

/// The step that records this node's new identity (undone by restoring the old file).
pub fn node_state_step(root: &Root, detail: String, new: NodeState) -> Step<'_> {
    Step::new("node-state", detail, move || {
        if NodeState::load(root)? == new {
            return Ok(Done::Unchanged);
        }
        let snap = workflow::snapshot(&root.node_state_file())?;
        new.save(root)?;
        Ok(Done::Changed(Box::new(move || workflow::restore(&root.node_state_file(), snap))))
    })
}

/// The step that maps the cluster endpoint to `ip` in /etc/hosts under the root.
pub fn hosts_step(root: &Root, ip: String, endpoint: String) -> Step<'_> {
    Step::new("hosts-file", format!("map {endpoint} to {ip} in /etc/hosts"), move || {
        match crate::infra::hosts::set_endpoint(root, &ip, &endpoint)? {
            None => Ok(Done::Unchanged),
            Some(prev) => Ok(Done::Changed(Box::new(move || workflow::restore(&root.hosts_file(), prev)))),
        }
    })
}

/// Ask a node who it is.
pub fn hello(ctx: &Ctx, host: &str) -> Result<Hello> {
    Ok(serde_json::from_value(ctx.transport()?.call(host, &Request::Hello)?)?)
}

/// Stop every process of this node and unload them from its supervisord (no registry
/// needed: used when leaving a cluster).
pub fn stop_all_local(ctx: &Ctx) -> Result<()> {
    let Some(sup) = crate::ops::processes::connect_if_running(&ctx.root) else { return Ok(()) };
    let paths = crate::infra::supervisor::SupervisorPaths::under(ctx.root.dir());
    let infos = sup.get_all_process_info()?;
    if !infos.is_empty() {
        ctx.ui.header("Stopping roles");
    }
    for info in infos.iter().rev() {
        sup.ensure_stopped(&info.name, true)?;
        ctx.ui.action(0, &format!("process {}", info.name), "stopped", crate::cli::ui::Tone::Ok);
    }
    crate::infra::supervisor::apply_programs(&sup, &paths, &[])?;
    Ok(())
}
