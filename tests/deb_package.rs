//! The Debian package, as `scripts/test.sh` builds it into `target/debian/`: its contents
//! and lintian; then installed on this machine, used by the operator `stackato` as on a
//! real VM (`kato info`, `kato node setup core`, processes run by root's supervisord
//! through the privileged entry), and purged cleanly.
//!
//! The install runs only where kato's package is not installed already. The operator's
//! commands run in private mount and UTS namespaces whose /etc is a copy of the machine's
//! (after the install), so what `node setup core` writes to /etc stays in the copy.

mod harness;
use harness::operator::{self, Operator};
use harness::run::{self, Run};
use harness::tools;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::Command;

fn the_deb() -> Option<PathBuf> {
    let dir = std::env::var_os("KATO_DEB_DIR").map(PathBuf::from).unwrap_or_else(|| harness::repo("target/debian"));
    let found = std::fs::read_dir(&dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok());
    let present = found.is_some();
    if !tools::require(
        "the Debian package test",
        present,
        format!("no .deb in {} (scripts/test.sh builds it)", dir.display()),
    ) {
        return None;
    }
    found
}

fn sh(cmd: &mut Command) -> Run {
    run::capture(cmd, None, run::LIMIT)
}

#[test]
fn contents_and_lintian() {
    let Some(deb) = the_deb() else { return };
    let list = sh(Command::new("dpkg-deb").arg("-c").arg(&deb));
    list.ok();
    for (path, mode) in [
        ("./usr/bin/kato", "-rwxr-xr-x"),
        ("./etc/kato/process_order.yml", "-rw-r--r--"),
        ("./etc/kato/processes/router2g.yml", "-rw-r--r--"),
        ("./etc/sudoers.d/kato", "-r--r-----"),
        ("./usr/lib/tmpfiles.d/kato.conf", "-rw-r--r--"),
        ("./usr/lib/systemd/system/kato.service", "-rw-r--r--"),
        ("./usr/share/man/man1/kato.1.gz", "-rw-r--r--"),
        ("./usr/share/man/man1/kato-node-setup-core.1.gz", "-rw-r--r--"),
        ("./usr/share/bash-completion/completions/kato", "-rw-r--r--"),
        ("./usr/share/zsh/vendor-completions/_kato", "-rw-r--r--"),
        ("./usr/share/fish/vendor_completions.d/kato.fish", "-rw-r--r--"),
        ("./usr/share/doc/kato/copyright", "-rw-r--r--"),
    ] {
        let line = list.stdout.lines().find(|l| l.ends_with(&format!(" {path}")));
        let line = line.unwrap_or_else(|| panic!("{path} is not in the package:\n{}", list.stdout));
        assert!(line.starts_with(mode), "{path} has the wrong mode: {line}");
    }
    assert!(!list.stdout.contains("./home/"), "the package must not ship files in /home");
    let info = sh(Command::new("dpkg-deb").arg("-I").arg(&deb));
    info.ok();
    for want in ["Package: kato", "Section: admin", "Depends:", "sudo", "supervisor"] {
        assert!(info.stdout.contains(want), "control lacks {want:?}:\n{}", info.stdout);
    }
    let ctl = tempfile::tempdir().unwrap();
    sh(Command::new("dpkg-deb").arg("-e").arg(&deb).arg(ctl.path())).ok();
    let cf = std::fs::read_to_string(ctl.path().join("conffiles")).unwrap();
    for f in ["/etc/sudoers.d/kato", "/etc/kato/process_order.yml", "/etc/kato/processes/router2g.yml"] {
        assert!(cf.lines().any(|l| l == f), "{f} is not a conffile:\n{cf}");
    }
    // The sudoers drop-in parses.
    let ex = tempfile::tempdir().unwrap();
    sh(Command::new("dpkg-deb").arg("-x").arg(&deb).arg(ex.path())).ok();
    if tools::require("visudo", tools::have("visudo"), "needs sudo") {
        sh(Command::new("visudo").arg("-cf").arg(ex.path().join("etc/sudoers.d/kato"))).ok();
    }
    if tools::require("lintian", tools::have("lintian"), "needs the lintian package") {
        let l = sh(Command::new("lintian").args(["--fail-on", "error,warning", "-EIL", "+pedantic"]).arg(&deb));
        assert_eq!(l.code, 0, "lintian:\n{}{}", l.stdout, l.stderr);
    }
}

fn installed() -> bool {
    Command::new("dpkg-query")
        .args(["-W", "-f=${Status}", "kato"])
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
}

/// kato as the operator, in namespaces whose /etc is the copy in `etc`.
fn as_operator(op: &Operator, etc: &Path, env: &[(&str, &str)], args: &[&str]) -> Run {
    let mut cmd = Command::new("unshare");
    cmd.args(["--mount", "--uts", "sh", "-c"])
        .arg(
            "mount --bind \"$1\" /etc && u=$2 g=$3 && shift 3 && \
             exec setpriv --reuid=\"$u\" --regid=\"$g\" --init-groups -- /home/stackato/bin/kato \"$@\"",
        )
        .arg("sh")
        .arg(etc)
        .arg(op.uid.to_string())
        .arg(op.gid.to_string())
        .args(args);
    cmd.env_clear()
        .env("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin")
        .env("HOME", &op.home)
        .env("USER", &op.name)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied());
    sh(&mut cmd)
}

/// Purges the package and what the test started, whatever happened.
struct Installed;

impl Drop for Installed {
    fn drop(&mut self) {
        if let Some(pid) = harness::procs::read_pidfile(Path::new("/run/kato/supervisord.pid")) {
            harness::procs::stop_pid(pid, std::time::Duration::from_secs(10));
        }
        let _ = Command::new("dpkg").args(["--purge", "kato"]).output();
        let _ = std::fs::remove_dir_all("/run/kato");
    }
}

#[test]
fn install_use_as_the_operator_and_purge() {
    let Some(deb) = the_deb() else { return };
    if !nix::unistd::geteuid().is_root() || installed() {
        let why = if installed() { "kato's package is already installed here" } else { "needs root" };
        tools::require("installing the package", false, why);
        return;
    }
    let guard = Installed;
    let inst =
        sh(Command::new("apt-get").args(["install", "-y", "-q"]).arg(&deb).env("DEBIAN_FRONTEND", "noninteractive"));
    assert_eq!(inst.code, 0, "apt-get install:\n{}{}", inst.stdout, inst.stderr);
    let op = operator::ensure();
    let groups = sh(Command::new("id").args(["-nG", "stackato"]));
    assert!(groups.stdout.split_whitespace().any(|g| g == "kato"), "{}", groups.stdout);
    assert_eq!(std::fs::read_link("/home/stackato/bin/kato").unwrap(), Path::new("/usr/bin/kato"));
    sh(Command::new("visudo").arg("-c")).ok();
    for dir in ["/var/lib/kato", "/var/log/kato", "/run/kato"] {
        let m = std::fs::metadata(dir).unwrap();
        assert_eq!(m.permissions().mode() & 0o7777, 0o2770, "{dir}");
        assert_eq!(m.gid(), nix::unistd::Group::from_name("kato").unwrap().unwrap().gid.as_raw(), "{dir}");
    }
    if tools::have("systemctl") {
        let enabled = sh(Command::new("systemctl").args(["is-enabled", "kato"]));
        assert_eq!(enabled.stdout.trim(), "enabled", "{}{}", enabled.stdout, enabled.stderr);
    }
    // Installing twice changes nothing (the maintainer scripts are idempotent).
    let again = sh(Command::new("apt-get")
        .args(["install", "-y", "-q", "--reinstall"])
        .arg(&deb)
        .env("DEBIAN_FRONTEND", "noninteractive"));
    assert_eq!(again.code, 0, "reinstall:\n{}{}", again.stdout, again.stderr);

    let etc = tempfile::tempdir().unwrap();
    assert!(Command::new("cp").arg("-a").arg("/etc/.").arg(etc.path()).status().unwrap().success());
    let env = [("KATO_NODE_IP", "127.89.0.1")];
    as_operator(&op, etc.path(), &env, &["info"]).ok();
    let setup = as_operator(
        &op,
        etc.path(),
        &env,
        &["node", "setup", "core", "api.deb.test", "--skip-preflight", "persistent-storage"],
    );
    setup.ok();
    assert!(setup.stdout.contains("endpoint: api.deb.test"), "{}", setup.stdout);
    // What needed root went through the privileged entry: the hosts file of (the copy of)
    // /etc, and root's supervisord, which the operator drives through its socket.
    let hosts = std::fs::read_to_string(etc.path().join("hosts")).unwrap();
    assert!(hosts.contains("127.89.0.1 api.deb.test # Added by Stackato"), "{hosts}");
    let sock = std::fs::metadata("/run/kato/supervisord.sock").unwrap();
    assert_eq!(sock.uid(), 0, "root's supervisord");
    let st = as_operator(&op, etc.path(), &env, &["status", "--json"]);
    st.ok();
    assert_eq!(st.json()["process_issues"], serde_json::json!([]), "{}", st.stdout);
    as_operator(&op, etc.path(), &env, &["stop"]).ok();
    drop(guard);
    assert!(!installed(), "the package is still installed");
    for gone in ["/etc/kato", "/etc/sudoers.d/kato", "/var/lib/kato", "/var/log/kato", "/usr/bin/kato"] {
        assert!(!Path::new(gone).exists(), "{gone} is left after purge");
    }
    assert!(
        nix::unistd::User::from_name("stackato").unwrap().is_some(),
        "purge keeps the operator account (Debian's rule)"
    );
}
