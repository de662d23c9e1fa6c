//! Connection settings for the SSH transport, gathered from the environment.
//!
//! [`SshOptions::from_env`] reads the `KATO_SSH_*` variables, the user's home directory and
//! whether stdin is a terminal; the CLI then overrides fields from its flags (`-i`,
//! `--password-file`, `--accept-new-host-key`). The password is redacted from `Debug`.

use std::fmt;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::{Context, Result, bail};

use super::config::{ClientConfig, FromFile, expand_tokens};

/// Default remote user, as on every Stackato VM.
pub const DEFAULT_USER: &str = "stackato";
/// Default TCP connect (and handshake) timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default authentication timeout.
pub const DEFAULT_AUTH_TIMEOUT: Duration = Duration::from_secs(10);
/// Default limit for a remote command to finish.
pub const DEFAULT_COMMAND_TIMEOUT: Duration = Duration::from_secs(120);
/// OpenSSH's default key files (in `~/.ssh`), in the order OpenSSH tries them.
pub const DEFAULT_KEY_FILES: [&str; 7] =
    ["id_rsa", "id_ecdsa", "id_ecdsa_sk", "id_ed25519", "id_ed25519_sk", "id_xmss", "id_dsa"];
/// The variable naming the OpenSSH client configuration file kato reads instead of
/// `~/.ssh/config` and the system file (`none`: read none).
pub const SSH_CONFIG_VAR: &str = "KATO_SSH_CONFIG";

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
    /// The OpenSSH client configuration and what kato itself set (which wins over it).
    pub client: Box<ClientSettings>,
}

/// Where `-v` notes go: a line of text per call.
pub type Notes = Arc<dyn Fn(&str) + Send + Sync>;

/// What the OpenSSH client configuration may change, and what it may not.
#[derive(Clone, Default)]
pub struct ClientSettings {
    /// `~/.ssh/config` and the system file, as read.
    pub config: Arc<ClientConfig>,
    /// Settings kato's flags, variables or kato.yml gave (named by where they came from):
    /// the configuration file does not change these.
    pub kato_set: KatoSet,
    /// Receives `-v` notes (where each setting came from, keys skipped and why).
    pub notes: Option<Notes>,
    /// Jump-host connections shared by the connections of one run (None: not shared).
    pub(crate) jumps: Option<Arc<super::connect::JumpCache>>,
}

/// Which settings kato itself set, and from where (`--ssh-user`, `KATO_SSH_PORT`, …).
#[derive(Debug, Clone, Default)]
pub struct KatoSet {
    pub user: Option<&'static str>,
    pub port: Option<&'static str>,
    pub identity: Option<&'static str>,
    pub connect_timeout: Option<&'static str>,
}

impl fmt::Debug for ClientSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientSettings")
            .field("config", &self.config.files())
            .field("kato_set", &self.kato_set)
            .finish()
    }
}

impl ClientSettings {
    /// Says `line` (once per run) where `-v` notes go.
    pub fn note(&self, line: &str) {
        if let Some(n) = &self.notes {
            n(line);
        }
    }
}

/// A `-v` note sink writing `ssh: …` lines to stderr, each distinct line once.
pub fn stderr_notes() -> Notes {
    let seen: Mutex<std::collections::HashSet<String>> = Mutex::new(Default::default());
    Arc::new(move |line: &str| {
        let mut seen = seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.insert(line.to_string()) {
            eprintln!("ssh: {line}");
        }
    })
}

/// How to reach one host: the options with the configuration file applied.
#[derive(Debug, Clone)]
pub struct Target {
    /// The name kato was given (a node's address, or an alias).
    pub alias: String,
    /// What to connect to (and look up in known_hosts).
    pub host_name: String,
    pub port: u16,
    pub user: String,
    pub identities: Vec<PathBuf>,
    /// Whether the key files were named explicitly (missing ones are then worth a note).
    pub identities_named: bool,
    /// Only keys from the identity files, also when the agent holds others.
    pub identities_only: bool,
    pub known_hosts_read: Vec<PathBuf>,
    /// Unknown host keys may be confirmed at a prompt.
    pub interactive: bool,
    pub connect_timeout: Duration,
    pub proxy: Proxy,
}

/// How the SSH stream to a host is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Proxy {
    /// A TCP connection.
    Direct,
    /// Through these jump hosts (`[user@]host[:port]`), first hop first.
    Jump(Vec<String>),
    /// The stdin/stdout of this shell command.
    Command(String),
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
            .field("client", &self.client)
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
            None => {
                home.map(|h| DEFAULT_KEY_FILES.iter().map(|f| h.join(".ssh").join(f)).collect()).unwrap_or_default()
            }
        };
        let config_files = match var(SSH_CONFIG_VAR) {
            Some(p) if p == "none" => Vec::new(),
            Some(p) => vec![PathBuf::from(p)],
            None => {
                let mut files: Vec<PathBuf> = home.map(|h| h.join(".ssh/config")).into_iter().collect();
                files.push(root.join("etc/ssh/ssh_config"));
                files
            }
        };
        let kato_set = KatoSet {
            user: var("KATO_SSH_USER").map(|_| "KATO_SSH_USER"),
            port: var("KATO_SSH_PORT").map(|_| "KATO_SSH_PORT"),
            identity: var("KATO_SSH_IDENTITY").map(|_| "KATO_SSH_IDENTITY"),
            connect_timeout: var("KATO_SSH_CONNECT_TIMEOUT").map(|_| "KATO_SSH_CONNECT_TIMEOUT"),
        };
        let client = Box::new(ClientSettings {
            config: Arc::new(ClientConfig::load(&config_files, home)?),
            kato_set,
            notes: None,
            jumps: None,
        });
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
            client,
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
        self.client.kato_set.identity = Some("-i");
    }

    /// These options with a fresh pool of jump-host connections, shared by every
    /// connection made with the copy (use one per async runtime).
    pub fn with_shared_jumps(&self) -> SshOptions {
        let mut o = self.clone();
        o.client.jumps = Some(Arc::new(Default::default()));
        o
    }

    /// How to reach `host`: kato's settings, then the configuration file's, then defaults.
    /// Says where each came from in a `-v` note.
    pub fn resolve(&self, host: &str) -> Target {
        let c = self.client.config.query(host);
        let kato = &self.client.kato_set;
        let mut said: Vec<String> = Vec::new();
        let user = match (&kato.user, &c.user) {
            (Some(k), _) => {
                said.push(format!("user {} ({k})", self.user));
                self.user.clone()
            }
            (None, Some(f)) => {
                said.push(format!("user {} ({})", f.value, label(f)));
                f.value.clone()
            }
            (None, None) => self.user.clone(),
        };
        let port = match (&kato.port, &c.port) {
            (Some(k), _) => {
                said.push(format!("port {} ({k})", self.port));
                self.port
            }
            (None, Some(f)) => {
                said.push(format!("port {} ({})", f.value, label(f)));
                f.value
            }
            (None, None) => self.port,
        };
        let home = std::env::var_os("HOME").map(PathBuf::from);
        let host_name = match &c.host_name {
            Some(f) => {
                let h = expand_tokens(&f.value, host, host, port, &user, home.as_deref());
                said.push(format!("host name {h} ({})", label(f)));
                h
            }
            None => host.to_string(),
        };
        let (identities, identities_named) = match (&kato.identity, c.identity_files.is_empty()) {
            (Some(k), _) => {
                said.push(format!(
                    "key {} ({k})",
                    self.identities.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
                ));
                (self.identities.clone(), true)
            }
            (None, false) => {
                let ids: Vec<PathBuf> = c
                    .identity_files
                    .iter()
                    .map(|f| {
                        PathBuf::from(expand_tokens(
                            &f.value.to_string_lossy(),
                            &host_name,
                            host,
                            port,
                            &user,
                            home.as_deref(),
                        ))
                    })
                    .collect();
                said.push(format!(
                    "keys {} ({})",
                    ids.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "),
                    label(&c.identity_files[0])
                ));
                (ids, true)
            }
            (None, true) => (self.identities.clone(), false),
        };
        let identities_only = c.identities_only.as_ref().is_some_and(|f| {
            if f.value {
                said.push(format!("IdentitiesOnly ({})", label(f)));
            }
            f.value
        });
        let mut known_hosts_read = self.known_hosts_read.clone();
        if let Some(f) = &c.user_known_hosts {
            known_hosts_read = f.value.clone();
            said.push(format!(
                "known hosts {} ({})",
                f.value.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", "),
                label(f)
            ));
        }
        if !known_hosts_read.contains(&self.known_hosts_own) {
            known_hosts_read.push(self.known_hosts_own.clone());
        }
        let mut interactive = self.interactive;
        if let Some(f) = &c.strict_host_key_checking {
            match f.value.as_str() {
                "yes" => {
                    interactive = false;
                    said.push(format!("StrictHostKeyChecking yes: no prompt for unknown host keys ({})", label(f)));
                }
                "ask" => {}
                weaker => said.push(format!(
                    "StrictHostKeyChecking {weaker} ({}) ignored: kato never trusts an unknown host key unasked \
                     (use --accept-new-host-key)",
                    label(f)
                )),
            }
        }
        let connect_timeout = match (&kato.connect_timeout, &c.connect_timeout) {
            (None, Some(f)) => {
                said.push(format!("connect timeout {}s ({})", f.value.as_secs(), label(f)));
                f.value
            }
            _ => self.connect_timeout,
        };
        let jump = c.proxy_jump.as_ref().filter(|f| !(f.value.len() == 1 && f.value[0].eq_ignore_ascii_case("none")));
        let command = c.proxy_command.as_ref().filter(|f| !f.value.eq_ignore_ascii_case("none"));
        let proxy = match (jump, command) {
            (Some(f), _) => {
                said.push(format!("via ProxyJump {} ({})", f.value.join(","), label(f)));
                Proxy::Jump(f.value.clone())
            }
            (None, Some(f)) => {
                let cmd = expand_tokens(&f.value, &host_name, host, port, &user, home.as_deref());
                said.push(format!("via ProxyCommand {cmd} ({})", label(f)));
                Proxy::Command(cmd)
            }
            (None, None) => Proxy::Direct,
        };
        if !said.is_empty() {
            self.client.note(&format!("{host}: {}", said.join(", ")));
        }
        Target {
            alias: host.to_string(),
            host_name,
            port,
            user,
            identities,
            identities_named,
            identities_only,
            known_hosts_read,
            interactive,
            connect_timeout,
            proxy,
        }
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

fn label<T>(f: &FromFile<T>) -> String {
    short_path(&f.file)
}

/// `~/…` for a path in `$HOME`, else the path.
pub fn short_path(p: &Path) -> String {
    if let Some(h) = std::env::var_os("HOME").filter(|h| !h.is_empty())
        && let Ok(rest) = p.strip_prefix(&h)
    {
        return format!("~/{}", rest.display());
    }
    p.display().to_string()
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
        let names: Vec<String> = o.identities.iter().map(|p| p.display().to_string()).collect();
        assert_eq!(
            names,
            [
                "/home/u/.ssh/id_rsa",
                "/home/u/.ssh/id_ecdsa",
                "/home/u/.ssh/id_ecdsa_sk",
                "/home/u/.ssh/id_ed25519",
                "/home/u/.ssh/id_ed25519_sk",
                "/home/u/.ssh/id_xmss",
                "/home/u/.ssh/id_dsa"
            ]
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
