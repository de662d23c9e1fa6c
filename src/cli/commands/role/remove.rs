//! `kato role remove`: stop roles on a node and disable them.

use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::roles::RemoveRequest;
use anyhow::Result;
use clap::Args;

/// Disable roles on a node
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// Roles or role groups to disable
    #[arg(value_name = "ROLE", required_unless_present = "all")]
    pub roles: Vec<String>,
    /// Disable every role of the node
    #[arg(short = 'a', long, conflicts_with_all = ["all_but", "roles"])]
    pub all: bool,
    /// Disable every role of the node except the ROLEs given
    #[arg(short = 'b', long = "all-but")]
    pub all_but: bool,
    /// Act on this cluster node instead of this one
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// Remove the last node of a required role (primary, controller, router, dea)
    #[arg(long)]
    pub force: bool,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl RemoveArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let req = RemoveRequest {
            words: self.roles.clone(),
            all: self.all,
            all_but: self.all_but,
            node: self.node.clone(),
            force: self.force,
        };
        render::outcome(crate::ops::roles::remove(ctx, &req, self.dry_run)?);
        Ok(())
    }
}
