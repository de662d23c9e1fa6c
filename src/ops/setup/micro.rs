//! Configuring this node as a micro cloud (`node setup micro`, and the end of `detach`).

use super::super::context::{Ctx, Local};
use super::super::info::{Summary, summary};
use super::super::lifecycle;
use super::super::node::{hosts_step, node_state_step};
use super::super::workflow::{self, Done, Outcome, Step, Workflow};
use crate::model::catalog::update::{self, Change};
use crate::model::node::{self, NodeState};
use crate::model::store::mutation::ClusterInit;
use crate::model::store::registry::{START, STOP};
use crate::model::store::{FileStore, Mutation};
use anyhow::Result;

#[derive(Debug, Clone, Default)]
pub struct MicroOptions {
    /// Role updates (ROLE, ROLE+, ROLE-); empty means the `microcloud` group.
    pub updates: Vec<String>,
    pub delete: bool,
    pub no_start: bool,
    /// Discard cluster state (other nodes' registrations) without asking.
    pub force: bool,
}

/// The roles a micro cloud gets from these updates (mdns only with a .local name).
pub fn micro_roles(ctx: &Ctx, local: &Local, updates: &[String]) -> Result<Vec<String>> {
    let catalog = &local.catalog;
    let parsed = update::parse_updates(catalog, updates)?;
    let mut roles = if parsed.is_empty() {
        let mut g = catalog.group("microcloud").map(<[String]>::to_vec).unwrap_or_default();
        g.retain(|r| !catalog.is_mandatory(r));
        g
    } else {
        let all_negative = parsed.iter().all(|(_, c)| *c == Change::Remove);
        let start = if all_negative { update::all_roles(catalog, true) } else { Vec::new() };
        update::apply_updates(catalog, &start, &parsed, true)?
    };
    let domain = node::domain_of(&node::hostname(&ctx.root)?);
    if catalog.is_role("mdns") {
        if domain.ends_with(".local") {
            if !roles.iter().any(|r| r == "mdns") && parsed.iter().all(|(w, _)| w != "mdns") {
                roles.push("mdns".into());
            }
        } else if roles.iter().any(|r| r == "mdns") {
            ctx.out.warn(&format!("Disabling MDNS role because {domain} is not a .local domain"));
            roles.retain(|r| r != "mdns");
        }
    }
    catalog.sort_roles(&mut roles);
    Ok(roles)
}

/// The steps that make this node a micro cloud on 127.0.0.1, appended to `wf`.
pub fn steps<'a>(
    ctx: &'a Ctx,
    local: &'a Local,
    wf: Workflow<'a>,
    opts: &'a MicroOptions,
    roles: Vec<String>,
    failure: &'a std::cell::RefCell<Option<anyhow::Error>>,
) -> Result<Workflow<'a>> {
    let root = &ctx.root;
    let host = node::hostname(root)?;
    let endpoint = format!("api.{}", node::domain_of(&host));
    let init = ClusterInit {
        endpoint: endpoint.clone(),
        mbusip: "127.0.0.1".into(),
        version: node::version(root),
        node: "127.0.0.1".into(),
        hostname: host,
        roles: roles.clone(),
        state: if opts.no_start { STOP.into() } else { START.into() },
        identity: Default::default(),
        erase: opts.delete,
    };
    let m = Mutation::InitCluster(init);
    let preview_m = m.clone();
    let mut all = roles.clone();
    all.extend(local.catalog.mandatory_roles());
    let store_title = format!("configure the micro cloud {endpoint}");
    Ok(wf
        .step(node_state_step(root, "mark this node as a micro cloud (127.0.0.1)".into(), NodeState::default()))
        .step(
            Step::new("cluster-store", store_title, move || {
                let path = FileStore::new(root).file();
                let snap = workflow::snapshot(&path)?;
                if opts.delete {
                    ctx.out.header("Erasing existing configuration");
                }
                let store = super::super::cluster::ClusterStore::local(root);
                let applied = store.mutate(&local.catalog, &m, false)?;
                if applied.changes.is_empty() {
                    return Ok(Done::Unchanged);
                }
                ctx.out.header(&format!("Configured as micro cloud [{endpoint}]"));
                Ok(Done::Changed(Box::new(move || workflow::restore(&path, snap))))
            })
            .changes(move || {
                let store = super::super::cluster::ClusterStore::local(root);
                Ok(store.mutate(&local.catalog, &preview_m, true)?.changes)
            }),
        )
        .step(hosts_step(ctx, "127.0.0.1".into(), format!("api.{}", node::domain_of(&node::hostname(root)?))))
        .step_if(!opts.no_start && !roles.is_empty(), || lifecycle::start_step(ctx, "127.0.0.1", all, failure)))
}

/// Whether the configuration steps of a run changed anything (then a summary is due).
pub fn configured(report: &workflow::Report) -> bool {
    report.changed.iter().any(|s| matches!(*s, "node-state" | "cluster-store" | "hosts-file"))
}

/// `node setup micro`.
pub fn setup(ctx: &Ctx, opts: &MicroOptions, dry_run: bool) -> Result<Outcome<Option<Summary>>> {
    let local = ctx.local()?;
    if local.is_attached() {
        crate::bail_usage!(
            "this node is attached to the core at {}; run 'kato node detach' instead",
            local.state.core_ip.as_deref().unwrap_or("?")
        );
    }
    let roles = micro_roles(ctx, &local, &opts.updates)?;
    let doc = super::super::cluster::ClusterStore::local(&ctx.root).read(&local.catalog)?;
    let host = node::hostname(&ctx.root)?;
    let init = ClusterInit {
        endpoint: format!("api.{}", node::domain_of(&host)),
        mbusip: "127.0.0.1".into(),
        version: node::version(&ctx.root),
        node: "127.0.0.1".into(),
        hostname: host,
        roles: roles.clone(),
        state: START.into(),
        identity: Default::default(),
        erase: opts.delete,
    };
    super::guard_discard(ctx, &super::discarded(&doc, &local.catalog, &init, &local.id), opts.force, dry_run)?;
    let failure = std::cell::RefCell::new(None);
    let wf = steps(ctx, &local, Workflow::new(), opts, roles, &failure)?;
    let outcome = wf.execute(ctx, dry_run)?;
    finish(ctx, outcome, failure)
}

/// The summary after a run that configured something (or the roles' start failure).
pub fn finish(
    ctx: &Ctx,
    outcome: Outcome<workflow::Report>,
    failure: std::cell::RefCell<Option<anyhow::Error>>,
) -> Result<Outcome<Option<Summary>>> {
    if let Some(e) = failure.take() {
        return Err(e);
    }
    match outcome {
        Outcome::Planned(p) => Ok(Outcome::Planned(p)),
        Outcome::Done(report) if configured(&report) => {
            let local = ctx.local()?;
            Ok(Outcome::Done(Some(summary(&local.read_cluster(ctx)?, "127.0.0.1"))))
        }
        Outcome::Done(_) => Ok(Outcome::Done(None)),
    }
}
