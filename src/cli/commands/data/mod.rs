//! `kato data export|import`: back up this node's (or the cluster's) kato state and
//! service data to a `.tgz`, and restore it on a fresh node.

use crate::ops::context::Ctx;
use crate::ops::data::Mode;
use anyhow::Result;
use clap::{Args, Subcommand};

pub mod export;
pub mod flags;
pub mod import;

/// Export or import kato's state and service data
#[derive(Debug, Subcommand)]
pub enum DataCommand {
    Export(export::ExportArgs),
    Import(import::ImportArgs),
}

/// Which nodes: one of these is required (the original's modes)
#[derive(Debug, Args)]
pub struct ModeArgs {
    /// Operate on the entire cluster
    #[arg(short = 'c', long, conflicts_with_all = ["only_this_node", "manual"])]
    pub cluster: bool,
    /// Only affect this node
    #[arg(short = 'o', long = "only-this-node", conflicts_with = "manual")]
    pub only_this_node: bool,
    /// Only this node's roles (kato exports every role of the node)
    #[arg(short = 'm', long)]
    pub manual: bool,
    /// Accepted with --manual (implies --only-this-node)
    #[arg(short = 'f', long, requires = "manual")]
    pub force: bool,
    #[command(flatten)]
    pub flags: flags::DataFlags,
}

impl ModeArgs {
    pub fn mode(&self, ctx: &Ctx) -> Result<Mode> {
        for f in self.flags.ignored() {
            ctx.out.warn(&format!("nothing to export or import for {f} here; ignored"));
        }
        if self.cluster {
            Ok(Mode::Cluster)
        } else if self.only_this_node || self.manual {
            Ok(Mode::ThisNode)
        } else {
            crate::bail_usage!("You must provide either --only-this-node or --cluster.")
        }
    }
}

impl DataCommand {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        match self {
            DataCommand::Export(a) => a.exec(ctx),
            DataCommand::Import(a) => a.exec(ctx),
        }
    }
}
