//! What every command gets: the root, the operator's UI settings, and lazy access to this
//! node's state, the role catalog and the cluster store.

use crate::catalog::{self, Catalog};
use crate::cluster_store::ClusterStore;
use crate::node::{self, NodeState};
use crate::root::Root;
use crate::store::Document;
use crate::ui::Ui;
use anyhow::Result;
use std::cell::OnceCell;

pub struct Ctx {
    pub root: Root,
    pub ui: Ui,
    state: OnceCell<NodeState>,
    catalog: OnceCell<Catalog>,
}

impl Ctx {
    pub fn new(root: Root, ui: Ui) -> Ctx {
        Ctx {
            root,
            ui,
            state: OnceCell::new(),
            catalog: OnceCell::new(),
        }
    }

    pub fn node_state(&self) -> Result<&NodeState> {
        if self.state.get().is_none() {
            let s = NodeState::load(&self.root)?;
            let _ = self.state.set(s);
        }
        Ok(self.state.get().expect("set above"))
    }

    /// Forget the cached node state after changing it.
    pub fn reload_node_state(&mut self) {
        self.state = OnceCell::new();
    }

    pub fn catalog(&self) -> Result<&Catalog> {
        if self.catalog.get().is_none() {
            let c = catalog::load(&self.root)?;
            let _ = self.catalog.set(c);
        }
        Ok(self.catalog.get().expect("set above"))
    }

    pub fn node_id(&self) -> Result<String> {
        node::node_id(&self.root, self.node_state()?)
    }

    pub fn store(&self) -> Result<ClusterStore> {
        ClusterStore::open(&self.root, self.node_state()?)
    }

    /// The current cluster document.
    pub fn read_cluster(&self) -> Result<Document> {
        self.store()?.read(self.catalog()?)
    }

    /// Resolve `-n/--node`: a valid IP known to the cluster, or this node.
    pub fn target_node(&self, given: Option<&str>, doc: &Document) -> Result<String> {
        let local = self.node_id()?;
        match given {
            None => Ok(local),
            Some(ip) => {
                let ip = node::parse_ip(ip, "node id")?.to_string();
                if !crate::store::registry::has_node(doc, &ip) {
                    crate::bail_usage!("{ip} is not a known node in this cluster");
                }
                Ok(ip)
            }
        }
    }
}
