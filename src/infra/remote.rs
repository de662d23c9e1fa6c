//! The transport nodes use to ask each other: a node runs `kato __remote` on another
//! node over SSH and writes one JSON [`Envelope`] on its stdin; the other node answers with
//! one JSON [`Reply`] on stdout. Nothing the operator typed passes through a remote shell:
//! it travels inside the JSON. What can be asked is defined above this layer (the typed
//! requests of `ops::remote`); here a request is any serializable value.
//!
//! The protocol is versioned; a node refuses a request of another protocol version and
//! says which versions met. Connections are reused for every request of a command, and
//! many nodes are asked in parallel (bounded).

use crate::infra::ssh::{self, RemoteOutput, SshError, SshOptions};
use anyhow::{Result, anyhow};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Bumped whenever the envelope, the reply, or a request of `ops::remote` changes shape.
pub const PROTOCOL: u32 = 5;

/// The hidden subcommand that answers requests.
pub const SUBCOMMAND: &str = "__remote";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Envelope<R> {
    pub protocol: u32,
    pub kato_version: String,
    pub request: R,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Reply {
    pub protocol: u32,
    pub kato_version: String,
    pub ok: bool,
    #[serde(default)]
    pub usage_error: bool,
    #[serde(default)]
    pub error: Option<String>,
    #[serde(default)]
    pub result: Value,
}

impl Reply {
    /// The answer to a request: its result, or its error (a usage error stays one).
    pub fn answer(result: Result<Value>) -> Reply {
        match result {
            Ok(result) => Reply {
                protocol: PROTOCOL,
                kato_version: kato_version(),
                ok: true,
                usage_error: false,
                error: None,
                result,
            },
            Err(e) => Reply {
                protocol: PROTOCOL,
                kato_version: kato_version(),
                ok: false,
                usage_error: crate::error::exit_code(&e) == 2,
                error: Some(crate::error::one_line(&e)),
                result: Value::Null,
            },
        }
    }
}

pub fn kato_version() -> String {
    super::version::current()
}

/// How this node reaches others: SSH options and the remote kato binary.
#[derive(Clone)]
pub struct Transport {
    pub opts: SshOptions,
    /// The remote command line that runs `kato __remote`.
    command: String,
    /// Connections reused by [`Transport::call`] for the rest of this command.
    sessions: std::rc::Rc<std::cell::RefCell<Option<ssh::Sessions>>>,
}

impl std::fmt::Debug for Transport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport").field("opts", &self.opts).field("command", &self.command).finish()
    }
}

/// An error that says the node could not be reached at all (as opposed to answering
/// with an error).
#[derive(Debug)]
pub struct Unreachable(pub String, pub bool);

impl std::fmt::Display for Unreachable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unreachable {}

/// The variable naming kato's binary on the other nodes. (The original's scripts export
/// `KATO_BIN` for their own use, so kato leaves that name alone.)
pub const REMOTE_BIN_VAR: &str = "KATO_REMOTE_BIN";

/// Where kato is looked for on another node when neither side names it: `PATH`, then
/// these, in order.
pub const INSTALL_PATHS: [&str; 3] = ["/usr/bin/kato", "/usr/local/bin/kato", "/home/stackato/bin/kato"];

/// The remote command line: the binary the calling node names in `KATO_REMOTE_BIN`
/// (quoted), or a POSIX sh snippet that takes the remote side's `KATO_REMOTE_BIN`, then
/// `kato` on its `PATH`, then the usual install paths, and exits 127 when none is there.
pub fn remote_command(local_bin: Option<&str>) -> String {
    if let Some(bin) = local_bin.filter(|b| !b.is_empty()) {
        return format!("{} {SUBCOMMAND}", ssh::quote_command(&[bin]));
    }
    format!(
        "b=\"${{{REMOTE_BIN_VAR}:-}}\"; [ -n \"$b\" ] || b=\"$(command -v kato 2>/dev/null)\" || b=; \
         for p in {paths}; do [ -n \"$b\" ] && break; [ -x \"$p\" ] && b=\"$p\"; done; \
         [ -n \"$b\" ] || {{ echo \"kato: not found on PATH nor in {list}\" >&2; exit 127; }}; \
         exec \"$b\" {SUBCOMMAND}",
        paths = INSTALL_PATHS.join(" "),
        list = INSTALL_PATHS.join(", "),
    )
}

impl Transport {
    pub fn new(opts: SshOptions) -> Transport {
        let local = std::env::var(REMOTE_BIN_VAR).ok();
        Transport { opts, command: remote_command(local.as_deref()), sessions: Default::default() }
    }

    fn envelope<R: Serialize>(req: &R) -> Result<Vec<u8>> {
        Ok(serde_json::to_vec(&Envelope { protocol: PROTOCOL, kato_version: kato_version(), request: req })?)
    }

    /// Ask one node (blocking), over a connection kept open for later requests.
    pub fn call<R: Serialize>(&self, host: &str, req: &R) -> Result<Value> {
        let input = Self::envelope(req)?;
        let mut slot = self.sessions.borrow_mut();
        if slot.is_none() {
            *slot = Some(ssh::Sessions::new()?);
        }
        let sessions = slot.as_mut().expect("set above");
        let out = sessions.exec(host, &self.opts, &self.command, &input);
        interpret(host, out)
    }

    /// Ask many nodes at once; answers come back in the order of `hosts`.
    pub fn call_many<R: Serialize>(&self, hosts: &[String], req: impl Fn(&str) -> R) -> Vec<(String, Result<Value>)> {
        let inputs: Vec<(String, Result<Vec<u8>>)> =
            hosts.iter().map(|h| (h.clone(), Self::envelope(&req(h)))).collect();
        let rt = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
            Ok(rt) => rt,
            Err(e) => {
                return hosts
                    .iter()
                    .map(|h| (h.clone(), Err(anyhow!("cannot start the async runtime: {e}"))))
                    .collect();
            }
        };
        let opts = self.opts.with_shared_jumps();
        let command = self.command.clone();
        let inputs = std::sync::Arc::new(inputs);
        let answers = rt.block_on(ssh::fan_out(hosts.to_vec(), ssh::DEFAULT_FAN_OUT, move |host| {
            let opts = opts.clone();
            let command = command.clone();
            let inputs = inputs.clone();
            async move {
                let input = inputs.iter().find(|(h, _)| *h == host).map(|(_, i)| i);
                match input {
                    Some(Ok(bytes)) => Ok(ssh::exec(&host, &opts, &command, bytes).await),
                    Some(Err(e)) => Err(e.to_string()),
                    None => Err("no request".to_string()),
                }
            }
        }));
        answers
            .into_iter()
            .map(|(host, r)| {
                let v = match r {
                    Ok(out) => interpret(&host, out),
                    Err(e) => Err(anyhow!(e)),
                };
                (host, v)
            })
            .collect()
    }

    /// Run a streaming request on many nodes at once, calling `on_line(node, line)` for
    /// every line as it arrives. With `follow`, a node whose stream breaks is reported
    /// through `on_drop(node, why)` and reconnected (after a second); otherwise each node
    /// is asked once. Returns when every stream has ended.
    pub fn stream_many<R: Serialize>(
        &self,
        hosts: &[String],
        req: &R,
        follow: bool,
        on_line: impl Fn(&str, &str) + Send + Sync + 'static,
        on_drop: impl Fn(&str, &str) + Send + Sync + 'static,
    ) -> Result<()> {
        let input = Self::envelope(req)?;
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
        let on_line = std::sync::Arc::new(on_line);
        let on_drop = std::sync::Arc::new(on_drop);
        let opts = self.opts.with_shared_jumps();
        let command = self.command.clone();
        rt.block_on(ssh::fan_out(hosts.to_vec(), hosts.len().max(1), move |host| {
            let (opts, command, input) = (opts.clone(), command.clone(), input.clone());
            let (on_line, on_drop) = (on_line.clone(), on_drop.clone());
            async move {
                loop {
                    let h = host.clone();
                    let sink = on_line.clone();
                    let r = ssh::exec_streaming(&host, &opts, &command, &input, move |line| sink(&h, line)).await;
                    let why = match r {
                        Ok(0) if !follow => return,
                        Ok(code) => format!("its log stream ended (exit {code})"),
                        Err(e) => e.to_string(),
                    };
                    on_drop(&host, &why);
                    if !follow {
                        return;
                    }
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
            }
        }));
        Ok(())
    }
}

/// Turn an SSH result into the reply's result, or an error naming the node.
fn interpret(host: &str, out: Result<RemoteOutput, SshError>) -> Result<Value> {
    let out = out.map_err(|e| {
        // Failed once the command was running: the request may have been carried out.
        let sent = matches!(e, SshError::Protocol { .. } | SshError::Timeout { phase: ssh::Phase::Command, .. });
        anyhow!(Unreachable(e.to_string(), sent))
    })?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let reply: Reply = match stdout.lines().rev().find(|l| !l.trim().is_empty()).map(serde_json::from_str) {
        Some(Ok(r)) => r,
        _ => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let first = stderr.lines().chain(stdout.lines()).find(|l| !l.trim().is_empty()).unwrap_or("no output");
            if out.status == 127 {
                return Err(anyhow!(
                    "kato is not installed on {host} ({first}); install it there, or set KATO_REMOTE_BIN"
                ));
            }
            return Err(anyhow!("{host} did not answer as kato does (exit {}): {first}", out.status));
        }
    };
    if reply.protocol != PROTOCOL {
        return Err(anyhow!(
            "protocol version mismatch: {host} speaks kato protocol {} (kato {}), this node speaks protocol {PROTOCOL} (kato {})",
            reply.protocol,
            reply.kato_version,
            kato_version()
        ));
    }
    if !reply.ok {
        let msg = format!("{host}: {}", reply.error.unwrap_or_else(|| "failed".into()));
        return Err(if reply.usage_error { crate::error::usage(msg) } else { anyhow!(msg) });
    }
    Ok(reply.result)
}

/// Whether an error means the node was not reachable.
pub fn is_unreachable(err: &anyhow::Error) -> bool {
    err.chain().any(|c| c.is::<Unreachable>())
}

/// Whether the connection broke after the request may have reached the node (so whether
/// it was carried out is unknown).
pub fn outcome_unknown(err: &anyhow::Error) -> bool {
    err.chain().any(|c| c.downcast_ref::<Unreachable>().is_some_and(|u| u.1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;
    use std::process::Command;

    /// A fake kato in `dir/name` that prints its name and arguments.
    fn fake(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, format!("#!/bin/sh\necho {name:?} \"$@\"\n")).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    /// Runs the remote command line as sshd would (the login shell's `-c`).
    fn run(command: &str, path: &str, remote_bin: Option<&str>) -> (i32, String, String) {
        let mut cmd = Command::new("/bin/sh");
        cmd.arg("-c").arg(command).env_clear().env("PATH", path);
        if let Some(b) = remote_bin {
            cmd.env(REMOTE_BIN_VAR, b);
        }
        let out = cmd.output().unwrap();
        let text = |b: &[u8]| String::from_utf8_lossy(b).trim().to_string();
        (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
    }

    #[test]
    fn the_remote_binary_is_found_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let on_path = dir.path().join("bin");
        std::fs::create_dir(&on_path).unwrap();
        fake(&on_path, "kato");
        let named = fake(dir.path(), "my kato's \"bin\"");
        let path = format!("{}:/usr/bin:/bin", on_path.display());
        let snippet = remote_command(None);
        // The remote side's KATO_REMOTE_BIN wins over PATH.
        let (code, out, _) = run(&snippet, &path, Some(named.to_str().unwrap()));
        assert_eq!((code, out.as_str()), (0, "my kato's \"bin\" __remote"));
        // Then kato on PATH.
        let (code, out, _) = run(&snippet, &path, None);
        assert_eq!((code, out.as_str()), (0, "kato __remote"));
        // The calling side's value is quoted into the command line, spaces and quotes too.
        let (code, out, _) = run(&remote_command(Some(named.to_str().unwrap())), "/usr/bin:/bin", None);
        assert_eq!((code, out.as_str()), (0, "my kato's \"bin\" __remote"));
        // KATO_BIN (the original's scripts' own variable) is not looked at.
        let mut cmd = Command::new("/bin/sh");
        cmd.arg("-c").arg(&snippet).env_clear().env("PATH", &path).env("KATO_BIN", "/nowhere/kato");
        assert_eq!(String::from_utf8_lossy(&cmd.output().unwrap().stdout).trim(), "kato __remote");
    }

    #[test]
    fn a_missing_binary_exits_127_and_says_where_it_looked() {
        let dir = tempfile::tempdir().unwrap();
        if INSTALL_PATHS.iter().any(|p| std::path::Path::new(p).exists()) {
            return; // kato is installed on this machine: the search would find it.
        }
        let (code, _, err) = run(&remote_command(None), dir.path().to_str().unwrap(), None);
        assert_eq!(code, 127);
        assert!(err.contains("/home/stackato/bin/kato"), "{err}");
        let e = interpret("10.0.0.9", Ok(RemoteOutput { status: 127, stdout: Vec::new(), stderr: err.into_bytes() }))
            .unwrap_err();
        assert!(e.to_string().contains("kato is not installed on 10.0.0.9"), "{e}");
        assert!(e.to_string().contains("KATO_REMOTE_BIN"), "{e}");
    }
}
