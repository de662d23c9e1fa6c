//! OpenSSH client configuration (`~/.ssh/config`, then `/etc/ssh/ssh_config` under kato's
//! root), read with the `ssh2-config` parser in strict mode: an unknown keyword, a bad value
//! or an unterminated quote is an error naming the file and line, before any connection.
//!
//! kato uses `Host` blocks, `Match host`/`Match originalhost`/`Match all` (rewritten to the
//! equivalent `Host` line before parsing, since the parser has no `Match`), `HostName`,
//! `User`, `Port`, `IdentityFile`, `IdentitiesOnly`, `UserKnownHostsFile`,
//! `StrictHostKeyChecking`, `ConnectTimeout`, `ProxyJump` and `ProxyCommand`. Other known
//! keywords are accepted and ignored. As in OpenSSH the first value found wins, the user's
//! file before the system's, and `IdentityFile` lines add up.

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Result, bail};
use ssh2_config::{ParseRule, SshConfig, SshParserError};

/// One parsed configuration file.
#[derive(Debug, Clone)]
struct File {
    path: PathBuf,
    config: SshConfig,
}

/// The configuration files kato read, in the order they count.
#[derive(Debug, Clone, Default)]
pub struct ClientConfig {
    files: Vec<File>,
    home: Option<PathBuf>,
}

/// A setting and the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromFile<T> {
    pub value: T,
    pub file: PathBuf,
}

/// What the configuration says about one host name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HostSettings {
    pub host_name: Option<FromFile<String>>,
    pub user: Option<FromFile<String>>,
    pub port: Option<FromFile<u16>>,
    pub identity_files: Vec<FromFile<PathBuf>>,
    pub identities_only: Option<FromFile<bool>>,
    pub user_known_hosts: Option<FromFile<Vec<PathBuf>>>,
    /// The raw `StrictHostKeyChecking` value (lower case).
    pub strict_host_key_checking: Option<FromFile<String>>,
    pub connect_timeout: Option<FromFile<Duration>>,
    /// `ProxyJump` hops, as written (`none` is kept, meaning "no jump").
    pub proxy_jump: Option<FromFile<Vec<String>>>,
    pub proxy_command: Option<FromFile<String>>,
}

impl ClientConfig {
    /// Reads the files that exist among `paths` (in order). `home` expands `~`.
    pub fn load(paths: &[PathBuf], home: Option<&Path>) -> Result<ClientConfig> {
        let mut files = Vec::new();
        for path in paths {
            let text = match std::fs::read_to_string(path) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => bail!("cannot read ssh config {}: {e}", path.display()),
            };
            files.push(File { path: path.clone(), config: parse(path, &text, home)? });
        }
        Ok(ClientConfig { files, home: home.map(Path::to_path_buf) })
    }

    /// The files that were read.
    pub fn files(&self) -> Vec<&Path> {
        self.files.iter().map(|f| f.path.as_path()).collect()
    }

    /// The settings for `host` (the name kato was given), first value winning.
    pub fn query(&self, host: &str) -> HostSettings {
        let mut s = HostSettings::default();
        for f in &self.files {
            let p = f.config.query(host);
            let from = |value| FromFile { value, file: f.path.clone() };
            fill(&mut s.host_name, p.host_name.clone().map(from));
            fill(&mut s.user, p.user.clone().map(from));
            if s.port.is_none() {
                s.port = p.port.map(|v| FromFile { value: v, file: f.path.clone() });
            }
            for id in p.identity_file.clone().unwrap_or_default() {
                s.identity_files.push(FromFile { value: id, file: f.path.clone() });
            }
            if s.connect_timeout.is_none() {
                s.connect_timeout = p.connect_timeout.map(|v| FromFile { value: v, file: f.path.clone() });
            }
            fill(&mut s.proxy_jump, p.proxy_jump.clone().map(|v| FromFile { value: v, file: f.path.clone() }));
            let raw = |k: &str| p.unsupported_fields.get(k).cloned();
            if s.identities_only.is_none()
                && let Some(v) = raw("identitiesonly")
            {
                let yes = v.first().is_some_and(|v| v.eq_ignore_ascii_case("yes") || v.eq_ignore_ascii_case("true"));
                s.identities_only = Some(FromFile { value: yes, file: f.path.clone() });
            }
            if s.user_known_hosts.is_none()
                && let Some(v) = raw("userknownhostsfile")
            {
                let paths = v.iter().map(|p| expand_tilde(p, self.home.as_deref())).collect();
                s.user_known_hosts = Some(FromFile { value: paths, file: f.path.clone() });
            }
            if s.strict_host_key_checking.is_none()
                && let Some(v) = raw("stricthostkeychecking")
            {
                let v = v.first().map(|v| v.to_ascii_lowercase()).unwrap_or_default();
                s.strict_host_key_checking = Some(FromFile { value: v, file: f.path.clone() });
            }
            if s.proxy_command.is_none()
                && let Some(v) = raw("proxycommand")
            {
                s.proxy_command = Some(FromFile { value: v.join(" "), file: f.path.clone() });
            }
        }
        s
    }
}

fn fill<T>(slot: &mut Option<T>, v: Option<T>) {
    if slot.is_none() {
        *slot = v;
    }
}

fn expand_tilde(p: &str, home: Option<&Path>) -> PathBuf {
    match (p.strip_prefix("~/"), home) {
        (Some(rest), Some(h)) => h.join(rest),
        _ => PathBuf::from(p),
    }
}

/// Parses one file. Errors name the file and the line.
fn parse(path: &Path, text: &str, home: Option<&Path>) -> Result<SshConfig> {
    let lines: Vec<&str> = text.lines().collect();
    let mut rewritten = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        match rewrite_match(line) {
            Ok(l) => rewritten.push(l),
            Err(why) => bail!("ssh config {} line {}: {why}", path.display(), i + 1),
        }
    }
    let run = |n: usize| {
        let text = rewritten[..n].join("\n");
        let mut cfg = SshConfig::default();
        if let Some(h) = home {
            cfg = cfg.home_dir(h);
        }
        cfg.parse(&mut Cursor::new(text.into_bytes()), ParseRule::ALLOW_UNSUPPORTED_FIELDS)
    };
    match run(rewritten.len()) {
        Ok(cfg) => Ok(cfg),
        Err(e) => {
            // The parser does not say where: the first prefix of the file that fails does.
            let line = (1..=rewritten.len()).find(|n| run(*n).is_err()).unwrap_or(rewritten.len());
            bail!("ssh config {} line {line}: {}", path.display(), describe(&e))
        }
    }
}

fn describe(e: &SshParserError) -> String {
    match e {
        SshParserError::UnknownField(f, _) => format!("unknown keyword '{f}'"),
        SshParserError::InvalidQuotes => "unterminated quote".to_string(),
        SshParserError::MissingArgument => "a keyword without its value".to_string(),
        other => crate::error::one_line(&anyhow::anyhow!("{other}")),
    }
}

/// OpenSSH client keywords (current and deprecated-but-accepted) that the parser does not
/// know: valid in a configuration, of no use to kato, so their lines are skipped.
const OPENSSH_ONLY: &[&str] = &[
    "canonicalizefallbacklocal",
    "challengeresponseauthentication",
    "channeltimeout",
    "cipher",
    "compressionlevel",
    "enableescapecommandline",
    "gssapiclientidentity",
    "gssapikexalgorithms",
    "gssapikeyexchange",
    "gssapirenewalforcesrekey",
    "gssapiserveridentity",
    "gssapitrustdns",
    "obscurekeystroketiming",
    "protocol",
    "pubkeyauthoptions",
    "refuseconnection",
    "remotecommand",
    "requiredrsasize",
    "rhostsrsaauthentication",
    "rsaauthentication",
    "securitykeyprovider",
    "streamlocalbindunlink",
    "tag",
    "tunnel",
    "tunneldevice",
    "useprivilegedport",
    "useroaming",
    "warnweakcrypto",
];

/// `Match host a,b` → `Host a b` (also `originalhost`, and `Match all` → `Host *`);
/// other lines unchanged; other `Match` criteria are an error.
fn rewrite_match(line: &str) -> Result<String, String> {
    let trimmed = line.trim_start();
    let (key, rest) = match trimmed.find(|c: char| c.is_whitespace() || c == '=') {
        Some(i) => (&trimmed[..i], trimmed[i..].trim_start_matches(|c: char| c.is_whitespace() || c == '=')),
        None => (trimmed, ""),
    };
    if OPENSSH_ONLY.iter().any(|k| k.eq_ignore_ascii_case(key)) {
        return Ok(format!("# {line}"));
    }
    if !key.eq_ignore_ascii_case("match") {
        return Ok(line.to_string());
    }
    let words: Vec<&str> = rest.split('#').next().unwrap_or("").split_whitespace().collect();
    match words.as_slice() {
        [all] if all.eq_ignore_ascii_case("all") => Ok("Host *".to_string()),
        [crit, list] if crit.eq_ignore_ascii_case("host") || crit.eq_ignore_ascii_case("originalhost") => {
            Ok(format!("Host {}", list.split(',').filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")))
        }
        [] => Err("Match without a criterion".to_string()),
        _ => Err(format!(
            "'Match {}' is not supported (kato understands Match host, Match originalhost and Match all)",
            words.join(" ")
        )),
    }
}

/// OpenSSH's `%` tokens that kato knows: `%h` host name, `%n` the name as given, `%p` port,
/// `%r` remote user, `%d` home directory, `%%`.
pub fn expand_tokens(s: &str, host: &str, original: &str, port: u16, user: &str, home: Option<&Path>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('h') => out.push_str(host),
            Some('n') => out.push_str(original),
            Some('p') => out.push_str(&port.to_string()),
            Some('r') => out.push_str(user),
            Some('d') => out.push_str(&home.map(|h| h.display().to_string()).unwrap_or_default()),
            Some('%') => out.push('%'),
            Some(other) => {
                out.push('%');
                out.push(other);
            }
            None => out.push('%'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<ClientConfig> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("config");
        std::fs::write(&p, text)?;
        ClientConfig::load(&[p, dir.path().join("missing")], Some(Path::new("/home/u")))
    }

    #[test]
    fn host_and_match_blocks_first_value_wins() -> Result<()> {
        let c = load(
            "# comment\n\
             Host web1 web2\n  HostName 127.9.0.1\n  User alice\n  Port 2222\n  IdentityFile ~/.ssh/id_web\n\
             \n\
             Match host db*,web1\n  User bob\n  ProxyJump jump@bastion:2200,second\n  IdentitiesOnly yes\n\
             Host *\n  User carol\n  ConnectTimeout 4\n  StrictHostKeyChecking accept-new\n  \
             UserKnownHostsFile ~/.ssh/kh /etc/kh\n  IdentityFile ~/.ssh/id_all\n  SendEnv LANG\n  \
             RequiredRSASize 2048\n  EnableEscapeCommandline no\n  SecurityKeyProvider internal\n",
        )?;
        let s = c.query("web1");
        assert_eq!(s.host_name.map(|v| v.value), Some("127.9.0.1".to_string()));
        assert_eq!(s.user.map(|v| v.value), Some("alice".to_string()));
        assert_eq!(s.port.map(|v| v.value), Some(2222));
        let ids: Vec<PathBuf> = s.identity_files.iter().map(|v| v.value.clone()).collect();
        assert_eq!(ids, vec![PathBuf::from("/home/u/.ssh/id_web"), PathBuf::from("/home/u/.ssh/id_all")]);
        assert_eq!(s.proxy_jump.map(|v| v.value), Some(vec!["jump@bastion:2200".to_string(), "second".to_string()]));
        assert_eq!(s.identities_only.map(|v| v.value), Some(true));
        assert_eq!(s.connect_timeout.map(|v| v.value), Some(Duration::from_secs(4)));
        assert_eq!(s.strict_host_key_checking.map(|v| v.value), Some("accept-new".to_string()));
        let d = c.query("db7");
        assert_eq!(d.user.map(|v| v.value), Some("bob".to_string()));
        assert!(d.host_name.is_none());
        let other = c.query("other");
        assert_eq!(other.user.map(|v| v.value), Some("carol".to_string()));
        assert!(other.proxy_jump.is_none());
        Ok(())
    }

    #[test]
    fn proxy_command_and_tokens() -> Result<()> {
        let c = load("Host n*\n  ProxyCommand ssh -W %h:%p bastion\n")?;
        let pc = c.query("n1").proxy_command.map(|v| v.value).unwrap_or_default();
        assert_eq!(pc, "ssh -W %h:%p bastion");
        assert_eq!(expand_tokens(&pc, "10.0.0.1", "n1", 22, "root", None), "ssh -W 10.0.0.1:22 bastion");
        assert_eq!(expand_tokens("%n %r %% %x", "h", "n", 1, "u", None), "n u % %x");
        Ok(())
    }

    #[test]
    fn errors_name_file_and_line() {
        for (text, line, what) in [
            ("Host a\n  User x\n  Frobnicate yes\n", 3, "unknown keyword 'Frobnicate'"),
            ("Host a\n  ProxyCommand \"nc %h %p\n", 2, "unterminated quote"),
            ("Host a\nMatch exec \"true\"\n  User b\n", 2, "'Match exec \"true\"' is not supported"),
            ("Host a\n  Port eighty\n", 2, "port"),
        ] {
            let e = load(text).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(e.contains(&format!("line {line}: ")) && e.contains(what), "{text:?}: {e}");
            assert!(e.contains("/config line"), "{e}");
        }
    }

    #[test]
    fn missing_files_are_no_config() -> Result<()> {
        let c = ClientConfig::load(&[PathBuf::from("/nonexistent/config")], None)?;
        assert!(c.files().is_empty());
        assert_eq!(c.query("x"), HostSettings::default());
        Ok(())
    }
}
