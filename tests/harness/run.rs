//! One run of a program: its exit code, its output and how long it took, with the
//! assertions tests make about it; and the runner, which bounds every run by a deadline.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// How long a run may take unless the caller says otherwise.
pub const LIMIT: Duration = Duration::from_secs(90);

/// What one run did.
#[derive(Debug)]
pub struct Run {
    /// The exit status, or -1 when a signal ended it.
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub took: Duration,
}

impl Run {
    /// Asserts exit status 0.
    #[track_caller]
    pub fn ok(&self) -> &Self {
        assert_eq!(self.code, 0, "expected success\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }

    /// Asserts exit status `code` (and no panic).
    #[track_caller]
    pub fn fails(&self, code: i32) -> &Self {
        assert_eq!(self.code, code, "expected exit {code}\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        assert!(!self.stderr.contains("panicked"), "panic: {}", self.stderr);
        self
    }

    /// stdout parsed as JSON.
    #[track_caller]
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", self.stdout))
    }
}

/// Runs `cmd` with stdin from /dev/null, within [`LIMIT`].
#[track_caller]
pub fn output(cmd: &mut Command) -> Run {
    capture(cmd.stdin(Stdio::null()), None, LIMIT)
}

/// Runs `cmd`, feeding it `input` on stdin when given, and collects its output. A run that
/// overruns `limit` is killed by its pid and fails the test.
#[track_caller]
pub fn capture(cmd: &mut Command, input: Option<&[u8]>, limit: Duration) -> Run {
    if input.is_some() {
        cmd.stdin(Stdio::piped());
    }
    let start = Instant::now();
    let mut child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn");
    let writer = input.map(|data| {
        let mut stdin = child.stdin.take().expect("stdin");
        let data = data.to_vec();
        // The program may exit before reading it all: the write then fails, which is fine.
        thread::spawn(move || {
            let _ = stdin.write_all(&data);
        })
    });
    let read = |mut pipe: Box<dyn Read + Send>| {
        thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            String::from_utf8_lossy(&bytes).into_owned()
        })
    };
    let stdout = read(Box::new(child.stdout.take().expect("stdout")));
    let stderr = read(Box::new(child.stderr.take().expect("stderr")));
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{cmd:?} did not finish within {limit:?}");
        }
        thread::sleep(Duration::from_millis(5));
    };
    let took = start.elapsed();
    if let Some(w) = writer {
        w.join().expect("stdin writer");
    }
    Run {
        code: status.code().unwrap_or(-1),
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
        took,
    }
}

/// The arguments that run only the ignored test `name` of this test binary, for tests that
/// re-execute themselves inside something (a network namespace, a pseudo-terminal).
pub fn inner_test(name: &str) -> Vec<String> {
    let exe = std::env::current_exe().expect("test binary path");
    [exe.display().to_string(), "--exact".into(), name.into()]
        .into_iter()
        .chain(["--ignored", "--nocapture", "--test-threads=1"].map(String::from))
        .collect()
}
