//! Synchronous XML-RPC client for supervisord on its unix socket.
//!
//! Each call opens a fresh connection, sends one `POST /RPC2` with HTTP/1.0
//! (supervisord's medusa server closes the connection after replying), and
//! reads the reply under a deadline, so a hung peer yields
//! [`SupervisorError::Timeout`] instead of hanging kato.

use std::borrow::Cow;
use std::io::{ErrorKind, Read, Write};
use std::os::fd::AsRawFd;
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use dxr::{MethodCall, TryFromValue, TryToParams, Value};
use dxr_client::utils::{request_to_body, response_to_result};
use nix::errno::Errno;
use nix::sys::socket::{self, AddressFamily, SockFlag, SockType, UnixAddr};

use super::error::{Fault, SupervisorError};

/// Replies larger than this are treated as a protocol error.
const MAX_REPLY: usize = 64 * 1024 * 1024;
/// Extra time allowed to calls that wait for a process to start or stop
/// (covers `startsecs` and supervisord's default `stopwaitsecs=10`).
const WAIT_EXTRA: Duration = Duration::from_secs(15);

/// supervisord's own state (`getState`).
#[derive(Debug, Clone, PartialEq, Eq, TryFromValue)]
pub struct SupervisorState {
    /// 2 RUNNING, 1 RESTARTING, 0 SHUTDOWN, -1 FATAL.
    pub statecode: i32,
    pub statename: String,
}

/// One process as reported by `getProcessInfo`/`getAllProcessInfo`.
#[derive(Debug, Clone, PartialEq, Eq, TryFromValue)]
pub struct ProcessInfo {
    pub name: String,
    pub group: String,
    /// STOPPED, STARTING, RUNNING, BACKOFF, STOPPING, EXITED, FATAL, UNKNOWN.
    pub statename: String,
    pub state: i32,
    /// 0 when not running.
    pub pid: i32,
    pub description: String,
    pub exitstatus: i32,
    pub spawnerr: String,
    /// Unix timestamps (seconds).
    pub start: i32,
    pub stop: i32,
    pub now: i32,
}

impl ProcessInfo {
    /// RUNNING.
    pub fn is_running(&self) -> bool {
        self.statename == "RUNNING"
    }

    /// Running or about to run (STARTING, RUNNING, BACKOFF): the states in
    /// which supervisord would keep the process up.
    pub fn is_up(&self) -> bool {
        matches!(self.statename.as_str(), "STARTING" | "RUNNING" | "BACKOFF")
    }
}

/// A handle to the supervisord listening on one unix socket.
#[derive(Debug, Clone)]
pub struct Supervisor {
    socket: PathBuf,
    timeout: Duration,
    wait_timeout: Duration,
}

impl Supervisor {
    /// A client for the socket; `timeout` bounds every call (connect, send,
    /// receive). Calls with `wait=true` get `timeout` plus 15 s, since
    /// supervisord only answers them once the process changed state.
    /// Does not touch the socket yet; use [`Supervisor::get_state`] to probe.
    pub fn connect(socket: impl Into<PathBuf>, timeout: Duration) -> Self {
        Supervisor { socket: socket.into(), timeout, wait_timeout: timeout + WAIT_EXTRA }
    }

    /// Overrides the bound for calls that wait for a process state change.
    pub fn with_wait_timeout(mut self, wait_timeout: Duration) -> Self {
        self.wait_timeout = wait_timeout;
        self
    }

    /// The socket this client talks to.
    pub fn socket(&self) -> &Path {
        &self.socket
    }

    /// The bound on plain calls.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// The bound on calls that wait for a process state change.
    pub fn wait_timeout(&self) -> Duration {
        self.wait_timeout
    }

    /// `supervisor.getState`.
    pub fn get_state(&self) -> Result<SupervisorState, SupervisorError> {
        self.call("supervisor.getState", (), self.timeout)
    }

    /// `supervisor.getAllProcessInfo`.
    pub fn get_all_process_info(&self) -> Result<Vec<ProcessInfo>, SupervisorError> {
        self.call("supervisor.getAllProcessInfo", (), self.timeout)
    }

    /// `supervisor.getProcessInfo`; `name` is `group:process` or just the
    /// program name for single-process groups.
    pub fn get_process_info(&self, name: &str) -> Result<ProcessInfo, SupervisorError> {
        self.call("supervisor.getProcessInfo", name, self.timeout)
    }

    /// `supervisor.startProcess`. With `wait`, returns once the process is
    /// RUNNING (after `startsecs`) or fails. Fails with fault 60
    /// ALREADY_STARTED if it runs already; see [`Supervisor::ensure_started`].
    pub fn start_process(&self, name: &str, wait: bool) -> Result<bool, SupervisorError> {
        self.call("supervisor.startProcess", (name, wait), self.bound(wait))
    }

    /// `supervisor.stopProcess`. Fails with fault 70 NOT_RUNNING if it is not
    /// running; see [`Supervisor::ensure_stopped`].
    pub fn stop_process(&self, name: &str, wait: bool) -> Result<bool, SupervisorError> {
        self.call("supervisor.stopProcess", (name, wait), self.bound(wait))
    }

    /// `supervisor.signalProcess`: send `signal` (a name such as `USR2`) to the process.
    pub fn signal_process(&self, name: &str, signal: &str) -> Result<bool, SupervisorError> {
        self.call("supervisor.signalProcess", (name, signal), self.timeout)
    }

    /// Starts `name` unless it already runs (ALREADY_STARTED is success).
    /// Returns whether this call started it.
    pub fn ensure_started(&self, name: &str, wait: bool) -> Result<bool, SupervisorError> {
        match self.start_process(name, wait) {
            Ok(_) => Ok(true),
            Err(e) if e.is_already_started() => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Stops `name` unless it is not running (NOT_RUNNING is success).
    /// Returns whether this call stopped it.
    pub fn ensure_stopped(&self, name: &str, wait: bool) -> Result<bool, SupervisorError> {
        match self.stop_process(name, wait) {
            Ok(_) => Ok(true),
            Err(e) if e.is_not_running() => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// `supervisor.reloadConfig`: rereads the config files (without applying
    /// them) and returns the group names `(added, changed, removed)`
    /// relative to the groups currently active.
    #[allow(clippy::type_complexity)]
    pub fn reload_config(&self) -> Result<(Vec<String>, Vec<String>, Vec<String>), SupervisorError> {
        let mut outer: Vec<Vec<Vec<String>>> = self.call("supervisor.reloadConfig", (), self.timeout)?;
        match (outer.pop(), outer.is_empty()) {
            (Some(mut lists), true) if lists.len() == 3 => {
                let removed = lists.pop().unwrap_or_default();
                let changed = lists.pop().unwrap_or_default();
                let added = lists.pop().unwrap_or_default();
                Ok((added, changed, removed))
            }
            _ => Err(self.protocol("reloadConfig did not return [[added, changed, removed]]")),
        }
    }

    /// `supervisor.addProcessGroup`: activates a group from the reread config.
    pub fn add_process_group(&self, name: &str) -> Result<(), SupervisorError> {
        self.call::<_, bool>("supervisor.addProcessGroup", name, self.timeout).map(drop)
    }

    /// `supervisor.removeProcessGroup`: drops a stopped group (fault 91
    /// STILL_RUNNING otherwise).
    pub fn remove_process_group(&self, name: &str) -> Result<(), SupervisorError> {
        self.call::<_, bool>("supervisor.removeProcessGroup", name, self.timeout).map(drop)
    }

    /// `supervisor.stopProcessGroup`: stops every process of the group that runs.
    pub fn stop_process_group(&self, name: &str, wait: bool) -> Result<(), SupervisorError> {
        self.call::<_, Value>("supervisor.stopProcessGroup", (name, wait), self.bound(wait)).map(drop)
    }

    /// `supervisor.shutdown`: supervisord stops all programs, then exits.
    pub fn shutdown(&self) -> Result<(), SupervisorError> {
        self.call::<_, bool>("supervisor.shutdown", (), self.timeout).map(drop)
    }

    fn bound(&self, wait: bool) -> Duration {
        if wait { self.wait_timeout } else { self.timeout }
    }

    fn protocol(&self, detail: impl Into<String>) -> SupervisorError {
        SupervisorError::Protocol { socket: self.socket.clone(), detail: detail.into() }
    }

    /// Performs one XML-RPC call, bounded by `timeout` overall.
    pub fn call<P: TryToParams, R: TryFromValue>(
        &self,
        method: &str,
        params: P,
        timeout: Duration,
    ) -> Result<R, SupervisorError> {
        let params =
            params.try_to_params().map_err(|e| self.protocol(format!("cannot encode arguments of {method}: {e}")))?;
        let call = MethodCall { name: Cow::Borrowed(method), params };
        let body = request_to_body(&call).map_err(|e| self.protocol(format!("cannot encode {method}: {e}")))?;
        let reply = self.post(&body, Instant::now() + timeout, timeout)?;
        let short = method.strip_prefix("supervisor.").unwrap_or(method);
        match response_to_result(&reply) {
            Ok(Ok(response)) => R::try_from_value(&response.value)
                .map_err(|e| self.protocol(format!("unexpected result of {short}: {e}"))),
            Ok(Err(fault)) => Err(SupervisorError::Fault {
                method: short.to_string(),
                fault: Fault { code: fault.fault.code(), text: fault.fault.string().to_string() },
            }),
            Err(_) => Err(self.protocol(format!("reply to {short} is not XML-RPC"))),
        }
    }

    /// Sends the HTTP request and returns the reply body.
    fn post(&self, body: &str, deadline: Instant, timeout: Duration) -> Result<String, SupervisorError> {
        let timed_out = || SupervisorError::Timeout { socket: self.socket.clone(), timeout };
        let io_err = |source: std::io::Error| {
            if matches!(source.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) {
                timed_out()
            } else {
                SupervisorError::Io { socket: self.socket.clone(), source }
            }
        };
        let mut stream = connect_until(&self.socket, deadline).map_err(|e| match e {
            ConnectError::TimedOut => timed_out(),
            ConnectError::Io(source) => SupervisorError::NotRunning { socket: self.socket.clone(), source },
        })?;

        let request = format!(
            "POST /RPC2 HTTP/1.0\r\nHost: localhost\r\nUser-Agent: kato\r\n\
             Content-Type: text/xml\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        let left = remaining(deadline).ok_or_else(timed_out)?;
        stream.set_write_timeout(Some(left)).map_err(io_err)?;
        stream.write_all(request.as_bytes()).map_err(io_err)?;

        let mut reply = Vec::new();
        let mut buf = [0u8; 16 * 1024];
        loop {
            if let Some(total) = complete_length(&reply)
                && reply.len() >= total
            {
                reply.truncate(total);
                break;
            }
            let left = remaining(deadline).ok_or_else(timed_out)?;
            stream.set_read_timeout(Some(left)).map_err(io_err)?;
            match stream.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => reply.extend_from_slice(&buf[..n]),
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(io_err(e)),
            }
            if reply.len() > MAX_REPLY {
                return Err(self.protocol("reply is larger than 64 MiB"));
            }
        }
        self.split_http(reply)
    }

    /// Checks the HTTP status and returns the body.
    fn split_http(&self, reply: Vec<u8>) -> Result<String, SupervisorError> {
        if reply.is_empty() {
            return Err(self.protocol("connection closed without a reply"));
        }
        let Some(head_end) = find(&reply, b"\r\n\r\n") else {
            return Err(self.protocol("reply has no complete HTTP header"));
        };
        let head = String::from_utf8_lossy(&reply[..head_end]);
        let status_line = head.lines().next().unwrap_or_default();
        let mut parts = status_line.split_whitespace();
        let proto = parts.next().unwrap_or_default();
        let status = parts.next().unwrap_or_default();
        if !proto.starts_with("HTTP/") {
            return Err(self.protocol(format!("not an HTTP reply: {status_line:?}")));
        }
        if status != "200" {
            return Err(self.protocol(format!("HTTP status {status_line:?}")));
        }
        String::from_utf8(reply[head_end + 4..].to_vec()).map_err(|_| self.protocol("reply body is not UTF-8"))
    }
}

fn remaining(deadline: Instant) -> Option<Duration> {
    deadline.checked_duration_since(Instant::now()).filter(|d| !d.is_zero())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Total length of the reply (header + body) once the header is complete
/// and carries a Content-Length; `None` means "read until EOF".
fn complete_length(reply: &[u8]) -> Option<usize> {
    let head_end = find(reply, b"\r\n\r\n")?;
    let head = std::str::from_utf8(&reply[..head_end]).ok()?;
    let len = head.lines().skip(1).find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim().eq_ignore_ascii_case("content-length").then(|| value.trim().parse::<usize>().ok()).flatten()
    })?;
    Some(head_end + 4 + len)
}

enum ConnectError {
    TimedOut,
    Io(std::io::Error),
}

/// Connects to a unix socket without blocking past `deadline` (a listener
/// with a full backlog makes a blocking connect wait indefinitely).
fn connect_until(path: &Path, deadline: Instant) -> Result<UnixStream, ConnectError> {
    let to_io = |e: Errno| ConnectError::Io(std::io::Error::from(e));
    let addr = UnixAddr::new(path).map_err(to_io)?;
    let fd =
        socket::socket(AddressFamily::Unix, SockType::Stream, SockFlag::SOCK_NONBLOCK | SockFlag::SOCK_CLOEXEC, None)
            .map_err(to_io)?;
    loop {
        match socket::connect(fd.as_raw_fd(), &addr) {
            Ok(()) => break,
            Err(Errno::EINTR) => continue,
            Err(Errno::EAGAIN) | Err(Errno::EINPROGRESS) => {
                if remaining(deadline).is_none() {
                    return Err(ConnectError::TimedOut);
                }
                thread::sleep(Duration::from_millis(5));
            }
            Err(e) => return Err(to_io(e)),
        }
    }
    let stream = UnixStream::from(fd);
    stream.set_nonblocking(false).map_err(ConnectError::Io)?;
    Ok(stream)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_length_is_honoured() {
        let r = b"HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nab";
        assert_eq!(complete_length(r), Some(r.len() + 1));
        assert_eq!(complete_length(b"HTTP/1.0 200 OK\r\n"), None);
        assert_eq!(complete_length(b"HTTP/1.0 200 OK\r\n\r\nabc"), None);
    }
}
