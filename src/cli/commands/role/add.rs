//! `kato role add`: enable roles on a node and start them.

use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::roles::AddRequest;
use anyhow::Result;
use clap::Args;

/// Enable roles on a node
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Roles or role groups to enable
    #[arg(value_name = "ROLE", required_unless_present = "all")]
    pub roles: Vec<String>,
    /// Enable every role that may be added (not load_balancer)
    #[arg(short = 'a', long, conflicts_with_all = ["all_but", "only", "roles"])]
    pub all: bool,
    /// Enable every role except the ROLEs given
    #[arg(short = 'b', long = "all-but", conflicts_with = "only")]
    pub all_but: bool,
    /// Enable only the ROLEs given, removing the node's other roles
    #[arg(short = 'o', long, conflicts_with = "no_start")]
    pub only: bool,
    /// Act on this cluster node instead of this one
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// Do not start the roles' processes
    #[arg(short = 's', long = "no-start")]
    pub no_start: bool,
    /// Allow --only to remove the last node of a required role
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub checked: crate::cli::commands::Checked,
}

impl AddArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let req = AddRequest {
            words: self.roles.clone(),
            all: self.all,
            all_but: self.all_but,
            only: self.only,
            node: self.node.clone(),
            no_start: self.no_start,
            force: self.force,
            skip_preflight: self.checked.skip_preflight.clone(),
        };
        render::outcome(crate::ops::roles::add(ctx, &req, self.checked.dry_run)?);
        Ok(())
    }
}
