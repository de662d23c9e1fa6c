//! `kato process ready`: READY (exit 0) when a process is up and listening, else NOTREADY
//! (exit 1). `--block SECS` waits up to SECS seconds (0: forever).

use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;
use std::time::Duration;

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

impl ReadyArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let block = self.block.map(|s| if s == 0 { None } else { Some(Duration::from_secs(s)) });
        let ready = crate::ops::process::ready(ctx, &self.process, self.node.as_deref(), block)?;
        crate::outln!("{}", if ready { "READY" } else { "NOTREADY" });
        if ready { Ok(()) } else { Err(crate::error::silent(1)) }
    }
}
