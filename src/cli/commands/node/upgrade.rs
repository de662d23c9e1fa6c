//! `kato node upgrade`: move the cluster to the kato of a release bundle, node by node.

use crate::cli::render::{self, Format, FormatArgs};
use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use crate::ops::upgrade::{self, UpgradeRequest};
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// Upgrade kato on the cluster's nodes from a release bundle (run on the core)
#[derive(Debug, Args)]
pub struct UpgradeArgs {
    /// The release bundle (scripts/dist.sh makes one); kato does not download
    #[arg(long, value_name = "BUNDLE")]
    pub offline: Option<PathBuf>,
    /// Only these nodes (repeatable; default: every node, the core last)
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub nodes: Vec<String>,
    /// Every node of the cluster (the default)
    #[arg(short = 'c', long, conflicts_with = "nodes")]
    pub cluster: bool,
    /// The version the bundle must hold (the original's -v is kato's --verbose)
    #[arg(long, value_name = "VERSION")]
    pub version: Option<String>,
    /// Show where every node of the last upgrade stands
    #[arg(long, conflicts_with_all = ["offline", "resume", "rollback"])]
    pub status: bool,
    /// Go on with an interrupted upgrade from the first node not done
    #[arg(long, conflicts_with = "offline")]
    pub resume: bool,
    /// Put the previous kato back on this node
    #[arg(long, value_name = "NODE_IP", conflicts_with_all = ["offline", "resume"])]
    pub rollback: Option<String>,
    /// Comma-separated roles giving the order nodes are upgraded in
    #[arg(long, value_name = "ROLES", value_delimiter = ',')]
    pub role_order: Option<Vec<String>>,
    /// Only copy and check the new kato on every node; swap nothing
    #[arg(long)]
    pub prepare: bool,
    /// Do not ask before starting
    #[arg(long)]
    pub skip_confirmation: bool,
    /// Reinstall a version a node already runs
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub format: FormatArgs,
    /// Show the steps, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl UpgradeArgs {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        if self.status {
            let plan = upgrade::status(ctx)?;
            let text = match self.format.format() {
                Format::Text => render::upgrade::plan(plan.as_ref(), ui),
                f => render::structured(f, &plan)?,
            };
            print!("{text}");
            return Ok(());
        }
        if let Some(node) = &self.rollback {
            render::outcome(upgrade::rollback(ctx, node, self.dry_run)?);
            return Ok(());
        }
        let req = UpgradeRequest {
            bundle: self.offline.clone(),
            version: self.version.clone(),
            nodes: self.nodes.clone(),
            role_order: self.role_order.clone(),
            resume: self.resume,
            prepare: self.prepare,
            force: self.force,
            skip_confirmation: self.skip_confirmation,
        };
        render::outcome(upgrade::upgrade(ctx, &req, self.dry_run)?);
        Ok(())
    }
}
