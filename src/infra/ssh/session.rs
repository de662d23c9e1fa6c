//! Running commands on other nodes: [`exec`], [`exec_streaming`], [`exec_blocking`], and
//! [`fan_out`] for bounded concurrency over many nodes.
//!
//! Connecting and authenticating live in [`super::connect`]; here [`exec`] gives the
//! command `command_timeout` to finish, while streaming runs until the remote command ends
//! or the future is dropped.

use std::future::Future;
use std::io::Write;
use std::sync::Arc;
use std::time::Duration;

use russh::client::Handle;
use russh::{ChannelMsg, Disconnect, Sig};
use tokio::task::JoinSet;
use tokio::time::{Instant, timeout, timeout_at};

use super::connect::{Client, open, russh_error, timed_out};
use super::error::{Phase, SshError};
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
pub async fn exec(host: &str, opts: &SshOptions, command: &str, stdin: &[u8]) -> Result<RemoteOutput, SshError> {
    let handle = open(host, opts).await?;
    let mut out = RemoteOutput::default();
    let limit = Some(opts.command_timeout);
    let run = run_command(&handle, host, command, stdin, limit, |stream, data| match stream {
        Stream::Stdout => out.stdout.extend_from_slice(data),
        Stream::Stderr => out.stderr.extend_from_slice(data),
    });
    let status = run.await;
    close(handle).await;
    out.status = status?;
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
    let status = run_command(&handle, host, command, stdin, None, |stream, data| match stream {
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
pub fn exec_blocking(host: &str, opts: &SshOptions, command: &str, stdin: &[u8]) -> Result<RemoteOutput, SshError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| SshError::protocol(host, format_args!("cannot start async runtime: {e}")))?;
    rt.block_on(exec(host, opts, command, stdin))
}

/// Connections kept open for the length of one kato command: the first request to a
/// node pays the SSH handshake, later ones only open a channel on the same connection.
pub struct Sessions {
    rt: tokio::runtime::Runtime,
    open: std::collections::HashMap<String, Handle<Client>>,
    /// Options with the jump-host pool of this runtime (set on first use).
    opts: Option<SshOptions>,
}

impl Sessions {
    pub fn new() -> Result<Sessions, SshError> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| SshError::protocol("localhost", format_args!("cannot start async runtime: {e}")))?;
        Ok(Sessions { rt, open: std::collections::HashMap::new(), opts: None })
    }

    /// Like [`exec`], reusing this node's connection when one is open.
    pub fn exec(
        &mut self,
        host: &str,
        opts: &SshOptions,
        command: &str,
        stdin: &[u8],
    ) -> Result<RemoteOutput, SshError> {
        let Sessions { rt, open: conns, opts: pooled } = self;
        let opts: &SshOptions = pooled.get_or_insert_with(|| opts.with_shared_jumps());
        rt.block_on(async {
            let stale = conns.get(host).is_some_and(|h| h.is_closed());
            if stale {
                conns.remove(host);
            }
            if !conns.contains_key(host) {
                conns.insert(host.to_string(), open(host, opts).await?);
            }
            let handle = conns.get(host).expect("inserted above");
            let mut out = RemoteOutput::default();
            let status =
                run_command(handle, host, command, stdin, Some(opts.command_timeout), |stream, data| match stream {
                    Stream::Stdout => out.stdout.extend_from_slice(data),
                    Stream::Stderr => out.stderr.extend_from_slice(data),
                })
                .await;
            if status.is_err() {
                // A connection that failed a command is not trusted for the next one.
                if let Some(h) = conns.remove(host) {
                    close(h).await;
                }
            }
            out.status = status?;
            Ok(out)
        })
    }
}

impl Drop for Sessions {
    fn drop(&mut self) {
        let conns: Vec<Handle<Client>> = self.open.drain().map(|(_, h)| h).collect();
        self.rt.block_on(async {
            for h in conns {
                close(h).await;
            }
        });
    }
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
    hosts.into_iter().zip(results).filter_map(|(h, r)| r.map(|r| (h, r))).collect()
}

enum Stream {
    Stdout,
    Stderr,
}

/// Opens a session channel, runs `command`, streams `stdin` then EOF, and feeds output to
/// `sink` until the channel closes. Returns the exit status. With a `limit`, the whole run
/// must finish within it; on expiry the remote command is sent SIGTERM (honoured by
/// OpenSSH for the session's process) and [`SshError::Timeout`] is returned.
async fn run_command(
    handle: &Handle<Client>,
    host: &str,
    command: &str,
    stdin: &[u8],
    limit: Option<Duration>,
    mut sink: impl FnMut(Stream, &[u8]),
) -> Result<u32, SshError> {
    let deadline = limit.map(|d| (Instant::now() + d, d));
    let expired = |d: Duration| timed_out(host, Phase::Command, d);
    let start = async {
        let channel = handle.channel_open_session().await.map_err(|e| russh_error(host, e))?;
        channel.exec(true, command).await.map_err(|e| russh_error(host, e))?;
        Ok::<_, SshError>(channel)
    };
    let channel = match deadline {
        Some((at, d)) => timeout_at(at, start).await.map_err(|_| expired(d))??,
        None => start.await?,
    };
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
    let expiry = async {
        match deadline {
            Some((at, _)) => tokio::time::sleep_until(at).await,
            None => std::future::pending().await,
        }
    };
    tokio::pin!(write, read, expiry);
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
            () = &mut expiry => {
                let stop = writer.signal(Sig::TERM);
                if let Ok(Err(e)) = timeout(Duration::from_millis(500), stop).await {
                    tracing::debug!("cannot signal the timed-out command on {host}: {e}");
                }
                let after = deadline.map_or(Duration::ZERO, |(_, d)| d);
                return Err(expired(after));
            }
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

/// Says goodbye and waits (briefly) for the connection task to finish, so the socket is
/// closed, and the remote session ended, by the time the caller gets its result.
async fn close(mut handle: Handle<Client>) {
    let bye = handle.disconnect(Disconnect::ByApplication, "", "en");
    if let Ok(Err(e)) = timeout(Duration::from_millis(500), bye).await {
        tracing::debug!("disconnect: {e}");
    }
    if let Ok(Err(e)) = timeout(Duration::from_millis(500), &mut handle).await {
        tracing::debug!("connection ended with: {e:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn fan_out_keeps_input_order_and_respects_the_bound() {
        let hosts: Vec<String> = (0..20).map(|i| format!("h{i}")).collect();
        let running = Arc::new(AtomicUsize::new(0));
        let peak = Arc::new(AtomicUsize::new(0));
        let results = fan_out(hosts.clone(), 4, |h| {
            let (running, peak) = (running.clone(), peak.clone());
            async move {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(now, Ordering::SeqCst);
                // later hosts finish first
                let n: u64 = h[1..].parse().unwrap_or(0);
                tokio::time::sleep(Duration::from_millis(40 - 2 * n)).await;
                running.fetch_sub(1, Ordering::SeqCst);
                h.len()
            }
        })
        .await;
        let got: Vec<&String> = results.iter().map(|(h, _)| h).collect();
        assert_eq!(got, hosts.iter().collect::<Vec<_>>());
        assert!(results.iter().all(|(h, n)| h.len() == *n));
        assert!(peak.load(Ordering::SeqCst) <= 4);
    }

    #[tokio::test]
    async fn fan_out_with_zero_bound_and_no_hosts() {
        assert!(fan_out(Vec::new(), 0, |h| async move { h }).await.is_empty());
        let r = fan_out(vec!["a".into()], 0, |h| async move { h + "!" }).await;
        assert_eq!(r, vec![("a".to_string(), "a!".to_string())]);
    }

    #[test]
    fn signals_map_to_shell_statuses() {
        assert_eq!(128 + signal_number(&Sig::TERM), 143);
        assert_eq!(128 + signal_number(&Sig::KILL), 137);
    }
}
