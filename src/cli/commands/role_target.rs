//! `kato start|stop|restart`: a node's roles, all of them or the ones named.

use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::lifecycle;
use anyhow::Result;
use clap::Args;

/// The arguments `kato start`, `stop` and `restart` share: which roles, on which node.
#[derive(Debug, Args)]
pub struct RoleTarget {
    /// Roles or role groups (default: every role of the node)
    #[arg(value_name = "ROLE")]
    pub roles: Vec<String>,
    /// Act on this cluster node instead of this one
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// Show what would be done, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

/// Start all roles of a node, or the ROLEs given
#[derive(Debug, Args)]
pub struct StartArgs {
    #[command(flatten)]
    pub target: RoleTarget,
    /// Start only the roles recorded as started, with the deferred commands (what the boot unit runs)
    #[arg(long, conflicts_with = "roles")]
    pub boot: bool,
    /// Change no configuration item while starting (kato's start never fills config
    /// placeholders; accepted for the original's scripts)
    #[arg(short = 'e', long)]
    pub ephemeral: bool,
}

impl StartArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let t = &self.target;
        if self.ephemeral && !t.dry_run {
            ctx.out.warn("Ephemeral selected. Not filling token placeholders");
        }
        if self.boot && t.node.is_none() {
            render::outcome(lifecycle::boot(ctx, t.dry_run)?);
            return Ok(());
        }
        render::outcome(lifecycle::start(ctx, t.node.as_deref(), &t.roles, self.boot, t.dry_run)?);
        Ok(())
    }
}

impl RoleTarget {
    pub fn stop(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(lifecycle::stop(ctx, self.node.as_deref(), &self.roles, self.dry_run)?);
        Ok(())
    }

    pub fn restart(&self, ctx: &Ctx) -> Result<()> {
        render::outcome(lifecycle::restart(ctx, self.node.as_deref(), &self.roles, self.dry_run)?);
        Ok(())
    }
}
