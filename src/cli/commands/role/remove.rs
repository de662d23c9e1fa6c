//! `kato role remove`: stop roles on a node and disable them.

use crate::cli::ui::Tone;
use crate::model::catalog::update;
use crate::model::store::Mutation;
use crate::model::store::registry;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Disable roles on a node
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Roles or role groups to disable
    #[arg(value_name = "ROLE", required_unless_present = "all")]
    pub roles: Vec<String>,
    /// Disable every role of the node
    #[arg(short = 'a', long, conflicts_with_all = ["all_but", "roles"])]
    pub all: bool,
    /// Disable every role of the node except the ROLEs given
    #[arg(short = 'b', long = "all-but")]
    pub all_but: bool,
    /// Act on this cluster node instead of this one
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// Remove the last node of a required role (primary, controller, router, dea)
    #[arg(long)]
    pub force: bool,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn cmd_remove(ctx: &Ctx, args: &RemoveArgs) -> Result<()> {
    let catalog = ctx.catalog()?;
    let store = ctx.store()?;
    let doc = store.read(catalog)?;
    let node = ctx.target_node(args.node.as_deref(), &doc)?;
    let configured: Vec<String> =
        registry::role_names_of(&doc, &node).into_iter().filter(|r| !catalog.is_mandatory(r)).collect();
    let roles: Vec<String> = if args.all {
        configured
    } else if args.all_but {
        let except = update::expand(catalog, &args.roles, true)?;
        configured.into_iter().filter(|r| !except.contains(r)).collect()
    } else {
        let named = update::expand(catalog, &args.roles, true)?;
        // Groups count only for the roles the node has; plain roles are checked as given.
        let from_group = args.roles.iter().any(|w| catalog.group(w).is_some() || w == "all");
        if from_group {
            named.into_iter().filter(|r| configured.contains(r) || catalog.is_mandatory(r)).collect()
        } else {
            named
        }
    };
    let applied = store.mutate(
        catalog,
        &Mutation::RemoveRoles { node: node.clone(), roles: roles.clone(), force: args.force },
        args.dry_run,
    )?;
    if args.dry_run {
        return super::super::print_dry_run(ctx, &applied.changes);
    }
    let ui = &ctx.ui;
    for r in &applied.outcome.absent {
        ui.warn(&format!("Role '{r}' is not configured on node {node}"));
    }
    if !applied.outcome.removed.is_empty() {
        crate::ops::lifecycle::stop_roles(ctx, &node, &applied.outcome.removed)?;
        ui.header("Removing roles");
        for r in &applied.outcome.removed {
            ui.action(0, &format!("removing role \"{r}\""), "ok", Tone::Ok);
        }
    }
    Ok(())
}
