//! Starting, probing and stopping the node's supervisord.
//!
//! supervisord is launched with `supervisord -c <conf>` and daemonizes
//! itself; it is found through its socket and pidfile under the kato root,
//! and is only ever signalled by the PID in its own pidfile (after checking
//! that this PID still runs our config), never by name.

use std::fs::{self, File};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use nix::errno::Errno;
use nix::sys::signal::{self, Signal};
use nix::unistd::Pid;

pub use super::apply::{ApplyReport, apply_programs};
use super::client::Supervisor;
use super::error::SupervisorError;
use super::paths::SupervisorPaths;
use super::render::render_main_conf;

/// Poll interval while waiting for supervisord to come up or go away.
const POLL: Duration = Duration::from_millis(20);
/// Bound of a single probe of the socket.
const PROBE: Duration = Duration::from_millis(500);
/// Fallback location of the binary when it is not on PATH.
const DEFAULT_BINARY: &str = "/usr/bin/supervisord";

/// Quick check: does supervisord answer `getState` on its socket?
pub fn is_running(paths: &SupervisorPaths) -> bool {
    Supervisor::connect(&paths.socket, PROBE).get_state().is_ok()
}

/// Makes sure supervisord runs with the current main config and returns a
/// client for it (whose calls are bounded by `timeout`).
///
/// Writes `supervisord.conf`, returns at once if the socket answers, and
/// otherwise clears a stale socket/pidfile and launches supervisord, waiting
/// up to `timeout` for it to answer. A running supervisord does not pick up
/// changes to the main config until it is restarted.
pub fn ensure_running(
    paths: &SupervisorPaths,
    identifier: &str,
    timeout: Duration,
) -> Result<Supervisor, SupervisorError> {
    ensure_running_within(paths, identifier, timeout, timeout)
}

/// [`ensure_running`], giving a supervisord it has to launch `start` to answer (it may
/// take longer than one request should on a busy machine) and the client `timeout`.
pub fn ensure_running_within(
    paths: &SupervisorPaths,
    identifier: &str,
    timeout: Duration,
    start: Duration,
) -> Result<Supervisor, SupervisorError> {
    let deadline = Instant::now() + timeout;
    // A running supervisord is used as it is (its config may belong to root).
    if is_running(paths) {
        return Ok(Supervisor::connect(&paths.socket, timeout));
    }
    let conf = render_main_conf(paths, identifier)?;
    for dir in [paths.conf.parent(), Some(paths.conf_d.as_path())].into_iter().flatten() {
        if !dir.exists() {
            create_dir(dir)?;
            crate::infra::files::own(dir, config_mode().0).map_err(|e| SupervisorError::Write {
                path: dir.to_path_buf(),
                source: std::io::Error::other(crate::error::one_line(&e)),
            })?;
        }
    }
    for dir in [paths.socket.parent(), paths.pidfile.parent(), Some(paths.logdir.as_path())].into_iter().flatten() {
        create_dir(dir)?;
    }
    let _lock = lock(&paths.lockfile(), timeout)?;
    write_atomic(&paths.conf, &conf)?;

    let sup = Supervisor::connect(&paths.socket, timeout);
    if probe(paths, deadline).is_ok() {
        return Ok(sup);
    }
    if let Some(pid) = our_live_pid(paths) {
        // Ours and alive: it may still be starting up, or be hung.
        if wait_for_answer(paths, deadline) {
            return Ok(sup);
        }
        return Err(SupervisorError::Unresponsive { pid: pid.as_raw(), socket: paths.socket.clone(), timeout });
    }
    remove_if_exists(&paths.socket)?;
    remove_if_exists(&paths.pidfile)?;

    let mut child = launch(paths)?;
    let timeout = start;
    let deadline = Instant::now() + timeout;
    let mut launcher_done = false;
    loop {
        if !launcher_done {
            match child.try_wait() {
                Ok(Some(status)) if status.success() => launcher_done = true,
                Ok(Some(status)) => {
                    let said = tail_lines(&paths.launch_log(), 3);
                    return Err(SupervisorError::StartFailed {
                        detail: format!("it exited with {status}: {said}"),
                        log_tail: tail_lines(&paths.main_log(), 5),
                    });
                }
                Ok(None) => {}
                Err(_) => launcher_done = true,
            }
        }
        if probe(paths, deadline).is_ok() {
            if !launcher_done {
                // The launcher exits right after forking the daemon; reap it
                // so it does not linger as a zombie in a long-lived caller.
                let reap_by = Instant::now() + Duration::from_millis(200);
                wait_until(reap_by, || !matches!(child.try_wait(), Ok(None)));
            }
            return Ok(sup);
        }
        if Instant::now() >= deadline {
            return Err(SupervisorError::StartTimeout {
                socket: paths.socket.clone(),
                timeout,
                log_tail: tail_lines(&paths.main_log(), 5),
            });
        }
        thread::sleep(POLL);
    }
}

/// Stops supervisord (and with it all its programs): `shutdown` over
/// XML-RPC, then waits for the pidfile's PID to exit. Only if that fails is
/// that PID sent SIGTERM, and SIGKILL as the last resort. Returns whether a
/// supervisord was running.
pub fn stop(paths: &SupervisorPaths, timeout: Duration) -> Result<bool, SupervisorError> {
    let deadline = Instant::now() + timeout;
    if !paths.socket.parent().is_some_and(Path::exists) {
        // Never started under this root.
        return Ok(false);
    }
    let _lock = lock(&paths.lockfile(), timeout)?;
    let pid = our_live_pid(paths);
    let rpc = Supervisor::connect(&paths.socket, timeout.min(Duration::from_secs(2)));
    let shut_down = rpc.shutdown().is_ok();
    let Some(pid) = pid else {
        if shut_down {
            // Answered but left no usable pidfile: wait for the socket to go.
            wait_until(deadline, || !is_running(paths));
        }
        remove_if_exists(&paths.socket)?;
        return Ok(shut_down);
    };

    // Give an orderly shutdown most of the time; then escalate.
    let term_at = if shut_down { deadline - timeout / 4 } else { Instant::now() };
    if !wait_until(term_at, || !pid_alive(pid)) {
        let _ = signal::kill(pid, Signal::SIGTERM);
        let kill_at = deadline - timeout / 10;
        if !wait_until(kill_at, || !pid_alive(pid)) {
            let _ = signal::kill(pid, Signal::SIGKILL);
            if !wait_until(deadline, || !pid_alive(pid)) {
                return Err(SupervisorError::StopTimeout { pid: pid.as_raw(), timeout });
            }
        }
    }
    remove_if_exists(&paths.socket)?;
    remove_if_exists(&paths.pidfile)?;
    Ok(true)
}

/// The PID in the pidfile, if that process is alive and runs our config
/// (guards against PID reuse after a crash).
pub fn our_live_pid(paths: &SupervisorPaths) -> Option<Pid> {
    let text = fs::read_to_string(&paths.pidfile).ok()?;
    let raw: i32 = text.trim().parse().ok()?;
    if raw <= 1 {
        return None;
    }
    let pid = Pid::from_raw(raw);
    if !pid_alive(pid) {
        return None;
    }
    match fs::read(format!("/proc/{raw}/cmdline")) {
        Ok(cmdline) => {
            let conf = paths.conf.to_string_lossy();
            let ours = cmdline.split(|b| *b == 0).any(|arg| arg == conf.as_bytes());
            ours.then_some(pid)
        }
        // No /proc: trust the pidfile.
        Err(_) => Some(pid),
    }
}

/// Whether `pid` exists and is not a zombie (an init that does not reap
/// would otherwise make a dead supervisord look alive).
pub fn pid_alive(pid: Pid) -> bool {
    match signal::kill(pid, None) {
        Ok(()) | Err(Errno::EPERM) => {}
        Err(_) => return false,
    }
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        // Format: "pid (comm) S ...", comm may contain spaces and parens.
        Ok(stat) => stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_none_or(|state| state != "Z" && state != "X"),
        Err(_) => false,
    }
}

fn probe(paths: &SupervisorPaths, deadline: Instant) -> Result<(), SupervisorError> {
    let left = deadline.saturating_duration_since(Instant::now()).clamp(Duration::from_millis(50), PROBE);
    Supervisor::connect(&paths.socket, left).get_state().map(drop)
}

fn wait_for_answer(paths: &SupervisorPaths, deadline: Instant) -> bool {
    wait_until(deadline, || probe(paths, deadline).is_ok())
}

/// Polls `done` every [`POLL`] until it is true (→ true) or `deadline` passes.
fn wait_until(deadline: Instant, mut done: impl FnMut() -> bool) -> bool {
    loop {
        if done() {
            return true;
        }
        if Instant::now() >= deadline {
            return false;
        }
        thread::sleep(POLL);
    }
}

/// The supervisord binary: `$KATO_SUPERVISORD`, else `supervisord` on PATH,
/// else `/usr/bin/supervisord`.
pub fn supervisord_binary() -> Result<PathBuf, SupervisorError> {
    if let Some(name) = std::env::var_os("KATO_SUPERVISORD").filter(|v| !v.is_empty()) {
        let path = PathBuf::from(&name);
        if path.components().count() > 1 {
            return Ok(path);
        }
        return search_path(&path.to_string_lossy()).ok_or(SupervisorError::BinaryNotFound);
    }
    search_path("supervisord")
        .or_else(|| Some(PathBuf::from(DEFAULT_BINARY)).filter(|p| is_executable(p)))
        .ok_or(SupervisorError::BinaryNotFound)
}

fn search_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| is_executable(p))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// Runs `supervisord -c <conf>`; its output before daemonizing goes to the
/// launch log so nothing can block on a pipe.
fn launch(paths: &SupervisorPaths) -> Result<Child, SupervisorError> {
    let binary = supervisord_binary()?;
    let log_path = paths.launch_log();
    let write_err = |source| SupervisorError::Write { path: log_path.clone(), source };
    let out = crate::infra::files::open_state(&log_path, crate::infra::files::STATE_FILE, false)
        .map_err(|e| write_err(std::io::Error::other(crate::error::one_line(&e))))?;
    out.set_len(0).map_err(write_err)?;
    let err = out.try_clone().map_err(write_err)?;
    let mut cmd = Command::new(&binary);
    // supervisord opens its own log before it applies `umask=007`: start it with that mask.
    // SAFETY: umask(2) is async-signal-safe and touches only the child's own state.
    unsafe {
        use std::os::unix::process::CommandExt;
        cmd.pre_exec(|| {
            nix::sys::stat::umask(nix::sys::stat::Mode::from_bits_truncate(0o007));
            Ok(())
        });
    }
    cmd.arg("-c").arg(&paths.conf).current_dir("/").stdin(Stdio::null()).stdout(out).stderr(err).spawn().map_err(|e| {
        SupervisorError::StartFailed {
            detail: format!("cannot run {}: {e}", binary.display()),
            log_tail: tail_lines(&paths.main_log(), 5),
        }
    })
}

/// The last `n` non-empty lines of a log, joined with ` | ` (one line).
pub fn tail_lines(path: &Path, n: usize) -> String {
    const WINDOW: u64 = 8 * 1024;
    let Ok(mut file) = File::open(path) else {
        return format!("(no log at {})", path.display());
    };
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let _ = file.seek(SeekFrom::Start(len.saturating_sub(WINDOW)));
    let mut buf = Vec::new();
    let _ = file.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf);
    let lines: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.is_empty() {
        return format!("(empty log {})", path.display());
    }
    lines[lines.len().saturating_sub(n)..].join(" | ")
}

/// Whether this process may write supervisord's configuration (when root started
/// supervisord, its configuration is root's: members go through the privileged entry).
pub fn config_writable(paths: &SupervisorPaths) -> bool {
    use nix::unistd::{AccessFlags, access};
    let probe =
        if paths.conf_d.exists() { paths.conf_d.as_path() } else { paths.conf.parent().unwrap_or(&paths.conf_d) };
    !probe.exists() || access(probe, AccessFlags::W_OK).is_ok()
}

/// Modes of supervisord's configuration (folder, files): root's is for root to write
/// (the programs it names run as root); an operator's own supervisord's is the kato
/// group's.
pub fn config_mode() -> (u32, u32) {
    if nix::unistd::geteuid().is_root() {
        (0o755, 0o644)
    } else {
        (crate::infra::files::STATE_DIR, crate::infra::files::STATE_FILE)
    }
}

fn create_dir(dir: &Path) -> Result<(), SupervisorError> {
    crate::infra::files::state_dir(dir).map_err(|e| SupervisorError::Write {
        path: dir.to_path_buf(),
        source: std::io::Error::other(crate::error::one_line(&e)),
    })
}

fn remove_if_exists(path: &Path) -> Result<(), SupervisorError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(source) => Err(SupervisorError::Write { path: path.to_path_buf(), source }),
    }
}

/// Writes `content` to `path` via a temp file and rename, unless the file
/// already holds exactly that. Returns whether it wrote.
pub fn write_atomic(path: &Path, content: &str) -> Result<bool, SupervisorError> {
    if fs::read(path).is_ok_and(|old| old == content.as_bytes()) {
        return Ok(false);
    }
    let write_err = |source| SupervisorError::Write { path: path.to_path_buf(), source };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // A dot-name with a non-.conf suffix keeps the include glob from seeing it.
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = fs::write(&tmp, content)
        .and_then(|()| {
            crate::infra::files::own(&tmp, config_mode().1).map_err(|e| std::io::Error::other(e.to_string()))
        })
        .and_then(|()| fs::rename(&tmp, path));
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(write_err)?;
    Ok(true)
}

/// An exclusive lock on a file, released on drop.
struct LockGuard(File);

impl Drop for LockGuard {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

fn lock(path: &Path, timeout: Duration) -> Result<LockGuard, SupervisorError> {
    let file = crate::infra::files::open_state(path, crate::infra::files::STATE_FILE, false).map_err(|e| {
        SupervisorError::Write { path: path.to_path_buf(), source: std::io::Error::other(crate::error::one_line(&e)) }
    })?;
    let deadline = Instant::now() + timeout;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(LockGuard(file)),
            Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => thread::sleep(POLL),
            Err(fs::TryLockError::WouldBlock) => {
                return Err(SupervisorError::LockTimeout { path: path.to_path_buf(), timeout });
            }
            Err(fs::TryLockError::Error(source)) => {
                return Err(SupervisorError::Write { path: path.to_path_buf(), source });
            }
        }
    }
}
