//! Host key verification against known_hosts files.
//!
//! Lookups use `russh::keys::check_known_hosts_path`, which understands plain and hashed
//! (`|1|…`) host names, comma lists and `[host]:port`, but not wildcards, `!negation`,
//! `@cert-authority`/`@revoked` markers or tab-separated fields; and it treats any entry of
//! the same key type with a different key as a change, even if another entry matches.
//! kato therefore keeps its own known_hosts, written with `learn_known_hosts_path`.
//!
//! Policy: a known key passes; a changed key is always refused; an unknown key is learned
//! into kato's own file with `accept_new_host_key`, confirmed at a TTY prompt when
//! interactive, and refused otherwise.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use russh::keys::{Algorithm, HashAlg, PublicKey};

use super::error::SshError;

/// What the known_hosts files say about a host's key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostKeyStatus {
    /// Some file records exactly this key.
    Known,
    /// No file has any entry for the host.
    Unknown,
    /// A file records a different key (of any type) for this host.
    Changed { file: PathBuf, line: usize },
}

/// Looks the key up in every file. A change found in any file wins over a match elsewhere.
/// Unreadable or unparsable files count as holding no entry (noted at debug level).
pub fn check_host_key(host: &str, port: u16, key: &PublicKey, files: &[PathBuf]) -> HostKeyStatus {
    let mut known = false;
    for file in files {
        match russh::keys::check_known_hosts_path(host, port, key, file) {
            Ok(true) => known = true,
            Ok(false) => {}
            Err(russh::keys::Error::KeyChanged { line }) => {
                return HostKeyStatus::Changed { file: file.clone(), line: physical_line(file, line) };
            }
            Err(e) => {
                tracing::debug!("ignoring known_hosts file {}: {e}", file.display());
            }
        }
    }
    if known {
        return HostKeyStatus::Known;
    }
    // OpenSSH's rule: a host with any recorded key that does not match is CHANGED, whatever
    // the type of the key it now shows (a type "downgrade" is no new host).
    for file in files {
        if let Ok(keys) = russh::keys::known_hosts::known_host_keys_path(host, port, file)
            && let Some((entry, _)) = keys.first()
        {
            return HostKeyStatus::Changed { file: file.clone(), line: physical_line(file, *entry) };
        }
    }
    HostKeyStatus::Unknown
}

/// russh numbers entries without counting `#` comment lines; turn its number into the
/// line number an editor shows. Falls back to russh's number if the file cannot be read.
fn physical_line(file: &Path, entry: usize) -> usize {
    let Ok(text) = std::fs::read_to_string(file) else {
        return entry;
    };
    let mut seen = 0;
    for (i, l) in text.split('\n').enumerate() {
        if !l.starts_with('#') {
            seen += 1;
            if seen == entry {
                return i + 1;
            }
        }
    }
    entry
}

/// Appends the key for `host` (and `port`) to `file`, creating its directory if needed.
pub fn learn_host_key(host: &str, port: u16, key: &PublicKey, file: &Path) -> Result<(), SshError> {
    // kato's own known_hosts is state of the kato group: made with its mode, not the umask's.
    if !file.exists() {
        crate::infra::files::open_state(file, crate::infra::files::STATE_FILE, true).map_err(|e| {
            SshError::protocol(host, format_args!("cannot record its host key: {}", crate::error::one_line(&e)))
        })?;
    }
    russh::keys::known_hosts::learn_known_hosts_path(host, port, key, file)
        .map_err(|e| SshError::protocol(host, format_args!("cannot record its host key in {}: {e}", file.display())))
}

/// OpenSSH's name for the key type, e.g. `ED25519`, `ECDSA`, `RSA`.
pub fn key_type_label(key: &PublicKey) -> String {
    match key.algorithm() {
        Algorithm::Ed25519 => "ED25519".to_string(),
        Algorithm::Ecdsa { .. } => "ECDSA".to_string(),
        Algorithm::Rsa { .. } => "RSA".to_string(),
        Algorithm::Dsa => "DSA".to_string(),
        other => other.as_str().to_uppercase(),
    }
}

/// The `SHA256:…` fingerprint, as OpenSSH prints it.
pub fn fingerprint(key: &PublicKey) -> String {
    key.fingerprint(HashAlg::Sha256).to_string()
}

/// The error for an unknown host key (optionally after the user said no).
pub fn unknown_error(host: &str, key: &PublicKey, declined: bool) -> SshError {
    SshError::UnknownHostKey {
        host: host.to_string(),
        key_type: key_type_label(key),
        fingerprint: fingerprint(key),
        declined,
    }
}

/// Serialises prompts so that parallel connections never interleave questions.
static PROMPT_LOCK: Mutex<()> = Mutex::new(());

/// Asks on the controlling terminal whether to trust the key, OpenSSH style. The question
/// goes to stderr and the answer is read from `/dev/tty`. Blocking: call it outside the
/// async runtime's worker threads (e.g. in `spawn_blocking`).
pub fn prompt_accept(host: &str, key: &PublicKey) -> std::io::Result<bool> {
    let _guard = PROMPT_LOCK.lock().unwrap_or_else(|p| p.into_inner());
    let tty = std::fs::File::open("/dev/tty")?;
    let mut tty = BufReader::new(tty);
    let mut err = std::io::stderr().lock();
    writeln!(
        err,
        "The authenticity of host '{host}' can't be established.\n{} key fingerprint is {}.",
        key_type_label(key),
        fingerprint(key)
    )?;
    let mut question = "Are you sure you want to continue connecting (yes/no)? ";
    for _ in 0..3 {
        write!(err, "{question}")?;
        err.flush()?;
        let mut answer = String::new();
        if tty.read_line(&mut answer)? == 0 {
            return Ok(false);
        }
        match answer.trim().to_ascii_lowercase().as_str() {
            "yes" | "y" => return Ok(true),
            "no" | "n" => return Ok(false),
            _ => question = "Please type 'yes' or 'no': ",
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    const K1: &str = "AAAAC3NzaC1lZDI1NTE5AAAAIEqA7Puu4zCi2ToZKbjJM1RnCNAAmlOWd59X4wKrAWsv";
    const K2: &str = "AAAAC3NzaC1lZDI1NTE5AAAAIJVfcbZNPE6wSolcgHTCLWFnUiwd/MC/A5mj2AwtUhvy";

    fn keys() -> Result<(PublicKey, PublicKey), russh::keys::Error> {
        Ok((russh::keys::parse_public_key_base64(K1)?, russh::keys::parse_public_key_base64(K2)?))
    }

    #[test]
    fn unknown_learn_known_changed() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let own = dir.path().join("etc/kato/known_hosts");
        let other = dir.path().join("missing");
        let files = vec![other, own.clone()];
        let (k1, k2) = keys()?;
        assert_eq!(check_host_key("127.9.9.1", 22, &k1, &files), HostKeyStatus::Unknown);
        learn_host_key("127.9.9.1", 22, &k1, &own)?;
        assert_eq!(check_host_key("127.9.9.1", 22, &k1, &files), HostKeyStatus::Known);
        // another host and another port are still unknown
        assert_eq!(check_host_key("127.9.9.2", 22, &k1, &files), HostKeyStatus::Unknown);
        assert_eq!(check_host_key("127.9.9.1", 2222, &k1, &files), HostKeyStatus::Unknown);
        assert_eq!(check_host_key("127.9.9.1", 22, &k2, &files), HostKeyStatus::Changed { file: own.clone(), line: 2 });
        // a comment line shifts the entry; the reported line follows it
        let text = std::fs::read_to_string(&own)?;
        std::fs::write(&own, format!("# kato\n# more\n{text}"))?;
        assert_eq!(check_host_key("127.9.9.1", 22, &k2, &files), HostKeyStatus::Changed { file: own, line: 4 });
        Ok(())
    }

    #[test]
    fn labels() -> anyhow::Result<()> {
        let (k, _) = keys()?;
        assert_eq!(key_type_label(&k), "ED25519");
        assert!(fingerprint(&k).starts_with("SHA256:"));
        let e = unknown_error("127.9.9.1", &k, false).to_string();
        assert!(e.contains("--accept-new-host-key") && e.contains("ED25519 SHA256:"), "{e}");
        Ok(())
    }
}
