//! Individual processes of a node (`kato process list|start|stop|restart|ready`): the
//! finer handle under roles. On another node the work is asked of that node.

use super::cluster::node_reports;
use super::context::{Ctx, Local};
use super::processes::state::ProcState;
use super::processes::{self, assigned_roles, processes_for};
use super::remote::{Output, ProcessAction, Request};
use super::report::Tone;
use super::workflow::{Done, Outcome, Report, Step, Workflow};
use crate::model::store::Document;
use anyhow::{Result, bail};
use serde::Serialize;
use std::time::{Duration, Instant};

/// Validate process names against the catalog; `all` or nothing means every assigned one.
/// Returns (assigned names to act on, names known but not assigned to the node).
pub fn select(local: &Local, doc: &Document, node: &str, names: &[String]) -> Result<(Vec<String>, Vec<String>)> {
    let catalog = &local.catalog;
    let roles = assigned_roles(catalog, doc, node);
    let assigned: Vec<String> = processes_for(catalog, &roles).iter().map(|p| p.name.clone()).collect();
    if names.is_empty() || names.iter().any(|n| n == "all") {
        return Ok((assigned, Vec::new()));
    }
    let mut picked = Vec::new();
    let mut unassigned = Vec::new();
    for n in names {
        if catalog.process(n).is_none() {
            let hint = crate::error::did_you_mean(n, catalog.processes.iter().map(|p| p.name.as_str()));
            crate::bail_usage!("Unknown process specified '{}'{hint}", n.escape_default());
        }
        if assigned.contains(n) {
            picked.push(n.clone());
        } else {
            unassigned.push(n.clone());
        }
    }
    Ok((picked, unassigned))
}

/// Start, stop or restart processes of `node` (this node when `None`).
pub fn control(
    ctx: &Ctx,
    action: ProcessAction,
    node: Option<&str>,
    names: &[String],
    dry_run: bool,
) -> Result<Outcome<Report>> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let node = local.target_node(node, &doc)?;
    if node != local.id {
        let step = Step::new("on-node", format!("{} processes {} on {node}", action.verb(), names.join(", ")), || {
            let req = Request::ProcessControl { action, processes: names.to_vec() };
            let answer: Output = super::remote::ask(ctx.transport()?, &node, &req)?;
            if !answer.output.is_empty() {
                ctx.out.info(answer.output.trim_end());
            }
            Ok(Done::Final)
        });
        return Workflow::new().step(step).execute(ctx, dry_run);
    }
    let (picked, unassigned) = select(&local, &doc, &node, names)?;
    if !dry_run {
        for n in &unassigned {
            ctx.out.warn(&format!("{n} is not configured for node {node}. See 'kato role add'"));
        }
    }
    let title = format!("{} processes on {node}: {}", action.verb(), picked.join(", "));
    let step = Step::new("processes", title, || {
        act_here(ctx, &local, &doc, action, &picked)?;
        Ok(Done::Final)
    });
    Workflow::new().step(step).execute(ctx, dry_run)
}

/// `process restart -c`: the processes on every node of the cluster where they are
/// configured, node by node in registry order (this node asked directly, others over SSH).
pub fn control_cluster(ctx: &Ctx, action: ProcessAction, names: &[String], dry_run: bool) -> Result<Outcome<Report>> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let mut wf = Workflow::new();
    let mut any = false;
    for node in crate::model::store::registry::node_ids(&doc) {
        let (picked, _) = select(&local, &doc, &node, names)?;
        if picked.is_empty() {
            continue;
        }
        any = true;
        let title = format!("{} processes on {node}: {}", action.verb(), picked.join(", "));
        let (local, doc) = (&local, &doc);
        wf = wf.step(Step::new("processes", title, move || {
            if node == local.id {
                act_here(ctx, local, doc, action, &picked)?;
            } else {
                ctx.out.header(&format!("Restarting processes on {node}"));
                let req = Request::ProcessControl { action, processes: picked.clone() };
                let answer: Output = super::remote::ask(ctx.transport()?, &node, &req)?;
                if !answer.output.is_empty() {
                    ctx.out.info(answer.output.trim_end());
                }
            }
            Ok(Done::Final)
        }));
    }
    if !any {
        let what = if names.is_empty() { "no process".to_string() } else { names.join(", ") };
        crate::bail_usage!("{what} is not configured on any node of the cluster. See 'kato role add'");
    }
    wf.execute(ctx, dry_run)
}

fn act_here(ctx: &Ctx, local: &Local, doc: &Document, action: ProcessAction, names: &[String]) -> Result<()> {
    let Some(sup) = processes::sync(&ctx.root, &local.catalog, doc, &local.id)? else {
        return Ok(());
    };
    let mut order = names.to_vec();
    if action == ProcessAction::Stop {
        order.reverse();
    }
    let mut failed = Vec::new();
    for name in &order {
        let line = format!("process {name}");
        if matches!(action, ProcessAction::Stop | ProcessAction::Restart) {
            sup.ensure_stopped(name, true)?;
            if action == ProcessAction::Stop {
                ctx.out.action(0, &line, "stopped", Tone::Ok);
            }
        }
        if matches!(action, ProcessAction::Start | ProcessAction::Restart) {
            let spec = local.catalog.process(name);
            if spec.is_some_and(|s| !processes::state::enabled(s, doc)) {
                ctx.out.action(0, &line, "disabled", Tone::Skip);
                continue;
            }
            let started = sup.ensure_started(name, true);
            let info = sup.get_process_info(name)?;
            match (started, info.statename.as_str()) {
                (Ok(true), "RUNNING") => ctx.out.action(0, &line, "started", Tone::Ok),
                (Ok(false), "RUNNING") => ctx.out.action(0, &line, "running", Tone::Ok),
                (_, state) => {
                    ctx.out.action(0, &line, &format!("fail ({state})"), Tone::Fail);
                    failed.push(name.clone());
                }
            }
        }
    }
    if !failed.is_empty() {
        bail!("failed to start: {}", failed.join(", "));
    }
    Ok(())
}

/// Answer another node's `ProcessControl` request.
pub fn answer(ctx: &Ctx, action: ProcessAction, names: &[String]) -> Result<()> {
    control(ctx, action, None, names, false).map(|_| ())
}

/// One process's state on one node.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub node: String,
    pub process: String,
    pub state: &'static str,
}

/// What `process list` found: rows, and the nodes that could not be asked.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Listing {
    pub rows: Vec<Row>,
    pub down: Vec<String>,
    /// Why each node in `down` could not be asked, in the same order.
    pub why: Vec<String>,
}

/// The states of the processes of one node (or every node with `cluster`).
pub fn list(ctx: &Ctx, names: &[String], node: Option<&str>, cluster: bool) -> Result<Listing> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    for p in names {
        if local.catalog.process(p).is_none() {
            crate::bail_usage!("Unknown process specified '{}'", p.escape_default());
        }
    }
    let nodes =
        if cluster { crate::model::store::registry::node_ids(&doc) } else { vec![local.target_node(node, &doc)?] };
    let mut out = Listing::default();
    for (node, r) in node_reports(ctx, &local, &doc, &nodes)? {
        match r {
            Ok(states) => out.rows.extend(
                states.into_iter().filter(|s| names.is_empty() || names.contains(&s.name)).map(|s| Row {
                    node: node.clone(),
                    process: s.name,
                    state: s.state.as_str(),
                }),
            ),
            Err(why) => {
                out.down.push(node);
                out.why.push(why);
            }
        }
    }
    Ok(out)
}

/// Whether a process (or `all`, or `supervisord`) is ready on a node; with `block`, wait
/// up to that long (`Some(None)`: forever).
pub fn ready(ctx: &Ctx, process: &str, node: Option<&str>, block: Option<Option<Duration>>) -> Result<bool> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let node = local.target_node(node, &doc)?;
    if !matches!(process, "all" | "supervisord") && local.catalog.process(process).is_none() {
        crate::bail_usage!("Invalid process '{}'", process.escape_default());
    }
    let deadline = block.map(|b| b.map(|d| Instant::now() + d));
    loop {
        let ready = ready_once(ctx, &local, &node, process)?;
        let expired = match deadline {
            None => true,
            Some(None) => false,
            Some(Some(d)) => Instant::now() >= d,
        };
        if ready || expired {
            return Ok(ready);
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

fn ready_once(ctx: &Ctx, local: &Local, node: &str, process: &str) -> Result<bool> {
    if process == "supervisord" {
        return Ok(processes::connect_if_running(&ctx.root).is_some());
    }
    let doc = local.read_cluster(ctx)?;
    let report = node_reports(ctx, local, &doc, &[node.to_string()])?;
    let Ok(states) = &report[0].1 else {
        return Ok(false);
    };
    let relevant: Vec<_> = states.iter().filter(|s| s.state != ProcState::Rogue).collect();
    if process == "all" {
        return Ok(relevant.iter().all(|s| s.state.is_fine()));
    }
    Ok(relevant.iter().any(|s| s.name == process && s.state == ProcState::Running))
}
