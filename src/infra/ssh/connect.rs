//! Establishing an authenticated SSH connection: TCP connect, handshake with the host key
//! policy of [`super::hostkeys`], and authentication (agent keys, key files, password).
//!
//! The TCP connect and the handshake each get `connect_timeout`; authentication gets
//! `auth_timeout`. An interactive host key prompt runs between those phases, so a person
//! reading a fingerprint never trips a timeout: after a "yes" the handshake is redone.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use russh::client::{self, Handle};
use russh::keys::agent::AgentIdentity;
use russh::keys::agent::client::AgentClient;
use russh::keys::{Algorithm, HashAlg, PrivateKeyWithHashAlg, PublicKey, PublicKeyOrCertificate};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::timeout;

use super::error::{Phase, SshError, one_line};
use super::hostkeys::{self, HostKeyStatus};
use super::options::{Proxy, SshOptions, Target, short_path};

/// At most this many jump hosts lie between kato and a node (a loop in the configuration
/// stops here).
const MAX_HOPS: usize = 8;

/// Connects, verifies the host key and authenticates, through jump hosts or a proxy
/// command when the OpenSSH configuration says so.
pub(crate) async fn open(host: &str, opts: &SshOptions) -> Result<Handle<Client>, SshError> {
    open_target(opts.resolve(host), opts, 0).await
}

type Opening<'a> = Pin<Box<dyn Future<Output = Result<Handle<Client>, SshError>> + Send + 'a>>;

fn open_target(t: Target, opts: &SshOptions, depth: usize) -> Opening<'_> {
    Box::pin(async move {
        let host = t.alias.as_str();
        let mut handle = match handshake(&t, opts, depth).await {
            Ok(h) => h,
            Err(HandshakeFail::Unknown(key)) if t.interactive => {
                let (h, k) = (t.host_name.clone(), key.clone());
                let yes = tokio::task::spawn_blocking(move || hostkeys::prompt_accept(&h, &k))
                    .await
                    .map_err(|e| SshError::protocol(host, format_args!("host key prompt failed: {e}")))?
                    .map_err(|e| SshError::protocol(host, format_args!("cannot ask about its host key: {e}")))?;
                if !yes {
                    return Err(hostkeys::unknown_error(host, &key, true));
                }
                hostkeys::learn_host_key(&t.host_name, t.port, &key, &opts.known_hosts_own)?;
                handshake(&t, opts, depth).await.map_err(|e| e.into_error(host))?
            }
            Err(e) => return Err(e.into_error(host)),
        };
        let first = timeout(opts.auth_timeout, authenticate(&mut handle, &t, opts, false))
            .await
            .map_err(|_| timed_out(host, Phase::Auth, opts.auth_timeout))?;
        match first {
            Err(SshError::AuthFailed { .. }) if t.interactive && opts.password.is_none() && depth == 0 => {
                // Keys did not work: ask for the password on the terminal, then try it alone.
                let prompt = format!("{}@{host}'s password: ", t.user);
                let password = tokio::task::spawn_blocking(move || super::password_prompt::ask(&prompt))
                    .await
                    .map_err(|e| SshError::protocol(host, format_args!("password prompt failed: {e}")))?
                    .map_err(|e| SshError::protocol(host, format_args!("cannot ask for a password: {e}")))?;
                let mut with_password = opts.clone();
                with_password.password = Some(password);
                timeout(opts.auth_timeout, authenticate(&mut handle, &t, &with_password, true))
                    .await
                    .map_err(|_| timed_out(host, Phase::Auth, opts.auth_timeout))??;
            }
            other => other?,
        }
        Ok(handle)
    })
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

/// A byte stream an SSH connection runs over.
trait Io: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Io for T {}

async fn handshake(t: &Target, opts: &SshOptions, depth: usize) -> Result<Handle<Client>, HandshakeFail> {
    let host = t.alias.as_str();
    let (stream, jump, proxy): (Box<dyn Io>, _, _) = match &t.proxy {
        Proxy::Direct => (Box::new(tcp(t).await.map_err(HandshakeFail::Error)?), None, None),
        Proxy::Jump(hops) => {
            let jump = jump_host(hops, opts, depth).await.map_err(HandshakeFail::Error)?;
            let channel = jump.channel_open_direct_tcpip(t.host_name.as_str(), u32::from(t.port), "127.0.0.1", 0);
            let channel = match timeout(t.connect_timeout, channel).await {
                Err(_) => return Err(HandshakeFail::Error(timed_out(host, Phase::Handshake, t.connect_timeout))),
                Ok(Err(e)) => {
                    return Err(HandshakeFail::Error(SshError::Unreachable {
                        host: host.to_string(),
                        port: t.port,
                        reason: format!("the jump host cannot reach {}: {}", t.host_name, one_line(&e.to_string())),
                        timeout: t.connect_timeout,
                    }));
                }
                Ok(Ok(c)) => c,
            };
            (Box::new(channel.into_stream()), Some(jump), None)
        }
        Proxy::Command(cmd) => {
            let (stream, state) = ProxyStream::spawn(cmd).map_err(|e| {
                HandshakeFail::Error(SshError::protocol(host, format_args!("cannot start ProxyCommand {cmd:?}: {e}")))
            })?;
            (Box::new(stream), None, Some((cmd.clone(), state)))
        }
    };
    let config = Arc::new(client::Config {
        inactivity_timeout: None,
        keepalive_interval: Some(Duration::from_secs(15)),
        keepalive_max: 3,
        nodelay: true,
        ..Default::default()
    });
    let handler = Client {
        host: host.to_string(),
        host_name: t.host_name.clone(),
        port: t.port,
        files: t.known_hosts_read.clone(),
        own: opts.known_hosts_own.clone(),
        accept_new: opts.accept_new_host_key,
        _jump: jump,
    };
    let r = timeout(t.connect_timeout, client::connect_stream(config, stream, handler)).await;
    let fail = match r {
        Ok(Ok(h)) => return Ok(h),
        Ok(Err(HandlerError::Unknown(key))) => return Err(HandshakeFail::Unknown(key)),
        Ok(Err(HandlerError::Refused(e))) => return Err(HandshakeFail::Error(e)),
        Err(_) => timed_out(host, Phase::Handshake, t.connect_timeout),
        Ok(Err(HandlerError::Russh(e))) => russh_error(host, e),
    };
    // A proxy command that died explains the failure better than the broken stream.
    if let Some((cmd, state)) = proxy
        && let Some(why) = ProxyStream::failure(&state).await
    {
        return Err(HandshakeFail::Error(SshError::protocol(host, format_args!("ProxyCommand {cmd:?} {why}"))));
    }
    Err(HandshakeFail::Error(fail))
}

async fn tcp(t: &Target) -> Result<TcpStream, SshError> {
    let unreachable = |reason: String| SshError::Unreachable {
        host: t.alias.clone(),
        port: t.port,
        reason,
        timeout: t.connect_timeout,
    };
    let tcp = match timeout(t.connect_timeout, TcpStream::connect((t.host_name.as_str(), t.port))).await {
        Err(_) => return Err(unreachable("no answer".to_string())),
        Ok(Err(e)) => return Err(unreachable(io_reason(&e))),
        Ok(Ok(s)) => s,
    };
    if let Err(e) = tcp.set_nodelay(true) {
        tracing::debug!("set_nodelay on connection to {}: {e}", t.alias);
    }
    Ok(tcp)
}

/// Jump-host connections of one run, shared by every connection made through them.
#[derive(Default)]
pub(crate) struct JumpCache {
    open: tokio::sync::Mutex<std::collections::HashMap<String, Arc<Handle<Client>>>>,
}

/// The connection to the last of `hops`, itself reached through the hops before it (or as
/// the configuration says, for the first one).
async fn jump_host(hops: &[String], opts: &SshOptions, depth: usize) -> Result<Arc<Handle<Client>>, SshError> {
    let Some((last, before)) = hops.split_last() else {
        return Err(SshError::protocol("ProxyJump", "an empty ProxyJump"));
    };
    if depth >= MAX_HOPS {
        return Err(SshError::protocol(last, format_args!("more than {MAX_HOPS} jump hosts (a ProxyJump loop?)")));
    }
    let key = hops.join(",");
    let cache = opts.client.jumps.clone();
    let mut guard = match &cache {
        Some(c) => {
            let g = c.open.lock().await;
            if let Some(h) = g.get(&key).filter(|h| !h.is_closed()) {
                return Ok(h.clone());
            }
            Some(g)
        }
        None => None,
    };
    let (user, name, port) = parse_hop(last).map_err(|e| SshError::protocol(last, e))?;
    let mut t = opts.resolve(&name);
    if let Some(u) = user {
        t.user = u;
    }
    if let Some(p) = port {
        t.port = p;
    }
    if !before.is_empty() {
        t.proxy = Proxy::Jump(before.to_vec());
    }
    let handle = Arc::new(open_target(t, opts, depth + 1).await?);
    if let Some(g) = guard.as_mut() {
        g.insert(key, handle.clone());
    }
    Ok(handle)
}

/// `[user@]host[:port]` (or `ssh://[user@]host[:port]`).
fn parse_hop(hop: &str) -> Result<(Option<String>, String, Option<u16>), String> {
    let s = hop.strip_prefix("ssh://").unwrap_or(hop);
    let (user, rest) = match s.rsplit_once('@') {
        Some((u, r)) => (Some(u.to_string()), r),
        None => (None, s),
    };
    let (name, port) = match rest.strip_prefix('[').and_then(|r| r.split_once(']')) {
        Some((h, tail)) => (h, tail.strip_prefix(':')),
        None => match rest.rsplit_once(':') {
            Some((h, p)) if !h.contains(':') => (h, Some(p)),
            _ => (rest, None),
        },
    };
    let port = match port {
        Some(p) => Some(p.parse::<u16>().ok().filter(|p| *p != 0).ok_or(format!("bad port in ProxyJump {hop:?}"))?),
        None => None,
    };
    if name.is_empty() {
        return Err(format!("no host in ProxyJump {hop:?}"));
    }
    Ok((user, name.to_string(), port))
}

/// What a proxy command left behind: its exit status and what it said on stderr.
#[derive(Default)]
struct ProxyState {
    exit: Option<std::process::ExitStatus>,
    stderr: Vec<u8>,
}

/// A proxy command's stdout and stdin as one stream; dropping it stops the command.
struct ProxyStream {
    out: tokio::process::ChildStdout,
    inp: tokio::process::ChildStdin,
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl ProxyStream {
    fn spawn(cmd: &str) -> std::io::Result<(ProxyStream, Arc<Mutex<ProxyState>>)> {
        use std::process::Stdio;
        use tokio::io::AsyncReadExt;
        let mut child = tokio::process::Command::new("/bin/sh")
            .arg("-c")
            .arg(format!("exec {cmd}"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()?;
        let (out, inp) = match (child.stdout.take(), child.stdin.take()) {
            (Some(o), Some(i)) => (o, i),
            _ => return Err(std::io::Error::other("no pipes to the proxy command")),
        };
        let state = Arc::new(Mutex::new(ProxyState::default()));
        if let Some(mut err) = child.stderr.take() {
            let state = state.clone();
            tokio::spawn(async move {
                let mut buf = [0u8; 1024];
                while let Ok(n) = err.read(&mut buf).await {
                    if n == 0 {
                        break;
                    }
                    let mut s = state.lock().unwrap_or_else(|p| p.into_inner());
                    if s.stderr.len() < 4096 {
                        s.stderr.extend_from_slice(&buf[..n]);
                    }
                }
            });
        }
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let watch = state.clone();
        tokio::spawn(async move {
            tokio::select! {
                st = child.wait() => {
                    if let Ok(st) = st {
                        watch.lock().unwrap_or_else(|p| p.into_inner()).exit = Some(st);
                    }
                }
                _ = stopped => {
                    // The connection is over. A command that ends by itself now (it saw
                    // EOF, or it had failed) is let be, so that its status is known.
                    match timeout(Duration::from_millis(200), child.wait()).await {
                        Ok(Ok(st)) => watch.lock().unwrap_or_else(|p| p.into_inner()).exit = Some(st),
                        _ => {
                            let _ = child.start_kill();
                            let _ = child.wait().await;
                        }
                    }
                }
            }
        });
        Ok((ProxyStream { out, inp, _stop: stop }, state))
    }

    /// Why the command failed, if it exited (waiting briefly for it to).
    async fn failure(state: &Arc<Mutex<ProxyState>>) -> Option<String> {
        for _ in 0..20 {
            let seen = {
                let s = state.lock().unwrap_or_else(|p| p.into_inner());
                s.exit.map(|st| (st, one_line(&String::from_utf8_lossy(&s.stderr))))
            };
            if let Some((st, said)) = seen {
                let status = match st.code() {
                    Some(c) => format!("exited with status {c}"),
                    None => "was killed".to_string(),
                };
                return Some(if said.is_empty() { status } else { format!("{status}: {said}") });
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        None
    }
}

impl AsyncRead for ProxyStream {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.out).poll_read(cx, buf)
    }
}

impl AsyncWrite for ProxyStream {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.inp).poll_write(cx, buf)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inp).poll_flush(cx)
    }
    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inp).poll_shutdown(cx)
    }
}

/// Why a key cannot be used by kato, if it cannot.
fn unusable(alg: &Algorithm) -> Option<&'static str> {
    match alg {
        Algorithm::SkEd25519 | Algorithm::SkEcdsaSha2NistP256 => {
            Some("security-key (FIDO) keys need a hardware token, which kato cannot use")
        }
        Algorithm::Dsa => Some("DSA keys are refused by current OpenSSH servers"),
        Algorithm::Ed25519 | Algorithm::Ecdsa { .. } | Algorithm::Rsa { .. } => None,
        _ => Some("kato does not support this key type"),
    }
}

/// The public key of an identity file (from `FILE.pub`, else from the unencrypted key).
fn identity_public(path: &std::path::Path) -> Option<PublicKey> {
    let mut pub_path = path.as_os_str().to_owned();
    pub_path.push(".pub");
    russh::keys::load_public_key(std::path::Path::new(&pub_path))
        .ok()
        .or_else(|| russh::keys::load_secret_key(path, None).ok().map(|k| k.public_key().clone()))
}

async fn authenticate(
    handle: &mut Handle<Client>,
    t: &Target,
    opts: &SshOptions,
    password_only: bool,
) -> Result<(), SshError> {
    let host = t.alias.as_str();
    let user = t.user.as_str();
    let note = |s: String| opts.client.note(&s);
    let mut tried = Vec::new();
    if opts.use_agent && !password_only {
        match AgentClient::connect_env().await {
            Ok(mut agent) => {
                if let Some(binding) = handle.agent_session_binding().cloned()
                    && let Err(e) = agent.bind_session(&binding, false).await
                {
                    tracing::debug!("ssh-agent refused session binding: {e}");
                }
                let ids = agent.request_identities().await.unwrap_or_else(|e| {
                    note(format!("cannot list the ssh-agent's keys: {}", one_line(&e.to_string())));
                    Vec::new()
                });
                let wanted: Option<Vec<PublicKey>> =
                    t.identities_only.then(|| t.identities.iter().filter_map(|p| identity_public(p)).collect());
                for id in ids {
                    let AgentIdentity::PublicKey { key, comment } = id else {
                        continue;
                    };
                    let name = format!("agent key {}", agent_key_name(&key, &comment));
                    if let Some(why) = unusable(&key.algorithm()) {
                        note(format!("skipping {name}: {why}"));
                        continue;
                    }
                    if wanted.as_ref().is_some_and(|w| !w.iter().any(|k| k.key_data() == key.key_data())) {
                        note(format!("skipping {name}: not one of the IdentityFile keys (IdentitiesOnly)"));
                        continue;
                    }
                    let Some(hash) = rsa_hash(handle, &key, &name, opts).await else { continue };
                    tried.push(name.clone());
                    match handle.authenticate_publickey_with(user, key, hash, &mut agent).await {
                        Ok(r) if r.success() => {
                            note(format!("{host}: logged in as {user} with {name}"));
                            return Ok(());
                        }
                        Ok(_) => {}
                        Err(e) => note(format!("ssh-agent could not sign with {name}: {}", one_line(&e.to_string()))),
                    }
                }
            }
            Err(e) => note(format!("not using ssh-agent: {}", one_line(&e.to_string()))),
        }
    }
    for path in t.identities.iter().filter(|_| !password_only) {
        let shown = short_path(path);
        let key = match russh::keys::load_secret_key(path, None) {
            Ok(k) => k,
            Err(russh::keys::Error::IO(e)) if e.kind() == std::io::ErrorKind::NotFound => {
                if t.identities_named {
                    note(format!("skipping key {shown}: no such file"));
                }
                continue;
            }
            Err(russh::keys::Error::KeyIsEncrypted) => {
                note(format!("skipping key {shown}: it is encrypted (load it into ssh-agent with ssh-add)"));
                continue;
            }
            Err(e) => {
                note(format!("skipping key {shown}: {}", one_line(&e.to_string())));
                continue;
            }
        };
        if let Some(why) = unusable(&key.algorithm()) {
            note(format!("skipping key {shown}: {why}"));
            continue;
        }
        let name = format!("key {}", path.display());
        let Some(hash) = rsa_hash(handle, key.public_key(), &name, opts).await else { continue };
        tried.push(name.clone());
        let key = PrivateKeyWithHashAlg::new(Arc::new(key), hash);
        let r = handle.authenticate_publickey(user, key).await.map_err(|e| russh_error(host, e))?;
        if r.success() {
            note(format!("{host}: logged in as {user} with {name}"));
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

/// The hash for an RSA signature: SHA-512 or SHA-256 as the server offers (SHA-512 when it
/// does not say), never SHA-1; `None` (with a note) when the server takes only SHA-1.
/// `Some(None)` for other key types.
async fn rsa_hash(handle: &Handle<Client>, key: &PublicKey, name: &str, opts: &SshOptions) -> Option<Option<HashAlg>> {
    if !key.algorithm().is_rsa() {
        return Some(None);
    }
    match handle.best_supported_rsa_hash().await {
        Ok(Some(Some(HashAlg::Sha256))) => Some(Some(HashAlg::Sha256)),
        Ok(Some(None)) => {
            opts.client.note(&format!("skipping {name}: the server accepts RSA signatures only with SHA-1"));
            None
        }
        _ => Some(Some(HashAlg::Sha512)),
    }
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
    /// The name kato was given (for messages).
    host: String,
    /// The name the key is recorded under.
    host_name: String,
    port: u16,
    files: Vec<std::path::PathBuf>,
    own: std::path::PathBuf,
    accept_new: bool,
    /// The jump host this connection runs through, kept open as long as it.
    _jump: Option<Arc<Handle<Client>>>,
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
        match hostkeys::check_host_key(&self.host_name, self.port, key, &self.files) {
            HostKeyStatus::Known => Ok(true),
            HostKeyStatus::Changed { file, line } => {
                Err(HandlerError::Refused(SshError::HostKeyChanged { host: self.host.clone(), file, line }))
            }
            HostKeyStatus::Unknown if self.accept_new => {
                hostkeys::learn_host_key(&self.host_name, self.port, key, &self.own).map_err(HandlerError::Refused)?;
                tracing::info!(
                    "added {} key for {} to {}",
                    hostkeys::key_type_label(key),
                    self.host_name,
                    self.own.display()
                );
                Ok(true)
            }
            HostKeyStatus::Unknown => Err(HandlerError::Unknown(key.clone())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jump_specs() {
        let p = |s: &str| parse_hop(s);
        assert_eq!(p("bastion"), Ok((None, "bastion".to_string(), None)));
        assert_eq!(p("ops@bastion:2200"), Ok((Some("ops".to_string()), "bastion".to_string(), Some(2200))));
        assert_eq!(p("ssh://a@10.0.0.1"), Ok((Some("a".to_string()), "10.0.0.1".to_string(), None)));
        assert_eq!(p("[::1]:22"), Ok((None, "::1".to_string(), Some(22))));
        assert_eq!(p("fe80::1"), Ok((None, "fe80::1".to_string(), None)));
        assert!(p("host:0").is_err() && p("host:x").is_err() && p("u@").is_err());
    }

    #[test]
    fn usable_key_types() {
        assert!(unusable(&Algorithm::Ed25519).is_none());
        assert!(unusable(&Algorithm::Rsa { hash: None }).is_none());
        assert!(unusable(&Algorithm::SkEd25519).is_some_and(|w| w.contains("hardware token")));
        assert!(unusable(&Algorithm::Dsa).is_some());
    }
}
