//! `kato process ready`: READY (exit 0) when a process is up and listening, else NOTREADY
//! (exit 1). `--block SECS` waits up to SECS seconds (0: forever).

use crate::ops::context::Ctx;
use crate::ops::processes::state::ProcState;
use anyhow::Result;
use clap::Args;
use std::time::{Duration, Instant};

/// Tell whether a process (or "all", or "supervisord") is ready
#[derive(Debug, Args)]
pub struct ReadyArgs {
    /// A process name, "all" or "supervisord"
    #[arg(value_name = "PROCESS")]
    pub process: String,
    /// Wait until ready, at most SECS seconds (0 waits forever)
    #[arg(short = 'b', long = "block", value_name = "SECS")]
    pub block: Option<u64>,
    /// Act on this cluster node instead of this one
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
}

fn ready_once(ctx: &Ctx, node: &str, process: &str) -> Result<bool> {
    if process == "supervisord" {
        return Ok(crate::ops::processes::connect_if_running(&ctx.root).is_some());
    }
    let doc = ctx.read_cluster()?;
    let catalog = ctx.catalog()?;
    let report = crate::ops::fanout::node_reports(ctx, &doc, &[node.to_string()])?;
    let Ok(states) = &report[0].1 else {
        return Ok(false);
    };
    let relevant: Vec<_> = states.iter().filter(|s| s.state != ProcState::Rogue).collect();
    if process == "all" {
        return Ok(relevant.iter().all(|s| s.state.is_fine()));
    }
    let _ = catalog;
    Ok(relevant.iter().any(|s| s.name == process && s.state == ProcState::Running))
}

/// Returns whether the process is ready; the caller turns NOTREADY into exit 1.
pub fn cmd_ready(ctx: &Ctx, args: &ReadyArgs) -> Result<bool> {
    let doc = ctx.read_cluster()?;
    let node = ctx.target_node(args.node.as_deref(), &doc)?;
    if !matches!(args.process.as_str(), "all" | "supervisord") && ctx.catalog()?.process(&args.process).is_none() {
        crate::bail_usage!("Invalid process '{}'", args.process.escape_default());
    }
    let deadline = args.block.map(|s| if s == 0 { None } else { Some(Instant::now() + Duration::from_secs(s)) });
    loop {
        let ready = ready_once(ctx, &node, &args.process)?;
        let expired = match deadline {
            None => true,
            Some(None) => false,
            Some(Some(d)) => Instant::now() >= d,
        };
        if ready || expired {
            println!("{}", if ready { "READY" } else { "NOTREADY" });
            return Ok(ready);
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}
