//! Reaching the cluster: its store (the file here on a core or micro cloud, the core's
//! over SSH on an attached node; one interface either way) and its nodes (asking every
//! node for its process states at once).

use super::context::{Ctx, Local};
use super::processes::state::ProcessStatus;
use super::remote::{self, Request};
use crate::infra::remote::Transport;
use crate::model::catalog::Catalog;
use crate::model::node;
use crate::model::root::Root;
use crate::model::store::mutation::{self, ClusterInit, Mutation};
use crate::model::store::registry::START;
use crate::model::store::{Applied, Document, FileStore};
use anyhow::{Result, bail};

pub enum ClusterStore<'c> {
    Local {
        store: FileStore,
        root: Root,
    },
    /// On an attached node: the core's store, over SSH, and this node's last-known copy
    /// of it for when the core cannot be reached.
    Remote {
        core: String,
        transport: Transport,
        ctx: &'c Ctx<'c>,
    },
}

/// The document a fresh root starts from: a micro cloud on 127.0.0.1 running the
/// `microcloud` group.
pub fn micro_document(root: &Root, catalog: &Catalog) -> Result<Document> {
    let host = node::hostname(root)?;
    let mut roles = catalog.group("microcloud").map(<[String]>::to_vec).unwrap_or_default();
    roles.retain(|r| !catalog.is_mandatory(r));
    let init = ClusterInit {
        endpoint: format!("api.{}", node::domain_of(&host)),
        mbusip: "127.0.0.1".into(),
        version: node::version(root),
        node: "127.0.0.1".into(),
        hostname: host,
        roles,
        state: START.into(),
        identity: Default::default(),
        erase: true,
    };
    let mut doc = Document::default();
    mutation::apply(&mut doc, catalog, &Mutation::InitCluster(init))?;
    Ok(doc)
}

impl<'c> ClusterStore<'c> {
    /// The store file under this root.
    pub fn local(root: &Root) -> ClusterStore<'c> {
        ClusterStore::Local { store: FileStore::new(root), root: root.clone() }
    }

    pub fn remote(core: &str, transport: Transport, ctx: &'c Ctx<'c>) -> ClusterStore<'c> {
        ClusterStore::Remote { core: core.to_string(), transport, ctx }
    }

    /// Where the store lives, for `kato info` ("Config URI").
    pub fn uri(&self) -> String {
        match self {
            ClusterStore::Local { store, .. } => format!("file://{}", store.file().display()),
            ClusterStore::Remote { core, transport, .. } => format!("ssh://{}@{core}/", transport.opts.user),
        }
    }

    /// The current document (a fresh root reads as the default micro cloud).
    pub fn read(&self, catalog: &Catalog) -> Result<Document> {
        match self {
            ClusterStore::Local { store, root } => match store.load()? {
                Some(doc) if doc.schema < crate::model::store::STORE_SCHEMA => {
                    if let Some((from, to)) = store.upgrade_schema()? {
                        super::history::note(root, &format!("cluster store layout migrated from {from} to {to}"));
                    }
                    Ok(store.load()?.unwrap_or(doc))
                }
                Some(doc) => Ok(doc),
                None => micro_document(root, catalog),
            },
            ClusterStore::Remote { core, transport, ctx } => {
                if let Some(copy) = ctx.offline_copy() {
                    return Ok(copy);
                }
                match remote::ask::<Document>(transport, core, &Request::StoreRead) {
                    Ok(doc) => {
                        super::copy::save(&ctx.root, &doc);
                        Ok(doc)
                    }
                    Err(e) if crate::infra::remote::is_unreachable(&e) => match super::copy::load(&ctx.root) {
                        Some((doc, age)) => Ok(ctx.go_offline(core, &e, doc, age)),
                        None => Err(e.context(format!("cannot read the cluster store on the core {core}"))),
                    },
                    Err(e) => Err(e.context(format!("cannot read the cluster store on the core {core}"))),
                }
            }
        }
    }

    /// Apply a mutation under the store's lock; with `dry_run` nothing is written.
    pub fn mutate(&self, catalog: &Catalog, m: &Mutation, dry_run: bool) -> Result<Applied> {
        match self {
            ClusterStore::Local { store, root } => {
                let mut initial_err = None;
                let initial = || {
                    micro_document(root, catalog).unwrap_or_else(|e| {
                        initial_err = Some(e);
                        Document::default()
                    })
                };
                let (outcome, changes, revision) =
                    store.transact(dry_run, initial, |doc| mutation::apply(doc, catalog, m))?;
                if let Some(e) = initial_err {
                    return Err(e);
                }
                Ok(Applied { outcome, changes, revision })
            }
            ClusterStore::Remote { core, transport, ctx } => {
                if ctx.offline_copy().is_some() {
                    bail!("the core {core} is unreachable; nothing was changed");
                }
                remote::ask(transport, core, &Request::StoreMutate { mutation: m.clone(), dry_run }).map_err(|e| {
                    let why = crate::error::one_line(&e);
                    if crate::infra::remote::outcome_unknown(&e) {
                        anyhow::anyhow!("the connection to the core {core} broke ({why}); the change may or may not have been made there")
                    } else if crate::infra::remote::is_unreachable(&e) {
                        anyhow::anyhow!("the core {core} is unreachable ({why}); nothing was changed")
                    } else {
                        e.context(format!("cannot change the cluster store on the core {core}"))
                    }
                })
            }
        }
    }
}

/// What was learnt about one node: its process states, or why it could not be asked.
pub type NodeReport = Result<Vec<ProcessStatus>, String>;

/// The part of `doc` a node needs to report its processes: its registry entry, and the
/// config values that `depends_on_config` conditions read. Never the whole store.
pub fn report_slice(doc: &Document, catalog: &Catalog, node: &str) -> Document {
    let mut out = Document { revision: doc.revision, ..Document::default() };
    if let Some(entry) = doc.component("node").and_then(|n| n.get(node)) {
        out.components.insert("node".into(), serde_json::json!({ node: entry }));
    }
    // Whether the node runs the log shipper.
    if let Some(drains) = doc.get(crate::model::drain::COMPONENT, crate::model::drain::DRAINS_KEY) {
        out.components.insert(crate::model::drain::COMPONENT.into(), serde_json::json!({ "drains": drains }));
    }
    for cond in catalog.processes.iter().flat_map(|p| &p.depends_on_config) {
        if let Some(v) = doc.get(&cond.component, &cond.key)
            && let Ok(kp) = crate::model::store::keypath::KeyPath::parse(&cond.key)
        {
            let comp = out.components.entry(cond.component.clone()).or_insert_with(|| serde_json::json!({}));
            if let Ok(parent) = kp.parent_mut(comp) {
                parent.insert(kp.last().unwrap_or_default().to_string(), v.clone());
            }
        }
    }
    out
}

/// Process reports for `nodes`, in the same order: this node asked directly, the others
/// at once over SSH.
pub fn node_reports(ctx: &Ctx, local: &Local, doc: &Document, nodes: &[String]) -> Result<Vec<(String, NodeReport)>> {
    let others: Vec<String> = nodes.iter().filter(|n| **n != local.id).cloned().collect();
    let mut answers: Vec<(String, NodeReport)> = if others.is_empty() {
        Vec::new()
    } else if let Some(core) = ctx.offline_core() {
        // During a core outage this node answers for itself only.
        others.iter().map(|n| (n.clone(), Err(format!("not asked: the core {core} is unreachable")))).collect()
    } else {
        ctx.transport()?
            // What the node needs of the document goes along (its own registry entry and
            // the config its processes depend on), so that it need not read the store.
            .call_many(&others, |n| Request::NodeReport { doc: Some(Box::new(report_slice(doc, &local.catalog, n))) })
            .into_iter()
            .map(|(n, r)| {
                let report = r
                    .and_then(|v| Ok(serde_json::from_value::<remote::NodeReportAnswer>(v)?))
                    .map_err(|e| crate::error::one_line(&e))
                    .and_then(remote::NodeReportAnswer::into_report);
                (n, report)
            })
            .collect()
    };
    Ok(nodes
        .iter()
        .map(|n| {
            if *n == local.id {
                (n.clone(), super::processes::local_report(&ctx.root, &local.catalog, doc, n))
            } else {
                match answers.iter().position(|(r, _)| r == n) {
                    Some(i) => answers.swap_remove(i),
                    None => (n.clone(), Err("no answer".to_string())),
                }
            }
        })
        .collect())
}

/// A step that applies one mutation to the cluster store; a dry run shows the store diff.
/// The store applies a mutation atomically under its lock, so a refused mutation changes
/// nothing. `then` sees what was applied (for progress lines).
pub fn mutate_step<'a>(
    ctx: &'a Ctx,
    local: &'a Local,
    name: &'static str,
    title: String,
    m: Mutation,
    then: impl FnOnce(&Applied) -> Result<()> + 'a,
) -> super::workflow::Step<'a> {
    use super::workflow::{Done, Step};
    let preview = m.clone();
    Step::new(name, title, move || {
        let applied = local.store(ctx)?.mutate(&local.catalog, &m, false)?;
        then(&applied)?;
        Ok(if applied.changes.is_empty() { Done::Unchanged } else { Done::Final })
    })
    .changes(move || Ok(local.store(ctx)?.mutate(&local.catalog, &preview, true)?.changes))
}

/// [`mutate_step`] whose change can be undone: `inverse` is applied when a later step
/// fails (and only if `m` changed something).
pub fn reversible_mutate_step<'a>(
    ctx: &'a Ctx,
    local: &'a Local,
    name: &'static str,
    title: String,
    m: Mutation,
    inverse: Mutation,
) -> super::workflow::Step<'a> {
    use super::workflow::{Done, Step};
    let preview = m.clone();
    Step::new(name, title, move || {
        let applied = local.store(ctx)?.mutate(&local.catalog, &m, false)?;
        if applied.changes.is_empty() {
            return Ok(Done::Unchanged);
        }
        Ok(Done::Changed(Box::new(move || local.store(ctx)?.mutate(&local.catalog, &inverse, false).map(|_| ()))))
    })
    .changes(move || Ok(local.store(ctx)?.mutate(&local.catalog, &preview, true)?.changes))
}
