//! Cluster-wide `kato log tail`: lines from every node, prefixed `process@node:`, as text
//! or JSON; with `-f`, lines merged as they come, and a node whose stream breaks is
//! reported and reconnected.

mod common;
use common::cluster::Cluster;
use common::kato::{command, provision, run};
use std::io::{BufRead, BufReader, Write};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

fn append(path: &std::path::Path, line: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path).unwrap();
    writeln!(f, "{line}").unwrap();
}

fn lines_of(reader: impl std::io::Read + Send + 'static) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(reader).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    rx
}

fn wait_for(rx: &mpsc::Receiver<String>, want: &str, limit: Duration) -> Vec<String> {
    let deadline = Instant::now() + limit;
    let mut seen = Vec::new();
    while Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(100)) {
            let hit = line.contains(want);
            seen.push(line);
            if hit {
                return seen;
            }
        }
    }
    panic!("never saw {want:?}; got {seen:?}");
}

/// The pid of the `kato __remote` serving a node's log stream (found through /proc).
fn remote_tail_pid(root: &std::path::Path) -> Option<i32> {
    let want = format!("KATO_ROOT={}", root.display());
    for e in std::fs::read_dir("/proc").ok()?.flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else { continue };
        let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).unwrap_or_default();
        if !String::from_utf8_lossy(&cmd).contains("__remote") {
            continue;
        }
        let env = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
        if env.split(|b| *b == 0).any(|kv| kv == want.as_bytes()) {
            return Some(pid);
        }
    }
    None
}

#[test]
fn tail_merges_every_node_and_survives_a_dropped_stream() {
    let Some(c) = Cluster::try_start(3) else { return };
    provision(&c);
    let core = c.nodes[0].ip.clone();
    run(&c, 0, &["node", "setup", "core", "api.example.test"]).ok();
    run(&c, 1, &["node", "attach", "-e", "dea", &core]).ok();
    run(&c, 2, &["node", "attach", "-e", "dea", &core]).ok();
    let log = |i: usize, p: &str| c.nodes[i].root.join(format!("var/log/kato/{p}.log"));
    append(&log(0, "config_redis"), "core line one");
    append(&log(0, "config_redis"), "core line two");
    for i in 1..3 {
        append(&log(i, "dir_server"), &format!("dea{i} line one"));
        append(&log(i, "dir_server"), &format!("dea{i} line two"));
    }

    let out = run(&c, 0, &["log", "tail", "-n", "2"]);
    out.ok();
    assert!(out.stdout.contains(&format!("config_redis@{core}: core line two")), "{}", out.stdout);
    for i in 1..3 {
        let ip = &c.nodes[i].ip;
        assert!(out.stdout.contains(&format!("dir_server@{ip}: dea{i} line one")), "{}", out.stdout);
        assert!(out.stdout.contains(&format!("dir_server@{ip}: dea{i} line two")), "{}", out.stdout);
    }
    // One node only, and JSON.
    let one = run(&c, 0, &["log", "tail", "-n", &c.nodes[1].ip, "--lines", "1", "--json", "dea"]);
    one.ok();
    let records: Vec<serde_json::Value> = one.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 1, "{}", one.stdout);
    assert_eq!(
        records[0],
        serde_json::json!({"process": "dir_server", "node": c.nodes[1].ip, "text": "dea1 line two"})
    );
    let bad = run(&c, 0, &["log", "tail", "no_such_thing"]);
    bad.fails();
    assert!(bad.stderr.starts_with("ERROR: Invalid component"), "{}", bad.stderr);

    // Follow every node at once.
    let mut child = command(&c, 0, &["log", "tail", "-f", "--lines", "0", "dir_server", "config_redis"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = lines_of(child.stdout.take().unwrap());
    let err = lines_of(child.stderr.take().unwrap());
    std::thread::sleep(Duration::from_millis(1500));
    append(&log(1, "dir_server"), "fresh from dea1");
    wait_for(&out, "fresh from dea1", Duration::from_secs(10));
    append(&log(0, "config_redis"), "fresh from core");
    wait_for(&out, "fresh from core", Duration::from_secs(10));
    // Break node 3's stream: it is reported, reconnected, and its lines flow again.
    let pid = remote_tail_pid(&c.nodes[2].root).expect("the remote tail of node 3");
    nix::sys::signal::kill(nix::unistd::Pid::from_raw(pid), nix::sys::signal::Signal::SIGKILL).unwrap();
    let warned = wait_for(&err, &format!("lost the log stream of {}", c.nodes[2].ip), Duration::from_secs(10));
    assert!(warned.last().unwrap().contains("reconnecting"), "{warned:?}");
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        append(&log(2, "dir_server"), "after the reconnect");
        if let Ok(line) = out.recv_timeout(Duration::from_millis(500))
            && line.contains("after the reconnect")
        {
            assert!(line.starts_with(&format!("dir_server@{}: ", c.nodes[2].ip)), "{line}");
            break;
        }
        assert!(Instant::now() < deadline, "node 3's lines never came back");
    }
    let _ = child.kill();
    let _ = child.wait();
}
