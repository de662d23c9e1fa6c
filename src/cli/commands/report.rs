//! `kato report`: a support bundle of this node, another node or the cluster.

use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// Generate a report that can be sent to Stackato support
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Gather reports from entire cluster into one tarball
    #[arg(short = 'c', long, conflicts_with = "node")]
    pub cluster: bool,
    /// Gather report from a specific cluster node
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// How many lines of each log to keep
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub lines: usize,
    /// Where to write the report [default: kato-report-<unix-time>.tgz]
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

impl ReportArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let lines = self.lines.clamp(1, 10_000);
        let made = crate::ops::support::make(ctx, self.cluster, self.node.as_deref(), lines, self.output.as_deref())?;
        for (n, why) in &made.down {
            ctx.out.warn(&format!("no report from {n}: {why}"));
        }
        crate::outln!("Report is available at {}", made.path.display());
        Ok(())
    }
}
