//! `kato history`: the state-changing kato commands run on this node.

use crate::cli::render;
use crate::infra::history;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Show the kato commands that have been run
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Show the history of this cluster node (asked over SSH when it is another node)
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    #[command(flatten)]
    pub format: crate::cli::render::FormatArgs,
}

pub fn cmd_history(ctx: &Ctx, args: &HistoryArgs) -> Result<()> {
    let node = match &args.node {
        Some(n) => Some(crate::model::node::parse_ip(n, "node id")?.to_string()),
        None => None,
    };
    let local = ctx.node_id()?;
    let events: Vec<history::Event> = match &node {
        // Another node keeps its own history: ask it.
        Some(n) if *n != local && crate::model::store::registry::has_node(&ctx.read_cluster()?, n) => {
            let args = vec!["history".to_string(), "--json".to_string()];
            let v = ctx.transport()?.call(n, &crate::ops::remote::Request::Kato { args })?;
            let run: crate::ops::remote::KatoRun = serde_json::from_value(v)?;
            if run.code != 0 {
                anyhow::bail!("{n}: {}", run.stderr.trim());
            }
            serde_json::from_str(&run.stdout)?
        }
        _ => history::read(&ctx.root)?.into_iter().filter(|e| node.as_ref().is_none_or(|n| *n == e.node_id)).collect(),
    };
    let format = args.format.format();
    if format != crate::cli::render::Format::Text {
        print!("{}", render::structured(format, &events)?);
        return Ok(());
    }
    for e in &events {
        println!("[{}] on {} => {} ({})", history::format_time(e.unix_time), e.node_id, e.command, e.status);
    }
    Ok(())
}
