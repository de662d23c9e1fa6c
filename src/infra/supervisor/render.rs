//! Renders supervisord's main config and the per-program config files.
//!
//! supervisord reads its config with Python's `RawConfigParser` (inline
//! comments start at whitespace followed by `;` or `#`), then expands
//! `%(name)s` in most values (so a literal `%` must be written `%%`), and
//! splits `environment=` with a non-POSIX `shlex` (no escapes: a quoted value
//! cannot contain its own quote character, and surrounding quotes are
//! stripped). Values that cannot survive that pipeline are rejected here
//! rather than silently mangled.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::error::SupervisorError;
use super::paths::SupervisorPaths;

/// One program that supervisord should manage.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProgramSpec {
    /// Program (and group) name: `[A-Za-z0-9_.-]+`, not starting with `.` or `-`.
    pub name: String,
    /// Command line, split by supervisord with shell-like quoting.
    pub command: String,
    /// Working directory of the program.
    pub directory: Option<PathBuf>,
    /// Extra environment variables.
    pub environment: BTreeMap<String, String>,
}

/// Size at which a program's log is rotated.
const LOG_MAXBYTES: &str = "10MB";
/// Number of rotated logs kept per program.
const LOG_BACKUPS: u32 = 5;

/// Checks a program name: `[A-Za-z0-9_.-]+`, not starting with `.` (the
/// include glob would skip the file) or `-` (looks like an option).
pub fn validate_name(name: &str) -> Result<(), SupervisorError> {
    let chars_ok =
        !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-'));
    if !chars_ok || name.starts_with('.') || name.starts_with('-') {
        return Err(SupervisorError::InvalidName { name: name.to_string() });
    }
    Ok(())
}

fn invalid(what: &str, reason: impl Into<String>) -> SupervisorError {
    SupervisorError::InvalidValue { what: what.to_string(), reason: reason.into() }
}

/// Makes `value` safe as an INI value that supervisord `%`-expands: rejects
/// line breaks, NULs and inline-comment starts, and doubles every `%`.
fn ini_value(what: &str, value: &str) -> Result<String, SupervisorError> {
    if value.contains(['\n', '\r', '\0']) {
        return Err(invalid(what, "it contains a line break or NUL"));
    }
    let bytes = value.as_bytes();
    for i in 1..bytes.len() {
        if matches!(bytes[i], b';' | b'#') && bytes[i - 1].is_ascii_whitespace() {
            return Err(invalid(
                what,
                format!("'{}' after whitespace would start a comment; remove the space", bytes[i] as char),
            ));
        }
    }
    if value.trim() != value {
        return Err(invalid(what, "it has leading or trailing whitespace"));
    }
    Ok(value.replace('%', "%%"))
}

fn path_value(what: &str, path: &Path) -> Result<String, SupervisorError> {
    match path.to_str() {
        Some(s) => ini_value(what, s),
        None => Err(invalid(what, "the path is not valid UTF-8")),
    }
}

/// Quotes one environment value for supervisord's `environment=` parser.
fn env_value(key: &str, value: &str) -> Result<String, SupervisorError> {
    let what = format!("environment variable {key}");
    if value.starts_with(['"', '\'']) || value.ends_with(['"', '\'']) {
        return Err(invalid(&what, "supervisord strips quote characters at the start and end of a value"));
    }
    if value.contains(['\n', '\r', '\0']) {
        return Err(invalid(&what, "it contains a line break or NUL"));
    }
    let quote = if !value.contains('"') {
        '"'
    } else if !value.contains('\'') {
        '\''
    } else {
        return Err(invalid(&what, "supervisord cannot express a value containing both ' and \""));
    };
    // Inline-comment check applies to the quoted text as it appears on the line.
    let quoted = format!("{quote}{value}{quote}");
    ini_value(&what, &quoted)
}

fn validate_env_key(key: &str) -> Result<(), SupervisorError> {
    let mut bytes = key.bytes();
    let first_ok = bytes.next().is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
    if !first_ok || !bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return Err(invalid(
            &format!("environment variable name '{key}'"),
            "use letters, digits and '_' only, not starting with a digit",
        ));
    }
    Ok(())
}

/// The `environment=` value (without the key) for `env`, or `None` if empty.
pub fn render_environment(env: &BTreeMap<String, String>) -> Result<Option<String>, SupervisorError> {
    if env.is_empty() {
        return Ok(None);
    }
    let mut parts = Vec::with_capacity(env.len());
    for (key, value) in env {
        validate_env_key(key)?;
        parts.push(format!("{key}={}", env_value(key, value)?));
    }
    Ok(Some(parts.join(",")))
}

/// Whether supervisord will run as root (then `user=root` silences its CRIT
/// warning; as non-root `user=root` would make it fail).
fn running_as_root() -> bool {
    nix::unistd::geteuid().is_root()
}

/// Renders the main `supervisord.conf`. Errors only when a path under the
/// root cannot be written into supervisord's config syntax.
pub fn render_main_conf(paths: &SupervisorPaths, identifier: &str) -> Result<String, SupervisorError> {
    let socket = path_value("socket path", &paths.socket)?;
    let logfile = path_value("log path", &paths.logdir.join("supervisord.log"))?;
    let pidfile = path_value("pidfile path", &paths.pidfile)?;
    let childlogdir = path_value("log directory", &paths.logdir)?;
    let identifier = ini_value("identifier", identifier)?;
    // The include pattern is resolved relative to the main config's
    // directory; using the bare directory name avoids whitespace in the
    // root splitting the pattern list.
    let conf_d_name = paths
        .conf_d
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| invalid("include directory", "it has no UTF-8 file name"))?;
    if paths.conf_d.parent() != paths.conf.parent() {
        return Err(invalid("include directory", "it must sit next to supervisord.conf"));
    }
    let include = ini_value("include directory", conf_d_name)?;

    let mut out = String::new();
    out.push_str("; Written by kato; changes are overwritten.\n");
    // Members of the kato group drive supervisord through its socket; nobody else can.
    match socket_owner() {
        Some(owner) => {
            let _ = writeln!(out, "[unix_http_server]\nfile={socket}\nchmod=0770\nchown={owner}\n");
        }
        None => {
            let _ = writeln!(out, "[unix_http_server]\nfile={socket}\nchmod=0700\n");
        }
    }
    // Logs and files the programs create are not for other users.
    let _ = writeln!(
        out,
        "[supervisord]\nlogfile={logfile}\nlogfile_maxbytes=10MB\nlogfile_backups=5\n\
         pidfile={pidfile}\nchildlogdir={childlogdir}\nidentifier={identifier}\numask=007"
    );
    if running_as_root() {
        out.push_str("user=root\n");
    }
    out.push('\n');
    out.push_str(
        "[rpcinterface:supervisor]\n\
         supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n\n",
    );
    let _ = writeln!(out, "[include]\nfiles={include}/*.conf");
    Ok(out)
}

/// `user:kato` for the socket when the kato group exists (the user this process runs as).
fn socket_owner() -> Option<String> {
    crate::infra::files::group()?;
    let user = nix::unistd::User::from_uid(nix::unistd::geteuid()).ok().flatten()?;
    let name = user.name;
    name.bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        .then(|| format!("{name}:{}", crate::infra::files::GROUP))
}

/// Renders `<name>.conf` for one program.
pub fn render_program(paths: &SupervisorPaths, spec: &ProgramSpec) -> Result<String, SupervisorError> {
    validate_name(&spec.name)?;
    let name = &spec.name;
    if spec.command.trim().is_empty() {
        return Err(invalid(&format!("the command of {name}"), "it is empty"));
    }
    let command = ini_value(&format!("the command of {name}"), spec.command.trim())?;
    let log = path_value("log path", &paths.program_log(name))?;

    let mut out = String::new();
    out.push_str("; Written by kato; changes are overwritten.\n");
    let _ = writeln!(out, "[program:{name}]");
    let _ = writeln!(out, "command={command}");
    if let Some(dir) = &spec.directory {
        let dir = path_value(&format!("the directory of {name}"), dir)?;
        let _ = writeln!(out, "directory={dir}");
    }
    if let Some(env) = render_environment(&spec.environment)? {
        let _ = writeln!(out, "environment={env}");
    }
    out.push_str(
        "autostart=false\nautorestart=true\nstartsecs=1\n\
         stopasgroup=true\nkillasgroup=true\nredirect_stderr=true\n",
    );
    let _ = writeln!(out, "stdout_logfile={log}");
    let _ = writeln!(out, "stdout_logfile_maxbytes={LOG_MAXBYTES}");
    let _ = writeln!(out, "stdout_logfile_backups={LOG_BACKUPS}");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths() -> SupervisorPaths {
        SupervisorPaths::under(Path::new("/r"))
    }

    #[test]
    fn names() {
        for ok in ["web", "a.b-c_d", "X9"] {
            assert!(validate_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", ".hidden", "-x", "a b", "a:b", "a/b", "é"] {
            assert!(validate_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn main_conf_has_socket_and_no_inet() {
        let c = render_main_conf(&paths(), "node1").unwrap();
        assert!(c.contains("file=/r/run/kato/supervisord.sock\nchmod=07"));
        assert!(!c.contains("inet_http_server"));
        assert!(c.contains("identifier=node1"));
        assert!(c.contains("[include]\nfiles=supervisord.conf.d/*.conf"));
    }

    #[test]
    fn program_conf() {
        let spec = ProgramSpec {
            name: "web".into(),
            command: "/bin/echo 100%".into(),
            directory: Some("/srv/web".into()),
            environment: BTreeMap::from([
                ("A".into(), "x,y".into()),
                ("B".into(), "say \"hi\" now".into()),
                ("C".into(), "it's 5%".into()),
            ]),
        };
        let c = render_program(&paths(), &spec).unwrap();
        assert!(c.contains("[program:web]\ncommand=/bin/echo 100%%\n"));
        assert!(c.contains("directory=/srv/web\n"));
        assert!(c.contains("environment=A=\"x,y\",B='say \"hi\" now',C=\"it's 5%%\"\n"));
        assert!(c.contains("stdout_logfile=/r/var/log/kato/web.log\n"));
        assert!(c.contains("autostart=false\n"));
    }

    #[test]
    fn unrepresentable_values_are_rejected() {
        let bad_env = ["a'b\"c", "\"x", "x'", "a ;b", "a\nb"];
        for v in bad_env {
            let env = BTreeMap::from([("K".to_string(), v.to_string())]);
            assert!(render_environment(&env).is_err(), "{v:?}");
        }
        let env = BTreeMap::from([("1K".to_string(), "v".to_string())]);
        assert!(render_environment(&env).is_err());
        let spec = ProgramSpec { name: "x".into(), command: "sleep 1 ; echo".into(), ..Default::default() };
        assert!(render_program(&paths(), &spec).is_err());
    }
}
