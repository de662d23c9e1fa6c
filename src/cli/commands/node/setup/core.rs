//! `kato node setup core`: make this node the core of a new cluster.

use crate::model::node::{self, NodeState, NodeType};
use crate::model::store::mutation::ClusterInit;
use crate::model::store::registry::{self, START};
use crate::model::store::{FileStore, Mutation};
use crate::ops::context::Ctx;
use crate::ops::workflow::{self, Done, Step, Workflow};
use anyhow::Result;
use clap::Args;

/// Configure this node as the core node of a cluster
#[derive(Debug, Args)]
pub struct CoreArgs {
    /// The API endpoint (must begin with "api."); derived from the hostname when left out
    pub endpoint: Option<String>,
    /// Re-initialise even if this node is already a configured core
    #[arg(long)]
    pub force: bool,
    /// Skip a named preflight check (repeatable)
    #[arg(long = "skip-preflight", value_name = "NAME")]
    pub skip_preflight: Vec<String>,
    /// Show what would be done, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

const CORE_ROLES: [&str; 3] = ["primary", "controller", "router"];

pub fn cmd_core(ctx: &Ctx, args: &CoreArgs) -> Result<()> {
    let ui = &ctx.ui;
    let endpoint = match &args.endpoint {
        Some(e) => e.to_ascii_lowercase(),
        None => {
            let derived = format!("api.{}", node::domain_of(&node::hostname(&ctx.root)?));
            if !ui.confirm(&format!("No endpoint given. Use {derived}?"), "an ENDPOINT argument or --yes")? {
                crate::bail_usage!("endpoint required");
            }
            derived
        }
    };
    super::validate_endpoint(&endpoint)?;
    let state = ctx.node_state()?.clone();
    if state.node_type == NodeType::Node && !args.force {
        crate::bail_usage!(
            "this node is attached to the core at {}; run 'kato node detach' first (or pass --force)",
            state.core_ip.as_deref().unwrap_or("?")
        );
    }
    let ip = node::network_ip(&ctx.root)?;
    if ip == "127.0.0.1" {
        anyhow::bail!("cannot tell this node's network address; set KATO_NODE_IP or node_ip in etc/kato/kato.yml");
    }
    let catalog = ctx.catalog()?;
    let store = ctx.store()?;
    let doc = store.read(catalog)?;
    let roles_now = registry::role_names_of(&doc, &ip);
    let configured = state.node_type == NodeType::Core
        && doc.get_str("cluster", "endpoint") == Some(endpoint.as_str())
        && doc.get_str("cluster", "mbusip") == Some(ip.as_str())
        && CORE_ROLES.iter().all(|r| roles_now.iter().any(|x| x == r));
    if configured && !args.force {
        ui.info(&format!("This node is already configured as the core of {endpoint} ({ip})."));
        return Ok(());
    }
    if endpoint.ends_with(".local") {
        ui.warn(
            "mDNS is not supported for cluster configurations; consider a real DNS name (or a wildcard DNS service).",
        );
        if !ui.confirm("Are you sure you want to continue using the .local endpoint?", "--yes")? {
            crate::bail_usage!("cancelled");
        }
    }

    crate::ops::preflight::validate_skips(&args.skip_preflight)?;
    let core_roles: Vec<String> = CORE_ROLES.iter().map(|s| s.to_string()).collect();
    let checks = [
        crate::ops::preflight::CheckResult {
            name: "process-binaries",
            verdict: crate::ops::preflight::process_binaries(&ctx.root, catalog, &ip, &core_roles),
        },
        crate::ops::preflight::CheckResult {
            name: "persistent-storage",
            verdict: crate::ops::preflight::persistent_storage(&ctx.root, catalog, &roles_now),
        },
    ];
    crate::ops::preflight::enforce(ui, &checks, &args.skip_preflight)?;
    let hostname = node::hostname(&ctx.root)?;
    let root = &ctx.root;
    let init = ClusterInit {
        endpoint: endpoint.clone(),
        mbusip: ip.clone(),
        version: node::version(root),
        node: ip.clone(),
        hostname,
        roles: CORE_ROLES.iter().map(|s| s.to_string()).collect(),
        state: START.into(),
        erase: true,
    };
    let roles: Vec<String> = CORE_ROLES.iter().map(|s| s.to_string()).collect();
    let file_store = FileStore::new(root);
    let wf = Workflow::new()
        .step(crate::ops::membership::node_state_step(
            root,
            format!("mark this node as the core ({ip})"),
            NodeState { node_type: NodeType::Core, core_ip: None, node_id: Some(ip.clone()) },
        ))
        .step(Step::new("cluster-store", format!("initialise the cluster store for {endpoint}"), || {
            let snap = workflow::snapshot(&file_store.file())?;
            ui.header("Erasing existing configuration");
            crate::ops::cluster_store::ClusterStore::open(root, &NodeState::load(root)?)?.mutate(
                catalog,
                &Mutation::InitCluster(init.clone()),
                false,
            )?;
            ui.header(&format!("Assigning roles: {}", CORE_ROLES.join(", ")));
            let path = file_store.file();
            Ok(Done::Changed(Box::new(move || workflow::restore(&path, snap))))
        }))
        .step(crate::ops::membership::hosts_step(root, ip.clone(), endpoint.clone()));
    if args.dry_run {
        wf.run(ui, true)?;
        return Ok(());
    }
    wf.run(ui, false)?;
    let fresh = ctx.fresh();
    crate::ops::lifecycle::start_roles(&fresh, &ip, &roles)?;
    let doc = fresh.read_cluster()?;
    super::print_summary(ctx, &doc, &ip);
    Ok(())
}
