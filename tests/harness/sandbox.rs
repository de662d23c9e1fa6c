//! One node in a temporary root, for runs of the built `kato` on this machine alone: a
//! fixed hostname and node IP so that output is deterministic. A supervisord that kato
//! started under the root is stopped by the pid in its pidfile when the sandbox drops.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use kato::infra::supervisor::SupervisorPaths;
use kato::infra::supervisor::daemon::our_live_pid;
use serde_json::Value;

use super::files;
use super::procs;
use super::run::{self, Run};

/// The cluster store, relative to the root.
pub const STORE: &str = "var/lib/kato/store/cluster.json";

/// How long one run of kato in a sandbox may take.
pub const LIMIT: Duration = Duration::from_secs(60);

/// A temporary root with a fixed hostname (`testhost`) and node IP (`10.11.12.13`).
pub struct Sandbox {
    pub dir: tempfile::TempDir,
    pub node_ip: String,
    /// Extra environment for every run of kato in this sandbox.
    pub env: Vec<(String, String)>,
}

impl Sandbox {
    pub fn new() -> Sandbox {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir_all(dir.path().join("etc")).unwrap();
        std::fs::write(dir.path().join("etc/hostname"), "testhost\n").unwrap();
        Sandbox { dir, node_ip: "10.11.12.13".into(), env: Vec::new() }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// `program` with this node's environment (`$KATO` names the binary).
    pub fn wrapped(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        super::node_env(&mut c, self.root(), &self.node_ip).envs(self.env.iter().map(|(k, v)| (k, v)));
        c
    }

    /// kato with `args`, as this node.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = self.wrapped(super::KATO);
        c.args(args);
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run::capture(&mut self.command(args), None, LIMIT)
    }

    /// [`Sandbox::run`] with `input` on stdin.
    pub fn run_with_stdin(&self, args: &[&str], input: &[u8]) -> Run {
        run::capture(&mut self.command(args), Some(input), LIMIT)
    }

    /// [`Sandbox::run`] with extra environment and a deadline of its own.
    pub fn run_with(&self, args: &[&str], env: &[(&str, &str)], limit: Duration) -> Run {
        run::capture(self.command(args).envs(env.iter().copied()), None, limit)
    }

    /// `kato config get <args>`: its stdout, after asserting success.
    pub fn config_get(&self, args: &[&str]) -> String {
        let mut a = vec!["config", "get"];
        a.extend_from_slice(args);
        self.run(&a).ok().stdout.clone()
    }

    /// `kato node list`: its stdout, after asserting success.
    pub fn node_list(&self) -> String {
        self.run(&["node", "list"]).ok().stdout.clone()
    }

    /// Make this root a configured core.
    pub fn setup_core(&self) {
        self.run(&["node", "setup", "core", "api.example.test"]).ok();
    }

    /// Install the example catalog (process specs and order) into the root.
    pub fn add_catalog(&self) {
        files::copy_dir(&super::repo("catalog"), &self.path("etc/kato"));
    }

    /// Every file under the root with its bytes (and every directory), for
    /// byte-identical comparisons.
    pub fn tree(&self) -> BTreeMap<String, Vec<u8>> {
        files::tree(self.root())
    }

    /// Output with the sandbox path replaced by `$ROOT`.
    pub fn scrub(&self, s: &str) -> String {
        s.replace(&self.root().display().to_string(), "$ROOT")
    }

    /// The cluster store's document.
    pub fn store(&self) -> Value {
        files::read_json(&self.path(STORE))
    }

    /// Changes the cluster store's document in place, behind kato's back.
    pub fn edit_store(&self, change: impl FnOnce(&mut Value)) {
        let mut doc = self.store();
        change(&mut doc);
        files::write_json(&self.path(STORE), &doc);
    }

    /// Registers another node with `roles` (besides base) in the store.
    pub fn register_node(&self, ip: &str, roles: &[&str]) {
        let mut states = serde_json::json!({"base": "START"});
        for r in roles {
            states[*r] = "START".into();
        }
        self.edit_store(|doc| doc["components"]["node"][ip] = serde_json::json!({ "roles": states }));
    }

    /// Write a process spec into the sandbox's catalog; its path.
    pub fn write_spec(&self, name: &str, body: &str) -> PathBuf {
        files::write_spec(self.root(), name, body)
    }

    /// Where kato keeps this node's supervisord (socket, pidfile, logs).
    pub fn supervisor_paths(&self) -> SupervisorPaths {
        SupervisorPaths::under(self.root())
    }

    /// The pid in this node's supervisord pidfile.
    pub fn supervisord_pid(&self) -> Option<i32> {
        procs::read_pidfile(&self.supervisor_paths().pidfile)
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        // Only a supervisord running this root's config: a stale pidfile's pid may be reused.
        if let Some(pid) = our_live_pid(&self.supervisor_paths()) {
            procs::stop_pid(pid.as_raw(), Duration::from_secs(15));
        }
    }
}
