//! `kato history`: the state-changing kato commands run on this node.

use crate::context::Ctx;
use crate::history;
use crate::render;
use anyhow::Result;
use clap::Args;

/// Show the kato commands that have been run
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only show commands run on this node id
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// Print JSON
    #[arg(short = 'j', long)]
    pub json: bool,
}

pub fn cmd_history(ctx: &Ctx, args: &HistoryArgs) -> Result<()> {
    if let Some(n) = &args.node {
        crate::node::parse_ip(n, "node id")?;
    }
    let events: Vec<history::Event> =
        history::read(&ctx.root)?.into_iter().filter(|e| args.node.as_ref().is_none_or(|n| *n == e.node_id)).collect();
    if args.json {
        print!("{}", render::json(&events)?);
        return Ok(());
    }
    for e in &events {
        println!("[{}] on {} => {} ({})", history::format_time(e.unix_time), e.node_id, e.command, e.status);
    }
    Ok(())
}
