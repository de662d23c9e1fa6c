//! Running commands on other nodes: connect, verify the host key, authenticate, exec.
//!
//! Every phase has its own limit: the TCP connect and the SSH handshake each get
//! `connect_timeout`, authentication gets `auth_timeout`, and [`exec`] gives the command
//! `command_timeout` to finish. An interactive host key prompt happens between phases, so
//! a person thinking about a fingerprint never trips a timeout (the handshake is simply
//! redone after a "yes").

use std::future::Future;
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use russh::client::{self, Handle};
use russh::keys::agent::AgentIdentity;
use russh::keys::agent::client::AgentClient;
use russh::keys::{PrivateKeyWithHashAlg, PublicKey, PublicKeyOrCertificate};
use russh::{ChannelMsg, Disconnect, Sig};
use tokio::net::TcpStream;
use tokio::task::JoinSet;
use tokio::time::timeout;

use super::error::{Phase, SshError, one_line};
use super::hostkeys::{self, HostKeyStatus};
use super::options::SshOptions;

/// Default number of nodes [`fan_out`] talks to at once.
pub const DEFAULT_FAN_OUT: usize = 32;

/// What a remote command produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RemoteOutput {
    /// Exit status; 128+N if killed by signal N, 255 if the server sent none.
    pub status: u32,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

impl RemoteOutput {
    /// True when the command exited with status 0.
    pub fn success(&self) -> bool {
        self.status == 0
    }
    /// stdout as text (invalid UTF-8 replaced).
    pub fn stdout_text(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
    /// stderr as text (invalid UTF-8 replaced).
    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
}

/// Runs `command` on `host`, feeding it `stdin` followed by EOF, and collects its output.
pub async fn exec(
    host: &str,
    opts: &SshOptions,
    command: &str,
    stdin: &[u8],
) -> Result<RemoteOutput, SshError> {
    let handle = open(host, opts).await?;
    let mut out = RemoteOutput::default();
    let run = run_command(&handle, host, command, stdin, |stream, data| match stream {
        Stream::Stdout => out.stdout.extend_from_slice(data),
        Stream::Stderr => out.stderr.extend_from_slice(data),
    });
    let status = timeout(opts.command_timeout, run)
        .await
        .map_err(|_| timed_out(host, Phase::Command, opts.command_timeout))??;
    out.status = status;
    close(handle).await;
    Ok(out)
}

/// Runs `command` on `host` and hands each complete stdout line (without its line ending)
/// to `on_stdout_line` as it arrives; remote stderr is copied to local stderr. Runs until
/// the remote command exits (returning its status) or the future is dropped, which closes
/// the connection. No command timeout applies; keepalives detect a dead peer.
pub async fn exec_streaming(
    host: &str,
    opts: &SshOptions,
    command: &str,
    stdin: &[u8],
    mut on_stdout_line: impl FnMut(&str),
) -> Result<u32, SshError> {
    let handle = open(host, opts).await?;
    let mut pending: Vec<u8> = Vec::new();
    let status = run_command(&handle, host, command, stdin, |stream, data| match stream {
        Stream::Stdout => {
            pending.extend_from_slice(data);
            let mut start = 0;
            while let Some(pos) = pending[start..].iter().position(|b| *b == b'\n') {
                emit_line(&pending[start..start + pos], &mut on_stdout_line);
                start += pos + 1;
            }
            pending.drain(..start);
        }
        Stream::Stderr => {
            let mut err = std::io::stderr().lock();
            let _ = err.write_all(data);
            let _ = err.flush();
        }
    })
    .await?;
    if !pending.is_empty() {
        emit_line(&pending, &mut on_stdout_line);
    }
    close(handle).await;
    Ok(status)
}

fn emit_line(line: &[u8], f: &mut impl FnMut(&str)) {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    f(&String::from_utf8_lossy(line));
}

/// [`exec`] for synchronous callers: runs it on a fresh current-thread runtime.
pub fn exec_blocking(
    host: &str,
    opts: &SshOptions,
    command: &str,
    stdin: &[u8],
) -> Result<RemoteOutput, SshError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| SshError::protocol(host, format_args!("cannot start async runtime: {e}")))?;
    rt.block_on(exec(host, opts, command, stdin))
}

/// Calls `f` for every host with at most `bound` calls in flight (0 counts as 1) and
/// returns the results in the order of `hosts`. A panic in `f` is re-raised here.
pub async fn fan_out<T, F, Fut>(hosts: Vec<String>, bound: usize, f: F) -> Vec<(String, T)>
where
    F: Fn(String) -> Fut,
    Fut: Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let limit = Arc::new(tokio::sync::Semaphore::new(bound.max(1)));
    let mut set = JoinSet::new();
    for (i, host) in hosts.iter().enumerate() {
        // The semaphore is never closed, so acquiring cannot fail; if it somehow did,
        // running unbounded is still correct.
        let permit = limit.clone().acquire_owned().await.ok();
        let fut = f(host.clone());
        set.spawn(async move {
            let r = fut.await;
            drop(permit);
            (i, r)
        });
    }
    let mut results: Vec<Option<T>> = hosts.iter().map(|_| None).collect();
    while let Some(joined) = set.join_next().await {
        match joined {
            Ok((i, r)) => results[i] = Some(r),
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(e) => panic!("fan_out task cancelled: {e}"),
        }
    }
    hosts
        .into_iter()
        .zip(results)
        .filter_map(|(h, r)| r.map(|r| (h, r)))
        .collect()
}

/// Connects, verifies the host key and authenticates.
async fn open(host: &str, opts: &SshOptions) -> Result<Handle<Client>, SshError> {
    let mut handle = match handshake(host, opts).await {
        Ok(h) => h,
        Err(HandshakeFail::Unknown(key)) if opts.interactive => {
            let (h, k) = (host.to_string(), key.clone());
            let yes = tokio::task::spawn_blocking(move || hostkeys::prompt_accept(&h, &k))
                .await
                .map_err(|e| SshError::protocol(host, format_args!("host key prompt failed: {e}")))?
                .map_err(|e| {
                    SshError::protocol(host, format_args!("cannot ask about its host key: {e}"))
                })?;
            if !yes {
                return Err(hostkeys::unknown_error(host, &key, true));
            }
            hostkeys::learn_host_key(host, opts.port, &key, &opts.known_hosts_own)?;
            handshake(host, opts)
                .await
                .map_err(|e| e.into_error(host))?
        }
        Err(e) => return Err(e.into_error(host)),
    };
    timeout(opts.auth_timeout, authenticate(&mut handle, host, opts))
        .await
        .map_err(|_| timed_out(host, Phase::Auth, opts.auth_timeout))??;
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
    match timeout(
        opts.connect_timeout,
        client::connect_stream(config, tcp, handler),
    )
    .await
    {
        Err(_) => Err(HandshakeFail::Error(timed_out(
            host,
            Phase::Handshake,
            opts.connect_timeout,
        ))),
        Ok(Ok(h)) => Ok(h),
        Ok(Err(HandlerError::Unknown(key))) => Err(HandshakeFail::Unknown(key)),
        Ok(Err(HandlerError::Refused(e))) => Err(HandshakeFail::Error(e)),
        Ok(Err(HandlerError::Russh(e))) => Err(HandshakeFail::Error(russh_error(host, e))),
    }
}

async fn authenticate(
    handle: &mut Handle<Client>,
    host: &str,
    opts: &SshOptions,
) -> Result<(), SshError> {
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
                    match handle
                        .authenticate_publickey_with(user, key, hash, &mut agent)
                        .await
                    {
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
        let r = handle
            .authenticate_publickey(user, key)
            .await
            .map_err(|e| russh_error(host, e))?;
        if r.success() {
            return Ok(());
        }
    }
    if let Some(password) = &opts.password {
        tried.push("password".to_string());
        let r = handle
            .authenticate_password(user, password.as_str())
            .await
            .map_err(|e| russh_error(host, e))?;
        if r.success() {
            return Ok(());
        }
    }
    Err(SshError::AuthFailed {
        host: host.to_string(),
        user: user.to_string(),
        tried,
    })
}

fn agent_key_name(key: &PublicKey, comment: &str) -> String {
    if comment.is_empty() {
        hostkeys::fingerprint(key)
    } else {
        comment.to_string()
    }
}

async fn rsa_hash(handle: &Handle<Client>, key: &PublicKey) -> Option<russh::keys::HashAlg> {
    if !key.algorithm().is_rsa() {
        return None;
    }
    handle
        .best_supported_rsa_hash()
        .await
        .ok()
        .flatten()
        .flatten()
}

enum Stream {
    Stdout,
    Stderr,
}

/// Opens a session channel, runs `command`, streams `stdin` then EOF, and feeds output to
/// `sink` until the channel closes. Returns the exit status.
async fn run_command(
    handle: &Handle<Client>,
    host: &str,
    command: &str,
    stdin: &[u8],
    mut sink: impl FnMut(Stream, &[u8]),
) -> Result<u32, SshError> {
    let channel = handle
        .channel_open_session()
        .await
        .map_err(|e| russh_error(host, e))?;
    channel
        .exec(true, command)
        .await
        .map_err(|e| russh_error(host, e))?;
    let (mut reader, writer) = channel.split();
    let write = async {
        if !stdin.is_empty() {
            writer.data(stdin).await?;
        }
        writer.eof().await
    };
    let read = async {
        let mut status = None;
        while let Some(msg) = reader.wait().await {
            match msg {
                ChannelMsg::Data { data } => sink(Stream::Stdout, &data),
                ChannelMsg::ExtendedData { data, ext: 1 } => sink(Stream::Stderr, &data),
                ChannelMsg::ExitStatus { exit_status } => status = Some(exit_status),
                ChannelMsg::ExitSignal { signal_name, .. } => {
                    status = Some(128 + signal_number(&signal_name));
                }
                _ => {}
            }
        }
        status
    };
    tokio::pin!(write, read);
    let mut writing = true;
    // Reading must go on while stdin is written (the remote may echo it back); once the
    // channel is closed, an unfinished write is abandoned.
    let status = loop {
        tokio::select! {
            r = &mut write, if writing => {
                writing = false;
                if let Err(e) = r {
                    tracing::debug!("stdin to {host} not fully delivered: {e}");
                }
            }
            status = &mut read => break status,
        }
    };
    Ok(status.unwrap_or(255))
}

fn signal_number(sig: &Sig) -> u32 {
    match sig {
        Sig::HUP => 1,
        Sig::INT => 2,
        Sig::QUIT => 3,
        Sig::ILL => 4,
        Sig::ABRT => 6,
        Sig::FPE => 8,
        Sig::KILL => 9,
        Sig::USR1 => 10,
        Sig::SEGV => 11,
        Sig::PIPE => 13,
        Sig::ALRM => 14,
        Sig::TERM => 15,
        Sig::Custom(_) => 127,
    }
}

async fn close(handle: Handle<Client>) {
    let bye = handle.disconnect(Disconnect::ByApplication, "", "en");
    if let Ok(Err(e)) = timeout(Duration::from_millis(500), bye).await {
        tracing::debug!("disconnect: {e}");
    }
}

fn timed_out(host: &str, phase: Phase, after: Duration) -> SshError {
    SshError::Timeout {
        host: host.to_string(),
        phase,
        after,
    }
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

fn russh_error(host: &str, e: russh::Error) -> SshError {
    SshError::protocol(host, e)
}

/// Errors the handler reports out of the handshake.
#[derive(Debug)]
enum HandlerError {
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
struct Client {
    host: String,
    port: u16,
    files: Vec<std::path::PathBuf>,
    own: std::path::PathBuf,
    accept_new: bool,
}

impl client::Handler for Client {
    type Error = HandlerError;

    async fn check_server_key(
        &mut self,
        offered: &PublicKeyOrCertificate,
    ) -> Result<bool, HandlerError> {
        let PublicKeyOrCertificate::PublicKey { key, .. } = offered else {
            return Err(HandlerError::Refused(SshError::protocol(
                &self.host,
                "the server offered a host certificate, which kato does not support",
            )));
        };
        match hostkeys::check_host_key(&self.host, self.port, key, &self.files) {
            HostKeyStatus::Known => Ok(true),
            HostKeyStatus::Changed { file, line } => {
                Err(HandlerError::Refused(SshError::HostKeyChanged {
                    host: self.host.clone(),
                    file,
                    line,
                }))
            }
            HostKeyStatus::Unknown if self.accept_new => {
                hostkeys::learn_host_key(&self.host, self.port, key, &self.own)
                    .map_err(HandlerError::Refused)?;
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
