//! Establishing an authenticated SSH connection: TCP connect, handshake with the host key
//! policy of [`super::hostkeys`], and authentication (agent keys, key files, password).
//!
//! The TCP connect and the handshake each get `connect_timeout`; authentication gets
//! `auth_timeout`. An interactive host key prompt runs between those phases, so a person
//! reading a fingerprint never trips a timeout: after a "yes" the handshake is redone.

use std::sync::Arc;
use std::time::Duration;

use russh::client::{self, Handle};
use russh::keys::agent::AgentIdentity;
use russh::keys::agent::client::AgentClient;
use russh::keys::{PrivateKeyWithHashAlg, PublicKey, PublicKeyOrCertificate};
use tokio::net::TcpStream;
use tokio::time::timeout;

use super::error::{Phase, SshError, one_line};
use super::hostkeys::{self, HostKeyStatus};
use super::options::SshOptions;

/// Connects, verifies the host key and authenticates.
pub(crate) async fn open(host: &str, opts: &SshOptions) -> Result<Handle<Client>, SshError> {
    let mut handle = match handshake(host, opts).await {
        Ok(h) => h,
        Err(HandshakeFail::Unknown(key)) if opts.interactive => {
            let (h, k) = (host.to_string(), key.clone());
            let yes = tokio::task::spawn_blocking(move || hostkeys::prompt_accept(&h, &k))
                .await
                .map_err(|e| SshError::protocol(host, format_args!("host key prompt failed: {e}")))?
                .map_err(|e| SshError::protocol(host, format_args!("cannot ask about its host key: {e}")))?;
            if !yes {
                return Err(hostkeys::unknown_error(host, &key, true));
            }
            hostkeys::learn_host_key(host, opts.port, &key, &opts.known_hosts_own)?;
            handshake(host, opts).await.map_err(|e| e.into_error(host))?
        }
        Err(e) => return Err(e.into_error(host)),
    };
    let first = timeout(opts.auth_timeout, authenticate(&mut handle, host, opts))
        .await
        .map_err(|_| timed_out(host, Phase::Auth, opts.auth_timeout))?;
    match first {
        Err(SshError::AuthFailed { .. }) if opts.interactive && opts.password.is_none() => {
            // Keys did not work: ask for the password on the terminal, then try it alone.
            let prompt = format!("{}@{host}'s password: ", opts.user);
            let password = tokio::task::spawn_blocking(move || super::password_prompt::ask(&prompt))
                .await
                .map_err(|e| SshError::protocol(host, format_args!("password prompt failed: {e}")))?
                .map_err(|e| SshError::protocol(host, format_args!("cannot ask for a password: {e}")))?;
            let mut with_password = opts.clone();
            with_password.password = Some(password);
            with_password.identities.clear();
            with_password.use_agent = false;
            timeout(opts.auth_timeout, authenticate(&mut handle, host, &with_password))
                .await
                .map_err(|_| timed_out(host, Phase::Auth, opts.auth_timeout))??;
        }
        other => other?,
    }
    Ok(handle)
}

enum HandshakeFail {
    Error(SshError),
    Unknown(PublicKey),
}

impl HandshakeFail {
    fn into_error(self, host: &str) -> SshError {
        match self {
            HandshakeFail::Error(e) => e,
            HandshakeFail::Unknown(key) => hostkeys::unknown_error(host, &key, false),
        }
    }
}

async fn handshake(host: &str, opts: &SshOptions) -> Result<Handle<Client>, HandshakeFail> {
    let unreachable = |reason: String| {
        HandshakeFail::Error(SshError::Unreachable {
            host: host.to_string(),
            port: opts.port,
            reason,
            timeout: opts.connect_timeout,
        })
    };
    let tcp = match timeout(opts.connect_timeout, TcpStream::connect((host, opts.port))).await {
        Err(_) => return Err(unreachable("no answer".to_string())),
        Ok(Err(e)) => return Err(unreachable(io_reason(&e))),
        Ok(Ok(s)) => s,
    };
    if let Err(e) = tcp.set_nodelay(true) {
        tracing::debug!("set_nodelay on connection to {host}: {e}");
    }
    let config = Arc::new(client::Config {
        inactivity_timeout: None,
        keepalive_interval: Some(Duration::from_secs(15)),
        keepalive_max: 3,
        nodelay: true,
        ..Default::default()
    });
    let handler = Client {
        host: host.to_string(),
        port: opts.port,
        files: opts.known_hosts_files(),
        own: opts.known_hosts_own.clone(),
        accept_new: opts.accept_new_host_key,
    };
    match timeout(opts.connect_timeout, client::connect_stream(config, tcp, handler)).await {
        Err(_) => Err(HandshakeFail::Error(timed_out(host, Phase::Handshake, opts.connect_timeout))),
        Ok(Ok(h)) => Ok(h),
        Ok(Err(HandlerError::Unknown(key))) => Err(HandshakeFail::Unknown(key)),
        Ok(Err(HandlerError::Refused(e))) => Err(HandshakeFail::Error(e)),
        Ok(Err(HandlerError::Russh(e))) => Err(HandshakeFail::Error(russh_error(host, e))),
    }
}

async fn authenticate(handle: &mut Handle<Client>, host: &str, opts: &SshOptions) -> Result<(), SshError> {
    let user = opts.user.as_str();
    let mut tried = Vec::new();
    if opts.use_agent {
        match AgentClient::connect_env().await {
            Ok(mut agent) => {
                if let Some(binding) = handle.agent_session_binding().cloned()
                    && let Err(e) = agent.bind_session(&binding, false).await
                {
                    tracing::debug!("ssh-agent refused session binding: {e}");
                }
                let ids = agent.request_identities().await.unwrap_or_else(|e| {
                    tracing::debug!("cannot list ssh-agent keys: {e}");
                    Vec::new()
                });
                for id in ids {
                    let AgentIdentity::PublicKey { key, comment } = id else {
                        continue;
                    };
                    tried.push(format!("agent key {}", agent_key_name(&key, &comment)));
                    let hash = rsa_hash(handle, &key).await;
                    match handle.authenticate_publickey_with(user, key, hash, &mut agent).await {
                        Ok(r) if r.success() => return Ok(()),
                        Ok(_) => {}
                        Err(e) => tracing::debug!("ssh-agent signing failed: {e}"),
                    }
                }
            }
            Err(e) => tracing::debug!("not using ssh-agent: {e}"),
        }
    }
    for path in &opts.identities {
        let key = match russh::keys::load_secret_key(path, None) {
            Ok(k) => k,
            Err(russh::keys::Error::IO(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                continue;
            }
            Err(russh::keys::Error::KeyIsEncrypted) => {
                tracing::debug!("skipping encrypted key {}", path.display());
                continue;
            }
            Err(e) => {
                tracing::debug!("skipping unusable key {}: {e}", path.display());
                continue;
            }
        };
        tried.push(format!("key {}", path.display()));
        let hash = rsa_hash(handle, key.public_key()).await;
        let key = PrivateKeyWithHashAlg::new(Arc::new(key), hash);
        let r = handle.authenticate_publickey(user, key).await.map_err(|e| russh_error(host, e))?;
        if r.success() {
            return Ok(());
        }
    }
    if let Some(password) = &opts.password {
        tried.push("password".to_string());
        let r = handle.authenticate_password(user, password.as_str()).await.map_err(|e| russh_error(host, e))?;
        if r.success() {
            return Ok(());
        }
    }
    Err(SshError::AuthFailed { host: host.to_string(), user: user.to_string(), tried })
}

fn agent_key_name(key: &PublicKey, comment: &str) -> String {
    if comment.is_empty() { hostkeys::fingerprint(key) } else { comment.to_string() }
}

async fn rsa_hash(handle: &Handle<Client>, key: &PublicKey) -> Option<russh::keys::HashAlg> {
    if !key.algorithm().is_rsa() {
        return None;
    }
    handle.best_supported_rsa_hash().await.ok().flatten().flatten()
}

pub(crate) fn timed_out(host: &str, phase: Phase, after: Duration) -> SshError {
    SshError::Timeout { host: host.to_string(), phase, after }
}

fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::ConnectionRefused => "connection refused".to_string(),
        K::HostUnreachable => "no route to host".to_string(),
        K::NetworkUnreachable => "network unreachable".to_string(),
        K::TimedOut => "no answer".to_string(),
        _ => one_line(&e.to_string()),
    }
}

pub(crate) fn russh_error(host: &str, e: russh::Error) -> SshError {
    SshError::protocol(host, e)
}

/// Errors the handler reports out of the handshake.
#[derive(Debug)]
pub(crate) enum HandlerError {
    Russh(russh::Error),
    Unknown(PublicKey),
    Refused(SshError),
}

impl From<russh::Error> for HandlerError {
    fn from(e: russh::Error) -> Self {
        HandlerError::Russh(e)
    }
}

/// The russh client handler: host key policy.
pub(crate) struct Client {
    host: String,
    port: u16,
    files: Vec<std::path::PathBuf>,
    own: std::path::PathBuf,
    accept_new: bool,
}

impl client::Handler for Client {
    type Error = HandlerError;

    async fn check_server_key(&mut self, offered: &PublicKeyOrCertificate) -> Result<bool, HandlerError> {
        let PublicKeyOrCertificate::PublicKey { key, .. } = offered else {
            return Err(HandlerError::Refused(SshError::protocol(
                &self.host,
                "the server offered a host certificate, which kato does not support",
            )));
        };
        match hostkeys::check_host_key(&self.host, self.port, key, &self.files) {
            HostKeyStatus::Known => Ok(true),
            HostKeyStatus::Changed { file, line } => {
                Err(HandlerError::Refused(SshError::HostKeyChanged { host: self.host.clone(), file, line }))
            }
            HostKeyStatus::Unknown if self.accept_new => {
                hostkeys::learn_host_key(&self.host, self.port, key, &self.own).map_err(HandlerError::Refused)?;
                tracing::info!(
                    "added {} key for {} to {}",
                    hostkeys::key_type_label(key),
                    self.host,
                    self.own.display()
                );
                Ok(true)
            }
            HostKeyStatus::Unknown => Err(HandlerError::Unknown(key.clone())),
        }
    }
}
