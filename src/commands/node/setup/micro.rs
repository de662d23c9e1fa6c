//! `kato node setup micro`: make this node a self-contained micro cloud.

use crate::catalog::update::{self, Change};
use crate::context::Ctx;
use crate::node::{self, NodeState, NodeType};
use crate::store::mutation::ClusterInit;
use crate::store::registry::{START, STOP};
use crate::store::{FileStore, Mutation};
use crate::workflow::{self, Done, Step, Workflow};
use anyhow::Result;
use clap::Args;

/// Configure this node as a micro cloud
#[derive(Debug, Args)]
pub struct MicroArgs {
    /// Role updates (ROLE, ROLE+ or ROLE-); default: the "microcloud" group
    #[arg(value_name = "ROLE")]
    pub roles: Vec<String>,
    /// Delete the old configuration and re-initialise everything
    #[arg(short = 'd', long)]
    pub delete: bool,
    /// Do not start the roles' processes
    #[arg(short = 's', long = "no-start")]
    pub no_start: bool,
    /// Show what would be done, and change nothing
    #[arg(long)]
    pub dry_run: bool,
}

pub fn cmd_micro(ctx: &Ctx, args: &MicroArgs) -> Result<()> {
    let ui = &ctx.ui;
    let catalog = ctx.catalog()?;
    let root = &ctx.root;
    let state = ctx.node_state()?.clone();
    if state.node_type == NodeType::Node {
        crate::bail_usage!(
            "this node is attached to the core at {}; run 'kato node detach' instead",
            state.core_ip.as_deref().unwrap_or("?")
        );
    }
    let updates = update::parse_updates(catalog, &args.roles)?;
    let mut roles = if updates.is_empty() {
        let mut g = catalog
            .group("microcloud")
            .map(<[String]>::to_vec)
            .unwrap_or_default();
        g.retain(|r| !catalog.is_mandatory(r));
        g
    } else {
        let all_negative = updates.iter().all(|(_, c)| *c == Change::Remove);
        let start = if all_negative {
            update::all_roles(catalog, true)
        } else {
            Vec::new()
        };
        update::apply_updates(catalog, &start, &updates, true)?
    };
    let host = node::hostname(root)?;
    let domain = node::domain_of(&host);
    let endpoint = format!("api.{domain}");
    if catalog.is_role("mdns") {
        if domain.ends_with(".local") {
            if !roles.iter().any(|r| r == "mdns") && updates.iter().all(|(w, _)| w != "mdns") {
                roles.push("mdns".into());
            }
        } else if roles.iter().any(|r| r == "mdns") {
            ui.warn(&format!(
                "Disabling MDNS role because {domain} is not a .local domain"
            ));
            roles.retain(|r| r != "mdns");
        }
    }
    catalog.sort_roles(&mut roles);
    let init = ClusterInit {
        endpoint: endpoint.clone(),
        mbusip: "127.0.0.1".into(),
        version: node::version(root),
        node: "127.0.0.1".into(),
        hostname: host,
        roles: roles.clone(),
        state: if args.no_start {
            STOP.into()
        } else {
            START.into()
        },
        erase: args.delete,
    };
    let file_store = FileStore::new(root);
    let wf =
        Workflow::new()
            .step(Step::new(
                "node-state",
                "mark this node as a micro cloud (127.0.0.1)",
                || {
                    let snap = workflow::snapshot(&root.node_state_file())?;
                    let new = NodeState::default();
                    if NodeState::load(root)? == new {
                        return Ok(Done::Unchanged);
                    }
                    new.save(root)?;
                    Ok(Done::Changed(Box::new(move || {
                        workflow::restore(&root.node_state_file(), snap)
                    })))
                },
            ))
            .step(Step::new(
                "cluster-store",
                format!("configure the micro cloud {endpoint}"),
                || {
                    let snap = workflow::snapshot(&file_store.file())?;
                    if args.delete {
                        ui.header("Erasing existing configuration");
                    }
                    let applied =
                        crate::cluster_store::ClusterStore::open(root, &NodeState::default())?
                            .mutate(catalog, &Mutation::InitCluster(init.clone()), false)?;
                    if applied.changes.is_empty() {
                        return Ok(Done::Unchanged);
                    }
                    ui.header(&format!("Configured as micro cloud [{endpoint}]"));
                    let path = file_store.file();
                    Ok(Done::Changed(Box::new(move || {
                        workflow::restore(&path, snap)
                    })))
                },
            ))
            .step(Step::new(
                "hosts-file",
                format!("map {endpoint} to 127.0.0.1 in /etc/hosts"),
                || match crate::hosts::set_endpoint(root, "127.0.0.1", &endpoint)? {
                    None => Ok(Done::Unchanged),
                    Some(prev) => Ok(Done::Changed(Box::new(move || {
                        workflow::restore(&root.hosts_file(), prev)
                    }))),
                },
            ));
    if args.dry_run {
        wf.run(ui, true)?;
        return Ok(());
    }
    let report = wf.run(ui, false)?;
    let fresh = Ctx::new(ctx.root.clone(), ctx.ui.clone());
    if !args.no_start && !roles.is_empty() {
        crate::lifecycle::start_roles(&fresh, "127.0.0.1", &roles)?;
    }
    if !report.changed.is_empty() {
        let doc = fresh.read_cluster()?;
        super::print_summary(ctx, &doc, "127.0.0.1");
    }
    Ok(())
}
