//! `kato node upgrade`: move the cluster to the kato of a release bundle, node by node.

use crate::cli::render::{self, FormatArgs};
use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use crate::ops::upgrade::{self, UpgradeRequest};
use anyhow::Result;
use clap::Args;
use std::path::PathBuf;

/// Upgrade kato on the cluster's nodes from a release bundle (run on the core)
#[derive(Debug, Args)]
pub struct UpgradeArgs {
    #[arg(long, value_name = "BUNDLE", help = "The release bundle (scripts/dist.sh makes one)")]
    pub offline: Option<PathBuf>,
    #[arg(short = 'n', long = "node", value_name = "NODE_IP", help = "Only these nodes (repeatable)")]
    pub nodes: Vec<String>,
    #[arg(short = 'c', long, conflicts_with = "nodes", help = "Every node, the core last (the default)")]
    pub cluster: bool,
    #[arg(long, value_name = "VERSION", help = "The version the bundle must hold")]
    pub version: Option<String>,
    #[arg(long, conflicts_with_all = ["offline", "resume", "rollback"], help = "Where every node stands")]
    pub status: bool,
    #[arg(long, conflicts_with = "offline", help = "Go on from the first node not done")]
    pub resume: bool,
    #[arg(long, value_name = "NODE_IP", conflicts_with_all = ["offline", "resume"], help = "Put back the previous kato")]
    pub rollback: Option<String>,
    #[arg(long, value_name = "ROLES", value_delimiter = ',', help = "Roles giving the order of the nodes")]
    pub role_order: Option<Vec<String>>,
    #[arg(long, help = "Only copy and check the new kato on every node; swap nothing")]
    pub prepare: bool,
    #[arg(long, help = "Do not ask before starting")]
    pub skip_confirmation: bool,
    #[arg(long, help = "Reinstall a version a node already runs")]
    pub force: bool,
    #[command(flatten)]
    pub format: FormatArgs,
    #[arg(long, help = "Show the steps, and change nothing")]
    pub dry_run: bool,
}

impl UpgradeArgs {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        if self.status {
            return render::upgrade::show_status(upgrade::status(ctx)?.as_ref(), self.format.format(), ui);
        }
        match &self.rollback {
            Some(node) => render::outcome(upgrade::rollback(ctx, node, self.dry_run)?).map(|_| ()),
            None => render::outcome(upgrade::upgrade(ctx, &self.request(), self.dry_run)?).map(|_| ()),
        };
        Ok(())
    }

    #[rustfmt::skip]
    fn request(&self) -> UpgradeRequest {
        let (bundle, version, nodes, role_order) = (self.offline.clone(), self.version.clone(), self.nodes.clone(), self.role_order.clone());
        let (resume, prepare, force, skip_confirmation) = (self.resume, self.prepare, self.force, self.skip_confirmation);
        UpgradeRequest { bundle, version, nodes, role_order, resume, prepare, force, skip_confirmation }
    }
}
