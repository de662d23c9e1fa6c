//! `kato status`: roles and their process issues across the cluster.

use crate::cli::render::{self, Format, FormatArgs};
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// List configured roles and their current status across the cluster
#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Show all roles, including roles no node has
    #[arg(short = 'a', long)]
    pub all: bool,
    /// Only ask this node
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    #[command(flatten)]
    pub format: FormatArgs,
}

pub fn cmd_status(ctx: &Ctx, args: &StatusArgs) -> Result<()> {
    let catalog = ctx.catalog()?;
    let doc = ctx.read_cluster()?;
    let nodes = match &args.node {
        Some(n) => vec![ctx.target_node(Some(n), &doc)?],
        None => crate::model::store::registry::node_ids(&doc),
    };
    let reports = crate::ops::fanout::node_reports(ctx, &doc, &nodes)?;
    let status = crate::ops::status::compute(catalog, &doc, &reports);
    for (node, r) in &reports {
        if let Err(why) = r {
            ctx.ui.warn(&format!("Could not determine process status on {node}."));
            ctx.ui.detail(why);
        }
    }
    match args.format.format() {
        Format::Text => print!("{}", status.render(&ctx.ui, args.all)),
        f => print!("{}", render::structured(f, &status)?),
    }
    Ok(())
}
