//! Starting, stopping and restarting roles on a node: records each role's state
//! (`START`/`STOP`) in the registry, drives the node's supervisord and prints the
//! original's progress lines (per-process lines with `-v`).

use crate::cli::ui::Tone;
use crate::model::store::Mutation;
use crate::model::store::registry::{self, START, STOP};
use crate::ops::context::Ctx;
use crate::ops::processes::control::RoleOutcome;
use crate::ops::processes::{self, control};
use anyhow::{Result, bail};

/// Run the start/stop on another node (over SSH); its progress lines are shown here.
fn on_remote(ctx: &Ctx, node: &str, stop: &[String], start: &[String], force_stop: bool) -> Result<()> {
    let req = crate::ops::remote::Request::Lifecycle { stop: stop.to_vec(), start: start.to_vec(), force_stop };
    let v = ctx.transport()?.call(node, &req)?;
    let output = v.get("output").and_then(|o| o.as_str()).unwrap_or("");
    if !output.is_empty() {
        ctx.ui.info(output.trim_end());
    }
    Ok(())
}

fn print_outcomes(ctx: &Ctx, verb: &str, outcomes: &[RoleOutcome]) {
    let ui = &ctx.ui;
    for o in outcomes {
        let line = format!("role {} {verb}", o.role);
        if ui.verbose && !o.processes.is_empty() {
            ui.action(0, &line, "", Tone::Ok);
            for (name, p) in &o.processes {
                let tone = if p.failed() {
                    Tone::Fail
                } else if matches!(p, control::ProcOutcome::RequiredBy(_) | control::ProcOutcome::Disabled) {
                    Tone::Skip
                } else {
                    Tone::Ok
                };
                ui.action(1, &format!("process {name}"), &p.label(), tone);
            }
        }
        if o.failed() {
            ui.action(0, &line, "fail", Tone::Fail);
        } else {
            ui.action(0, &line, "ok", Tone::Ok);
        }
    }
}

fn failures(outcomes: &[RoleOutcome]) -> Vec<String> {
    outcomes
        .iter()
        .filter(|o| o.failed())
        .map(|o| {
            let bad: Vec<String> =
                o.processes.iter().filter(|(_, p)| p.failed()).map(|(n, p)| format!("{n} {}", p.label())).collect();
            format!("{} ({})", o.role, bad.join(", "))
        })
        .collect()
}

/// Start roles (in role order) on `node`, recording them as started.
pub fn start_roles(ctx: &Ctx, node: &str, roles: &[String]) -> Result<()> {
    if node != ctx.node_id()? {
        return on_remote(ctx, node, &[], roles, false);
    }
    let catalog = ctx.catalog()?;
    let mut roles = roles.to_vec();
    catalog.sort_roles(&mut roles);
    let store = ctx.store()?;
    let configured: Vec<String> = roles.iter().filter(|r| !catalog.is_mandatory(r)).cloned().collect();
    if !configured.is_empty() {
        store.mutate(
            catalog,
            &Mutation::SetRoleState { node: node.into(), roles: configured, state: START.into() },
            false,
        )?;
    }
    let doc = store.read(catalog)?;
    ctx.ui.header("Starting roles");
    let outcomes = match processes::sync(&ctx.root, catalog, &doc, node)? {
        Some(sup) => control::start(&sup, &ctx.root, catalog, &doc, node, &roles)?,
        None => roles.iter().map(|r| RoleOutcome { role: r.clone(), processes: Vec::new() }).collect(),
    };
    print_outcomes(ctx, "starting", &outcomes);
    let failed = failures(&outcomes);
    if !failed.is_empty() {
        bail!("failed to start: {}", failed.join("; "));
    }
    Ok(())
}

/// Stop roles (in reverse role order) on `node`. Roles still configured are recorded as
/// stopped; processes another started role needs keep running unless `force`.
pub fn stop_roles_with(ctx: &Ctx, node: &str, roles: &[String], force: bool) -> Result<()> {
    if node != ctx.node_id()? {
        return on_remote(ctx, node, roles, &[], force);
    }
    let catalog = ctx.catalog()?;
    let mut roles = roles.to_vec();
    catalog.sort_roles(&mut roles);
    let store = ctx.store()?;
    let doc = store.read(catalog)?;
    let configured = registry::role_names_of(&doc, node);
    let still: Vec<String> =
        roles.iter().filter(|r| configured.contains(r) && !catalog.is_mandatory(r)).cloned().collect();
    if !still.is_empty() {
        store.mutate(
            catalog,
            &Mutation::SetRoleState { node: node.into(), roles: still, state: STOP.into() },
            false,
        )?;
    }
    let doc = store.read(catalog)?;
    let remaining = control::started_roles(catalog, &doc, node);
    ctx.ui.header("Stopping roles");
    let outcomes = match processes::connect_if_running(&ctx.root) {
        Some(sup) => {
            let o = control::stop(&sup, catalog, &roles, &remaining, force)?;
            processes::sync(&ctx.root, catalog, &doc, node)?;
            o
        }
        None => roles.iter().map(|r| RoleOutcome { role: r.clone(), processes: Vec::new() }).collect(),
    };
    print_outcomes(ctx, "stopping", &outcomes);
    let failed = failures(&outcomes);
    if !failed.is_empty() {
        bail!("failed to stop: {}", failed.join("; "));
    }
    Ok(())
}

pub fn stop_roles(ctx: &Ctx, node: &str, roles: &[String]) -> Result<()> {
    stop_roles_with(ctx, node, roles, false)
}

/// The roles a start/stop/restart acts on: every role of the node when none are named;
/// otherwise the named roles (groups limited to the node's roles), each of which must be
/// configured on the node.
pub fn select_roles(
    ctx: &Ctx,
    doc: &crate::model::store::Document,
    node: &str,
    words: &[String],
) -> Result<Vec<String>> {
    let catalog = ctx.catalog()?;
    let assigned = processes::assigned_roles(catalog, doc, node);
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

/// Stop processes running under supervisord that no role of this node needs.
pub fn stop_rogue(ctx: &Ctx, node: &str) -> Result<()> {
    let catalog = ctx.catalog()?;
    let doc = ctx.read_cluster()?;
    let Some(sup) = processes::connect_if_running(&ctx.root) else {
        return Ok(());
    };
    let states = processes::state::node_processes(catalog, &doc, node, &sup)?;
    let rogue = control::rogue(&states);
    if rogue.is_empty() {
        return Ok(());
    }
    ctx.ui.header("Stopping rogue processes");
    for name in rogue {
        sup.ensure_stopped(&name, true)?;
        ctx.ui.action(0, &format!("process {name}"), "stopped", Tone::Ok);
    }
    Ok(())
}
