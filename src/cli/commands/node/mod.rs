//! `kato node …`: setting up, attaching and managing cluster nodes.

pub mod attach;
pub mod detach;
pub mod list;
pub mod migrate;
pub mod reattach;
pub mod remove;
pub mod rename;
pub mod setup;

use clap::Subcommand;

/// Node management
#[derive(Debug, Subcommand)]
pub enum NodeCommand {
    Attach(attach::AttachArgs),
    Detach(detach::DetachArgs),
    List(list::ListArgs),
    Migrate(migrate::MigrateArgs),
    Reattach(reattach::ReattachArgs),
    Remove(remove::RemoveArgs),
    Rename(rename::RenameArgs),
    /// Configure this node as a core, a micro cloud or a load balancer
    #[command(subcommand)]
    Setup(setup::SetupCommand),
}

impl NodeCommand {
    pub fn changes_state(&self) -> bool {
        match self {
            NodeCommand::Setup(s) => s.changes_state(),
            NodeCommand::List(_) => false,
            NodeCommand::Attach(a) => !a.dry_run,
            NodeCommand::Migrate(a) => !a.dry_run,
            NodeCommand::Remove(a) => !a.dry_run,
            NodeCommand::Rename(a) => !a.dry_run,
            NodeCommand::Detach(a) => !a.dry_run,
            NodeCommand::Reattach(a) => !a.dry_run,
        }
    }

    pub fn run(&self, ctx: &crate::ops::context::Ctx) -> anyhow::Result<()> {
        match self {
            NodeCommand::Attach(a) => attach::cmd_attach(ctx, a),
            NodeCommand::Detach(a) => detach::cmd_detach(ctx, a),
            NodeCommand::List(a) => list::cmd_list(ctx, a),
            NodeCommand::Migrate(a) => migrate::cmd_migrate(ctx, a),
            NodeCommand::Reattach(a) => reattach::cmd_reattach(ctx, a),
            NodeCommand::Remove(a) => remove::cmd_remove(ctx, a),
            NodeCommand::Rename(a) => rename::cmd_rename(ctx, a),
            NodeCommand::Setup(setup::SetupCommand::Core(a)) => setup::core::cmd_core(ctx, a),
            NodeCommand::Setup(setup::SetupCommand::Micro(a)) => setup::micro::cmd_micro(ctx, a),
            NodeCommand::Setup(setup::SetupCommand::LoadBalancer(a)) => setup::load_balancer::cmd_load_balancer(ctx, a),
        }
    }
}
