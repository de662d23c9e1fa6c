//! How this node reaches the cluster store: directly on a core or micro cloud, through
//! the core over SSH on an attached node. Commands see one interface either way.

use crate::infra::remote::Transport;
use crate::model::catalog::Catalog;
use crate::model::node::{self, NodeState};
use crate::model::root::Root;
use crate::model::store::mutation::{self, ClusterInit, Mutation};
use crate::model::store::registry::START;
use crate::model::store::{Applied, Document, FileStore};
use crate::ops::remote::Request;
use anyhow::{Context, Result};

pub struct LocalStore {
    store: FileStore,
    root: Root,
}

pub enum ClusterStore {
    Local(LocalStore),
    /// On an attached node: the core's store, over SSH.
    Remote {
        core: String,
        transport: Transport,
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
        erase: true,
    };
    let mut doc = Document::default();
    mutation::apply(&mut doc, catalog, &Mutation::InitCluster(init))?;
    Ok(doc)
}

impl ClusterStore {
    /// The store as seen from this node.
    pub fn open(root: &Root, _state: &NodeState) -> Result<ClusterStore> {
        Ok(ClusterStore::Local(LocalStore { store: FileStore::new(root), root: root.clone() }))
    }

    pub fn remote(core: &str, transport: Transport) -> ClusterStore {
        ClusterStore::Remote { core: core.to_string(), transport }
    }

    /// Where the store lives, for `kato info` ("Config URI").
    pub fn uri(&self) -> String {
        match self {
            ClusterStore::Local(l) => format!("file://{}", l.store.file().display()),
            ClusterStore::Remote { core, transport } => format!("ssh://{}@{core}/", transport.opts.user),
        }
    }

    /// The current document (a fresh root reads as the default micro cloud).
    pub fn read(&self, catalog: &Catalog) -> Result<Document> {
        match self {
            ClusterStore::Local(l) => match l.store.load()? {
                Some(doc) => Ok(doc),
                None => micro_document(&l.root, catalog),
            },
            ClusterStore::Remote { core, transport } => {
                let v = transport
                    .call(core, &Request::StoreRead)
                    .with_context(|| format!("cannot read the cluster store on the core {core}"))?;
                Ok(serde_json::from_value(v)?)
            }
        }
    }

    /// Apply a mutation under the store's lock; with `dry_run` nothing is written.
    pub fn mutate(&self, catalog: &Catalog, m: &Mutation, dry_run: bool) -> Result<Applied> {
        match self {
            ClusterStore::Local(l) => {
                let mut initial_err = None;
                let initial = || {
                    micro_document(&l.root, catalog).unwrap_or_else(|e| {
                        initial_err = Some(e);
                        Document::default()
                    })
                };
                let (outcome, changes, revision) =
                    l.store.transact(dry_run, initial, |doc| mutation::apply(doc, catalog, m))?;
                if let Some(e) = initial_err {
                    return Err(e);
                }
                Ok(Applied { outcome, changes, revision })
            }
            ClusterStore::Remote { core, transport } => {
                let req = Request::StoreMutate { mutation: m.clone(), dry_run };
                let v = transport
                    .call(core, &req)
                    .with_context(|| format!("cannot change the cluster store on the core {core}"))?;
                Ok(serde_json::from_value(v)?)
            }
        }
    }
}
