//! `node availabilityzone` and `node placementzones add|list|remove`: the zones of a node,
//! kept in its registry entry in the cluster store (`availability_zone`,
//! `placement_zones`), where `info` and `node list` read them. A node without an
//! availability zone is in `default`; one without placement zones takes apps for
//! `default`, as in the original.

use super::super::cluster::reversible_mutate_step;
use super::super::context::Ctx;
use super::super::workflow::{Outcome, Workflow};
use crate::model::store::{Mutation, registry};
use anyhow::Result;
use serde_json::json;

/// A node's zones after a command.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Zones {
    pub node: String,
    pub availability_zone: String,
    pub placement_zones: Vec<String>,
}

fn zones_of(doc: &crate::model::store::Document, node: &str) -> Zones {
    Zones {
        node: node.to_string(),
        availability_zone: registry::availability_zone(doc, node),
        placement_zones: registry::placement_zones(doc, node),
    }
}

/// Show a node's zones.
pub fn show(ctx: &Ctx, node: Option<&str>) -> Result<Zones> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let n = local.target_node(node, &doc)?;
    Ok(zones_of(&doc, &n))
}

/// What a change does to the zones.
pub enum Change {
    Availability(String),
    AddPlacement(String),
    RemovePlacement(String),
}

/// Change a node's zones (one store mutation, undone if a later step failed).
pub fn change(ctx: &Ctx, node: Option<&str>, what: &Change, dry_run: bool) -> Result<Outcome<Zones>> {
    let zone = match what {
        Change::Availability(z) | Change::AddPlacement(z) | Change::RemovePlacement(z) => z,
    };
    registry::validate_zone(zone)?;
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let n = local.target_node(node, &doc)?;
    let now = zones_of(&doc, &n);
    let (key, old, new, title) = match what {
        Change::Availability(z) => (
            "availability_zone",
            json!(now.availability_zone),
            json!(z),
            format!("set the availability zone of {n} to '{z}'"),
        ),
        Change::AddPlacement(z) => {
            if now.placement_zones.contains(z) {
                crate::bail_usage!("Zone '{z}' is already a placement zone of node {n}");
            }
            let mut list = now.placement_zones.clone();
            list.push(z.clone());
            ("placement_zones", json!(now.placement_zones), json!(list), format!("add placement zone '{z}' to {n}"))
        }
        Change::RemovePlacement(z) => {
            if !now.placement_zones.contains(z) {
                crate::bail_usage!("Zone '{z}' is not a placement zone of node {n}");
            }
            let list: Vec<&String> = now.placement_zones.iter().filter(|p| *p != z).collect();
            (
                "placement_zones",
                json!(now.placement_zones),
                json!(list),
                format!("remove placement zone '{z}' from {n}"),
            )
        }
    };
    let m = Mutation::SetNodeMeta { node: n.clone(), key: key.into(), value: new };
    let back = Mutation::SetNodeMeta { node: n.clone(), key: key.into(), value: old };
    // Refuse before any step what the store would refuse (a node it does not know).
    local.store(ctx)?.mutate(&local.catalog, &m, true)?;
    let out =
        Workflow::new().step(reversible_mutate_step(ctx, &local, "zones", title, m, back)).execute(ctx, dry_run)?;
    Ok(match out {
        Outcome::Planned(p) => Outcome::Planned(p),
        Outcome::Done(_) => Outcome::Done(zones_of(&local.read_cluster(ctx)?, &n)),
    })
}
