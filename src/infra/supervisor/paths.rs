//! Filesystem layout of kato's supervisord, relative to the kato root.

use std::path::{Path, PathBuf};

/// Where supervisord's config, socket, pidfile and logs live on this node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupervisorPaths {
    /// Main config file: `etc/kato/supervisord.conf`.
    pub conf: PathBuf,
    /// Directory with one `<program>.conf` per program: `etc/kato/supervisord.conf.d/`.
    pub conf_d: PathBuf,
    /// XML-RPC unix socket: `run/kato/supervisord.sock`.
    pub socket: PathBuf,
    /// supervisord's pidfile: `run/kato/supervisord.pid`.
    pub pidfile: PathBuf,
    /// Log directory (`supervisord.log` and `<program>.log`): `var/log/kato/`.
    pub logdir: PathBuf,
}

impl SupervisorPaths {
    /// The layout under `root` (`/` on a real node, a temp dir in tests).
    pub fn under(root: &Path) -> Self {
        let etc = root.join("etc").join("kato");
        let run = root.join("run").join("kato");
        SupervisorPaths {
            conf: etc.join("supervisord.conf"),
            conf_d: etc.join("supervisord.conf.d"),
            socket: run.join("supervisord.sock"),
            pidfile: run.join("supervisord.pid"),
            logdir: root.join("var").join("log").join("kato"),
        }
    }

    /// supervisord's own log file.
    pub fn main_log(&self) -> PathBuf {
        self.logdir.join("supervisord.log")
    }

    /// The log file of one program (stdout and stderr together).
    pub fn program_log(&self, name: &str) -> PathBuf {
        self.logdir.join(format!("{name}.log"))
    }

    /// The config file of one program.
    pub fn program_conf(&self, name: &str) -> PathBuf {
        self.conf_d.join(format!("{name}.conf"))
    }

    /// Lock file serialising concurrent `ensure_running`/`stop` calls.
    pub fn lockfile(&self) -> PathBuf {
        self.socket.with_file_name("supervisord.lock")
    }

    /// Where the output of the `supervisord` launch command goes (errors
    /// printed before it daemonizes).
    pub fn launch_log(&self) -> PathBuf {
        self.logdir.join("supervisord.launch.log")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_under_root() {
        let p = SupervisorPaths::under(Path::new("/r"));
        assert_eq!(p.conf, Path::new("/r/etc/kato/supervisord.conf"));
        assert_eq!(p.conf_d, Path::new("/r/etc/kato/supervisord.conf.d"));
        assert_eq!(p.socket, Path::new("/r/run/kato/supervisord.sock"));
        assert_eq!(p.pidfile, Path::new("/r/run/kato/supervisord.pid"));
        assert_eq!(p.logdir, Path::new("/r/var/log/kato"));
        assert_eq!(p.program_log("web"), Path::new("/r/var/log/kato/web.log"));
        assert_eq!(p.lockfile(), Path::new("/r/run/kato/supervisord.lock"));
    }
}
