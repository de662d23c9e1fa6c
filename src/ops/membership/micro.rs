//! Configuring this node as a micro cloud (`node setup micro`, and the end of `detach`).

use crate::model::catalog::update::{self, Change};
use crate::model::node::{self, NodeState};
use crate::model::store::mutation::ClusterInit;
use crate::model::store::registry::{START, STOP};
use crate::model::store::{FileStore, Mutation};
use crate::ops::context::Ctx;
use crate::ops::workflow::{self, Done, Step, Workflow};
use anyhow::Result;

pub struct MicroOptions {
    /// Role updates (ROLE, ROLE+, ROLE-); empty means the `microcloud` group.
    pub updates: Vec<String>,
    pub delete: bool,
    pub no_start: bool,
    pub dry_run: bool,
}

/// The roles a micro cloud gets from these updates (mdns only with a .local name).
pub fn micro_roles(ctx: &Ctx, updates: &[String]) -> Result<Vec<String>> {
    let catalog = ctx.catalog()?;
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
            ctx.ui.warn(&format!("Disabling MDNS role because {domain} is not a .local domain"));
            roles.retain(|r| r != "mdns");
        }
    }
    catalog.sort_roles(&mut roles);
    Ok(roles)
}

/// Make this node a micro cloud on 127.0.0.1.
pub fn configure(ctx: &Ctx, opts: &MicroOptions) -> Result<()> {
    let ui = &ctx.ui;
    let catalog = ctx.catalog()?;
    let root = &ctx.root;
    let roles = micro_roles(ctx, &opts.updates)?;
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
        erase: opts.delete,
    };
    let file_store = FileStore::new(root);
    let wf = Workflow::new()
        .step(super::node_state_step(root, "mark this node as a micro cloud (127.0.0.1)".into(), NodeState::default()))
        .step(Step::new("cluster-store", format!("configure the micro cloud {endpoint}"), || {
            let snap = workflow::snapshot(&file_store.file())?;
            if opts.delete {
                ui.header("Erasing existing configuration");
            }
            let applied = crate::ops::cluster_store::ClusterStore::open(root, &NodeState::default())?.mutate(
                catalog,
                &Mutation::InitCluster(init.clone()),
                false,
            )?;
            if applied.changes.is_empty() {
                return Ok(Done::Unchanged);
            }
            ui.header(&format!("Configured as micro cloud [{endpoint}]"));
            let path = file_store.file();
            Ok(Done::Changed(Box::new(move || workflow::restore(&path, snap))))
        }))
        .step(super::hosts_step(root, "127.0.0.1".into(), endpoint.clone()));
    if opts.dry_run {
        wf.run(ui, true)?;
        return Ok(());
    }
    let report = wf.run(ui, false)?;
    let fresh = ctx.fresh();
    if !opts.no_start && !roles.is_empty() {
        let mut all = roles.clone();
        all.extend(fresh.catalog()?.mandatory_roles());
        crate::ops::lifecycle::start_roles(&fresh, "127.0.0.1", &all)?;
    }
    if !report.changed.is_empty() {
        let doc = fresh.read_cluster()?;
        crate::cli::commands::node::setup::print_summary(ctx, &doc, "127.0.0.1");
    }
    Ok(())
}
