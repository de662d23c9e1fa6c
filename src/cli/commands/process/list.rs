//! `kato process list`.

use crate::cli::render::{self, Format, FormatArgs};
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

pub fn cmd_list(ctx: &Ctx, args: &ListArgs) -> Result<()> {
    let doc = ctx.read_cluster()?;
    let catalog = ctx.catalog()?;
    for p in &args.processes {
        if catalog.process(p).is_none() {
            crate::bail_usage!("Unknown process specified '{}'", p.escape_default());
        }
    }
    let nodes = if args.cluster {
        crate::model::store::registry::node_ids(&doc)
    } else {
        vec![ctx.target_node(args.node.as_deref(), &doc)?]
    };
    let reports = crate::ops::fanout::node_reports(ctx, &doc, &nodes)?;
    let mut rows = Vec::new();
    let mut down = Vec::new();
    for (node, r) in &reports {
        match r {
            Ok(states) => {
                for s in states.iter().filter(|s| args.processes.is_empty() || args.processes.contains(&s.name)) {
                    rows.push((node.clone(), s.name.clone(), s.state.as_str()));
                }
            }
            Err(_) => down.push(node.clone()),
        }
    }
    match args.format.format() {
        Format::Text => {
            let ui = &ctx.ui;
            let line = |a: &str, b: &str, c: &str| {
                if args.cluster { format!("{a:<22} {b:<10} {c:<15}") } else { format!("{a:<22} {b:<10}") }
            };
            println!("{}", line("PROCESS", "STATE", "NODE"));
            println!("{}", line("---------", "-------", "----"));
            for (node, name, state) in &rows {
                let text = line(name, state, node);
                let painted = match *state {
                    "RUNNING" => ui.green(&text),
                    "STARTING" | "DISABLED" => ui.yellow(&text),
                    _ => ui.red(&text),
                };
                println!("{painted}");
            }
            for n in &down {
                ui.warn(&format!("Could not determine process status on {n}"));
            }
        }
        f => {
            let mut per_node: Map<String, serde_json::Value> = Map::new();
            for (node, name, state) in &rows {
                let entry = per_node.entry(node.clone()).or_insert_with(|| json!({}));
                entry[name] = json!({"state": state});
            }
            print!("{}", render::structured(f, &json!({"node_processes": per_node, "down_node": down}))?);
        }
    }
    Ok(())
}
