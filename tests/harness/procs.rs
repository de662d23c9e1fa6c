//! Processes the tests start, looked up through /proc and stopped by their pid — never by
//! name, so that nothing else on the machine is touched.

use std::ops::{Deref, DerefMut};
use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

use nix::sys::signal::{Signal, kill};
use nix::unistd::Pid;

use super::wait::eventually;

/// The fields of `/proc/<pid>/stat` after the parenthesised command: state, ppid, …
fn stat(pid: i32) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let (_, rest) = text.rsplit_once(')')?;
    Some(rest.split_whitespace().map(str::to_string).collect())
}

/// Whether `pid` is a live process (a zombie, which its parent may never reap, is dead).
pub fn alive(pid: i32) -> bool {
    if pid <= 0 || kill(Pid::from_raw(pid), None).is_err() {
        return false;
    }
    stat(pid).and_then(|f| f.first().cloned()).is_some_and(|state| state != "Z" && state != "X")
}

/// Every pid on the machine.
pub fn pids() -> Vec<i32> {
    std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_string_lossy().parse().ok())
        .collect()
}

/// `pid` and all its descendants, parents before children.
pub fn tree(pid: i32) -> Vec<i32> {
    let mut found = vec![pid];
    let mut k = 0;
    while k < found.len() {
        let parent = found[k];
        for p in pids() {
            let ppid = stat(p).and_then(|f| f.get(1)?.parse::<i32>().ok());
            if ppid == Some(parent) && !found.contains(&p) {
                found.push(p);
            }
        }
        k += 1;
    }
    found
}

/// The pid written in `pidfile`, if it holds one (never 0, 1 or this process).
pub fn read_pidfile(pidfile: &Path) -> Option<i32> {
    let pid: i32 = std::fs::read_to_string(pidfile).ok()?.trim().parse().ok()?;
    (pid > 1 && pid != std::process::id() as i32).then_some(pid)
}

/// Sends `signal` to `pid`; whether it was delivered (false: the process is gone).
pub fn signal(pid: i32, signal: Signal) -> bool {
    kill(Pid::from_raw(pid), signal).is_ok()
}

/// Stops `pid` (not our child): SIGTERM, and SIGKILL if it still lives after `grace`.
pub fn stop_pid(pid: i32, grace: Duration) {
    if !alive(pid) {
        return;
    }
    signal(pid, Signal::SIGTERM);
    if !eventually(grace, || !alive(pid)) {
        signal(pid, Signal::SIGKILL);
        eventually(Duration::from_secs(5), || !alive(pid));
    }
}

/// Stops our child by its pid: SIGTERM, SIGKILL if it still runs after `grace`; reaped.
pub fn stop_child(child: &mut Child, grace: Duration) {
    signal(child.id() as i32, Signal::SIGTERM);
    let deadline = Instant::now() + grace;
    while Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// A child process that is stopped (see [`stop_child`]) when the guard drops, also when
/// the test fails.
pub struct Guard {
    child: Child,
    grace: Duration,
}

impl Guard {
    /// Guards `child`, giving it `grace` to exit after SIGTERM (zero: SIGKILL at once).
    pub fn new(child: Child, grace: Duration) -> Guard {
        Guard { child, grace }
    }
}

impl Deref for Guard {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.child
    }
}

impl DerefMut for Guard {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.child
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        stop_child(&mut self.child, self.grace);
    }
}
