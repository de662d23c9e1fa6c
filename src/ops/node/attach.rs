//! `node attach`: join this node to the cluster of a core. Checks the core (reachable, a
//! real core, same version unless forced, clocks close), stops what this node ran on its
//! own, registers it with the core under the core's lock (cluster-wide role rules apply
//! there), points it at the core, maps the endpoint in /etc/hosts and starts its roles.
//! A failure undoes the completed steps; a re-run converges.

use super::super::context::{Ctx, Local};
use super::super::lifecycle::{self, RoleAction};
use super::super::preflight::{CheckResult, Verdict};
use super::super::remote::{self, Hello, Request};
use super::super::report::Tone;
use super::super::workflow::{Done, Outcome, Report, Step, Workflow};
use crate::model::catalog::update;
use crate::model::node::{self, MachineIdentity, NodeState, NodeType};
use crate::model::store::registry::{self, START, STOP};
use crate::model::store::{Applied, Document, Mutation};
use anyhow::{Result, bail};

#[derive(Debug, Clone, Default)]
pub struct AttachOptions {
    pub core: String,
    pub enable: Vec<String>,
    pub no_start: bool,
    pub force: bool,
    pub skip_preflight: Vec<String>,
}

/// Largest clock difference accepted between a node and its core.
pub const MAX_CLOCK_SKEW_MS: u128 = 30_000;

fn now_ms() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0)
}

/// Checks against the core before anything changes.
pub fn preflight(
    ctx: &Ctx,
    local: &Local,
    core_doc: &Document,
    hello: &Hello,
    me: &str,
    roles: &[String],
    force: bool,
) -> Result<Vec<CheckResult>> {
    let local_version = node::version(&ctx.root);
    let core_version = core_doc.get_str("cluster", "config/version").unwrap_or(&hello.version).to_string();
    let version = if core_version == local_version || force {
        Verdict::Pass
    } else {
        Verdict::Fail(format!(
            "Incompatible node versions when attaching to cluster (core node: {core_version}, this node: {local_version}); pass --force to attach anyway"
        ))
    };
    let skew = now_ms().abs_diff(hello.unix_ms);
    let clock = if skew <= MAX_CLOCK_SKEW_MS {
        Verdict::Pass
    } else {
        Verdict::Fail(format!(
            "this node's clock differs from the core's by {}s (limit {}s); sync the clocks (NTP)",
            skew / 1000,
            MAX_CLOCK_SKEW_MS / 1000
        ))
    };
    let hostname = node::hostname(&ctx.root)?;
    let endpoint = core_doc.get_str("cluster", "endpoint").unwrap_or("");
    let duplicate = duplicate_node(core_doc, me, &hostname, endpoint, &MachineIdentity::of(&ctx.root));
    let catalog = &local.catalog;
    let other_controller = registry::node_ids(core_doc)
        .iter()
        .any(|n| n != me && registry::role_names_of(core_doc, n).iter().any(|r| r == "controller"));
    let shared = if roles.iter().any(|r| r == "controller") && other_controller {
        super::super::preflight::shared_controller_data(ctx, &hello.node_id)
    } else {
        Verdict::Pass
    };
    let mut checks = vec![
        CheckResult { name: "shared-controller-data", verdict: shared },
        CheckResult { name: "version", verdict: version },
        CheckResult { name: "clock-skew", verdict: clock },
        CheckResult { name: "duplicate-node", verdict: duplicate },
    ];
    checks.extend(super::super::preflight::new_role_checks(&ctx.root, catalog, me, roles));
    Ok(checks)
}

/// Whether `hostname` is the cluster's API endpoint name, which the cluster guide has the
/// core, the routers and the load balancer share during setup (`api.example.com`, or
/// `example.com` for the endpoint `api.example.com`).
fn is_endpoint_name(hostname: &str, endpoint: &str) -> bool {
    !endpoint.is_empty() && (hostname == endpoint || endpoint.strip_prefix("api.") == Some(hostname))
}

/// The `duplicate-node` check. A real duplicate is refused: a clone of a registered
/// machine (the same machine id or SSH host key), or another machine at an address
/// already registered. A hostname shared with other nodes is not one: the endpoint name
/// is noted, any other name warned about.
fn duplicate_node(doc: &Document, me: &str, hostname: &str, endpoint: &str, mine: &MachineIdentity) -> Verdict {
    let others: Vec<String> = registry::node_ids(doc).into_iter().filter(|n| n != me).collect();
    for other in &others {
        if let Some(what) = mine.shared_with(&registry::identity(doc, other)) {
            return Verdict::Fail(format!(
                "node {other} has the same {what}: this machine is a clone of it; give the clone its own (a new /etc/machine-id, new SSH host keys) before attaching"
            ));
        }
    }
    let host_of = |n: &str| registry::meta(doc, n, "hostname").and_then(|h| h.as_str()).map(str::to_string);
    if registry::has_node(doc, me) {
        let theirs = registry::identity(doc, me);
        let registered_host = host_of(me).unwrap_or_default();
        let another = if mine.is_empty() || theirs.is_empty() {
            !registered_host.is_empty() && registered_host != hostname
        } else {
            mine.differs_from(&theirs)
        };
        if another {
            return Verdict::Fail(format!(
                "the address {me} is already registered for another machine (host '{registered_host}'); if that machine is gone, run 'kato node remove {me} --skip-detach' on the core"
            ));
        }
    }
    let sharing: Vec<&String> = others.iter().filter(|n| host_of(n).as_deref() == Some(hostname)).collect();
    if sharing.is_empty() {
        return Verdict::Pass;
    }
    let list = sharing.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ");
    if is_endpoint_name(hostname, endpoint) {
        return Verdict::Note(format!(
            "this node shares the hostname '{hostname}' with {list}: the endpoint's name, as the cluster guide has the core, routers and load balancer use during setup; give each host its own name afterwards"
        ));
    }
    if mine.is_empty() && sharing.iter().all(|n| registry::identity(doc, n).is_empty()) {
        // Nothing else tells the machines apart.
        return Verdict::Fail(format!(
            "node {list} already uses the hostname '{hostname}'; rename this node first ('kato node rename')"
        ));
    }
    Verdict::Warn(format!(
        "node {list} also uses the hostname '{hostname}'; hosts on a network should have unique names ('kato node rename')"
    ))
}

pub fn attach(ctx: &Ctx, opts: &AttachOptions, dry_run: bool) -> Result<Outcome<Report>> {
    let out = ctx.out;
    let local = ctx.local()?;
    let root = &ctx.root;
    let core = node::parse_ip(&opts.core, "<core-ip>")?.to_string();
    super::super::preflight::validate_skips(&opts.skip_preflight)?;
    let catalog = &local.catalog;
    let updates = update::parse_updates(catalog, &opts.enable)?;
    let me = node::network_ip(root)?;
    if me == core {
        crate::bail_usage!("{core} is this node's own address; attach to another node's core");
    }
    if me == "127.0.0.1" {
        bail!("cannot tell this node's network address; set KATO_NODE_IP or node_ip in etc/kato/kato.yml");
    }
    if local.is_attached() && local.state.core_ip.as_deref() != Some(core.as_str()) {
        crate::bail_usage!(
            "this node is attached to the core {}; run 'kato node detach' first (a node belongs to one cluster)",
            local.state.core_ip.as_deref().unwrap_or("?")
        );
    }
    out.info(&format!("Attaching this node to core {core}"));
    let transport = ctx.transport()?;
    let hello = remote::hello(transport, &core)?;
    match hello.node_type.as_str() {
        "core" => {}
        "micro" => bail!(
            "{core} is a micro cloud; you cannot attach a node to a micro cloud. Run 'kato node setup core' on {core} first"
        ),
        other => {
            bail!("{core} is not a core node (it is a {other} attached to {})", hello.core_ip.as_deref().unwrap_or("?"))
        }
    }
    let core_doc: Document = remote::ask(transport, &core, &Request::StoreRead)?;
    let current: Vec<String> =
        registry::role_names_of(&core_doc, &me).into_iter().filter(|r| !catalog.is_mandatory(r)).collect();
    let roles = update::apply_updates(catalog, &current, &updates, false)?;
    let checks = preflight(ctx, &local, &core_doc, &hello, &me, &roles, opts.force)?;
    super::super::preflight::enforce(out, &checks, &opts.skip_preflight)?;
    let removed: Vec<String> = current.iter().filter(|r| !roles.contains(r)).cloned().collect();
    let already = local.state.node_type == NodeType::Node && local.state.core_ip.as_deref() == Some(core.as_str());
    let endpoint = core_doc.get_str("cluster", "endpoint").unwrap_or("").to_string();
    let hosts_ip = if roles.iter().any(|r| r == "router") { "127.0.0.1".to_string() } else { core.clone() };
    let hostname = node::hostname(root)?;
    let version = node::version(root);
    let was_registered = registry::has_node(&core_doc, &me);
    let state_word = if opts.no_start { STOP } else { START };
    let mutate = |m: Mutation| -> Result<Applied> {
        remote::ask(transport, &core, &Request::StoreMutate { mutation: m, dry_run: false })
    };

    let wf = Workflow::new()
        .step(
            Step::new("stop-local-roles", "stop the roles this node runs on its own", || {
                super::stop_all_local(ctx)?;
                Ok(Done::Changed(Box::new(move || {
                    // Bring the node's own roles back as they were.
                    let local = ctx.local()?;
                    let doc = local.read_cluster(ctx)?;
                    let roles = super::super::processes::control::started_roles(&local.catalog, &doc, &local.id);
                    lifecycle::apply(ctx, &RoleAction::start(&local.id, &roles))
                })))
            })
            .done_if(move || Ok(already || !super::runs_anything(ctx)?)),
        )
        .step(super::node_state_step(
            root,
            format!("point this node at the core {core}"),
            NodeState { node_type: NodeType::Node, core_ip: Some(core.clone()), node_id: Some(me.clone()), ..NodeState::default() },
        ))
        .step(super::hosts_step(ctx, hosts_ip, endpoint))
        .step(Step::new(
            "register",
            format!("register {me} with the core {core} (roles: {})", roles.join(", ")),
            || {
                out.header("Registering with the core");
                if !removed.is_empty() {
                    mutate(Mutation::RemoveRoles { node: me.clone(), roles: removed.clone(), force: false })?;
                }
                let applied = mutate(Mutation::RegisterNode {
                    node: me.clone(),
                    hostname: hostname.clone(),
                    version: version.clone(),
                    roles: roles.clone(),
                    state: state_word.into(),
                    identity: MachineIdentity::of(root),
                })
                .map_err(|e| {
                    if crate::infra::remote::outcome_unknown(&e) {
                        // The core may have registered this node: stay pointed at it.
                        e.context(super::super::workflow::Unsettled(format!(
                            "the core {core} may or may not have registered this node; it stays pointed at {core}: run the attach again when the core answers"
                        )))
                    } else {
                        e
                    }
                })?;
                for r in &applied.outcome.added {
                    out.action(0, &format!("adding role \"{r}\""), "ok", Tone::Ok);
                }
                for r in &applied.outcome.existing {
                    out.action(0, &format!("adding role \"{r}\""), "exists", Tone::Skip);
                }
                if applied.changes.is_empty() {
                    return Ok(Done::Unchanged);
                }
                let added = applied.outcome.added.clone();
                let me = me.clone();
                Ok(Done::Changed(Box::new(move || {
                    let m = if was_registered {
                        Mutation::RemoveRoles { node: me.clone(), roles: added, force: true }
                    } else {
                        Mutation::RemoveNodes { nodes: vec![me.clone()] }
                    };
                    mutate(m).map(|_| ())
                })))
            },
        ))
        .step(Step::new("start-roles", "start this node's roles", || {
            let local = ctx.local()?;
            let doc = local.read_cluster(ctx)?;
            if opts.no_start {
                super::super::processes::sync(root, &local.catalog, &doc, &me)?;
                return Ok(Done::Final);
            }
            let all = super::super::processes::assigned_roles(&local.catalog, &doc, &me);
            lifecycle::apply(ctx, &RoleAction::start(&me, &all))?;
            Ok(Done::Changed(Box::new(move || super::stop_all_local(ctx))))
        }));
    let outcome = wf.execute(ctx, dry_run)?;
    if let Outcome::Done(_) = &outcome {
        out.info(&format!("This node ({me}) is attached to {core}."));
    }
    Ok(outcome)
}
