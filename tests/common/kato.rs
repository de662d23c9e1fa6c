//! Running the built `kato` as a given node of a test cluster: the process gets that
//! node's root and address, and SSH settings that reach the other nodes.

use super::cluster::Cluster;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub const KATO: &str = env!("CARGO_BIN_EXE_kato");

pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    pub took: Duration,
}

impl Out {
    #[track_caller]
    pub fn ok(&self) -> &Self {
        assert_eq!(self.code, 0, "expected success\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        self
    }

    #[track_caller]
    pub fn fails(&self) -> &Self {
        assert_ne!(self.code, 0, "expected failure\nstdout:\n{}\nstderr:\n{}", self.stdout, self.stderr);
        assert!(!self.stderr.contains("panicked"), "panic: {}", self.stderr);
        self
    }
}

/// SSH settings every node of the cluster uses to reach the others (also put into each
/// sshd's SetEnv so that kato run through SSH has them).
pub fn ssh_env(dir: &Path) -> Vec<(String, String)> {
    vec![
        ("KATO_SSH_USER".into(), "root".into()),
        ("KATO_SSH_IDENTITY".into(), dir.join("client/id_ed25519").display().to_string()),
        ("KATO_KNOWN_HOSTS".into(), dir.join("client/known_hosts").display().to_string()),
        ("KATO_SSH_CONNECT_TIMEOUT".into(), "3".into()),
    ]
}

/// A command running kato as node `i`.
pub fn command(c: &Cluster, i: usize, args: &[&str]) -> Command {
    let node = &c.nodes[i];
    let mut cmd = Command::new(KATO);
    cmd.args(args)
        .env("KATO_ROOT", &node.root)
        .env("KATO_NODE_IP", &node.ip)
        .env("KATO_BIN", KATO)
        .env("NO_COLOR", "1")
        .env_remove("KATO_SKIP_CONFIRM")
        .env_remove("SSH_AUTH_SOCK")
        .stdin(Stdio::null());
    for (k, v) in ssh_env(c.dir()) {
        cmd.env(k, v);
    }
    cmd
}

/// Run kato as node `i`, killing it if it takes longer than `limit`.
pub fn run_limited(c: &Cluster, i: usize, args: &[&str], limit: Duration) -> Out {
    let start = Instant::now();
    let child = command(c, i, args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn kato");
    let pid = child.id();
    let watchdog = std::thread::spawn(move || {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(50));
            if nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid as i32), None).is_err() {
                return;
            }
        }
        let _ = nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid as i32), nix::sys::signal::Signal::SIGKILL);
    });
    let out = child.wait_with_output().expect("wait kato");
    let took = start.elapsed();
    drop(watchdog);
    assert!(took < limit, "kato {args:?} did not finish within {limit:?}");
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        took,
    }
}

pub fn run(c: &Cluster, i: usize, args: &[&str]) -> Out {
    run_limited(c, i, args, Duration::from_secs(90))
}

/// Install the example catalog and a hostname into every node's root.
pub fn provision(c: &Cluster) {
    let catalog = Path::new(env!("CARGO_MANIFEST_DIR")).join("catalog");
    for n in &c.nodes {
        let etc = n.root.join("etc/kato");
        std::fs::create_dir_all(etc.join("processes")).unwrap();
        for entry in std::fs::read_dir(catalog.join("processes")).unwrap().flatten() {
            std::fs::copy(entry.path(), etc.join("processes").join(entry.file_name())).unwrap();
        }
        std::fs::copy(catalog.join("process_order.yml"), etc.join("process_order.yml")).unwrap();
        std::fs::write(n.root.join("etc/hostname"), format!("{}.example.test\n", n.name)).unwrap();
    }
}
