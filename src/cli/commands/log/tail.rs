//! `kato log tail`: the logs of the cluster's processes, every line prefixed
//! `process@node:`. All nodes by default (lines merged as they come), or one node.

use crate::cli::lines::{StdoutLines, Style, Terminal};
use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use crate::ops::logtail::{self, Nodes};
use anyhow::Result;
use clap::Args;
use std::sync::Arc;

/// Show (and follow) the logs of processes, from every node of the cluster
#[derive(Debug, Args)]
pub struct TailArgs {
    /// Processes, roles or role groups (default: every process, and supervisord)
    #[arg(value_name = "COMPONENT")]
    pub components: Vec<String>,
    /// A number: lines to show from each log (default 10); an IP: only that node
    #[arg(short = 'n', value_name = "LINES|NODE_IP")]
    pub n: Option<String>,
    /// Lines to show from each log before following
    #[arg(long, value_name = "N")]
    pub lines: Option<usize>,
    /// Only this node
    #[arg(long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// Only the node kato runs on
    #[arg(short = 'l', long, conflicts_with = "node")]
    pub local: bool,
    /// Keep following the logs (nodes that drop are reconnected)
    #[arg(short = 'f', long)]
    pub follow: bool,
    /// One JSON object per line: {"process", "node", "text"}
    #[arg(long)]
    pub json: bool,
    /// Show lines as they are (keep leading timestamps, and logyard's INFO records)
    #[arg(long)]
    pub raw: bool,
    /// Prefix each line with the time it is shown
    #[arg(long)]
    pub time: bool,
    /// Turn off colour (on by default at a terminal)
    #[arg(long = "no-color")]
    pub no_color: bool,
}

impl TailArgs {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        let (lines, node) =
            crate::cli::input::lines_or_node(self.n.as_deref(), self.lines, self.node.as_deref(), self.local)?;
        let nodes = match (self.local, node) {
            (true, _) => Nodes::Local,
            (_, Some(n)) => Nodes::One(n),
            _ => Nodes::All,
        };
        let style = Style { raw: self.raw, time: self.time, color: !self.no_color && ui.color_out };
        let out = Arc::new(Terminal::new(StdoutLines::new(self.follow, self.json).styled(style), ui.clone()));
        logtail::tail(ctx, &self.components, lines, nodes, self.follow, out)
    }
}
