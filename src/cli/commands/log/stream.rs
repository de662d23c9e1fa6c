//! `kato log stream`: follow the cluster's log streams by key, in the original's formats.

use crate::cli::render::stream::{StreamOptions, StreamOut};
use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use crate::ops::logtail::{self, Nodes};
use anyhow::Result;
use clap::Args;
use std::sync::Arc;

/// Stream log keys from every node (systail: every process; systail.PROCESS: one)
///
/// Examples:
///   kato log stream systail
///   kato log stream systail.dea systail.router
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct StreamArgs {
    /// Stream key prefixes: systail or systail.PROCESS
    #[arg(value_name = "KEY", required = true)]
    pub keys: Vec<String>,
    /// Show the original JSON (`<key> <json>`)
    #[arg(long)]
    pub json: bool,
    /// Show unformatted logs (leading timestamps kept)
    #[arg(long)]
    pub raw: bool,
    /// Show a timestamp
    #[arg(long)]
    pub time: bool,
    /// Turn off color
    #[arg(long)]
    pub no_color: bool,
    /// Only show logs from a specific cluster node
    #[arg(short = 'n', long = "node", value_name = "NODE_IP", conflicts_with = "local")]
    pub node: Option<String>,
    /// Only show logs from the current node
    #[arg(short = 'l', long)]
    pub local: bool,
}

impl StreamArgs {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        let components = logtail::stream_components(&self.keys)?;
        let nodes = match (&self.node, self.local) {
            (_, true) => Nodes::Local,
            (Some(n), _) => Nodes::One(n.clone()),
            _ => Nodes::All,
        };
        let opts =
            StreamOptions { json: self.json, raw: self.raw, time: self.time, color: ui.color_out && !self.no_color };
        logtail::tail(ctx, &components, 0, nodes, true, Arc::new(StreamOut::new(opts, ui.clone())))
    }
}
