//! The root every kato file lives under (`--root` / `KATO_ROOT`, default `/`), and the
//! layout of kato's files below it.

use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Root {
    dir: PathBuf,
}

impl Root {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Root { dir: dir.into() }
    }

    /// The root directory itself.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `rel` (an absolute-looking system path such as `/etc/hosts`) placed under the root.
    pub fn join(&self, rel: &str) -> PathBuf {
        self.dir.join(rel.trim_start_matches('/'))
    }

    /// Operator-editable kato configuration: catalog overrides, process specs, kato.yml.
    pub fn etc_kato(&self) -> PathBuf {
        self.join("etc/kato")
    }

    /// kato's own settings file (`node_ip`, SSH defaults).
    pub fn settings_file(&self) -> PathBuf {
        self.join("etc/kato/kato.yml")
    }

    /// Where process specs are installed, one YAML file per process.
    pub fn processes_dir(&self) -> PathBuf {
        self.join("etc/kato/processes")
    }

    /// Mutable state owned by kato.
    pub fn state_dir(&self) -> PathBuf {
        self.join("var/lib/kato")
    }

    /// This node's identity and attachment (node type, core address).
    pub fn node_state_file(&self) -> PathBuf {
        self.join("var/lib/kato/node.json")
    }

    /// The cluster store (registry and config components), present on a core or micro cloud.
    pub fn store_dir(&self) -> PathBuf {
        self.join("var/lib/kato/store")
    }

    /// Log files written by kato and its processes.
    pub fn log_dir(&self) -> PathBuf {
        self.join("var/log/kato")
    }

    /// The record of state-changing commands run on this node.
    pub fn history_file(&self) -> PathBuf {
        self.join("var/log/kato/history.jsonl")
    }

    /// Optional override of the version this node reports (`etc/kato/version`).
    pub fn version_file(&self) -> PathBuf {
        self.join("etc/kato/version")
    }

    pub fn hosts_file(&self) -> PathBuf {
        self.join("etc/hosts")
    }

    pub fn hostname_file(&self) -> PathBuf {
        self.join("etc/hostname")
    }
}
