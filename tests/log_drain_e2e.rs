//! Log drains on a real 3-node cluster: rsyslog under each node's supervisord ships the
//! process logs to TCP and UDP receivers run by this test (threads on 127.0.0.1), and to a
//! file; bad input is refused with nothing changed; the TCP receiver goes away while lines
//! are written, the drain shows RETRYING with rsyslog's error, then RUNNING, and nothing
//! is lost.

mod harness;
use harness::cluster::Cluster;
use harness::files;
use harness::tools;
use harness::wait::eventually;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::net::{Shutdown, TcpListener, TcpStream, UdpSocket};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

type Lines = Arc<Mutex<Vec<String>>>;

/// A TCP line receiver: one thread per connection; stopped, it closes its socket and the
/// open connections (the lines read so far are kept).
struct TcpReceiver {
    stop: Arc<AtomicBool>,
    conns: Arc<Mutex<Vec<TcpStream>>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl TcpReceiver {
    fn start(port: u16, lines: Lines) -> TcpReceiver {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind receiver");
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let conns: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
        let (flag, open) = (stop.clone(), conns.clone());
        let thread = thread::spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((c, _)) => {
                        c.set_nonblocking(false).unwrap();
                        open.lock().unwrap().push(c.try_clone().unwrap());
                        let lines = lines.clone();
                        thread::spawn(move || {
                            for l in BufReader::new(c).lines().map_while(Result::ok) {
                                lines.lock().unwrap().push(l);
                            }
                        });
                    }
                    Err(_) => thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        TcpReceiver { stop, conns, thread: Some(thread) }
    }

    fn stop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            t.join().unwrap();
        }
        for c in self.conns.lock().unwrap().drain(..) {
            let _ = c.shutdown(Shutdown::Both);
        }
    }
}

impl Drop for TcpReceiver {
    fn drop(&mut self) {
        self.stop();
    }
}

fn udp_receiver(sock: UdpSocket, lines: Lines, stop: Arc<AtomicBool>) {
    sock.set_read_timeout(Some(Duration::from_millis(100))).unwrap();
    thread::spawn(move || {
        let mut buf = vec![0u8; 70000];
        while !stop.load(Ordering::Relaxed) {
            if let Ok(n) = sock.recv(&mut buf) {
                lines.lock().unwrap().push(String::from_utf8_lossy(&buf[..n]).trim_end().to_string());
            }
        }
    });
}

fn count(lines: &Lines, pred: impl Fn(&str) -> bool) -> usize {
    lines.lock().unwrap().iter().filter(|l| pred(l)).count()
}

#[test]
fn drains_ship_every_nodes_lines_and_lose_none_while_the_receiver_is_away() {
    if !tools::tools_present("log drains", &["rsyslogd", "supervisord", "sshd", "redis-server", "redis-cli"]) {
        return;
    }
    let Some(c) = Cluster::try_core(3) else { return };
    let core = c.nodes[0].ip.clone();
    c.run(1, &["node", "attach", "-e", "dea", &core]).ok();
    let store = c.nodes[0].root.join("var/lib/kato/store/cluster.json");
    let store_file = || std::fs::read(&store).unwrap_or_default();

    // Bad input: refused, nothing changed.
    let before = store_file();
    for (args, want) in [
        (vec!["bad", "http://127.0.0.1:9"], "unknown drain scheme"),
        (vec!["bad", "tcp://127.0.0.1"], "has no port"),
        (vec!["bad", "udp://127.0.0.1:9", "novalue"], "<param> must be of format"),
        (vec!["-f", "{{.name", "bad", "udp://127.0.0.1:9"], "is not closed"),
        (vec!["-f", "{{.nope}}", "bad", "udp://127.0.0.1:9"], "unknown field"),
        (vec!["bad;touch /tmp/x", "udp://127.0.0.1:9"], "invalid drain name"),
        (vec!["../../etc/x", "udp://127.0.0.1:9"], "invalid drain name"),
        (vec!["bad", "file:///tmp/../etc/passwd"], "no '..'"),
    ] {
        let mut full = vec!["log", "drain", "add"];
        full.extend(args.iter().copied());
        let r = c.run(0, &full);
        r.fails(2);
        assert!(r.stderr.starts_with("ERROR: ") && r.stderr.contains(want), "{args:?}: {}", r.stderr);
        assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    }
    assert_eq!(store_file(), before, "a refused drain changed the store");
    assert_eq!(c.run(0, &["log", "drain", "list"]).ok().stdout, "");

    // Receivers run by the test.
    let tcp_port = harness::wait::free_port("127.0.0.1");
    let tcp_lines: Lines = Arc::default();
    let mut tcp = TcpReceiver::start(tcp_port, tcp_lines.clone());
    let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
    let udp_port = udp.local_addr().unwrap().port();
    let udp_lines: Lines = Arc::default();
    let udp_stop = Arc::new(AtomicBool::new(false));
    udp_receiver(udp, udp_lines.clone(), udp_stop.clone());
    let out_dir = tempfile::tempdir().unwrap();
    let out_file = out_dir.path().join("drain.log");
    std::fs::write(&out_file, "old content\n").unwrap();

    let tcp_uri = format!("tcp://127.0.0.1:{tcp_port}");
    let added = c.run(0, &["log", "drain", "add", "-f", "json", "tcpdrain", &tcp_uri]);
    added.ok();
    assert!(
        added.stdout.ends_with(&format!("---\nname: tcpdrain\nuri: {tcp_uri}?filter=systail&format=json\n")),
        "{}",
        added.stdout
    );
    assert_eq!(added.stdout.matches("drains applied on ").count(), 2, "{}", added.stdout);
    c.run(1, &["log", "drain", "add", "udpdrain", &format!("udp://127.0.0.1:{udp_port}/")]).ok();
    // A node attached after the drains were added picks them up.
    c.run(2, &["node", "attach", "-e", "dea", &core]).ok();
    let file_uri = format!("file://{}", out_file.display());
    let tpl = "{{.Name}} on {{.node_id}} said {{.text}}";
    c.run(2, &["log", "drain", "add", "-p", "systail.dir_server", "-f", tpl, "filedrain", &file_uri, "overwrite=1"])
        .ok();
    let dup = c.run(0, &["log", "drain", "add", "tcpdrain", &tcp_uri]);
    dup.fails(2);
    let list = c.run(0, &["log", "drain", "list"]).ok().stdout.clone();
    assert_eq!(list.lines().count(), 3, "{list}");
    assert!(list.starts_with("filedrain           \tfile://"), "{list}");
    let json = c.run(0, &["log", "drain", "list", "-j"]).json();
    assert_eq!(json["tcpdrain"], format!("{tcp_uri}?filter=systail&format=json"));
    // The overwrite=1 file drain started empty.
    assert!(!std::fs::read_to_string(&out_file).unwrap().contains("old content"));

    // Every node runs the shipper, also after its roles were stopped and started again.
    c.run(1, &["stop"]).ok();
    c.run(1, &["start"]).ok();
    // The same asked from another node (a Lifecycle request naming the shipper's role).
    c.run(0, &["restart", "-n", &c.nodes[2].ip]).ok();
    for i in 0..3 {
        let st = c.run(i, &["process", "list"]);
        assert!(
            st.stdout.lines().any(|l| l.starts_with("log_shipper") && l.contains("RUNNING")),
            "node {i}: {}",
            st.stdout
        );
    }
    let status = c.run(0, &["log", "drain", "status"]).ok().stdout.clone();
    assert_eq!(status.lines().count(), 9, "{status}");
    let re_line = |l: &str| {
        let f: Vec<&str> = l.split('\t').collect();
        f.len() >= 3 && f[0].len() == 20 && f[2].ends_with(']') && f[2].contains('[')
    };
    assert!(status.lines().all(re_line), "{status}");

    // Lines written by processes on 3 nodes arrive, in order per process.
    let log = |i: usize, p: &str| c.nodes[i].root.join(format!("var/log/kato/{p}.log"));
    let per = 200;
    let sources: Vec<(usize, &str)> = vec![(0, "config_redis"), (1, "dir_server"), (2, "dir_server")];
    for n in 0..per {
        for (i, p) in &sources {
            files::append(&log(*i, p), &format!("first {i} {n}\n"));
        }
    }
    let total = per * sources.len();
    let first = |l: &str| l.contains("first ");
    assert!(
        eventually(Duration::from_secs(60), || count(&tcp_lines, first) >= total
            && count(&udp_lines, first) >= total / 2),
        "tcp {} udp {} of {total}",
        count(&tcp_lines, first),
        count(&udp_lines, first)
    );
    let mut seen: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for l in tcp_lines.lock().unwrap().iter().filter(|l| first(l)) {
        let v: serde_json::Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}"));
        let text = v["text"].as_str().unwrap();
        let n: usize = text.rsplit(' ').next().unwrap().parse().unwrap();
        seen.entry(format!("{}@{}", v["name"].as_str().unwrap(), v["node_id"].as_str().unwrap())).or_default().push(n);
        assert!(v["unix_time"].is_u64() && v["human_time"].is_string(), "{l}");
    }
    assert_eq!(seen.len(), 3, "{seen:?}");
    for (k, ns) in &seen {
        assert_eq!(ns, &(0..per).collect::<Vec<_>>(), "{k} out of order or incomplete");
    }
    // UDP may drop datagrams on the way (nobody acknowledges them); what arrives is in
    // the drain's format, from every node.
    thread::sleep(Duration::from_secs(2));
    eprintln!("udp: {} of {total} datagrams arrived", count(&udp_lines, first));
    for (i, p) in &sources {
        let prefix = format!("{p}@{}: first {i} ", c.nodes[*i].ip);
        assert!(udp_lines.lock().unwrap().iter().any(|l| l.starts_with(&prefix)), "udp lacks {prefix}");
    }
    // The file drain takes dir_server only, rendered by its template.
    assert!(eventually(Duration::from_secs(30), || {
        std::fs::read_to_string(&out_file).unwrap_or_default().lines().filter(|l| l.contains("said first")).count()
            >= 2 * per
    }));
    let text = std::fs::read_to_string(&out_file).unwrap();
    assert!(text.contains(&format!("dir_server on {} said first 2 199\n", c.nodes[2].ip)), "{text}");
    assert!(!text.contains("config_redis"), "{text}");

    // A redis:// drain into the example catalog's Redis (config_redis on the core).
    let redis_uri = format!("redis://{core}:7474");
    c.run(0, &["log", "drain", "add", "-f", "json", "-p", "systail.dir_server", "rd", &redis_uri, "key=logdata"]).ok();
    let mut listed = String::new();
    assert!(
        eventually(Duration::from_secs(30), || {
            files::append(&log(1, "dir_server"), "to redis\n");
            let out = std::process::Command::new("redis-cli")
                .args(["-h", &core, "-p", "7474", "lrange", "logdata", "0", "-1"])
                .output()
                .unwrap();
            listed = String::from_utf8_lossy(&out.stdout).into_owned();
            listed.contains("\"text\":\"to redis\"")
        }),
        "redis list: {listed}"
    );
    c.run(0, &["log", "drain", "delete", "rd"]).ok();

    // An event drain: kato's commands (each node's history) in the original's event format.
    let events_file = out_dir.path().join("events.log");
    c.run(0, &["log", "drain", "add", "-p", "event", "events", &format!("file://{}", events_file.display())]).ok();
    c.run(1, &["config", "set", "cluster", "drain_test", "yes"]).ok();
    let want = format!("kato_action@{}: kato config set cluster drain_test yes (succeeded) -- via kato", c.nodes[1].ip);
    assert!(
        eventually(Duration::from_secs(30), || std::fs::read_to_string(&events_file)
            .unwrap_or_default()
            .contains(&want)),
        "{:?}",
        std::fs::read_to_string(&events_file)
    );
    c.run(0, &["log", "drain", "delete", "events"]).ok();

    // The TCP receiver goes away while lines are written: RETRYING with rsyslog's error,
    // then RUNNING once it is back, and every line arrives.
    // KATO_DRAIN_TEST_LINES scales the 100k lines down on a slow machine.
    tcp.stop();
    let gone = std::time::Instant::now();
    let away: usize = std::env::var("KATO_DRAIN_TEST_LINES").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let batch = away / 10;
    for b in 0..10 {
        let text: String = (b * batch..(b + 1) * batch).map(|n| format!("away {n}\n")).collect();
        files::append(&log(1, "dir_server"), &text);
        thread::sleep(Duration::from_millis(500));
    }
    let away = batch * 10;
    let mut shown = String::new();
    assert!(
        eventually(Duration::from_secs(40), || {
            shown = c.run(0, &["log", "drain", "status", "-n", "tcpdrain"]).stdout;
            shown.contains(&format!("tcpdrain            \t{}\tRETRYING[", c.nodes[1].ip))
        }),
        "no RETRYING: {shown}"
    );
    assert!(shown.contains("Connection refused") || shown.contains("127.0.0.1"), "{shown}");
    // Away for 30 s in all.
    thread::sleep(Duration::from_secs(30).saturating_sub(gone.elapsed()));
    tcp = TcpReceiver::start(tcp_port, tcp_lines.clone());
    let away_lines = |l: &str| l.contains("\"away ");
    assert!(
        eventually(Duration::from_secs(120), || count(&tcp_lines, away_lines) >= away),
        "{} of {away} arrived after the receiver came back",
        count(&tcp_lines, away_lines)
    );
    let mut got: Vec<usize> = tcp_lines
        .lock()
        .unwrap()
        .iter()
        .filter(|l| away_lines(l))
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["text"].as_str().unwrap().rsplit(' ').next().unwrap().parse().unwrap()
        })
        .collect();
    // Count and checksum: every line, in the order written (a line rsyslog sent again after
    // a broken connection is counted once and reported).
    let received = got.len();
    got.dedup();
    let mut sorted = got.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), away, "lines lost");
    let sum = |v: &[usize]| v.iter().fold(0xcbf29ce484222325u64, |h, n| (h ^ *n as u64).wrapping_mul(0x100000001b3));
    assert_eq!(sum(&sorted), sum(&(0..away).collect::<Vec<_>>()), "checksum");
    let in_order = got.windows(2).filter(|w| w[1] < w[0]).count();
    eprintln!(
        "receiver away 30 s: {away} lines written, {received} received, {} sent twice, {in_order} places out of order",
        received - away
    );
    assert!(eventually(Duration::from_secs(20), || {
        c.run(0, &["log", "drain", "status", "-n"]).stdout.trim().is_empty()
    }));

    // `kato log stream`: the original's line format, leading timestamps dropped.
    let bad_key = c.run(0, &["log", "stream", "event"]);
    bad_key.fails(2);
    assert!(bad_key.stderr.contains("unsupported stream key 'event'"), "{}", bad_key.stderr);
    let child = c
        .command(0, &["log", "stream", "--no-color", "systail.dir_server"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut child = harness::procs::Guard::new(child, Duration::ZERO);
    let out = harness::wait::lines(child.stdout.take().unwrap());
    let want = format!("dir_server@{}: streamed line", c.nodes[2].ip);
    let mut shown = Vec::new();
    let seen = eventually(Duration::from_secs(30), || {
        files::append(&log(2, "dir_server"), "2013/01/02 15:04:05 streamed line\n");
        files::append(&log(0, "config_redis"), "not asked for\n");
        while let Ok(l) = out.recv_timeout(Duration::from_millis(300)) {
            shown.push(l);
        }
        shown.contains(&want)
    });
    assert!(seen, "{shown:?}");
    assert!(!shown.iter().any(|l| l.contains("not asked for")), "{shown:?}");
    drop(child);

    // Delete: gone from the store and from every node's shipper; the last one stops it.
    c.run(0, &["log", "drain", "delete", "udpdrain"]).ok();
    let missing = c.run(0, &["log", "drain", "delete", "udpdrain"]);
    missing.fails(1);
    c.run(0, &["log", "drain", "delete", "filedrain"]).ok();
    c.run(0, &["log", "drain", "delete", "tcpdrain"]).ok();
    assert_eq!(c.run(0, &["log", "drain", "list"]).ok().stdout, "");
    for i in 0..3 {
        let st = c.run(i, &["process", "list"]);
        assert!(!st.stdout.contains("log_shipper"), "node {i}: {}", st.stdout);
    }
    udp_stop.store(true, Ordering::Relaxed);
    drop(tcp);
}
