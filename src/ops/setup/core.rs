//! `node setup core`: make this node the core of a new cluster.

use super::super::context::Ctx;
use super::super::info::{Summary, summary};
use super::super::lifecycle;
use super::super::node::{hosts_step, node_state_step};
use super::super::workflow::{self, Done, Outcome, Step, Workflow};
use crate::model::node::{self, NodeState, NodeType};
use crate::model::store::mutation::ClusterInit;
use crate::model::store::registry::{self, START};
use crate::model::store::{FileStore, Mutation};
use anyhow::Result;

pub const CORE_ROLES: [&str; 3] = ["primary", "controller", "router"];

#[derive(Debug, Clone, Default)]
pub struct CoreOptions {
    /// The API endpoint; derived from the hostname (after a confirmation) when `None`.
    pub endpoint: Option<String>,
    pub force: bool,
    pub skip_preflight: Vec<String>,
}

/// What `setup core` did.
pub enum CoreReport {
    /// Nothing to do: the node already is this core.
    Already {
        endpoint: String,
        ip: String,
    },
    Configured(Summary),
}

pub fn setup(ctx: &Ctx, opts: &CoreOptions, dry_run: bool) -> Result<Outcome<CoreReport>> {
    let out = ctx.out;
    let local = ctx.local()?;
    let endpoint = match &opts.endpoint {
        Some(e) => e.to_ascii_lowercase(),
        None => {
            let derived = format!("api.{}", node::domain_of(&node::hostname(&ctx.root)?));
            if !out.confirm(&format!("No endpoint given. Use {derived}?"), "an ENDPOINT argument or --yes")? {
                crate::bail_usage!("endpoint required");
            }
            derived
        }
    };
    super::validate_endpoint(&endpoint)?;
    if local.is_attached() && !opts.force {
        crate::bail_usage!(
            "this node is attached to the core at {}; run 'kato node detach' first (or pass --force)",
            local.state.core_ip.as_deref().unwrap_or("?")
        );
    }
    let ip = node::network_ip(&ctx.root)?;
    if ip == "127.0.0.1" {
        anyhow::bail!("cannot tell this node's network address; set KATO_NODE_IP or node_ip in etc/kato/kato.yml");
    }
    let catalog = &local.catalog;
    let doc = super::super::cluster::ClusterStore::local(&ctx.root).read(catalog)?;
    let roles_now = registry::role_names_of(&doc, &ip);
    let configured = local.state.node_type == NodeType::Core
        && doc.get_str("cluster", "endpoint") == Some(endpoint.as_str())
        && doc.get_str("cluster", "mbusip") == Some(ip.as_str())
        && CORE_ROLES.iter().all(|r| roles_now.iter().any(|x| x == r));
    if configured && !opts.force {
        return Ok(Outcome::Done(CoreReport::Already { endpoint, ip }));
    }
    if endpoint.ends_with(".local") {
        out.warn(
            "mDNS is not supported for cluster configurations; consider a real DNS name (or a wildcard DNS service).",
        );
        if !out.confirm("Are you sure you want to continue using the .local endpoint?", "--yes")? {
            crate::bail_usage!("cancelled");
        }
    }
    super::super::preflight::validate_skips(&opts.skip_preflight)?;
    let roles: Vec<String> = CORE_ROLES.iter().map(|s| s.to_string()).collect();
    let mut checks = super::super::preflight::machine_checks(&ctx.root, catalog, &ip, &roles);
    // Data kept on this node today needs persistent storage as much as the core roles do.
    checks[1].verdict = super::super::preflight::persistent_storage(&ctx.root, catalog, &roles_now);
    super::super::preflight::enforce(out, &checks, &opts.skip_preflight)?;
    let root = &ctx.root;
    let init = ClusterInit {
        endpoint: endpoint.clone(),
        mbusip: ip.clone(),
        version: node::version(root),
        node: ip.clone(),
        hostname: node::hostname(root)?,
        roles: roles.clone(),
        state: START.into(),
        identity: node::MachineIdentity::of(root),
        erase: true,
    };
    super::guard_discard(ctx, &super::discarded(&doc, catalog, &init, &local.id), opts.force, dry_run)?;
    let m = Mutation::InitCluster(init);
    let failure = std::cell::RefCell::new(None);
    let wf = Workflow::new()
        .step(node_state_step(
            root,
            format!("mark this node as the core ({ip})"),
            NodeState { node_type: NodeType::Core, core_ip: None, node_id: Some(ip.clone()), ..NodeState::default() },
        ))
        .step(Step::new("cluster-store", format!("initialise the cluster store for {endpoint}"), || {
            let path = FileStore::new(root).file();
            let snap = workflow::snapshot(&path)?;
            out.header("Erasing existing configuration");
            super::super::cluster::ClusterStore::local(root).mutate(catalog, &m, false)?;
            out.header(&format!("Assigning roles: {}", CORE_ROLES.join(", ")));
            Ok(Done::Changed(Box::new(move || workflow::restore(&path, snap))))
        }))
        .step(hosts_step(ctx, ip.clone(), endpoint.clone()))
        .step(lifecycle::start_step(ctx, &ip, roles.clone(), &failure));
    match wf.execute(ctx, dry_run)? {
        Outcome::Planned(p) => Ok(Outcome::Planned(p)),
        Outcome::Done(_) => {
            if let Some(e) = failure.take() {
                return Err(e);
            }
            let local = ctx.local()?;
            Ok(Outcome::Done(CoreReport::Configured(summary(&local.read_cluster(ctx)?, &ip))))
        }
    }
}
