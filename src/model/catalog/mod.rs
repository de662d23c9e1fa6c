//! The role catalog: which roles exist, in what order, with which rules, which groups
//! name sets of them, and which processes each role runs. Built-in defaults, overridden by
//! `etc/kato/role_order.yml` and `etc/kato/role_groups.yml`, plus one process spec per
//! file in `etc/kato/processes/` (the original's layout).

pub mod load;
pub mod rules;
pub mod update;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

pub use load::{load, supervisord_program};

/// The per-role rules of `role_order.yml`.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RoleRules {
    #[serde(default)]
    pub mandatory: bool,
    #[serde(default)]
    pub min_per_cluster: u32,
    #[serde(default)]
    pub max_per_cluster: Option<u32>,
    #[serde(default)]
    pub exclude_from_add_all: bool,
    #[serde(default)]
    pub exclusive: bool,
    #[serde(default)]
    pub micro_cloud_only: bool,
    /// Accepted for compatibility with the original's files; processes come from specs.
    #[serde(default)]
    pub processes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RoleDef {
    pub name: String,
    pub rules: RoleRules,
}

/// A `depends_on_config` condition: the process is DISABLED unless it holds.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ConfigCondition {
    pub component: String,
    pub key: String,
    pub value: serde_json::Value,
}

/// One process spec (`etc/kato/processes/<name>.yml`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProcessSpec {
    pub name: String,
    pub roles: Vec<String>,
    pub command: String,
    pub listen_port: Option<u16>,
    /// Where the process serves TLS (a router's HTTPS port); also checked for readiness.
    pub tls_listen_port: Option<u16>,
    pub depends_on_config: Vec<ConfigCondition>,
    pub environment: BTreeMap<String, String>,
    /// Environment variables that take this node's upstream proxy (`kato op
    /// upstream_proxy`): a name ending in `no_proxy` (any case) takes the bypass list,
    /// any other the proxy URL.
    pub proxy_env: Vec<String>,
    /// The YAML file holding the process's default configuration document (the
    /// original's key; `op import_from_yaml_file` loads it into the store).
    pub config_origin: Option<String>,
    pub directory: Option<String>,
    /// How to let the process finish its work before its node is retired.
    pub drain: Option<Drain>,
    /// Files or folders holding the process's data (`${KATO_ROOT}/…`), carried by
    /// `kato data export` and put back by `kato data import`.
    pub data: Vec<String>,
    #[serde(skip)]
    pub file: PathBuf,
}

/// A process's `drain:`: a signal (by name) or a command, and how long to wait for the
/// process to finish afterwards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Drain {
    #[serde(default)]
    pub signal: Option<String>,
    #[serde(default)]
    pub command: Option<String>,
    #[serde(default = "drain_timeout")]
    pub timeout: u64,
}

fn drain_timeout() -> u64 {
    30
}

/// A process the node's catalog names but cannot run: its spec file is malformed, or it
/// has no command (and no supervisord program file to take one from). The rest of the
/// catalog loads; this process is reported (a warning, and an issue in `kato status`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CatalogProblem {
    /// The process: the spec's `name`, or its file name without `.yml` when unreadable.
    pub process: String,
    /// Its roles, when the spec could be read that far.
    pub roles: Vec<String>,
    /// What is wrong, naming the file.
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    /// Roles in start order.
    pub roles: Vec<RoleDef>,
    /// Role groups in file order.
    pub groups: Vec<(String, Vec<String>)>,
    /// Processes in process order.
    pub processes: Vec<ProcessSpec>,
    /// Processes named by the operator's files that cannot run, and other catalog files
    /// that were ignored (each with why).
    pub problems: Vec<CatalogProblem>,
}

impl Catalog {
    pub fn role(&self, name: &str) -> Option<&RoleDef> {
        self.roles.iter().find(|r| r.name == name)
    }

    pub fn is_role(&self, name: &str) -> bool {
        self.role(name).is_some()
    }

    pub fn group(&self, name: &str) -> Option<&[String]> {
        self.groups.iter().find(|(g, _)| g == name).map(|(_, m)| m.as_slice())
    }

    pub fn role_names(&self) -> impl Iterator<Item = &str> {
        self.roles.iter().map(|r| r.name.as_str())
    }

    /// Roles that are part of every node.
    pub fn mandatory_roles(&self) -> Vec<String> {
        self.roles.iter().filter(|r| r.rules.mandatory).map(|r| r.name.clone()).collect()
    }

    pub fn is_mandatory(&self, role: &str) -> bool {
        self.role(role).is_some_and(|r| r.rules.mandatory)
    }

    /// Position of a role in start order (unknown roles sort last).
    pub fn role_rank(&self, role: &str) -> usize {
        self.roles.iter().position(|r| r.name == role).unwrap_or(usize::MAX)
    }

    /// Sort and de-duplicate role names in start order.
    pub fn sort_roles(&self, roles: &mut Vec<String>) {
        roles.sort_by_key(|r| (self.role_rank(r), r.clone()));
        roles.dedup();
    }

    pub fn process(&self, name: &str) -> Option<&ProcessSpec> {
        self.processes.iter().find(|p| p.name == name)
    }

    /// The processes a role runs, in process order.
    pub fn processes_of(&self, role: &str) -> Vec<&ProcessSpec> {
        self.processes.iter().filter(|p| p.roles.iter().any(|r| r == role)).collect()
    }

    /// The processes of `roles` that this catalog cannot run.
    pub fn problems_of(&self, roles: &[String]) -> Vec<&CatalogProblem> {
        self.problems.iter().filter(|p| p.roles.iter().any(|r| roles.contains(r))).collect()
    }

    /// The problems that belong to no role (an unreadable file, an ignored order file):
    /// every node with this catalog has them.
    pub fn node_problems(&self) -> Vec<&CatalogProblem> {
        self.problems.iter().filter(|p| p.roles.is_empty()).collect()
    }

    /// The first `listen_port` and `tls_listen_port` among a role's processes, in process
    /// order: where a router serves HTTP and HTTPS.
    pub fn role_ports(&self, role: &str) -> (Option<u16>, Option<u16>) {
        let procs = self.processes_of(role);
        (procs.iter().find_map(|p| p.listen_port), procs.iter().find_map(|p| p.tls_listen_port))
    }

    /// Every name an operator may type where a role is expected.
    pub fn role_words(&self) -> Vec<&str> {
        let mut words: Vec<&str> = self.role_names().collect();
        words.extend(self.groups.iter().map(|(g, _)| g.as_str()));
        words.push("all");
        words
    }
}
