//! A throwaway local user for tests that need a non-root or password login. Created with
//! `useradd` + `chpasswd`, removed with `userdel -r` on drop. Root's password is never
//! touched (root is password-locked on the CI image and stays so).

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

static USER_COUNTER: AtomicU32 = AtomicU32::new(0);

/// A throwaway local user with a password, for password-authentication tests; deleted
/// (with its home) on drop. Root's own password is never touched.
pub struct TempUser {
    pub name: String,
    pub password: String,
}

impl TempUser {
    /// Creates the user, or returns `None` (with a message) if `useradd` is unavailable.
    pub fn create() -> Option<TempUser> {
        let n = USER_COUNTER.fetch_add(1, Ordering::SeqCst);
        let name = format!("katot{}x{n}", std::process::id());
        let password = format!("pw-{}-{n}-Zq9", std::process::id());
        let ok = Command::new("useradd").args(["-m", "-s", "/bin/sh", &name]).status().is_ok_and(|s| s.success());
        if !ok {
            eprintln!("skipping: cannot create a test user with useradd");
            return None;
        }
        let user = TempUser { name, password };
        let mut chpasswd = Command::new("chpasswd").stdin(Stdio::piped()).spawn().expect("spawn chpasswd");
        if let Some(mut stdin) = chpasswd.stdin.take() {
            writeln!(stdin, "{}:{}", user.name, user.password).expect("feed chpasswd");
        }
        assert!(chpasswd.wait().is_ok_and(|s| s.success()), "chpasswd failed");
        Some(user)
    }
}

impl Drop for TempUser {
    fn drop(&mut self) {
        // userdel refuses while the user still owns processes (e.g. a session sshd or a
        // zombie that pid 1 has not reaped yet); retry for a while, then force it.
        let deadline = Instant::now() + Duration::from_secs(3);
        loop {
            let force = Instant::now() > deadline;
            let mut cmd = Command::new("userdel");
            cmd.arg("-r");
            if force {
                cmd.arg("-f");
            }
            let done =
                cmd.arg(&self.name).stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success());
            if done || force {
                if !done {
                    eprintln!("warning: could not delete test user {}", self.name);
                }
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
