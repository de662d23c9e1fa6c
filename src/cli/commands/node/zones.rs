//! `kato node availabilityzone [ZONE]` and `kato node placementzones add|list|remove`.

use crate::cli::render;
use crate::ops::context::Ctx;
use crate::ops::node::zones::{self, Change};
use anyhow::Result;
use clap::{Args, Subcommand};

/// Get or set the availability zone of a node
#[derive(Debug, Args)]
pub struct AvailabilityZoneArgs {
    /// The zone to set (shown when left out)
    #[arg(value_name = "ZONE")]
    pub zone: Option<String>,
    /// Use this node instead of this one
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl AvailabilityZoneArgs {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let z = match &self.zone {
            None => zones::show(ctx, self.node.as_deref())?,
            Some(z) => match render::outcome(zones::change(
                ctx,
                self.node.as_deref(),
                &Change::Availability(z.clone()),
                self.dry_run,
            )?) {
                Some(z) => z,
                None => return Ok(()),
            },
        };
        crate::outln!("Availability zone on node {} is '{}'.", z.node, z.availability_zone);
        Ok(())
    }
}

/// Add, list or remove the placement zones of a node
#[derive(Debug, Subcommand)]
pub enum PlacementZonesCommand {
    /// Add a placement zone to a node
    Add(ZoneArgs),
    /// List the placement zones of a node ('default' when it has none)
    List(NodeArg),
    /// Remove a placement zone from a node
    Remove(ZoneArgs),
}

#[derive(Debug, Args)]
pub struct NodeArg {
    /// Use this node instead of this one
    #[arg(short = 'n', long = "node", value_name = "NODE_IP")]
    pub node: Option<String>,
}

#[derive(Debug, Args)]
pub struct ZoneArgs {
    #[arg(value_name = "ZONE")]
    pub zone: String,
    #[command(flatten)]
    pub node: NodeArg,
    /// Show what would change, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

impl PlacementZonesCommand {
    pub fn exec(&self, ctx: &Ctx) -> Result<()> {
        let (a, change, done) = match self {
            PlacementZonesCommand::List(n) => {
                let z = zones::show(ctx, n.node.as_deref())?;
                let list = if z.placement_zones.is_empty() { vec!["default".into()] } else { z.placement_zones };
                list.iter().for_each(|z| crate::outln!("{z}"));
                return Ok(());
            }
            PlacementZonesCommand::Add(a) => (a, Change::AddPlacement(a.zone.clone()), "added to"),
            PlacementZonesCommand::Remove(a) => (a, Change::RemovePlacement(a.zone.clone()), "removed from"),
        };
        if let Some(z) = render::outcome(zones::change(ctx, a.node.node.as_deref(), &change, a.dry_run)?) {
            crate::outln!("Placement zone '{}' {done} node {}.", a.zone, z.node);
        }
        Ok(())
    }
}
