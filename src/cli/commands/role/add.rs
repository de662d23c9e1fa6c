//! `kato role add`: enable roles on a node and start them.

use crate::cli::ui::Tone;
use crate::model::catalog::update;
use crate::model::store::Mutation;
use crate::model::store::registry::{self, START, STOP};
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Enable roles on a node
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Roles or role groups to enable
    #[arg(value_name = "ROLE", required_unless_present = "all")]
    pub roles: Vec<String>,
    /// Enable every role that may be added (not load_balancer)
    #[arg(short = 'a', long, conflicts_with_all = ["all_but", "only", "roles"])]
    pub all: bool,
    /// Enable every role except the ROLEs given
    #[arg(short = 'b', long = "all-but", conflicts_with = "only")]
    pub all_but: bool,
    /// Enable only the ROLEs given, removing the node's other roles
    #[arg(short = 'o', long, conflicts_with = "no_start")]
    pub only: bool,
    /// Act on this cluster node instead of this one
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// Do not start the roles' processes
    #[arg(short = 's', long = "no-start")]
    pub no_start: bool,
    /// Allow --only to remove the last node of a required role
    #[arg(long)]
    pub force: bool,
    /// Skip a named preflight check (repeatable)
    #[arg(long = "skip-preflight", value_name = "NAME")]
    pub skip_preflight: Vec<String>,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn cmd_add(ctx: &Ctx, args: &AddArgs) -> Result<()> {
    let catalog = ctx.catalog()?;
    let store = ctx.store()?;
    let doc = store.read(catalog)?;
    let node = ctx.target_node(args.node.as_deref(), &doc)?;
    let micro = ctx.node_state()?.is_micro() && args.node.is_none();
    let all = update::all_roles(catalog, micro);
    let roles: Vec<String> = if args.all {
        all
    } else if args.all_but {
        let except = update::expand(catalog, &args.roles, micro)?;
        all.into_iter().filter(|r| !except.contains(r)).collect()
    } else {
        let mut r = update::expand(catalog, &args.roles, micro)?;
        // Mandatory roles named through a group (e.g. microcloud) are already there.
        if args.roles.iter().any(|w| catalog.group(w).is_some() || w == "all") {
            r.retain(|x| !catalog.is_mandatory(x));
        }
        r
    };
    crate::ops::preflight::validate_skips(&args.skip_preflight)?;
    let state = if args.no_start { STOP } else { START };
    if args.only && !args.dry_run {
        // Refuse before adding anything: a removal that --only cannot make must not leave
        // the roles half-changed.
        let drop: Vec<String> = registry::role_names_of(&doc, &node)
            .into_iter()
            .filter(|r| !roles.contains(r) && !catalog.is_mandatory(r))
            .collect();
        if !drop.is_empty() {
            store.mutate(
                catalog,
                &Mutation::RemoveRoles { node: node.clone(), roles: drop, force: args.force },
                true,
            )?;
        }
    }
    // The cluster rules first (nothing is written), then the checks of this machine.
    store.mutate(
        catalog,
        &Mutation::AddRoles { node: node.clone(), roles: roles.clone(), state: state.into(), micro_cloud: micro },
        true,
    )?;
    let current = registry::role_names_of(&doc, &node);
    let new_roles: Vec<String> = roles.iter().filter(|r| !current.contains(r)).cloned().collect();
    // These look at this machine, so they only apply when the roles are added here.
    let checks: Vec<crate::ops::preflight::CheckResult> = if node == ctx.node_id()? {
        vec![
            crate::ops::preflight::CheckResult {
                name: "process-binaries",
                verdict: crate::ops::preflight::process_binaries(&ctx.root, catalog, &node, &new_roles),
            },
            crate::ops::preflight::CheckResult {
                name: "persistent-storage",
                verdict: crate::ops::preflight::persistent_storage(&ctx.root, catalog, &new_roles),
            },
        ]
    } else {
        Vec::new()
    };
    crate::ops::preflight::enforce(&ctx.ui, &checks, &args.skip_preflight)?;
    let applied = store.mutate(
        catalog,
        &Mutation::AddRoles { node: node.clone(), roles: roles.clone(), state: state.into(), micro_cloud: micro },
        args.dry_run,
    )?;
    let mut changes = applied.changes.clone();
    let mut removed = Vec::new();
    if args.only {
        let keep = roles.clone();
        let current = registry::role_names_of(&store.read(catalog)?, &node);
        let drop: Vec<String> = current.into_iter().filter(|r| !keep.contains(r) && !catalog.is_mandatory(r)).collect();
        if !drop.is_empty() {
            let a = store.mutate(
                catalog,
                &Mutation::RemoveRoles { node: node.clone(), roles: drop, force: args.force },
                args.dry_run,
            )?;
            changes.extend(a.changes);
            removed = a.outcome.removed;
        }
    }
    if args.dry_run {
        return super::super::print_dry_run(ctx, &changes);
    }
    let ui = &ctx.ui;
    ui.header("Adding roles");
    for r in &applied.outcome.added {
        ui.action(0, &format!("adding role \"{r}\""), "ok", Tone::Ok);
    }
    for r in &applied.outcome.existing {
        ui.action(0, &format!("adding role \"{r}\""), "exists", Tone::Skip);
    }
    if !removed.is_empty() {
        crate::ops::lifecycle::stop_roles(ctx, &node, &removed)?;
        ui.header("Removing roles");
        for r in &removed {
            ui.action(0, &format!("removing role \"{r}\""), "ok", Tone::Ok);
        }
    }
    if !args.no_start && !applied.outcome.added.is_empty() {
        crate::ops::lifecycle::start_roles(ctx, &node, &applied.outcome.added)?;
    } else if !applied.outcome.added.is_empty() && node == ctx.node_id()? {
        // Not started, but the node's supervisord gets their programs (autostart off),
        // so `kato start ROLE` and `kato process start` find them.
        crate::ops::processes::sync(&ctx.root, catalog, &store.read(catalog)?, &node)?;
    }
    Ok(())
}
