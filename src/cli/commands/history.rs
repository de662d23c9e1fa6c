//! `kato history`: the state-changing kato commands run in the cluster.

use crate::cli::render::{self, Format, FormatArgs};
use crate::cli::ui::Ui;
use crate::infra::history::format_time;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Args;

/// Show the kato commands that have been run
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Only the commands run on this cluster node
    #[arg(short = 'n', long = "node", value_name = "NODE_IP", conflicts_with = "local")]
    pub node: Option<String>,
    /// Only this node's record (read here, the core is not asked)
    #[arg(short = 'l', long)]
    pub local: bool,
    #[command(flatten)]
    pub format: FormatArgs,
}

impl HistoryArgs {
    pub fn exec(&self, ctx: &Ctx, _ui: &Ui) -> Result<()> {
        let events = crate::ops::history::read(ctx, self.node.as_deref(), self.local)?;
        match self.format.format() {
            Format::Text => {
                for e in &events {
                    crate::outln!("[{}] on {} => {} ({})", format_time(e.unix_time), e.node_id, e.command, e.status);
                }
            }
            f => crate::out!("{}", render::structured(f, &events)?),
        }
        Ok(())
    }
}
