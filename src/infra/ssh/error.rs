//! Errors of the SSH transport.
//!
//! Every variant names the host it concerns and renders as exactly one line that starts in
//! lower case, so callers can print it after `kato: ` (or prefix a node name) without
//! reformatting. Passwords never reach these messages: nothing here stores one.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// The phase of an SSH exchange during which a timeout struck.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// SSH version exchange, key exchange and host key check (after TCP connected).
    Handshake,
    /// User authentication (agent, key files, password).
    Auth,
    /// Opening the session channel, running the command and reading its output.
    Command,
}

impl fmt::Display for Phase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Phase::Handshake => "the ssh handshake",
            Phase::Auth => "authentication",
            Phase::Command => "the remote command",
        })
    }
}

/// Everything that can go wrong when running a command on another node.
#[derive(Debug, thiserror::Error)]
pub enum SshError {
    /// TCP connect failed: refused, no route, name not resolved, or no answer in time.
    #[error("cannot reach {host} port {port}: {reason} (connect timeout {}s)", timeout.as_secs_f32())]
    Unreachable { host: String, port: u16, reason: String, timeout: Duration },
    /// Every authentication method was rejected.
    #[error(
        "authentication as {user}@{host} failed (tried: {}); install a key with `ssh-copy-id {}`, pass one with -i KEY, or give --password-file FILE",
        if tried.is_empty() { "nothing: no agent, key file or password available".to_string() } else { tried.join(", ") },
        shlex::try_quote(&format!("{user}@{host}")).map(|q| q.into_owned()).unwrap_or_else(|_| format!("{user}@{host}").escape_default().to_string())
    )]
    AuthFailed {
        host: String,
        user: String,
        /// Human-readable list of what was tried, e.g. `key /root/.ssh/id_ed25519`.
        tried: Vec<String>,
    },
    /// The host key is in no known_hosts file and may not be accepted.
    #[error(
        "host key for {host} is not known ({key_type} {fingerprint}); verify it and rerun with --accept-new-host-key to trust it{}",
        if *declined { " (declined at the prompt)" } else { "" }
    )]
    UnknownHostKey {
        host: String,
        key_type: String,
        fingerprint: String,
        /// The user answered "no" at the interactive prompt.
        declined: bool,
    },
    /// A known_hosts file holds a different key of the same type for this host.
    #[error(
        "host key for {host} has CHANGED (known_hosts {} line {line}) — possible man-in-the-middle; remove the old entry if the change is expected",
        file.display()
    )]
    HostKeyChanged { host: String, file: PathBuf, line: usize },
    /// A phase did not finish within its time limit.
    #[error("timed out after {}s waiting for {phase} with {host}", after.as_secs_f32())]
    Timeout { host: String, phase: Phase, after: Duration },
    /// Anything else the SSH layer reported (disconnects, protocol violations, local I/O).
    #[error("ssh error with {host}: {message}")]
    Protocol { host: String, message: String },
}

impl SshError {
    /// The host this error concerns.
    pub fn host(&self) -> &str {
        match self {
            SshError::Unreachable { host, .. }
            | SshError::AuthFailed { host, .. }
            | SshError::UnknownHostKey { host, .. }
            | SshError::HostKeyChanged { host, .. }
            | SshError::Timeout { host, .. }
            | SshError::Protocol { host, .. } => host,
        }
    }

    /// Builds a [`SshError::Protocol`], flattening the message onto one line.
    pub(crate) fn protocol(host: &str, message: impl fmt::Display) -> Self {
        SshError::Protocol { host: host.to_string(), message: one_line(&message.to_string()) }
    }
}

/// Joins the lines of a message with "; " so that errors stay on one line.
pub(crate) fn one_line(s: &str) -> String {
    s.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> Vec<SshError> {
        vec![
            SshError::Unreachable {
                host: "127.1.2.3".into(),
                port: 22,
                reason: "connection refused".into(),
                timeout: Duration::from_secs(10),
            },
            SshError::AuthFailed {
                host: "127.1.2.3".into(),
                user: "stackato".into(),
                tried: vec!["key /k".into(), "password".into()],
            },
            SshError::AuthFailed { host: "127.1.2.3".into(), user: "stackato".into(), tried: vec![] },
            SshError::UnknownHostKey {
                host: "127.1.2.3".into(),
                key_type: "ED25519".into(),
                fingerprint: "SHA256:abc".into(),
                declined: false,
            },
            SshError::HostKeyChanged { host: "127.1.2.3".into(), file: "/var/lib/kato/known_hosts".into(), line: 4 },
            SshError::Timeout { host: "127.1.2.3".into(), phase: Phase::Handshake, after: Duration::from_millis(1500) },
            SshError::protocol("127.1.2.3", "first\nsecond"),
        ]
    }

    #[test]
    fn every_message_is_one_lowercase_line_naming_the_host() {
        for e in all() {
            let s = e.to_string();
            assert!(!s.contains('\n'), "{s}");
            assert!(s.contains("127.1.2.3"), "{s}");
            assert_eq!(e.host(), "127.1.2.3");
            let first = s.chars().next().unwrap_or('X');
            assert!(first.is_lowercase(), "{s}");
        }
    }

    #[test]
    fn auth_failed_gives_hints() {
        let s = all()[1].to_string();
        assert!(s.contains("ssh-copy-id stackato@127.1.2.3"), "{s}");
        assert!(s.contains("-i KEY") && s.contains("--password-file"), "{s}");
        assert!(s.contains("key /k, password"), "{s}");
    }

    #[test]
    fn changed_key_names_file_and_line() {
        let s = all()[4].to_string();
        assert!(s.contains("CHANGED (known_hosts /var/lib/kato/known_hosts line 4)"), "{s}");
        assert!(s.contains("man-in-the-middle"), "{s}");
    }
}
