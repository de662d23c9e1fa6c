//! Enabling and disabling a node's roles (`kato role add|remove`) and describing roles
//! (`kato role info`). The cluster rules are the store's (checked under its lock); the
//! checks of this machine run before anything changes.

use super::cluster::mutate_step;
use super::context::{Ctx, Local};
use super::lifecycle::{self, RoleAction};
use super::report::Tone;
use super::workflow::{Done, Outcome, Report, Step, Workflow};
use crate::model::catalog::update;
use crate::model::store::registry::{self, START, STOP};
use crate::model::store::{Document, Mutation};
use anyhow::Result;
use std::cell::RefCell;

/// What `role add` was asked.
#[derive(Debug, Clone, Default)]
pub struct AddRequest {
    pub words: Vec<String>,
    pub all: bool,
    pub all_but: bool,
    pub only: bool,
    pub node: Option<String>,
    pub no_start: bool,
    pub force: bool,
    pub skip_preflight: Vec<String>,
}

/// What `role remove` was asked.
#[derive(Debug, Clone, Default)]
pub struct RemoveRequest {
    pub words: Vec<String>,
    pub all: bool,
    pub all_but: bool,
    pub node: Option<String>,
    pub force: bool,
}

/// The roles `role add` means on this node.
fn roles_to_add(local: &Local, req: &AddRequest, micro: bool) -> Result<Vec<String>> {
    let catalog = &local.catalog;
    let all = update::all_roles(catalog, micro);
    if req.all {
        return Ok(all);
    }
    if req.all_but {
        let except = update::expand(catalog, &req.words, micro)?;
        return Ok(all.into_iter().filter(|r| !except.contains(r)).collect());
    }
    let mut r = update::expand(catalog, &req.words, micro)?;
    // Mandatory roles named through a group (e.g. microcloud) are already there.
    if req.words.iter().any(|w| catalog.group(w).is_some() || w == "all") {
        r.retain(|x| !catalog.is_mandatory(x));
    }
    Ok(r)
}

pub fn add(ctx: &Ctx, req: &AddRequest, dry_run: bool) -> Result<Outcome<Report>> {
    let local = ctx.local()?;
    let store = local.store(ctx)?;
    let catalog = &local.catalog;
    let doc = store.read(catalog)?;
    let node = local.target_node(req.node.as_deref(), &doc)?;
    let micro = local.state.is_micro() && req.node.is_none();
    let roles = roles_to_add(&local, req, micro)?;
    super::preflight::validate_skips(&req.skip_preflight)?;
    let state = if req.no_start { STOP } else { START };
    let drop: Vec<String> = if req.only {
        registry::role_names_of(&doc, &node)
            .into_iter()
            .filter(|r| !roles.contains(r) && !catalog.is_mandatory(r))
            .collect()
    } else {
        Vec::new()
    };
    // The cluster rules first (nothing is written), then the checks of this machine.
    if !drop.is_empty() {
        store.mutate(
            catalog,
            &Mutation::RemoveRoles { node: node.clone(), roles: drop.clone(), force: req.force },
            true,
        )?;
    }
    let add = Mutation::AddRoles { node: node.clone(), roles: roles.clone(), state: state.into(), micro_cloud: micro };
    store.mutate(catalog, &add, true)?;
    reachable(ctx, &local, &node, dry_run)?;
    let current = registry::role_names_of(&doc, &node);
    let new_roles: Vec<String> = roles.iter().filter(|r| !current.contains(r)).cloned().collect();
    // These look at this machine, so they only apply when the roles are added here.
    if node == local.id {
        let checks = super::preflight::new_role_checks(&ctx.root, catalog, &node, &new_roles);
        super::preflight::enforce(ctx.out, &checks, &req.skip_preflight)?;
    }
    let added = RefCell::new(Vec::<String>::new());
    let removed = RefCell::new(Vec::<String>::new());
    let wf = Workflow::new()
        .step(mutate_step(ctx, &local, "add-roles", format!("add roles {} to {node}", roles.join(", ")), add, |a| {
            ctx.out.header("Adding roles");
            for r in &a.outcome.added {
                ctx.out.action(0, &format!("adding role \"{r}\""), "ok", Tone::Ok);
            }
            for r in &a.outcome.existing {
                ctx.out.action(0, &format!("adding role \"{r}\""), "exists", Tone::Skip);
            }
            *added.borrow_mut() = a.outcome.added.clone();
            Ok(())
        }))
        .step_if(!drop.is_empty(), || {
            let m = Mutation::RemoveRoles { node: node.clone(), roles: drop.clone(), force: req.force };
            mutate_step(
                ctx,
                &local,
                "remove-other-roles",
                format!("remove roles {} from {node}", drop.join(", ")),
                m,
                |a| {
                    *removed.borrow_mut() = a.outcome.removed.clone();
                    Ok(())
                },
            )
        })
        .step_if(!drop.is_empty(), || stop_removed_step(ctx, &node, &removed))
        .step(
            Step::new("start-roles", start_title(req.no_start, &node), || {
                let new = added.borrow().clone();
                if new.is_empty() {
                    return Ok(Done::Unchanged);
                }
                if !req.no_start {
                    lifecycle::apply(ctx, &RoleAction::start(&node, &new))?;
                } else if node == local.id {
                    // Not started, but the node's supervisord gets their programs (autostart
                    // off), so `kato start ROLE` and `kato process start` find them.
                    let doc = local.read_cluster(ctx)?;
                    super::processes::sync(&ctx.root, &local.catalog, &doc, &node)?;
                }
                Ok(Done::Final)
            })
            .done_if(move || Ok(new_roles.is_empty())),
        );
    wf.execute(ctx, dry_run)
}

/// Another node whose roles change must answer first: its processes are started or
/// stopped after the registry changes, and a change it cannot act on is refused whole.
fn reachable(ctx: &Ctx, local: &Local, node: &str, dry_run: bool) -> Result<()> {
    if node == local.id || dry_run {
        return Ok(());
    }
    super::remote::hello(ctx.transport()?, node)
        .map(|_| ())
        .map_err(|e| anyhow::anyhow!("cannot reach {node} ({}); nothing was changed", crate::error::one_line(&e)))
}

fn start_title(no_start: bool, node: &str) -> String {
    if no_start {
        format!("hand the new roles' programs to supervisord on {node} (not started)")
    } else {
        format!("start the new roles on {node}")
    }
}

/// The roles `role remove` means on `node`.
fn roles_to_remove(local: &Local, doc: &Document, node: &str, req: &RemoveRequest) -> Result<Vec<String>> {
    let catalog = &local.catalog;
    let configured: Vec<String> =
        registry::role_names_of(doc, node).into_iter().filter(|r| !catalog.is_mandatory(r)).collect();
    if req.all {
        return Ok(configured);
    }
    if req.all_but {
        let except = update::expand(catalog, &req.words, true)?;
        return Ok(configured.into_iter().filter(|r| !except.contains(r)).collect());
    }
    let named = update::expand(catalog, &req.words, true)?;
    // Groups count only for the roles the node has; plain roles are checked as given.
    let from_group = req.words.iter().any(|w| catalog.group(w).is_some() || w == "all");
    Ok(if from_group {
        named.into_iter().filter(|r| configured.contains(r) || catalog.is_mandatory(r)).collect()
    } else {
        named
    })
}

pub fn remove(ctx: &Ctx, req: &RemoveRequest, dry_run: bool) -> Result<Outcome<Report>> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let node = local.target_node(req.node.as_deref(), &doc)?;
    let roles = roles_to_remove(&local, &doc, &node, req)?;
    let removed = RefCell::new(Vec::<String>::new());
    let m = Mutation::RemoveRoles { node: node.clone(), roles: roles.clone(), force: req.force };
    // The cluster rules first (nothing is written), then whether the node answers.
    local.store(ctx)?.mutate(&local.catalog, &m, true)?;
    reachable(ctx, &local, &node, dry_run)?;
    let title = format!("remove roles {} from {node}", roles.join(", "));
    let wf = Workflow::new()
        .step(mutate_step(ctx, &local, "remove-roles", title, m, |a| {
            for r in &a.outcome.absent {
                ctx.out.warn(&format!("Role '{r}' is not configured on node {node}"));
            }
            *removed.borrow_mut() = a.outcome.removed.clone();
            Ok(())
        }))
        .step(stop_removed_step(ctx, &node, &removed));
    wf.execute(ctx, dry_run)
}

/// The step that stops the roles a previous step removed from `node` (known once that
/// step ran).
fn stop_removed_step<'a>(ctx: &'a Ctx, node: &'a str, removed: &'a RefCell<Vec<String>>) -> Step<'a> {
    Step::new("stop-removed-roles", format!("stop the removed roles on {node}"), move || {
        let gone = removed.borrow().clone();
        if gone.is_empty() {
            return Ok(Done::Unchanged);
        }
        lifecycle::apply(ctx, &RoleAction::stop(node, &gone, false))?;
        ctx.out.header("Removing roles");
        for r in &gone {
            ctx.out.action(0, &format!("removing role \"{r}\""), "ok", Tone::Ok);
        }
        Ok(Done::Final)
    })
}

/// Each role (or the roles of the groups named) with its processes, sorted.
pub fn info(ctx: &Ctx, words: &[String]) -> Result<Vec<(String, Vec<String>)>> {
    let local = ctx.local()?;
    let catalog = &local.catalog;
    let mut roles = if words.is_empty() {
        catalog.role_names().map(str::to_string).collect()
    } else {
        update::expand(catalog, words, true)?
    };
    roles.sort();
    Ok(roles
        .into_iter()
        .map(|r| {
            let mut procs: Vec<String> = catalog.processes_of(&r).iter().map(|p| p.name.clone()).collect();
            procs.sort();
            (r, procs)
        })
        .collect())
}
