//! `kato node version [NODE]` and `kato node update`.

use super::super::context::Ctx;
use super::super::lifecycle;
use super::super::remote::{Hello, Request};
use super::super::workflow::{Outcome, Report, Workflow};
use crate::model::node::{self, NodeState, NodeType};
use crate::model::store::Mutation;
use anyhow::Result;

/// The version this node runs, or (asked over SSH) the version `node` runs.
pub fn version(ctx: &Ctx, target: Option<&str>) -> Result<String> {
    let local = ctx.local()?;
    match target {
        None => Ok(node::version(&ctx.root)),
        Some(given) => {
            let doc = local.read_cluster(ctx)?;
            let ip = local.target_node(Some(given), &doc)?;
            if ip == local.id {
                return Ok(node::version(&ctx.root));
            }
            let hello: Hello = super::super::remote::ask(ctx.transport()?, &ip, &Request::Hello)?;
            Ok(hello.version)
        }
    }
}

/// `kato node update`: when this node's address is no longer the one the cluster has for
/// it, move every reference (registry, cluster config such as `mbusip`, this node's
/// identity) to the current address and restart its started roles. On the core this is
/// `node migrate RECORDED CURRENT`; the other nodes are told to reattach.
pub fn update(ctx: &Ctx, dry_run: bool) -> Result<Outcome<Report>> {
    let local = ctx.local()?;
    if local.state.is_micro() {
        ctx.out.info("A micro cloud refers to itself as 127.0.0.1; nothing to update");
        return Ok(Outcome::Done(Report::default()));
    }
    let current = node::network_ip(&ctx.root)?;
    let Some(recorded) = local.state.node_id.clone() else {
        anyhow::bail!("this node has no recorded address; set it up or attach it first");
    };
    if recorded == current {
        ctx.out.info(&format!("The cluster's references already point at {current}; nothing to update"));
        return Ok(Outcome::Done(Report::default()));
    }
    if local.state.node_type == NodeType::Core {
        let opts =
            super::migrate::MigrateOptions { old: recorded, new: current, reattach_all: false, no_restart: false };
        return super::migrate::migrate(ctx, &opts, dry_run);
    }
    let m = Mutation::MigrateNode { old: recorded.clone(), new: current.clone() };
    let state = NodeState { node_id: Some(current.clone()), ..local.state.clone() };
    let wf = Workflow::new()
        .step(super::super::cluster::mutate_step(
            ctx,
            &local,
            "store",
            format!("migrate {recorded} to {current} in the cluster store"),
            m,
            |_| {
                ctx.out.info(&format!("Updating IP references from {recorded} to {current}"));
                Ok(())
            },
        ))
        .step(super::node_state_step(&ctx.root, format!("record this node's address as {current}"), state))
        .step(lifecycle::restart_started_step(ctx, &current));
    wf.execute(ctx, dry_run)
}
