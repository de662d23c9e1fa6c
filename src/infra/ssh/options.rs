//! Connection settings for the SSH transport, gathered from the environment.
//!
//! [`SshOptions::from_env`] reads the `KATO_SSH_*` variables, the user's home directory and
//! whether stdin is a terminal; the CLI then overrides fields from its flags (`-i`,
//! `--password-file`, `--accept-new-host-key`). The password is redacted from `Debug`.

use std::fmt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};

/// Default remote user, as on every Stackato VM.
pub const DEFAULT_USER: &str = "stackato";
/// Default TCP connect (and handshake) timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default authentication timeout.
pub const DEFAULT_AUTH_TIMEOUT: Duration = Duration::from_secs(10);
/// Default limit for a remote command to finish.
pub const DEFAULT_COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

/// How to reach and authenticate to other nodes.
#[derive(Clone)]
pub struct SshOptions {
    /// Remote user name (`KATO_SSH_USER`, default `stackato`).
    pub user: String,
    /// Remote sshd port (`KATO_SSH_PORT`, default 22).
    pub port: u16,
    /// Private key files to try, in order. Missing, unreadable or encrypted ones are skipped.
    pub identities: Vec<PathBuf>,
    /// Password for password authentication (from a password file; never printed).
    pub password: Option<String>,
    /// Try the keys of the ssh-agent at `SSH_AUTH_SOCK` first.
    pub use_agent: bool,
    /// known_hosts files consulted to verify host keys (the user's and kato's own).
    pub known_hosts_read: Vec<PathBuf>,
    /// kato's own known_hosts file; accepted new host keys are appended here.
    pub known_hosts_own: PathBuf,
    /// Trust and record host keys that no known_hosts file knows yet.
    pub accept_new_host_key: bool,
    /// A person is at the terminal: unknown host keys may be confirmed at a prompt.
    pub interactive: bool,
    /// Limit for the TCP connect and, separately, for the SSH handshake.
    pub connect_timeout: Duration,
    /// Limit for authentication.
    pub auth_timeout: Duration,
    /// Limit for a remote command to run to completion (not applied to streaming).
    pub command_timeout: Duration,
}

impl fmt::Debug for SshOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SshOptions")
            .field("user", &self.user)
            .field("port", &self.port)
            .field("identities", &self.identities)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("use_agent", &self.use_agent)
            .field("known_hosts_read", &self.known_hosts_read)
            .field("known_hosts_own", &self.known_hosts_own)
            .field("accept_new_host_key", &self.accept_new_host_key)
            .field("interactive", &self.interactive)
            .field("connect_timeout", &self.connect_timeout)
            .field("auth_timeout", &self.auth_timeout)
            .field("command_timeout", &self.command_timeout)
            .finish()
    }
}

impl SshOptions {
    /// Options from the process environment; `root` is kato's root directory (`--root`).
    pub fn from_env(root: &Path) -> Result<Self> {
        let home = home_dir();
        let mut opts = Self::from_lookup(root, home.as_deref(), |k| std::env::var(k).ok())?;
        opts.interactive = std::io::stdin().is_terminal();
        Ok(opts)
    }

    /// Options from an arbitrary variable lookup and home directory (testable core of
    /// [`SshOptions::from_env`]). `interactive` is left false.
    pub fn from_lookup(root: &Path, home: Option<&Path>, var: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let var = |k: &str| var(k).filter(|v| !v.is_empty());
        let user = var("KATO_SSH_USER").unwrap_or_else(|| DEFAULT_USER.to_string());
        let port = match var("KATO_SSH_PORT") {
            Some(p) => p
                .trim()
                .parse::<u16>()
                .ok()
                .filter(|p| *p != 0)
                .with_context(|| format!("KATO_SSH_PORT={p:?} is not a port number"))?,
            None => 22,
        };
        let identities = match var("KATO_SSH_IDENTITY") {
            Some(p) => vec![PathBuf::from(p)],
            None => home
                .map(|h| ["id_ed25519", "id_ecdsa"].iter().map(|f| h.join(".ssh").join(f)).collect())
                .unwrap_or_default(),
        };
        let password = match var("KATO_SSH_PASSWORD_FILE") {
            Some(p) => Some(read_password_file(Path::new(&p))?),
            None => None,
        };
        let known_hosts_own = match var("KATO_KNOWN_HOSTS") {
            Some(p) => PathBuf::from(p),
            None => root.join("var/lib/kato/known_hosts"),
        };
        let mut known_hosts_read: Vec<PathBuf> = home.map(|h| h.join(".ssh/known_hosts")).into_iter().collect();
        known_hosts_read.push(known_hosts_own.clone());
        Ok(SshOptions {
            user,
            port,
            identities,
            password,
            use_agent: var("SSH_AUTH_SOCK").is_some(),
            known_hosts_read,
            known_hosts_own,
            accept_new_host_key: false,
            interactive: false,
            connect_timeout: secs_var(&var, "KATO_SSH_CONNECT_TIMEOUT")?.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
            auth_timeout: DEFAULT_AUTH_TIMEOUT,
            command_timeout: secs_var(&var, "KATO_SSH_COMMAND_TIMEOUT")?.unwrap_or(DEFAULT_COMMAND_TIMEOUT),
        })
    }

    /// Sets the password from a password file (`--password-file`).
    pub fn set_password_file(&mut self, path: &Path) -> Result<()> {
        self.password = Some(read_password_file(path)?);
        Ok(())
    }

    /// Replaces the key files with an explicit one (`-i`).
    pub fn set_identity(&mut self, path: PathBuf) {
        self.identities = vec![path];
    }

    /// Every known_hosts file to consult: the read list plus kato's own, without duplicates.
    pub fn known_hosts_files(&self) -> Vec<PathBuf> {
        let mut files = self.known_hosts_read.clone();
        if !files.contains(&self.known_hosts_own) {
            files.push(self.known_hosts_own.clone());
        }
        files
    }
}

/// Reads a password file: its first line, without the line ending. The error names the file
/// only, never its content.
pub fn read_password_file(path: &Path) -> Result<String> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read password file {}", path.display()))?;
    let first = text.split('\n').next().unwrap_or("");
    let first = first.strip_suffix('\r').unwrap_or(first);
    if first.is_empty() {
        bail!("password file {} is empty", path.display());
    }
    Ok(first.to_string())
}

fn secs_var(var: &impl Fn(&str) -> Option<String>, name: &str) -> Result<Option<Duration>> {
    let Some(v) = var(name) else { return Ok(None) };
    let secs: f64 = v
        .trim()
        .parse()
        .ok()
        .filter(|s: &f64| s.is_finite() && *s > 0.0 && *s < 1e9)
        .with_context(|| format!("{name}={v:?} is not a positive number of seconds"))?;
    Ok(Some(Duration::from_secs_f64(secs)))
}

/// `$HOME`, else the password database entry of the current user.
fn home_dir() -> Option<PathBuf> {
    if let Some(h) = std::env::var_os("HOME").filter(|h| !h.is_empty()) {
        return Some(PathBuf::from(h));
    }
    nix::unistd::User::from_uid(nix::unistd::getuid()).ok().flatten().map(|u| u.dir)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| m.get(k).cloned()
    }

    #[test]
    fn defaults() -> Result<()> {
        let o = SshOptions::from_lookup(Path::new("/r"), Some(Path::new("/home/u")), lookup(&[]))?;
        assert_eq!(o.user, "stackato");
        assert_eq!(o.port, 22);
        assert_eq!(
            o.identities,
            vec![PathBuf::from("/home/u/.ssh/id_ed25519"), PathBuf::from("/home/u/.ssh/id_ecdsa")]
        );
        assert_eq!(o.known_hosts_own, PathBuf::from("/r/var/lib/kato/known_hosts"));
        assert_eq!(
            o.known_hosts_read,
            vec![PathBuf::from("/home/u/.ssh/known_hosts"), PathBuf::from("/r/var/lib/kato/known_hosts")]
        );
        assert!(!o.use_agent && o.password.is_none());
        assert_eq!(o.connect_timeout, Duration::from_secs(10));
        assert_eq!(o.command_timeout, Duration::from_secs(120));
        Ok(())
    }

    #[test]
    fn environment_overrides() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let pw = dir.path().join("pw");
        std::fs::write(&pw, "s3cret pass\nignored\n")?;
        let pw_s = pw.to_string_lossy().into_owned();
        let o = SshOptions::from_lookup(
            Path::new("/r"),
            None,
            lookup(&[
                ("KATO_SSH_USER", "root"),
                ("KATO_SSH_PORT", "2222"),
                ("KATO_SSH_IDENTITY", "/k/id"),
                ("KATO_SSH_PASSWORD_FILE", &pw_s),
                ("SSH_AUTH_SOCK", "/tmp/agent"),
                ("KATO_KNOWN_HOSTS", "/kh"),
                ("KATO_SSH_CONNECT_TIMEOUT", "2.5"),
                ("KATO_SSH_COMMAND_TIMEOUT", "7"),
            ]),
        )?;
        assert_eq!((o.user.as_str(), o.port), ("root", 2222));
        assert_eq!(o.identities, vec![PathBuf::from("/k/id")]);
        assert_eq!(o.password.as_deref(), Some("s3cret pass"));
        assert!(o.use_agent);
        assert_eq!(o.known_hosts_own, PathBuf::from("/kh"));
        assert_eq!(o.known_hosts_read, vec![PathBuf::from("/kh")]);
        assert_eq!(o.connect_timeout, Duration::from_millis(2500));
        assert_eq!(o.command_timeout, Duration::from_secs(7));
        let dbg = format!("{o:?}");
        assert!(!dbg.contains("s3cret") && dbg.contains("<redacted>"), "{dbg}");
        Ok(())
    }

    #[test]
    fn bad_values_are_errors() {
        for (k, v) in [
            ("KATO_SSH_PORT", "99999"),
            ("KATO_SSH_PORT", "x"),
            ("KATO_SSH_CONNECT_TIMEOUT", "-1"),
            ("KATO_SSH_PASSWORD_FILE", "/nonexistent/pw"),
        ] {
            let r = SshOptions::from_lookup(Path::new("/"), None, lookup(&[(k, v)]));
            assert!(r.is_err(), "{k}={v}");
        }
    }

    #[test]
    fn password_file_crlf_and_empty() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("pw");
        std::fs::write(&p, "abc\r\n")?;
        assert_eq!(read_password_file(&p)?, "abc");
        std::fs::write(&p, "\nabc\n")?;
        let e = read_password_file(&p).err().map(|e| e.to_string());
        assert!(e.is_some_and(|e| e.contains("empty") && !e.contains("abc")));
        Ok(())
    }
}
