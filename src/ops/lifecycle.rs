//! Starting, stopping and restarting roles on a node (`kato start|stop|restart`, and the
//! same work inside other operations): records each role's state (`START`/`STOP`) in the
//! registry, drives the node's supervisord, and reports the original's progress lines
//! (per-process lines when verbose). On another node the work is asked of that node.

use super::context::{Ctx, Local};
use super::processes::control::{self, ProcOutcome, RoleOutcome};
use super::processes::{self, assigned_roles};
use super::remote::{Output, Request};
use super::report::Tone;
use super::workflow::{Done, Outcome, Report, Step, Workflow};
use crate::model::store::registry::{self, START, STOP};
use crate::model::store::{Document, Mutation};
use anyhow::{Result, bail};

/// What to do with which roles of which node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleAction {
    pub node: String,
    pub roles: Vec<String>,
    pub stop: bool,
    pub start: bool,
    /// Stop processes that another started role still needs (restart, reconfiguration).
    pub force_stop: bool,
}

impl RoleAction {
    pub fn start(node: &str, roles: &[String]) -> RoleAction {
        RoleAction { node: node.into(), roles: roles.to_vec(), stop: false, start: true, force_stop: false }
    }

    pub fn stop(node: &str, roles: &[String], force: bool) -> RoleAction {
        RoleAction { node: node.into(), roles: roles.to_vec(), stop: true, start: false, force_stop: force }
    }

    pub fn restart(node: &str, roles: &[String]) -> RoleAction {
        RoleAction { node: node.into(), roles: roles.to_vec(), stop: true, start: true, force_stop: true }
    }
}

/// Plan or run a role action.
pub fn execute(ctx: &Ctx, local: &Local, act: &RoleAction, dry_run: bool) -> Result<Outcome<Report>> {
    if act.node != local.id {
        return remote_workflow(ctx, act).execute(ctx, dry_run);
    }
    let doc = local.read_cluster(ctx)?;
    workflow(ctx, local, &doc, act).execute(ctx, dry_run)
}

/// Run a role action now (inside another operation's step).
pub fn apply(ctx: &Ctx, act: &RoleAction) -> Result<()> {
    let local = ctx.local()?;
    execute(ctx, &local, act, false).map(|_| ())
}

fn remote_workflow<'a>(ctx: &'a Ctx, act: &'a RoleAction) -> Workflow<'a> {
    let what = match (act.stop, act.start) {
        (true, true) => "restart",
        (true, false) => "stop",
        _ => "start",
    };
    Workflow::new().step(Step::new("on-node", format!("{what} roles {} on {}", act.roles.join(", "), act.node), || {
        let req = Request::Lifecycle {
            stop: if act.stop { act.roles.clone() } else { Vec::new() },
            start: if act.start { act.roles.clone() } else { Vec::new() },
            force_stop: act.force_stop,
        };
        let answer: Output = super::remote::ask(ctx.transport()?, &act.node, &req)?;
        if !answer.output.is_empty() {
            ctx.out.info(answer.output.trim_end());
        }
        Ok(Done::Final)
    }))
}

/// The roles (not mandatory ones) whose recorded state differs from `state`.
fn to_record(local: &Local, doc: &Document, roles: &[String], state: &str, only_configured: bool) -> Vec<String> {
    let recorded = registry::roles_of(doc, &local.id);
    roles
        .iter()
        .filter(|r| !local.catalog.is_mandatory(r) && *r != crate::model::drain::SHIPPER)
        .filter(|r| !only_configured || recorded.iter().any(|(n, _)| n == *r))
        .filter(|r| !recorded.iter().any(|(n, s)| n == *r && s == state))
        .cloned()
        .collect()
}

fn record_step<'a>(ctx: &'a Ctx, local: &'a Local, roles: Vec<String>, state: &'static str) -> Step<'a> {
    let m = Mutation::SetRoleState { node: local.id.clone(), roles: roles.clone(), state: state.into() };
    let preview_m = m.clone();
    let word = if state == START { "started" } else { "stopped" };
    Step::new("record-state", format!("record roles {} as {word}", roles.join(", ")), move || {
        match local.store(ctx)?.mutate(&local.catalog, &m, false) {
            Ok(_) => Ok(Done::Final),
            // During a core outage the processes are still this node's to start and stop;
            // only the record waits for the core.
            Err(e) if ctx.offline_core().is_some() || crate::infra::remote::is_unreachable(&e) => {
                ctx.out.warn(&format!(
                    "the roles' recorded state ({word}) is not updated: {}",
                    crate::error::one_line(&e)
                ));
                Ok(Done::Unchanged)
            }
            Err(e) => Err(e),
        }
    })
    .done_if(move || Ok(roles.is_empty()))
    .changes(move || match local.store(ctx)?.mutate(&local.catalog, &preview_m, true) {
        Ok(a) => Ok(a.changes),
        Err(_) if ctx.offline_core().is_some() => {
            Ok(vec!["(the core is unreachable: the record would not be updated)".into()])
        }
        Err(e) => Err(e),
    })
}

fn workflow<'a>(ctx: &'a Ctx, local: &'a Local, doc: &Document, act: &'a RoleAction) -> Workflow<'a> {
    let mut roles = act.roles.clone();
    local.catalog.sort_roles(&mut roles);
    let node = &act.node;
    let mut wf = Workflow::new();
    if act.stop && !act.start {
        wf = wf.step(record_step(ctx, local, to_record(local, doc, &roles, STOP, true), STOP));
    }
    if act.stop {
        let roles = roles.clone();
        wf = wf.step(Step::new(
            "stop-processes",
            format!("stop the processes of {} on {node}", roles.join(", ")),
            move || {
                let doc = local.read_cluster(ctx)?;
                let remaining = control::started_roles(&local.catalog, &doc, node);
                ctx.out.header("Stopping roles");
                let outcomes = match processes::connect_if_running(&ctx.root) {
                    Some(sup) => {
                        let o = control::stop(&sup, &local.catalog, &roles, &remaining, act.force_stop)?;
                        processes::sync(&ctx.root, &local.catalog, &doc, node)?;
                        o
                    }
                    None => roles.iter().map(|r| RoleOutcome { role: r.clone(), processes: Vec::new() }).collect(),
                };
                report_outcomes(ctx, "stopping", &outcomes);
                check("stop", &outcomes)
            },
        ));
    }
    if act.start {
        wf = wf.step(record_step(ctx, local, to_record(local, doc, &roles, START, false), START));
        wf = wf.step(Step::new(
            "start-processes",
            format!("start the processes of {} on {node}", roles.join(", ")),
            move || {
                let doc = local.read_cluster(ctx)?;
                ctx.out.header("Starting roles");
                let outcomes = match processes::sync(&ctx.root, &local.catalog, &doc, node)? {
                    Some(sup) => control::start(&sup, &ctx.root, &local.catalog, &doc, node, &roles)?,
                    None => roles.iter().map(|r| RoleOutcome { role: r.clone(), processes: Vec::new() }).collect(),
                };
                report_outcomes(ctx, "starting", &outcomes);
                check("start", &outcomes)
            },
        ));
    }
    wf
}

fn report_outcomes(ctx: &Ctx, verb: &str, outcomes: &[RoleOutcome]) {
    let out = ctx.out;
    for o in outcomes {
        let line = format!("role {} {verb}", o.role);
        if out.verbose() && !o.processes.is_empty() {
            out.action(0, &line, "", Tone::Ok);
            for (name, p) in &o.processes {
                let tone = if p.failed() {
                    Tone::Fail
                } else if matches!(p, ProcOutcome::RequiredBy(_) | ProcOutcome::Disabled) {
                    Tone::Skip
                } else {
                    Tone::Ok
                };
                out.action(1, &format!("process {name}"), &p.label(), tone);
            }
        }
        if o.failed() {
            out.action(0, &line, "fail", Tone::Fail);
        } else if o.processes.is_empty() && verb == "starting" {
            // Nothing runs for it here: not "ok" (see role-processes and kato status).
            out.action(0, &line, "no processes", Tone::Skip);
        } else {
            out.action(0, &line, "ok", Tone::Ok);
        }
    }
}

fn check<'a>(verb: &str, outcomes: &[RoleOutcome]) -> Result<Done<'a>> {
    let failed: Vec<String> = outcomes
        .iter()
        .filter(|o| o.failed())
        .map(|o| {
            let bad: Vec<String> =
                o.processes.iter().filter(|(_, p)| p.failed()).map(|(n, p)| format!("{n} {}", p.label())).collect();
            format!("{} ({})", o.role, bad.join(", "))
        })
        .collect();
    if !failed.is_empty() {
        bail!("failed to {verb}: {}", failed.join("; "));
    }
    Ok(Done::Final)
}

/// The roles a start/stop/restart acts on: every role of the node when none are named;
/// otherwise the named roles (groups limited to the node's roles), each of which must be
/// configured on the node.
pub fn select_roles(local: &Local, doc: &Document, node: &str, words: &[String]) -> Result<Vec<String>> {
    let catalog = &local.catalog;
    let assigned = assigned_roles(catalog, doc, node);
    if words.is_empty() {
        return Ok(assigned);
    }
    let mut out = Vec::new();
    for w in words {
        let names = crate::model::catalog::update::expand_word(catalog, w, true)?;
        let from_group = names.len() != 1 || names[0] != *w;
        for n in names {
            if assigned.contains(&n) {
                out.push(n);
            } else if !from_group {
                crate::bail_usage!("Role '{n}' is not configured on node {node}");
            }
        }
    }
    catalog.sort_roles(&mut out);
    Ok(out)
}

/// A step that stops processes running under this node's supervisord that no role of the
/// node needs (`kato stop` with no roles named).
pub fn stop_rogue_step<'a>(ctx: &'a Ctx, local: &'a Local, doc: &'a Document) -> Step<'a> {
    Step::new("stop-rogue", "stop processes no role of this node needs", move || {
        let Some(sup) = processes::connect_if_running(&ctx.root) else {
            return Ok(Done::Unchanged);
        };
        let states = processes::state::node_processes(&local.catalog, doc, &local.id, &sup)?;
        let rogue = control::rogue(&states);
        if rogue.is_empty() {
            return Ok(Done::Unchanged);
        }
        ctx.out.header("Stopping rogue processes");
        for name in rogue {
            sup.ensure_stopped(&name, true)?;
            ctx.out.action(0, &format!("process {name}"), "stopped", Tone::Ok);
        }
        Ok(Done::Final)
    })
}

/// Answer another node's `Lifecycle` request: stop then start roles here, or (neither
/// given) re-sync this node's programs with the registry.
pub fn answer(ctx: &Ctx, stop: &[String], start: &[String], force_stop: bool) -> Result<()> {
    let local = ctx.local()?;
    // Only roles this node's catalog knows or the registry gives it (a role defined in
    // the core's catalog alone), and the log shipper's (kato's own while there are
    // drains): anything else is no role, and no "ok" is printed for it.
    let unknown: Vec<&String> = stop
        .iter()
        .chain(start)
        .filter(|r| local.catalog.role(r).is_none() && *r != crate::model::drain::SHIPPER)
        .collect();
    if !unknown.is_empty() {
        let mine = crate::model::store::registry::role_names_of(&local.read_cluster(ctx)?, &local.id);
        if let Some(r) = unknown.into_iter().find(|r| !mine.contains(r)) {
            crate::bail_usage!("Invalid role given '{}'", r.escape_default());
        }
    }
    if !stop.is_empty() {
        execute(ctx, &local, &RoleAction::stop(&local.id, stop, force_stop), false)?;
    } else {
        let doc = local.read_cluster(ctx)?;
        processes::sync(&ctx.root, &local.catalog, &doc, &local.id)?;
    }
    if !start.is_empty() {
        execute(ctx, &local, &RoleAction::start(&local.id, start), false)?;
    }
    Ok(())
}

/// A step that starts roles after a configuration is complete: a role that fails to start
/// does not undo the configuration (its processes are reported, and the error is kept in
/// `failure` for the operation to return once the workflow is done).
pub fn start_step<'a>(
    ctx: &'a Ctx,
    node: &'a str,
    roles: Vec<String>,
    failure: &'a std::cell::RefCell<Option<anyhow::Error>>,
) -> Step<'a> {
    Step::new("start-roles", format!("start roles {} on {node}", roles.join(", ")), move || {
        if let Err(e) = apply(ctx, &RoleAction::start(node, &roles)) {
            *failure.borrow_mut() = Some(e);
        }
        Ok(Done::Final)
    })
}

/// `kato start`: every role of the node, the roles named, or (`boot`) the roles recorded
/// as started.
pub fn start(ctx: &Ctx, node: Option<&str>, words: &[String], boot: bool, dry_run: bool) -> Result<Outcome<Report>> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let node = local.target_node(node, &doc)?;
    let roles = if boot {
        control::started_roles(&local.catalog, &doc, &node)
    } else {
        select_roles(&local, &doc, &node, words)?
    };
    let retired = super::node::retire::is_retired(&doc, &node);
    if retired && boot {
        // A retired node stays out of service across reboots.
        ctx.out.info(&format!("{node} is retired; 'kato start' brings it back"));
        return Ok(Outcome::Done(Report::default()));
    }
    if !retired {
        return execute(ctx, &local, &RoleAction::start(&node, &roles), dry_run);
    }
    // Starting a retired node's roles brings it back into service.
    let back = Mutation::SetNodeMeta { node: node.clone(), key: "retired".into(), value: serde_json::json!(false) };
    let title = format!("record {node} as back in service");
    let act = RoleAction::start(&node, &roles);
    let wf = Workflow::new()
        .step(super::cluster::mutate_step(ctx, &local, "unretire", title, back, |_| Ok(())))
        .append(if node == local.id { workflow(ctx, &local, &doc, &act) } else { remote_workflow(ctx, &act) });
    wf.execute(ctx, dry_run)
}

/// `kato start --boot` (the systemd unit): the commands deferred to run before the roles
/// start, then the roles recorded as started, then (once they are up) the commands deferred
/// with `--post-start`. A failed pre-start command does not keep the node down.
pub fn boot(ctx: &Ctx, dry_run: bool) -> Result<Outcome<Report>> {
    if dry_run {
        for d in super::deferred::list(ctx)? {
            let when = if d.post_start { "after the processes are up" } else { "before the roles start" };
            ctx.out.info(&format!("would run deferred command {} {when}", d.line()));
        }
        return start(ctx, None, &[], true, true);
    }
    let pre = super::deferred::run(ctx, false);
    if let Err(e) = &pre {
        ctx.out.warn(&format!("deferred commands: {}", crate::error::one_line(e)));
    }
    let outcome = start(ctx, None, &[], true, false)?;
    if pre.is_ok() {
        super::deferred::run(ctx, true)?;
    }
    pre.map(|_| outcome)
}

/// `kato stop`: the roles named, or every role of the node and the processes no role
/// needs.
pub fn stop(ctx: &Ctx, node: Option<&str>, words: &[String], dry_run: bool) -> Result<Outcome<Report>> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let node = local.target_node(node, &doc)?;
    let roles = select_roles(&local, &doc, &node, words)?;
    let act = RoleAction::stop(&node, &roles, false);
    if words.is_empty() && node == local.id {
        let wf = Workflow::new().step(stop_rogue_step(ctx, &local, &doc)).append(workflow(ctx, &local, &doc, &act));
        return wf.execute(ctx, dry_run);
    }
    execute(ctx, &local, &act, dry_run)
}

/// `kato restart`.
pub fn restart(ctx: &Ctx, node: Option<&str>, words: &[String], dry_run: bool) -> Result<Outcome<Report>> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let node = local.target_node(node, &doc)?;
    let roles = select_roles(&local, &doc, &node, words)?;
    execute(ctx, &local, &RoleAction::restart(&node, &roles), dry_run)
}

/// A step that restarts the roles recorded as started on `node` (after its name or
/// address changed).
pub fn restart_started_step<'a>(ctx: &'a Ctx, node: &'a str) -> Step<'a> {
    Step::new("restart-roles", format!("restart the started roles of {node}"), move || {
        let local = ctx.local()?;
        let doc = local.read_cluster(ctx)?;
        let roles = control::started_roles(&local.catalog, &doc, node);
        apply(ctx, &RoleAction::restart(node, &roles))?;
        Ok(Done::Final)
    })
}
