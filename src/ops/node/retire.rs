//! `node retire`: take a node out of service gracefully. The processes whose spec has a
//! `drain:` are told first (a signal or a command) and given their time to finish; then
//! every role of the node stops. The node stays registered and `status` shows it retired,
//! not failed; `kato start` on it brings it back.

use super::super::cluster::mutate_step;
use super::super::context::{Ctx, Local};
use super::super::lifecycle::{self, RoleAction};
use super::super::remote::{Output, Request};
use super::super::report::Tone;
use super::super::workflow::{Done, Outcome, Report, Step, Workflow};
use crate::model::store::{Mutation, registry};
use anyhow::Result;
use serde_json::json;
use std::time::{Duration, Instant};

/// Whether the registry marks `node` retired.
pub fn is_retired(doc: &crate::model::store::Document, node: &str) -> bool {
    registry::meta(doc, node, "retired").and_then(|v| v.as_bool()) == Some(true)
}

pub fn retire(ctx: &Ctx, node: Option<&str>, dry_run: bool) -> Result<Outcome<Report>> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let n = match node {
        None => local.id.clone(),
        Some(n) => {
            let ip = crate::model::node::parse_ip(n, "node id")?.to_string();
            if !registry::has_node(&doc, &ip) {
                crate::bail_usage!("Node does not belong to this cluster '{ip}'");
            }
            ip
        }
    };
    if n != local.id {
        let step = Step::new("on-node", format!("retire {n}"), move || {
            ctx.out.info(&format!("Retiring node {n} from the cluster"));
            let answer: Output = super::super::remote::ask(ctx.transport()?, &n, &Request::Retire)?;
            if !answer.output.is_empty() {
                ctx.out.info(answer.output.trim_end());
            }
            Ok(Done::Final)
        });
        return Workflow::new().step(step).execute(ctx, dry_run);
    }
    if !dry_run {
        ctx.out.info(&format!("Retiring node {n} from the cluster"));
    }
    workflow(ctx, &local, &doc, n).execute(ctx, dry_run)
}

/// Answer the core's `Retire` request.
pub fn here(ctx: &Ctx) -> Result<()> {
    retire(ctx, None, false).map(|_| ())
}

fn workflow<'a>(ctx: &'a Ctx, local: &'a Local, doc: &crate::model::store::Document, n: String) -> Workflow<'a> {
    let roles = super::super::processes::assigned_roles(&local.catalog, doc, &n);
    let started = super::super::processes::control::started_roles(&local.catalog, doc, &n);
    let draining: Vec<String> = super::super::processes::processes_for(&local.catalog, &started)
        .iter()
        .filter(|p| p.drain.is_some())
        .map(|p| p.name.clone())
        .collect();
    let mark = Mutation::SetNodeMeta { node: n.clone(), key: "retired".into(), value: json!(true) };
    let node = n.clone();
    Workflow::new()
        .step_if(!draining.is_empty(), || {
            Step::new("drain", format!("let {} finish their work", draining.join(", ")), move || {
                drain(ctx, local, &node, &draining)?;
                Ok(Done::Final)
            })
        })
        .step(Step::new("stop-roles", format!("stop every role of {n}"), move || {
            lifecycle::apply(ctx, &RoleAction::stop(&local.id, &roles, true))?;
            Ok(Done::Final)
        }))
        .step(mutate_step(ctx, local, "mark-retired", format!("record {n} as retired"), mark, |_| Ok(())))
}

/// Tell each draining process, then wait (each within its timeout) until it has exited.
fn drain(ctx: &Ctx, local: &Local, node: &str, names: &[String]) -> Result<()> {
    let Some(sup) = super::super::processes::connect_if_running(&ctx.root) else { return Ok(()) };
    for name in names {
        let Some(spec) = local.catalog.process(name) else { continue };
        let Some(d) = &spec.drain else { continue };
        let running = sup.get_process_info(name).is_ok_and(|i| i.statename == "RUNNING");
        if !running {
            continue;
        }
        match (&d.signal, &d.command) {
            (Some(sig), _) => {
                sup.signal_process(name, sig)?;
            }
            (_, Some(cmd)) => {
                let argv = shlex::split(&super::super::processes::expand(cmd, &ctx.root, node)).unwrap_or_default();
                let status = std::process::Command::new(&argv[0])
                    .args(&argv[1..])
                    .env("KATO_ROOT", ctx.root.dir())
                    .env("KATO_NODE_IP", node)
                    .stdin(std::process::Stdio::null())
                    .status();
                if !status.is_ok_and(|s| s.success()) {
                    ctx.out.warn(&format!("the drain command of {name} did not succeed; stopping it anyway"));
                }
            }
            _ => {}
        }
        let deadline = Instant::now() + Duration::from_secs(d.timeout);
        let mut done = false;
        while Instant::now() < deadline {
            if sup.get_process_info(name).is_ok_and(|i| i.statename != "RUNNING" && i.statename != "STOPPING") {
                done = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        let (status, tone) = if done { ("drained", Tone::Ok) } else { ("timed out", Tone::Skip) };
        ctx.out.action(0, &format!("Informing {name} to finish its work"), status, tone);
    }
    Ok(())
}
