//! Errors of the supervisor backend: one clear line each, with a hint.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// Fault codes of supervisord's XML-RPC interface (`supervisor.xmlrpc.Faults`).
pub mod codes {
    pub const UNKNOWN_METHOD: i32 = 1;
    pub const INCORRECT_PARAMETERS: i32 = 2;
    pub const BAD_ARGUMENTS: i32 = 3;
    pub const SHUTDOWN_STATE: i32 = 6;
    pub const BAD_NAME: i32 = 10;
    pub const NO_FILE: i32 = 20;
    pub const NOT_EXECUTABLE: i32 = 21;
    pub const FAILED: i32 = 30;
    pub const ABNORMAL_TERMINATION: i32 = 40;
    pub const SPAWN_ERROR: i32 = 50;
    pub const ALREADY_STARTED: i32 = 60;
    pub const NOT_RUNNING: i32 = 70;
    pub const ALREADY_ADDED: i32 = 90;
    pub const STILL_RUNNING: i32 = 91;
    pub const CANT_REREAD: i32 = 92;
}

/// An XML-RPC fault returned by supervisord.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fault {
    /// Numeric code, see [`codes`].
    pub code: i32,
    /// supervisord's text, e.g. `ALREADY_STARTED: web`.
    pub text: String,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (fault {})", self.text, self.code)
    }
}

/// Everything that can go wrong while managing supervisord.
#[derive(Debug, thiserror::Error)]
pub enum SupervisorError {
    #[error(
        "supervisord is not running on this node (no answer on {}: {source}); run 'kato start' to start it",
        socket.display()
    )]
    NotRunning { socket: PathBuf, source: std::io::Error },

    #[error(
        "supervisord did not answer within {} on {}; it may be hung, check {}",
        fmt_duration(*timeout), socket.display(), log_hint(socket)
    )]
    Timeout { socket: PathBuf, timeout: Duration },

    #[error("I/O error talking to supervisord on {}: {source}; is it still running?", socket.display())]
    Io { socket: PathBuf, source: std::io::Error },

    #[error(
        "unexpected reply from supervisord on {}: {detail}; is something else listening on that socket?",
        socket.display()
    )]
    Protocol { socket: PathBuf, detail: String },

    #[error("supervisord refused {method}: {fault}")]
    Fault { method: String, fault: Fault },

    #[error("invalid program name '{name}': use letters, digits, '_', '.' and '-' only, not starting with '.' or '-'")]
    InvalidName { name: String },

    #[error("cannot put {what} into supervisord's config: {reason}")]
    InvalidValue { what: String, reason: String },

    #[error("cannot write {}: {source}; check permissions under the kato root", path.display())]
    Write { path: PathBuf, source: std::io::Error },

    #[error(
        "supervisord not found (looked on PATH and at /usr/bin/supervisord); install the 'supervisor' package or set KATO_SUPERVISORD"
    )]
    BinaryNotFound,

    #[error("supervisord failed to start: {detail}; supervisord.log says: {log_tail}")]
    StartFailed { detail: String, log_tail: String },

    #[error(
        "supervisord did not answer within {} on {} after starting it; supervisord.log says: {log_tail}",
        fmt_duration(*timeout), socket.display()
    )]
    StartTimeout { socket: PathBuf, timeout: Duration, log_tail: String },

    #[error(
        "supervisord (pid {pid}) is running but did not answer within {} on {}; stop it with 'kato stop' or kill {pid}",
        fmt_duration(*timeout), socket.display()
    )]
    Unresponsive { pid: i32, socket: PathBuf, timeout: Duration },

    #[error(
        "supervisord (pid {pid}) did not exit within {} after shutdown; kill it with 'kill -9 {pid}'",
        fmt_duration(*timeout)
    )]
    StopTimeout { pid: i32, timeout: Duration },

    #[error("timed out after {} waiting for the lock {}; is another kato command running?", fmt_duration(*timeout), path.display())]
    LockTimeout { path: PathBuf, timeout: Duration },
}

impl SupervisorError {
    /// The XML-RPC fault, if this error is one.
    pub fn fault(&self) -> Option<&Fault> {
        match self {
            SupervisorError::Fault { fault, .. } => Some(fault),
            _ => None,
        }
    }

    /// The XML-RPC fault code, if this error is a fault.
    pub fn fault_code(&self) -> Option<i32> {
        self.fault().map(|f| f.code)
    }

    /// `startProcess` on a process that already runs.
    pub fn is_already_started(&self) -> bool {
        self.fault_code() == Some(codes::ALREADY_STARTED)
    }

    /// `stopProcess` on a process that is not running.
    pub fn is_not_running(&self) -> bool {
        self.fault_code() == Some(codes::NOT_RUNNING)
    }

    /// Unknown process or group name.
    pub fn is_bad_name(&self) -> bool {
        self.fault_code() == Some(codes::BAD_NAME)
    }

    /// True when supervisord could not be reached at all (no socket, refused,
    /// timed out): callers may then offer to start it.
    pub fn is_unreachable(&self) -> bool {
        matches!(self, SupervisorError::NotRunning { .. } | SupervisorError::Timeout { .. })
    }
}

/// Short human form of a duration: `5s`, `1.5s`, `200ms`.
pub fn fmt_duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1000 {
        format!("{ms}ms")
    } else if ms.is_multiple_of(1000) {
        format!("{}s", ms / 1000)
    } else {
        format!("{:.1}s", d.as_secs_f64())
    }
}

/// Where to look when supervisord misbehaves: its log next to the socket's root.
fn log_hint(socket: &std::path::Path) -> String {
    // socket is <root>/run/kato/supervisord.sock; the log is <root>/var/log/kato/supervisord.log
    match socket.parent().and_then(|p| p.parent()).and_then(|p| p.parent()) {
        Some(root) => root.join("var/log/kato/supervisord.log").display().to_string(),
        None => "supervisord.log".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_short() {
        assert_eq!(fmt_duration(Duration::from_secs(5)), "5s");
        assert_eq!(fmt_duration(Duration::from_millis(1500)), "1.5s");
        assert_eq!(fmt_duration(Duration::from_millis(200)), "200ms");
    }

    #[test]
    fn messages_are_one_line() {
        let e = SupervisorError::Timeout {
            socket: PathBuf::from("/r/run/kato/supervisord.sock"),
            timeout: Duration::from_secs(5),
        };
        let s = e.to_string();
        assert!(s.starts_with("supervisord did not answer within 5s on /r/run/kato/supervisord.sock"));
        assert!(s.contains("/r/var/log/kato/supervisord.log"));
        assert!(!s.contains('\n'));
        let f = SupervisorError::Fault {
            method: "startProcess".into(),
            fault: Fault { code: codes::ALREADY_STARTED, text: "ALREADY_STARTED: web".into() },
        };
        assert!(f.is_already_started());
        assert!(!f.is_not_running());
    }
}
