//! The tools a test needs and what a missing one does: locally the test is skipped with a
//! message; under `CI=true` it fails, so that a missing install step cannot hide behind a
//! green run.

use std::fmt::Display;
use std::path::{Path, PathBuf};

/// Directories searched after `PATH` (tools such as nginx and nft live there, and a
/// non-root `PATH` may lack them).
const SBIN: [&str; 2] = ["/usr/sbin", "/sbin"];

/// Whether a missing prerequisite fails the test instead of skipping it: `CI=true`.
pub fn strict() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Where `tool` is: a path (with a `/`) if it exists, else the first match on `PATH`, in
/// `/usr/sbin` or in `/sbin`.
pub fn which(tool: &str) -> Option<PathBuf> {
    if tool.contains('/') {
        return Some(PathBuf::from(tool)).filter(|p| p.exists());
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path).chain(SBIN.iter().map(PathBuf::from)).map(|dir| dir.join(tool)).find(|p| p.is_file())
}

/// Whether `tool` is installed (see [`which`]).
pub fn have(tool: &str) -> bool {
    which(tool).is_some()
}

/// True if `present`. Otherwise panics with `what: why` under `CI=true`, or prints
/// `SKIP what: why` and returns false, for the test to return early.
#[track_caller]
pub fn require(what: &str, present: bool, why: impl Display) -> bool {
    require_if(strict(), what, present, why)
}

/// [`require`] with the caller deciding whether a missing prerequisite fails.
#[track_caller]
pub fn require_if(strict: bool, what: &str, present: bool, why: impl Display) -> bool {
    if present {
        return true;
    }
    if strict {
        panic!("{what}: {why}");
    }
    eprintln!("SKIP {what}: {why}");
    false
}

/// [`require`] for a list of tools (names or paths): true if all are installed.
#[track_caller]
pub fn tools_present(test: &str, tools: &[&str]) -> bool {
    let missing: Vec<&str> = tools.iter().copied().filter(|t| !have(t)).collect();
    let mut packages: Vec<&str> = missing.iter().map(|t| package(t)).collect();
    packages.dedup();
    let why = format!("missing {} (apt-get install {})", missing.join(", "), packages.join(" "));
    require(test, missing.is_empty(), why)
}

/// The Debian package that installs `tool`.
fn package(tool: &str) -> &str {
    let name = Path::new(tool).file_name().and_then(|n| n.to_str()).unwrap_or(tool);
    match name {
        "supervisord" => "supervisor",
        "nft" => "nftables",
        "ip" => "iproute2",
        "unshare" | "script" => "util-linux",
        "ssh-keygen" => "openssh-client",
        "sshd" => "openssh-server",
        "rsyslogd" => "rsyslog",
        "chromedriver" => "chromium-driver",
        other => other,
    }
}
