//! `kato process list`.

use crate::cli::render::{self, Format, FormatArgs};
use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;
use serde_json::{Map, json};

/// List a node's processes and their state
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only these processes
    #[arg(value_name = "PROCESS")]
    pub processes: Vec<String>,
    /// Act on this cluster node instead of this one
    #[arg(short = 'n', long = "node", value_name = "NODE_IP", conflicts_with = "cluster")]
    pub node: Option<String>,
    /// Include every node of the cluster
    #[arg(short = 'c', long)]
    pub cluster: bool,
    #[command(flatten)]
    pub format: FormatArgs,
}

impl ListArgs {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        let listing = crate::ops::process::list(ctx, &self.processes, self.node.as_deref(), self.cluster)?;
        let format = self.format.format();
        if format != Format::Text {
            let mut per_node: Map<String, serde_json::Value> = Map::new();
            for r in &listing.rows {
                per_node.entry(r.node.clone()).or_insert_with(|| json!({}))[&r.process] = json!({"state": r.state});
            }
            for (n, why) in listing.down.iter().zip(&listing.why) {
                ui.warn(&format!("Could not determine process status on {n}: {why}"));
            }
            let doc = json!({"node_processes": per_node, "down_node": listing.down});
            crate::out!("{}", render::structured(format, &doc)?);
            return if listing.down.is_empty() { Ok(()) } else { Err(crate::error::silent(1)) };
        }
        let line = |a: &str, b: &str, c: &str| {
            if self.cluster { format!("{a:<22} {b:<10} {c:<15}") } else { format!("{a:<22} {b:<10}") }
        };
        crate::outln!("{}", line("PROCESS", "STATE", "NODE"));
        crate::outln!("{}", line("---------", "-------", "----"));
        for r in &listing.rows {
            let text = line(&r.process, r.state, &r.node);
            let painted = match r.state {
                "RUNNING" => ui.green(&text),
                "STARTING" | "DISABLED" => ui.yellow(&text),
                _ => ui.red(&text),
            };
            crate::outln!("{painted}");
        }
        for (n, why) in listing.down.iter().zip(&listing.why) {
            ui.warn(&format!("Could not determine process status on {n}: {why}"));
        }
        if listing.down.is_empty() { Ok(()) } else { Err(crate::error::silent(1)) }
    }
}
