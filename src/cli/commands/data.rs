//! `kato data export|import`: back up this node's (or the cluster's) kato state and
//! service data to a `.tgz`, and restore it on a fresh node.

use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::data::{self, Mode};
use anyhow::Result;
use clap::{Args, Subcommand};
use std::path::PathBuf;

/// Export or import kato's state and service data
#[derive(Debug, Subcommand)]
pub enum DataCommand {
    Export(ExportArgs),
    Import(ImportArgs),
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
}

impl ModeArgs {
    fn mode(&self) -> Result<Mode> {
        if self.cluster {
            Ok(Mode::Cluster)
        } else if self.only_this_node || self.manual {
            Ok(Mode::ThisNode)
        } else {
            crate::bail_usage!("You must provide either --only-this-node or --cluster.")
        }
    }
}

/// Export kato's state and service data to a .tgz
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub mode: ModeArgs,
    /// The file the export is written to [default: stackato-export-<unix-time>.tgz]
    #[arg(value_name = "FILENAME")]
    pub filename: Option<PathBuf>,
}

/// Import an export made by 'kato data export' (checked whole before anything changes)
#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub mode: ModeArgs,
    /// The export file
    #[arg(value_name = "SOURCE")]
    pub source: PathBuf,
    /// Check the archive and show the steps, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl DataCommand {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        match self {
            DataCommand::Export(a) => {
                let done = data::export(ctx, a.mode.mode()?, a.filename.as_deref())?;
                crate::outln!("Your export is available at {}", done.path.display());
            }
            DataCommand::Import(a) => {
                render::outcome(data::import(ctx, a.mode.mode()?, &a.source, a.dry_run)?);
            }
        }
        Ok(())
    }
}
