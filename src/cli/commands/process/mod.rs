//! `kato process list|start|stop|restart|ready`: individual processes of a node.

pub mod act;
pub mod list;
pub mod ready;

use crate::model::store::Document;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Subcommand;

/// Start, stop or inspect individual processes (roles are usually the better handle)
#[derive(Debug, Subcommand)]
pub enum ProcessCommand {
    List(list::ListArgs),
    /// Start processes of this node (all when none are named)
    Start(act::ActArgs),
    /// Stop processes of this node (all when none are named)
    Stop(act::ActArgs),
    /// Restart processes of this node (all when none are named)
    Restart(act::ActArgs),
    Ready(ready::ReadyArgs),
}

impl ProcessCommand {
    pub fn changes_state(&self) -> bool {
        match self {
            ProcessCommand::Start(a) | ProcessCommand::Stop(a) | ProcessCommand::Restart(a) => !a.dry_run,
            ProcessCommand::List(_) | ProcessCommand::Ready(_) => false,
        }
    }
}

/// Validate process names against the catalog; `all` or nothing means every assigned one.
/// Returns (assigned names to act on, names known but not assigned to the node).
pub fn select(ctx: &Ctx, doc: &Document, node: &str, names: &[String]) -> Result<(Vec<String>, Vec<String>)> {
    let catalog = ctx.catalog()?;
    let roles = crate::ops::processes::assigned_roles(catalog, doc, node);
    let assigned: Vec<String> =
        crate::ops::processes::processes_for(catalog, &roles).iter().map(|p| p.name.clone()).collect();
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
