//! What every command gets: the root, the operator's UI settings, and lazy access to this
//! node's state, the role catalog and the cluster store.

use crate::cli::ui::Ui;
use crate::model::catalog::{self, Catalog};
use crate::model::node::{self, NodeState};
use crate::model::root::Root;
use crate::model::store::Document;
use crate::ops::cluster_store::ClusterStore;
use anyhow::Result;
use std::cell::OnceCell;

/// SSH settings given on the command line (they override the environment).
#[derive(Debug, Clone, Default)]
pub struct SshFlags {
    pub user: Option<String>,
    pub identity: Option<std::path::PathBuf>,
    pub password_file: Option<std::path::PathBuf>,
    pub accept_new_host_key: bool,
}

pub struct Ctx {
    pub root: Root,
    pub ui: Ui,
    pub ssh: SshFlags,
    state: OnceCell<NodeState>,
    catalog: OnceCell<Catalog>,
    transport: OnceCell<crate::infra::remote::Transport>,
}

impl Ctx {
    pub fn new(root: Root, ui: Ui) -> Ctx {
        Ctx {
            root,
            ui,
            ssh: SshFlags::default(),
            state: OnceCell::new(),
            catalog: OnceCell::new(),
            transport: OnceCell::new(),
        }
    }

    /// A context for the same root and flags, with nothing cached (after this node's
    /// identity changed).
    pub fn fresh(&self) -> Ctx {
        let mut c = Ctx::new(self.root.clone(), self.ui.clone());
        c.ssh = self.ssh.clone();
        // The same SSH settings, and the connections already open.
        if let Some(t) = self.transport.get() {
            let _ = c.transport.set(t.clone());
        }
        c
    }

    /// How this node reaches other nodes.
    pub fn transport(&self) -> Result<&crate::infra::remote::Transport> {
        if self.transport.get().is_none() {
            let mut opts = crate::infra::ssh::SshOptions::from_env(self.root.dir())?;
            // kato.yml supplies defaults that the environment and flags override.
            let settings = crate::model::node::Settings::load(&self.root)?;
            if std::env::var_os("KATO_SSH_USER").is_none()
                && let Some(u) = settings.ssh_user
            {
                opts.user = u;
            }
            if std::env::var_os("KATO_SSH_PORT").is_none()
                && let Some(p) = settings.ssh_port
            {
                opts.port = p;
            }
            if let Some(u) = &self.ssh.user {
                opts.user = u.clone();
            }
            if let Some(i) = &self.ssh.identity {
                opts.set_identity(i.clone());
            }
            if let Some(p) = &self.ssh.password_file {
                opts.set_password_file(p)?;
            }
            if self.ssh.accept_new_host_key {
                opts.accept_new_host_key = true;
            }
            let _ = self.transport.set(crate::infra::remote::Transport::new(opts));
        }
        Ok(self.transport.get().expect("set above"))
    }

    pub fn node_state(&self) -> Result<&NodeState> {
        if self.state.get().is_none() {
            let s = NodeState::load(&self.root)?;
            let _ = self.state.set(s);
        }
        Ok(self.state.get().expect("set above"))
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
        let state = self.node_state()?;
        match (&state.node_type, &state.core_ip) {
            (crate::model::node::NodeType::Node, Some(core)) => {
                Ok(ClusterStore::remote(core, self.transport()?.clone()))
            }
            _ => ClusterStore::open(&self.root, state),
        }
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
                if !crate::model::store::registry::has_node(doc, &ip) {
                    crate::bail_usage!("{ip} is not a known node in this cluster");
                }
                Ok(ip)
            }
        }
    }
}
