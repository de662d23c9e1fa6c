//! `kato node …`: setting up, attaching and managing cluster nodes.

pub mod attach;
pub mod detach;
pub mod list;
pub mod migrate;
pub mod reattach;
pub mod remove;
pub mod rename;
pub mod reset;
pub mod retire;
pub mod setup;
pub mod upgrade;
pub mod version;
pub mod zones;

use crate::cli::ui::Ui;
use crate::ops::context::Ctx;
use anyhow::Result;
use clap::Subcommand;

/// Node management
#[derive(Debug, Subcommand)]
pub enum NodeCommand {
    Attach(attach::AttachArgs),
    #[command(name = "availabilityzone")]
    AvailabilityZone(zones::AvailabilityZoneArgs),
    Detach(detach::DetachArgs),
    List(list::ListArgs),
    Migrate(migrate::MigrateArgs),
    /// Add, list or remove the placement zones of a node
    #[command(name = "placementzones", subcommand)]
    PlacementZones(zones::PlacementZonesCommand),
    Reattach(reattach::ReattachArgs),
    Remove(remove::RemoveArgs),
    Rename(rename::RenameArgs),
    Reset(reset::ResetArgs),
    Retire(retire::RetireArgs),
    /// Configure this node as a core, a micro cloud or a load balancer
    #[command(subcommand)]
    Setup(setup::SetupCommand),
    Update(version::UpdateArgs),
    Upgrade(upgrade::UpgradeArgs),
    Version(version::VersionArgs),
}

impl NodeCommand {
    pub fn exec(&self, ctx: &Ctx, ui: &Ui) -> Result<()> {
        match self {
            NodeCommand::Attach(a) => a.exec(ctx),
            NodeCommand::AvailabilityZone(a) => a.exec(ctx),
            NodeCommand::PlacementZones(c) => c.exec(ctx),
            NodeCommand::Detach(a) => a.exec(ctx, ui),
            NodeCommand::List(a) => a.exec(ctx),
            NodeCommand::Migrate(a) => a.exec(ctx),
            NodeCommand::Reattach(a) => a.exec(ctx),
            NodeCommand::Remove(a) => a.exec(ctx),
            NodeCommand::Rename(a) => a.exec(ctx),
            NodeCommand::Reset(a) => a.exec(ctx),
            NodeCommand::Retire(a) => a.exec(ctx),
            NodeCommand::Update(a) => a.exec(ctx),
            NodeCommand::Upgrade(a) => a.exec(ctx, ui),
            NodeCommand::Version(a) => a.exec(ctx),
            NodeCommand::Setup(s) => s.exec(ctx, ui),
        }
    }
}
