//! The one harness of kato's integration tests. Every test binary says `mod harness;` and
//! uses the part it needs:
//!
//! - [`sandbox`]: one node in a temporary root, for runs of the built binary on one machine;
//! - [`cluster`]: a fake cluster of real sshd nodes on loopback addresses;
//! - [`run`]: the result of one run (of kato or another program) and its assertions;
//! - [`tools`]: what a missing tool does to a test (skip locally, fail under `CI=true`);
//! - [`wait`]: polling with a deadline, ports, and lines read from a running process;
//! - [`procs`]: the processes tests start, stopped by pid (never by name);
//! - [`files`]: file trees, JSON files, process specs and output snapshots;
//! - [`net`]: listeners, curl, certificates and the host's nftables ruleset;
//! - [`user`]: a throwaway local user;
//! - [`operator`]: the operator account (`stackato` in group `kato`) of a real VM.
#![allow(dead_code)] // each test binary uses a different subset

pub mod cluster;
pub mod files;
pub mod net;
pub mod operator;
pub mod procs;
pub mod run;
pub mod sandbox;
pub mod tools;
pub mod user;
pub mod wait;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The built binary under test.
pub const KATO: &str = env!("CARGO_BIN_EXE_kato");

/// A path inside the repository.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Gives `cmd` the environment of kato running as the node at `ip` whose root is `root`
/// (`$KATO` names the binary, for commands that run it through a shell), without the
/// caller's settings that would change kato's answers, and with stdin from /dev/null.
pub fn node_env<'a>(cmd: &'a mut Command, root: &Path, ip: &str) -> &'a mut Command {
    cmd.env("KATO", KATO)
        // Other nodes find kato through their own KATO_REMOTE_BIN (the cluster sets it in sshd).
        .env_remove("KATO_REMOTE_BIN")
        .env("KATO_ROOT", root)
        .env("KATO_NODE_IP", ip)
        .env("NO_COLOR", "1")
        .env_remove("KATO_SKIP_CONFIRM")
        .env_remove("KATO_DEBUG")
        .env_remove("KATO_SUPERVISOR_TIMEOUT")
        .env_remove("SSH_AUTH_SOCK")
        .stdin(Stdio::null())
}

/// A command running the built kato as the node at `ip` whose root is `root`.
pub fn kato(root: &Path, ip: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(KATO);
    node_env(&mut cmd, root, ip).args(args);
    cmd
}
