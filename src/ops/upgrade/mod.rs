//! `kato node upgrade`: move a running cluster to a new kato, one node at a time, from a
//! release bundle. Run on the core. Everything is checked before any node changes (the
//! bundle, the version, and every node: reachable, same platform, room for the binary,
//! a binary this user may replace). Then node by node, in role order and the core last: the
//! new binary is staged over the open SSH connection and checked, swapped in (the previous
//! one is kept), the node's programs are re-synced with the new kato (running processes
//! keep running: kato is not in their data path), the node must be ready again and report
//! the new version, and only then the next node goes. Where every node stands is kept in
//! `var/lib/kato/upgrade/plan.json` on the core: `--status` shows it, `--resume` goes on from
//! the first node not done, `--rollback NODE` puts a node's previous binary back.

pub mod bundle;
pub mod node;

use super::context::{Ctx, Local};
use super::remote::{self, Hello, Output, Request};
use super::report::Tone;
use super::workflow::{Done, Outcome, Report, Step, Workflow};
use crate::model::node::NodeType;
use crate::model::store::{Document, registry};
use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What `node upgrade` was asked.
#[derive(Debug, Clone, Default)]
pub struct UpgradeRequest {
    pub bundle: Option<PathBuf>,
    pub version: Option<String>,
    pub nodes: Vec<String>,
    pub role_order: Option<Vec<String>>,
    pub resume: bool,
    pub prepare: bool,
    pub force: bool,
    pub skip_confirmation: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum NodeStatus {
    Pending,
    Staged,
    Done,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodePlan {
    pub node: String,
    pub status: NodeStatus,
    /// The version the node ran before.
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub error: Option<String>,
}

/// Where an upgrade stands (`var/lib/kato/upgrade/plan.json` on the core).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub version: String,
    pub sha256: String,
    pub bundle: PathBuf,
    pub nodes: Vec<NodePlan>,
}

fn plan_path(ctx: &Ctx) -> PathBuf {
    ctx.root.join("var/lib/kato/upgrade/plan.json")
}

fn save(ctx: &Ctx, plan: &Plan) -> Result<()> {
    crate::infra::files::write_state(
        &plan_path(ctx),
        &serde_json::to_vec_pretty(plan)?,
        crate::infra::files::STATE_FILE,
    )
}

/// The upgrade kept on this core, if any.
pub fn status(ctx: &Ctx) -> Result<Option<Plan>> {
    match crate::infra::files::read_optional(&plan_path(ctx))? {
        None => Ok(None),
        Some(b) => Ok(Some(serde_json::from_slice(&b).context("the upgrade plan is unreadable")?)),
    }
}

/// Nodes in upgrade order: by their first role in `order` (the catalog's role order
/// unless given), the core last.
fn order_nodes(local: &Local, doc: &Document, order: Option<&[String]>, core: &str) -> Vec<String> {
    let roles: Vec<String> = match order {
        Some(o) => o.to_vec(),
        None => local.catalog.roles.iter().map(|r| r.name.clone()).collect(),
    };
    let rank = |n: &String| {
        let mine = registry::role_names_of(doc, n);
        roles.iter().position(|r| mine.contains(r)).unwrap_or(roles.len())
    };
    let mut nodes: Vec<String> = registry::node_ids(doc).into_iter().filter(|n| n != core).collect();
    nodes.sort_by(|a, b| rank(a).cmp(&rank(b)).then(a.cmp(b)));
    nodes.push(core.to_string());
    nodes
}

/// What a node says before the upgrade, asked over SSH (or here for the core).
fn readiness(ctx: &Ctx, local: &Local, n: &str) -> Result<node::Readiness> {
    if n == local.id {
        return node::readiness(&ctx.root);
    }
    remote::ask(ctx.transport()?, n, &Request::UpgradeReadiness)
}

/// Check everything before any node changes.
fn preflight(ctx: &Ctx, local: &Local, b: &bundle::Bundle, nodes: &[String], force: bool) -> Result<Vec<String>> {
    let need = b.binary.len() as u64 * 2 + (1 << 20);
    let mut problems = Vec::new();
    let mut from = Vec::new();
    for n in nodes {
        match readiness(ctx, local, n) {
            Err(e) => problems.push(format!("{n}: cannot be asked ({})", crate::error::one_line(&e))),
            Ok(r) => {
                if r.target != b.manifest.target {
                    problems.push(format!("{n}: runs on {}, the bundle is for {}", r.target, b.manifest.target));
                }
                if !r.replaceable {
                    problems.push(format!(
                        "{n}: {} is not this user's to replace (upgrade it with the package, or run the upgrade as root)",
                        r.exe
                    ));
                }
                if r.free_staging < need || r.free_exe < b.binary.len() as u64 {
                    problems.push(format!(
                        "{n}: too little disk ({} KiB free, {} KiB needed)",
                        r.free_staging.min(r.free_exe) / 1024,
                        need / 1024
                    ));
                }
                if r.version == b.manifest.version && !force {
                    problems.push(format!("{n}: already runs kato {} (pass --force to reinstall)", r.version));
                }
                from.push(r.version);
            }
        }
    }
    if !problems.is_empty() {
        bail!("nothing was changed: {}", problems.join("; "));
    }
    Ok(from)
}

fn check_request(req: &UpgradeRequest, b: &bundle::Bundle) -> Result<()> {
    if let Some(v) = &req.version
        && *v != b.manifest.version
    {
        crate::bail_usage!("the bundle holds kato {}, not {v}", b.manifest.version);
    }
    if bundle::binary_version(&b.binary).as_deref() != Some(b.manifest.version.as_str()) {
        bail!(
            "{}: its kato binary does not carry version {}; the bundle is not what it says",
            b.path.display(),
            b.manifest.version
        );
    }
    Ok(())
}

/// `kato node upgrade`.
pub fn upgrade(ctx: &Ctx, req: &UpgradeRequest, dry_run: bool) -> Result<Outcome<Plan>> {
    let local = ctx.local()?;
    if local.state.node_type != NodeType::Core {
        bail!("run 'kato node upgrade' on the core node");
    }
    let doc = local.read_cluster(ctx)?;
    let kept = status(ctx)?;
    let (bundle_path, resuming) = match (&req.bundle, req.resume, &kept) {
        (_, true, None) => bail!("there is no upgrade to resume on this core"),
        (_, true, Some(p)) => (p.bundle.clone(), true),
        (Some(b), false, _) => (b.clone(), false),
        (None, false, _) => crate::bail_usage!(
            "give the release bundle to upgrade to with --offline BUNDLE (made by scripts/dist.sh); kato does not download"
        ),
    };
    let b = bundle::open(&bundle_path)?;
    check_request(req, &b)?;
    let all = order_nodes(&local, &doc, req.role_order.as_deref(), &local.id);
    let mut plan = match (resuming, kept) {
        (true, Some(p)) => {
            if p.sha256 != b.binary_sha256 {
                bail!("the bundle {} changed since the upgrade began; nothing was changed", bundle_path.display());
            }
            p
        }
        _ => {
            let chosen: Vec<String> = if req.nodes.is_empty() {
                all.clone()
            } else {
                let mut v = Vec::new();
                for n in &req.nodes {
                    let ip = crate::model::node::parse_ip(n, "node id")?.to_string();
                    if !registry::has_node(&doc, &ip) {
                        crate::bail_usage!("Node does not belong to this cluster '{ip}'");
                    }
                    v.push(ip);
                }
                all.iter().filter(|n| v.contains(n)).cloned().collect()
            };
            Plan {
                version: b.manifest.version.clone(),
                sha256: b.binary_sha256.clone(),
                bundle: std::fs::canonicalize(&bundle_path).unwrap_or(bundle_path.clone()),
                nodes: chosen
                    .into_iter()
                    .map(|n| NodePlan { node: n, status: NodeStatus::Pending, from: None, error: None })
                    .collect(),
            }
        }
    };
    let todo: Vec<String> =
        plan.nodes.iter().filter(|n| n.status != NodeStatus::Done).map(|n| n.node.clone()).collect();
    let from = preflight(ctx, &local, &b, &todo, req.force || resuming)?;
    for (n, v) in todo.iter().zip(from) {
        if let Some(p) = plan.nodes.iter_mut().find(|p| p.node == *n)
            && p.from.is_none()
        {
            p.from = Some(v);
        }
    }
    if !dry_run
        && !resuming
        && !req.skip_confirmation
        && !ctx
            .out
            .confirm(&format!("Upgrade {} node(s) to kato {}.", todo.len(), plan.version), "--skip-confirmation")?
    {
        crate::bail_usage!("cancelled");
    }
    let mut wf = Workflow::new();
    for n in &todo {
        wf = wf.append(node_workflow(ctx, &local, &b, n, req.prepare));
    }
    if dry_run {
        return Ok(Outcome::Planned(wf.plan()?));
    }
    save(ctx, &plan)?;
    // Node by node: one node's workflow runs, the plan is saved, then the next.
    for n in &todo {
        ctx.out.header(&format!("Upgrading node {n} to kato {}", plan.version));
        let result = node_workflow(ctx, &local, &b, n, req.prepare).run(ctx);
        let p = plan.nodes.iter_mut().find(|p| p.node == *n).expect("planned node");
        match result {
            Ok(_) => {
                p.status = if req.prepare { NodeStatus::Staged } else { NodeStatus::Done };
                p.error = None;
                save(ctx, &plan)?;
                ctx.out.action(0, &format!("node {n}"), if req.prepare { "staged" } else { "upgraded" }, Tone::Ok);
            }
            Err(e) => {
                p.status = NodeStatus::Failed;
                p.error = Some(crate::error::one_line(&e));
                save(ctx, &plan)?;
                ctx.out.action(0, &format!("node {n}"), "fail", Tone::Fail);
                return Err(e.context(format!(
                    "the upgrade stopped at {n}; the nodes before it are upgraded ('kato node upgrade --status'); fix the cause and run 'kato node upgrade --resume'"
                )));
            }
        }
    }
    if !req.prepare && plan.nodes.iter().all(|p| p.status == NodeStatus::Done) {
        ctx.out.info(&format!("Every node runs kato {}.", plan.version));
    }
    Ok(Outcome::Done(plan))
}

/// One node's steps: stage, swap (undone by putting the previous binary back), re-sync
/// its programs with the new kato, wait until ready, check the version it reports.
fn node_workflow<'a>(ctx: &'a Ctx, local: &'a Local, b: &'a bundle::Bundle, n: &str, prepare: bool) -> Workflow<'a> {
    let here = n == local.id;
    let n = n.to_string();
    let (version, sha) = (b.manifest.version.clone(), b.binary_sha256.clone());
    let stage = {
        let (n, version, sha) = (n.clone(), version.clone(), sha.clone());
        Step::new("stage", format!("copy kato {version} to {n} and check it"), move || {
            if here {
                node::stage(&ctx.root, &version, &sha, &b.binary)?;
            } else {
                use base64::Engine as _;
                let total = b.binary.len() as u64;
                for (i, piece) in b.binary.chunks(node::PIECE).enumerate() {
                    let chunk = base64::engine::general_purpose::STANDARD.encode(piece);
                    let offset = (i * node::PIECE) as u64;
                    let req =
                        Request::UpgradeStage { version: version.clone(), sha256: sha.clone(), total, offset, chunk };
                    let _: Output = remote::ask(ctx.transport()?, &n, &req)?;
                }
            }
            Ok(Done::Final)
        })
    };
    let wf = Workflow::new().step(stage);
    if prepare {
        return wf;
    }
    let swap = {
        let (n, version, sha) = (n.clone(), version.clone(), sha.clone());
        Step::new("swap", format!("swap kato {version} in on {n}, keeping the previous"), move || {
            if here {
                node::swap(&ctx.root, &version, &sha)?;
            } else {
                let _: String = remote::ask(ctx.transport()?, &n, &Request::UpgradeSwap { version, sha256: sha })?;
            }
            Ok(Done::Changed(Box::new(move || {
                if here {
                    node::rollback(&ctx.root).map(|_| ())
                } else {
                    remote::ask::<String>(ctx.transport()?, &n, &Request::UpgradeRollback).map(|_| ())
                }
            })))
        })
    };
    let resync = {
        let n = n.clone();
        Step::new("resync", format!("hand {n}'s programs to supervisord with the new kato"), move || {
            resync(ctx, &n, here)?;
            Ok(Done::Final)
        })
    };
    let ready = {
        let (n, version) = (n.clone(), version.clone());
        Step::new("ready", format!("wait until {n} is ready and reports kato {version}"), move || {
            wait_ready(ctx, &n, here, &version)?;
            Ok(Done::Final)
        })
    };
    wf.step(swap).step(resync).step(ready)
}

/// Re-sync the node's programs (and start its started roles) with the new binary: the
/// request goes to the node's (new) kato; for the core, the new binary is run here.
fn resync(ctx: &Ctx, n: &str, here: bool) -> Result<()> {
    if here {
        let exe = node::exe()?;
        let out = std::process::Command::new(exe)
            .args(["start", "--boot"])
            .env("KATO_ROOT", ctx.root.dir())
            .env("KATO_SKIP_CONFIRM", "1")
            .stdin(std::process::Stdio::null())
            .output()
            .context("cannot run the new kato")?;
        if !out.status.success() {
            bail!("the new kato could not start this node's roles: {}", String::from_utf8_lossy(&out.stderr).trim());
        }
        return Ok(());
    }
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let started = super::processes::control::started_roles(&local.catalog, &doc, n);
    let req = Request::Lifecycle { stop: Vec::new(), start: started, force_stop: false };
    let _: Output = remote::ask(ctx.transport()?, n, &req)?;
    Ok(())
}

/// Ready again: every process fine, and the node says it runs the new version.
fn wait_ready(ctx: &Ctx, n: &str, here: bool, version: &str) -> Result<()> {
    let timeout =
        Duration::from_secs(std::env::var("KATO_START_TIMEOUT").ok().and_then(|s| s.parse().ok()).unwrap_or(30));
    let deadline = Instant::now() + timeout;
    loop {
        let reported = if here {
            // This process is the old binary: the new one is what the file now holds.
            let exe = node::exe()?;
            std::fs::read(exe).ok().and_then(|b| bundle::binary_version(&b)).unwrap_or_default()
        } else {
            remote::hello(ctx.transport()?, n).map(|h: Hello| h.kato).unwrap_or_default()
        };
        let local = ctx.local()?;
        let doc = local.read_cluster(ctx)?;
        let report = super::cluster::node_reports(ctx, &local, &doc, &[n.to_string()])?;
        let fine = matches!(&report[0].1, Ok(states) if states.iter().all(|s| s.state.is_fine() || s.state == super::processes::state::ProcState::Rogue));
        if fine && reported == version {
            return Ok(());
        }
        if Instant::now() >= deadline {
            bail!(
                "{n} is not ready after {}s (reports {}, processes {})",
                timeout.as_secs(),
                if reported.is_empty() { "no version".into() } else { reported },
                if fine { "fine" } else { "not all running" }
            );
        }
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// `kato node upgrade --rollback NODE`: put that node's previous binary back.
pub fn rollback(ctx: &Ctx, node: &str, dry_run: bool) -> Result<Outcome<Report>> {
    let local = ctx.local()?;
    let doc = local.read_cluster(ctx)?;
    let n = local.target_node(Some(node), &doc)?;
    let here = n == local.id;
    let step = Step::new("rollback", format!("put the previous kato back on {n}"), move || {
        let v = if here {
            node::rollback(&ctx.root)?
        } else {
            remote::ask::<String>(ctx.transport()?, &n, &Request::UpgradeRollback)?
        };
        ctx.out.info(&format!("{n} runs kato {v} again."));
        Ok(Done::Final)
    });
    Workflow::new().step(step).execute(ctx, dry_run)
}
