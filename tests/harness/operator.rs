//! The operator account of a real VM: user `stackato` in group `kato`, as kato's package
//! makes them. Created once on the test machine when missing (like the package, the
//! harness never deletes them: other test binaries may be using them at the same time).

use std::process::{Command, Stdio};

/// The account tests run kato as when they run it as the operator.
#[derive(Debug, Clone)]
pub struct Operator {
    pub name: String,
    pub uid: u32,
    pub gid: u32,
    pub home: std::path::PathBuf,
}

fn quiet(cmd: &mut Command) -> bool {
    cmd.stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success())
}

/// Group `kato` and user `stackato` (a member, with a home and a login shell), made if
/// missing. Needs root.
pub fn ensure() -> Operator {
    if nix::unistd::Group::from_name("kato").ok().flatten().is_none() {
        // A concurrent test may have made it in the meantime: check again on failure.
        if !quiet(Command::new("groupadd").args(["--system", "kato"])) {
            assert!(nix::unistd::Group::from_name("kato").ok().flatten().is_some(), "cannot create group kato");
        }
    }
    if nix::unistd::User::from_name("stackato").ok().flatten().is_none()
        && !quiet(Command::new("useradd").args(["-m", "-s", "/bin/bash", "stackato"]))
    {
        assert!(nix::unistd::User::from_name("stackato").ok().flatten().is_some(), "cannot create user stackato");
    }
    assert!(quiet(Command::new("usermod").args(["-a", "-G", "kato", "stackato"])), "cannot add stackato to kato");
    // A locked password ('!', as useradd leaves it) makes an sshd without PAM refuse even
    // key logins; '*' means "no password" without locking the account.
    let shadow = Command::new("getent").args(["shadow", "stackato"]).output().map(|o| o.stdout).unwrap_or_default();
    if String::from_utf8_lossy(&shadow).split(':').nth(1).is_some_and(|p| p.starts_with('!')) {
        assert!(quiet(Command::new("usermod").args(["-p", "*", "stackato"])), "cannot unlock stackato");
    }
    let u = nix::unistd::User::from_name("stackato").unwrap().unwrap();
    Operator { name: u.name, uid: u.uid.as_raw(), gid: u.gid.as_raw(), home: u.dir }
}

impl Operator {
    /// `cmd` run as this operator (its groups, kato included, and its HOME), keeping the
    /// environment the command was given.
    pub fn wrap(&self, program: &std::path::Path, cmd: Command) -> Command {
        let mut w = Command::new("setpriv");
        w.arg(format!("--reuid={}", self.uid))
            .arg(format!("--regid={}", self.gid))
            .arg("--init-groups")
            .arg("--")
            .arg(program)
            .args(cmd.get_args());
        for (k, v) in cmd.get_envs() {
            match v {
                Some(v) => w.env(k, v),
                None => w.env_remove(k),
            };
        }
        w.env("HOME", &self.home).env("USER", &self.name).env("LOGNAME", &self.name).stdin(Stdio::null());
        w
    }

    /// Hand a tree to the operator (as kato's package does for its state).
    pub fn own_tree(&self, path: &std::path::Path) {
        let ok = Command::new("chown")
            .arg("-R")
            .arg(format!("{}:{}", self.uid, self.gid))
            .arg(path)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "chown -R {}", path.display());
    }
}
