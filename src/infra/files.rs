//! Files kato writes, and who may read them.
//!
//! Every replacement is crash-safe: write a temporary file beside the target, fsync it,
//! rename it over the target and fsync the folder. A reader sees the old content or the
//! new one, never a mixture, whenever the process or machine dies.
//!
//! kato's own state belongs to root and to group [`GROUP`] (the operator account
//! `stackato` and anyone else allowed to run kato): its folders are setgid and `rwxrws---`,
//! its files `rw-rw----`, whatever the umask. Nothing of it is readable by others. A
//! system file kato edits (the hosts file, say) keeps its own mode and owner.

use anyhow::{Context, Result};
use nix::unistd::{Gid, Group, Uid};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// The group whose members run kato besides root.
pub const GROUP: &str = "kato";

/// Mode of kato's state files: owner and group read and write, others nothing.
pub const STATE_FILE: u32 = 0o660;
/// Mode of kato's state folders: setgid (new files join the group), owner and group rwx.
pub const STATE_DIR: u32 = 0o2770;

/// The kato group's id, when the group exists on this machine.
pub fn group() -> Option<Gid> {
    Group::from_name(GROUP).ok().flatten().map(|g| g.gid)
}

/// Give `path` the kato group (when it exists and this process may) and exactly `mode`.
pub fn own(path: &Path, mode: u32) -> Result<()> {
    if let Some(gid) = group() {
        // Root may give any group; a member may give its own files the kato group.
        let _ = nix::unistd::chown(path, None, Some(gid));
    }
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
        .with_context(|| format!("cannot set the mode of {}", path.display()))
}

/// Make `dir` and its missing parents; the folders made are kato state folders.
pub fn state_dir(dir: &Path) -> Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        state_dir(parent)?;
    }
    match fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => own(dir, STATE_DIR),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(anyhow::Error::new(e).context(format!("cannot create {}", dir.display()))),
    }
}

/// Atomically replace a file that is not kato's own (a system file under the root): an
/// existing file keeps its mode, owner and group; a new one gets `rw-r--r--`.
pub fn write(path: &Path, data: &[u8]) -> Result<()> {
    let meta = fs::metadata(path).ok();
    let mode = meta.as_ref().map(|m| m.permissions().mode() & 0o7777).unwrap_or(0o644);
    replace(path, data, |tmp| {
        if let Some(m) = &meta {
            use std::os::unix::fs::MetadataExt;
            let _ = nix::unistd::chown(tmp, Some(Uid::from_raw(m.uid())), Some(Gid::from_raw(m.gid())));
        }
        fs::set_permissions(tmp, fs::Permissions::from_mode(mode)).map_err(Into::into)
    })
}

/// Atomically replace one of kato's state files, with exactly `mode` and the kato group.
pub fn write_state(path: &Path, data: &[u8], mode: u32) -> Result<()> {
    if let Some(dir) = path.parent() {
        state_dir(dir)?;
    }
    replace(path, data, |tmp| own(tmp, mode))
}

fn replace(path: &Path, data: &[u8], prepare: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let dir = path.parent().context("a file to write needs a parent directory")?;
    if !dir.exists() {
        state_dir(dir)?;
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    remove_stale_temporaries(dir, name);
    let tmp = dir.join(format!(".{name}.tmp.{}", std::process::id()));
    let result = (|| -> Result<()> {
        let mut f = OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(&tmp)
            .with_context(|| format!("cannot write {}", path.display()))?;
        f.write_all(data).with_context(|| format!("cannot write {}", path.display()))?;
        f.sync_all().with_context(|| format!("cannot write {}", path.display()))?;
        prepare(&tmp)?;
        match fs::rename(&tmp, path) {
            // A file mounted over (a container's /etc/hosts, say) cannot be renamed over:
            // rewrite it in place.
            Err(e) if e.raw_os_error() == Some(nix::libc::EBUSY) => {
                let mut f = OpenOptions::new().write(true).truncate(true).open(path)?;
                f.write_all(data)
                    .and_then(|()| f.sync_all())
                    .with_context(|| format!("cannot write {}", path.display()))?;
                let _ = fs::remove_file(&tmp);
                return Ok(());
            }
            r => r.with_context(|| format!("cannot replace {}", path.display()))?,
        }
        File::open(dir)?.sync_all()?;
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Remove the temporary files of writers of `name` that died before renaming theirs
/// (`.NAME.tmp.PID` whose process is gone).
fn remove_stale_temporaries(dir: &Path, name: &str) {
    let prefix = format!(".{name}.tmp.");
    let Ok(entries) = fs::read_dir(dir) else { return };
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(pid) = file.to_str().and_then(|f| f.strip_prefix(&prefix)).and_then(|p| p.parse::<i32>().ok()) else {
            continue;
        };
        let gone =
            matches!(nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), None), Err(nix::errno::Errno::ESRCH));
        if gone {
            let _ = fs::remove_file(e.path());
        }
    }
}

/// Open (creating if needed) one of kato's state files for appending or locking, with
/// exactly `mode` and the kato group when it is created.
pub fn open_state(path: &Path, mode: u32, append: bool) -> Result<File> {
    if let Some(dir) = path.parent() {
        state_dir(dir)?;
    }
    let existed = path.exists();
    let f = OpenOptions::new()
        .create(true)
        .append(append)
        .write(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    if !existed {
        own(path, mode)?;
    }
    Ok(f)
}

/// Read a file, mapping "not found" to `None`.
pub fn read_optional(path: &Path) -> Result<Option<Vec<u8>>> {
    match fs::read(path) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(anyhow::Error::new(e).context(format!("cannot read {}", path.display()))),
    }
}

/// Why this process may be refused kato's state, for an error about permissions: `None`
/// when it is root or in the kato group.
pub fn access_hint() -> Option<String> {
    let euid = nix::unistd::geteuid();
    if euid.is_root() {
        return None;
    }
    let user = nix::unistd::User::from_uid(euid).ok().flatten().map(|u| u.name).unwrap_or_else(|| euid.to_string());
    match group() {
        None => Some(format!(
            "kato's state belongs to root and group '{GROUP}', which does not exist on this machine; install kato's package, or run kato as root"
        )),
        Some(gid) => {
            let member = nix::unistd::getgroups().is_ok_and(|g| g.contains(&gid)) || nix::unistd::getegid() == gid;
            (!member).then(|| {
                format!(
                    "kato's state belongs to root and group '{GROUP}', and {user} is not in that group; ask an administrator to run 'adduser {user} {GROUP}' (then log in again), or run kato as root"
                )
            })
        }
    }
}

/// How long kato waits for a lock another process holds (`KATO_LOCK_TIMEOUT`, seconds).
pub fn lock_timeout() -> std::time::Duration {
    let secs = std::env::var("KATO_LOCK_TIMEOUT").ok().and_then(|s| s.parse().ok()).unwrap_or(10);
    std::time::Duration::from_secs(secs)
}

/// Lock `file` (exclusive or shared), waiting at most [`lock_timeout`]; when that runs
/// out the error names the file and, when the system says, the process holding it.
pub fn lock(file: &File, path: &Path, exclusive: bool) -> Result<()> {
    let deadline = std::time::Instant::now() + lock_timeout();
    loop {
        let attempt = if exclusive { file.try_lock() } else { file.try_lock_shared() };
        match attempt {
            Ok(()) => return Ok(()),
            Err(fs::TryLockError::WouldBlock) if std::time::Instant::now() < deadline => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(fs::TryLockError::WouldBlock) => {
                let holder = lock_holder(path).map(|h| format!(" by {h}")).unwrap_or_default();
                anyhow::bail!(
                    "{} is locked{holder}; gave up after {}s (KATO_LOCK_TIMEOUT sets the wait)",
                    path.display(),
                    lock_timeout().as_secs()
                );
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(anyhow::Error::new(e).context(format!("cannot lock {}", path.display())));
            }
        }
    }
}

/// The process holding a lock on `path`, from /proc/locks: `pid N (command)`.
fn lock_holder(path: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let ino = fs::metadata(path).ok()?.ino();
    let locks = fs::read_to_string("/proc/locks").ok()?;
    let pid = locks.lines().find_map(|l| {
        let f: Vec<&str> = l.split_whitespace().collect();
        let (pid, id) = (f.get(4)?, f.get(5)?);
        (id.rsplit(':').next()? == ino.to_string()).then(|| pid.to_string())
    })?;
    let cmd = fs::read(format!("/proc/{pid}/cmdline")).ok().map(|c| {
        c.split(|b| *b == 0)
            .filter(|a| !a.is_empty())
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    });
    Some(match cmd {
        Some(c) if !c.is_empty() => format!("pid {pid} ({c})"),
        _ => format!("pid {pid}"),
    })
}
