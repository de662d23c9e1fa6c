//! Cluster-wide `kato log tail`: lines from every node, prefixed `process@node:`, as text
//! or JSON; with `-f`, lines merged as they come, and a node whose stream breaks is
//! reported and reconnected.

mod harness;
use harness::cluster::Cluster;
use harness::files;
use harness::procs::{self, Guard};
use harness::wait::{line_containing, lines};
use nix::sys::signal::Signal;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Appends `line` to the log file at `path`.
fn append(path: &Path, line: &str) {
    files::append(path, &format!("{line}\n"));
}

/// Appends `line` to the log at `path` until the follower shows it (a follower starts
/// at the end of each file, and on a loaded machine a node's stream may open its file
/// only after a first append); the line it showed.
fn append_until_seen(out: &std::sync::mpsc::Receiver<String>, path: &Path, line: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        append(path, line);
        while let Ok(got) = out.recv_timeout(Duration::from_millis(500)) {
            if got.contains(line) {
                return got;
            }
        }
        assert!(Instant::now() < deadline, "the follower never showed {line:?}");
    }
}

/// The pid of the `kato __remote` serving a node's log stream (found through /proc).
fn remote_tail_pid(root: &Path) -> Option<i32> {
    let want = format!("KATO_ROOT={}", root.display());
    procs::pids().into_iter().find(|pid| {
        let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        let env = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
        String::from_utf8_lossy(&cmd).contains("__remote") && env.split(|b| *b == 0).any(|kv| kv == want.as_bytes())
    })
}

#[test]
fn tail_merges_every_node_and_survives_a_dropped_stream() {
    let Some(c) = Cluster::try_core(3) else { return };
    let core = c.nodes[0].ip.clone();
    c.run(1, &["node", "attach", "-e", "dea", &core]).ok();
    c.run(2, &["node", "attach", "-e", "dea", &core]).ok();
    let log = |i: usize, p: &str| c.nodes[i].root.join(format!("var/log/kato/{p}.log"));
    append(&log(0, "config_redis"), "core line one");
    append(&log(0, "config_redis"), "core line two");
    for i in 1..3 {
        append(&log(i, "dir_server"), &format!("dea{i} line one"));
        append(&log(i, "dir_server"), &format!("dea{i} line two"));
    }

    let out = c.run(0, &["log", "tail", "-n", "2"]);
    out.ok();
    assert!(out.stdout.contains(&format!("config_redis@{core}: core line two")), "{}", out.stdout);
    for i in 1..3 {
        let ip = &c.nodes[i].ip;
        assert!(out.stdout.contains(&format!("dir_server@{ip}: dea{i} line one")), "{}", out.stdout);
        assert!(out.stdout.contains(&format!("dir_server@{ip}: dea{i} line two")), "{}", out.stdout);
    }
    // One node only, and JSON.
    let one = c.run(0, &["log", "tail", "-n", &c.nodes[1].ip, "--lines", "1", "--json", "dea"]);
    one.ok();
    let records: Vec<serde_json::Value> = one.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 1, "{}", one.stdout);
    assert_eq!(
        records[0],
        serde_json::json!({"process": "dir_server", "node": c.nodes[1].ip, "text": "dea1 line two"})
    );
    let bad = c.run(0, &["log", "tail", "no_such_thing"]);
    bad.fails(2);
    assert!(bad.stderr.starts_with("ERROR: Invalid component"), "{}", bad.stderr);

    // Follow every node at once.
    let child = c
        .command(0, &["log", "tail", "-f", "--lines", "0", "dir_server", "config_redis"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Killed by its pid at the end, or when the test fails.
    let mut child = Guard::new(child, Duration::ZERO);
    let out = lines(child.stdout.take().unwrap());
    let err = lines(child.stderr.take().unwrap());
    append_until_seen(&out, &log(1, "dir_server"), "fresh from dea1");
    append_until_seen(&out, &log(0, "config_redis"), "fresh from core");
    // Break node 3's stream: it is reported, reconnected, and its lines flow again.
    let pid = remote_tail_pid(&c.nodes[2].root).expect("the remote tail of node 3");
    assert!(procs::signal(pid, Signal::SIGKILL), "kill -9 {pid}");
    let warned = line_containing(&err, &format!("lost the log stream of {}", c.nodes[2].ip), Duration::from_secs(10));
    assert!(warned.last().unwrap().contains("reconnecting"), "{warned:?}");
    let line = append_until_seen(&out, &log(2, "dir_server"), "after the reconnect");
    assert!(line.starts_with(&format!("dir_server@{}: ", c.nodes[2].ip)), "{line}");
    drop(child);
}
