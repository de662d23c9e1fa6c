//! What every operation is given, explicitly: the root, the reporter, and the way to
//! other nodes. Nothing is cached that could go stale: this node's identity and catalog
//! are read afresh by [`Ctx::local`] (an op reads them once at its start, and again after
//! a step changed them); the only thing kept for the length of a command is the open SSH
//! connections, which reconnect by themselves.

use super::cluster::ClusterStore;
use super::report::Reporter;
use crate::infra::remote::Transport;
use crate::model::catalog::{self, Catalog};
use crate::model::node::{self, NodeState, NodeType};
use crate::model::root::Root;
use crate::model::store::Document;
use anyhow::Result;
use std::cell::{Cell, OnceCell};

/// SSH settings given on the command line (they override the environment and kato.yml).
#[derive(Debug, Clone, Default)]
pub struct SshFlags {
    pub user: Option<String>,
    pub identity: Option<std::path::PathBuf>,
    pub password_file: Option<std::path::PathBuf>,
    pub accept_new_host_key: bool,
}

pub struct Ctx<'a> {
    pub root: Root,
    pub out: &'a dyn Reporter,
    ssh: SshFlags,
    transport: OnceCell<Transport>,
    changed: Cell<bool>,
    warned_catalog: Cell<bool>,
    /// This node's copy of the cluster document, once the core proved unreachable: the rest
    /// of the command uses it without trying the core again.
    offline: std::cell::RefCell<Option<(String, Document)>>,
}

impl<'a> Ctx<'a> {
    pub fn new(root: Root, out: &'a dyn Reporter, ssh: SshFlags) -> Ctx<'a> {
        Ctx {
            root,
            out,
            ssh,
            transport: OnceCell::new(),
            changed: Cell::new(false),
            warned_catalog: Cell::new(false),
            offline: Default::default(),
        }
    }

    /// This node as it is now: identity and role catalog, read from the root.
    pub fn local(&self) -> Result<Local> {
        let state = NodeState::load(&self.root)?;
        if state.schema < crate::model::node::NODE_SCHEMA && self.root.node_state_file().exists() {
            // An older kato's file: rewrite it in this kato's layout, once.
            state.save(&self.root)?;
            let (from, to) = (state.schema, crate::model::node::NODE_SCHEMA);
            super::history::note(&self.root, &format!("node.json layout migrated from {from} to {to}"));
        }
        let catalog = catalog::load(&self.root)?;
        // What the catalog could not use is said once per command (and in `kato status`).
        if !self.warned_catalog.replace(true) {
            for p in &catalog.problems {
                self.out.warn(&format!("process {} cannot run on this node: {}", p.process, p.message));
            }
        }
        let id = node::node_id(&self.root, &state)?;
        Ok(Local { state, catalog, id })
    }

    /// How this node reaches others (opened on first use; connections are kept open for
    /// the rest of the command).
    pub fn transport(&self) -> Result<&Transport> {
        if let Some(t) = self.transport.get() {
            return Ok(t);
        }
        let mut opts = crate::infra::ssh::SshOptions::from_env(self.root.dir())?;
        // kato.yml supplies defaults that the environment and flags override.
        let settings = node::Settings::load(&self.root)?;
        if opts.client.kato_set.user.is_none()
            && let Some(u) = settings.ssh_user
        {
            opts.user = u;
            opts.client.kato_set.user = Some("kato.yml");
        }
        if opts.client.kato_set.port.is_none()
            && let Some(p) = settings.ssh_port
        {
            opts.port = p;
            opts.client.kato_set.port = Some("kato.yml");
        }
        if let Some(u) = &self.ssh.user {
            opts.user = u.clone();
            opts.client.kato_set.user = Some("--ssh-user");
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
        if self.out.verbose() {
            opts.client.notes = Some(crate::infra::ssh::options::stderr_notes());
            let files = opts.client.config.files();
            if !files.is_empty() {
                let names: Vec<String> = files.iter().map(|f| crate::infra::ssh::options::short_path(f)).collect();
                opts.client.note(&format!("OpenSSH configuration read from {}", names.join(", ")));
            }
        }
        Ok(self.transport.get_or_init(|| Transport::new(opts)))
    }

    /// The copy in use since the core proved unreachable, if it did.
    pub fn offline_copy(&self) -> Option<Document> {
        self.offline.borrow().as_ref().map(|(_, d)| d.clone())
    }

    /// The core that proved unreachable during this command, if one did.
    pub fn offline_core(&self) -> Option<String> {
        self.offline.borrow().as_ref().map(|(c, _)| c.clone())
    }

    /// The core could not be reached: say so once, and use this node's copy from now on.
    pub fn go_offline(&self, core: &str, why: &anyhow::Error, copy: Document, age: std::time::Duration) -> Document {
        self.out.warn(&format!(
            "the core {core} is unreachable ({}); using this node's copy of the cluster document (revision {}, saved {} ago)",
            crate::error::one_line(why),
            copy.revision,
            super::copy::human_age(age)
        ));
        *self.offline.borrow_mut() = Some((core.to_string(), copy.clone()));
        copy
    }

    /// Called by the workflow engine when a step changed something, so the command is
    /// recorded in history.
    pub fn note_changed(&self) {
        self.changed.set(true);
    }

    /// Whether anything was changed by this command so far.
    pub fn changed(&self) -> bool {
        self.changed.get()
    }
}

/// This node at one moment: its recorded state, its id and its role catalog.
#[derive(Debug, Clone)]
pub struct Local {
    pub state: NodeState,
    pub catalog: Catalog,
    pub id: String,
}

impl Local {
    /// The cluster store as this node reaches it: the file here on a core or micro cloud,
    /// the core's over SSH on an attached node.
    pub fn store<'c>(&self, ctx: &'c Ctx<'c>) -> Result<ClusterStore<'c>> {
        match (&self.state.node_type, &self.state.core_ip) {
            (NodeType::Node, Some(core)) => Ok(ClusterStore::remote(core, ctx.transport()?.clone(), ctx)),
            _ => Ok(ClusterStore::local(&ctx.root)),
        }
    }

    /// The current cluster document.
    pub fn read_cluster(&self, ctx: &Ctx) -> Result<Document> {
        self.store(ctx)?.read(&self.catalog)
    }

    /// Resolve `-n/--node`: a valid IP known to the cluster, or this node.
    pub fn target_node(&self, given: Option<&str>, doc: &Document) -> Result<String> {
        match given {
            None => Ok(self.id.clone()),
            Some(ip) => {
                let ip = node::parse_ip(ip, "node id")?.to_string();
                if !crate::model::store::registry::has_node(doc, &ip) {
                    crate::bail_usage!("{ip} is not a known node in this cluster");
                }
                Ok(ip)
            }
        }
    }

    pub fn is_attached(&self) -> bool {
        self.state.node_type == NodeType::Node
    }
}
