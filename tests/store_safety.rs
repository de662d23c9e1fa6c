//! The cluster store under concurrent writers and under writers killed at random moments.

mod harness;
use harness::procs;
use harness::sandbox::Sandbox;
use nix::sys::signal::Signal;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

fn revision(doc: &Value) -> u64 {
    doc["revision"].as_u64().expect("the store has a numeric revision")
}

#[test]
fn sixteen_concurrent_pushes_all_land() {
    let sb = Sandbox::new();
    sb.setup_core();
    let before = revision(&sb.store());
    let children: Vec<_> = (0..16)
        .map(|i| {
            sb.command(&["config", "push", "dea_ng", "list", &format!("v{i}")])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("spawn kato")
        })
        .collect();
    for (i, child) in children.into_iter().enumerate() {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "push v{i} failed: {}", String::from_utf8_lossy(&out.stderr));
    }
    let r = sb.run(&["config", "get", "dea_ng", "list", "--json"]);
    r.ok();
    let list: Vec<String> = serde_json::from_str(&r.stdout).expect("a JSON list of strings");
    assert_eq!(list.len(), 16, "{list:?}");
    let got: BTreeSet<String> = list.into_iter().collect();
    let want: BTreeSet<String> = (0..16).map(|i| format!("v{i}")).collect();
    assert_eq!(got, want);
    assert_eq!(revision(&sb.store()), before + 16, "each push is exactly one committed revision");
}

/// A tiny deterministic generator (Knuth's MMIX LCG); no crate needed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
}

const BIG_LEN: usize = 200_000;
const SLOTS: usize = 4;

enum Change {
    /// `config set dea_ng big/<slot>` with `BIG_LEN` copies of `letter` on stdin.
    Big { slot: usize, letter: u8 },
    /// `config push dea_ng list <item>`.
    Push(String),
}

impl Change {
    fn for_iteration(n: usize) -> Change {
        if n.is_multiple_of(2) {
            let k = n / 2;
            Change::Big { slot: k % SLOTS, letter: b'a' + (k % 26) as u8 }
        } else {
            Change::Push(format!("p{n}"))
        }
    }

    /// The components after this change commits on top of `components`.
    fn apply(&self, components: &Value) -> Value {
        let mut next = components.clone();
        let dea = &mut next["dea_ng"];
        if dea.is_null() {
            *dea = json!({});
        }
        match self {
            Change::Big { slot, letter } => {
                if dea["big"].is_null() {
                    dea["big"] = json!({});
                }
                dea["big"][slot.to_string()] = json!(String::from_utf8(vec![*letter; BIG_LEN]).unwrap());
            }
            Change::Push(item) => match dea["list"].as_array_mut() {
                Some(list) => list.push(json!(item)),
                None => dea["list"] = json!([item]),
            },
        }
        next
    }
}

/// Every `big/<slot>` value in the document is complete: one letter, exactly `BIG_LEN` long.
fn assert_big_values_complete(doc: &Value, n: usize) {
    let Some(big) = doc["components"]["dea_ng"]["big"].as_object() else {
        return;
    };
    for (slot, v) in big {
        let s = v.as_str().unwrap_or_else(|| panic!("iteration {n}: big/{slot} is not a string"));
        assert_eq!(s.len(), BIG_LEN, "iteration {n}: big/{slot} is truncated");
        let first = s.as_bytes()[0];
        assert!(s.bytes().all(|b| b == first), "iteration {n}: big/{slot} mixes two writes");
    }
}

#[test]
fn writers_killed_at_random_leave_a_committed_state() {
    const ITERATIONS: usize = 300;
    let sb = Sandbox::new();
    sb.setup_core();
    let started = Instant::now();
    let mut rng = Lcg(0x6b61_746f);
    let mut prev = sb.store();
    let (mut committed, mut lost) = (0, 0);
    for n in 0..ITERATIONS {
        let change = Change::for_iteration(n);
        let (mut child, writer) = match &change {
            Change::Big { slot, letter } => {
                let mut child = sb
                    .command(&["config", "set", "dea_ng", &format!("big/{slot}")])
                    .stdin(Stdio::piped())
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("spawn kato");
                let mut stdin = child.stdin.take().unwrap();
                let mut value = vec![*letter; BIG_LEN];
                value.push(b'\n');
                // The kill may land while kato is still reading: the write then fails.
                let writer = std::thread::spawn(move || {
                    let _ = stdin.write_all(&value);
                });
                (child, Some(writer))
            }
            Change::Push(item) => {
                let child = sb
                    .command(&["config", "push", "dea_ng", "list", item])
                    .stdout(Stdio::null())
                    .stderr(Stdio::null())
                    .spawn()
                    .expect("spawn kato");
                (child, None)
            }
        };
        std::thread::sleep(Duration::from_micros(rng.next() % 15_001));
        // It may have finished already (then it is a zombie until waited for: still ok).
        procs::signal(child.id() as i32, Signal::SIGKILL);
        child.wait().unwrap();
        if let Some(w) = writer {
            w.join().unwrap();
        }

        let doc = sb.store();
        let (was, now) = (revision(&prev), revision(&doc));
        if now == was {
            assert!(
                doc["components"] == prev["components"],
                "iteration {n}: the revision stayed {was} but the content changed"
            );
            lost += 1;
        } else if now == was + 1 {
            assert!(
                doc["components"] == change.apply(&prev["components"]),
                "iteration {n}: revision {now} is not the previous state plus this change"
            );
            committed += 1;
        } else {
            panic!("iteration {n}: the revision jumped from {was} to {now}");
        }
        assert_big_values_complete(&doc, n);
        prev = doc;
    }

    // Stray temporary files are allowed (a writer killed before its rename leaves one);
    // nothing else may appear beside the store.
    let mut temps = 0;
    for e in std::fs::read_dir(sb.path("var/lib/kato/store")).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.starts_with(".cluster.json.tmp.") {
            temps += 1;
        } else {
            assert!(name == "cluster.json" || name == "lock", "unexpected file {name} in the store directory");
        }
    }
    println!(
        "{ITERATIONS} killed writers in {:?}: {committed} had committed, {lost} had not; \
         {temps} stray temporary file(s)",
        started.elapsed()
    );
    assert_eq!(committed + lost, ITERATIONS);
    assert!(lost > 0, "no writer was ever killed before committing, so the kills proved nothing");
    // The survivors' store is still usable, temporary files notwithstanding.
    sb.run(&["config", "push", "dea_ng", "list", "after"]).ok();
    let r = sb.run(&["config", "get", "dea_ng", "list", "--json"]);
    r.ok();
    assert!(r.stdout.contains("\"after\""), "{}", r.stdout);
}

/// The cluster operations kill-tested on one root: each run is cheap, so most kills land here.
#[derive(Debug, Clone, Copy)]
enum Op {
    RoleAdd,
    RoleRemove,
    Migrate,
    Remove,
    ConfigSet,
}

/// Whether the store agrees with itself and with this node's state after a kill: it
/// parses, every command still works, the core is registered as itself, every role state
/// is START or STOP, and the migrated node sits at exactly one of its two addresses.
fn assert_consistent(sb: &Sandbox, n: usize, op: Op) -> Value {
    let what = format!("kill {n} ({op:?})");
    let doc = sb.store();
    let list = sb.run(&["node", "list", "--json"]);
    assert_eq!(list.code, 0, "{what}: node list fails after the kill: {}", list.stderr);
    let state: Value = serde_json::from_slice(&std::fs::read(sb.path("var/lib/kato/node.json")).unwrap())
        .unwrap_or_else(|e| panic!("{what}: node.json does not parse: {e}"));
    assert_eq!(state["node_type"], "core", "{what}: {state}");
    let nodes = doc["components"]["node"].as_object().unwrap_or_else(|| panic!("{what}: no registry"));
    let core = &nodes["10.11.12.13"]["roles"];
    for r in ["base", "primary", "controller", "router"] {
        assert!(core.get(r).is_some(), "{what}: the core lost role {r}: {core}");
    }
    for (ip, entry) in nodes {
        for (role, st) in entry["roles"].as_object().unwrap_or_else(|| panic!("{what}: {ip} has no roles map")) {
            assert!(st == "START" || st == "STOP", "{what}: {ip} role {role} is {st}");
        }
    }
    let migrated = ["10.11.12.20", "10.11.12.21"].iter().filter(|ip| nodes.contains_key(**ip)).count();
    assert_eq!(migrated, 1, "{what}: the migrated node is at {migrated} addresses: {:?}", nodes.keys());
    assert_eq!(doc["components"]["cluster"]["mbusip"], "10.11.12.13", "{what}");
    doc
}

#[test]
fn cluster_operations_killed_at_random_leave_store_and_node_agreeing() {
    const KILLS: usize = 220;
    let sb = Sandbox::new();
    sb.setup_core();
    sb.register_node("10.11.12.20", &["dea"]);
    let started = Instant::now();
    let mut rng = Lcg(0x1515_0001);
    let mut prev = assert_consistent(&sb, 0, Op::ConfigSet);
    let (mut committed, mut lost) = (0, 0);
    let ops = [Op::RoleAdd, Op::RoleRemove, Op::Migrate, Op::Remove, Op::ConfigSet];
    for n in 0..KILLS {
        let op = ops[n % ops.len()];
        let nodes = prev["components"]["node"].clone();
        let (from, to) = if nodes.get("10.11.12.20").is_some() {
            ("10.11.12.20", "10.11.12.21")
        } else {
            ("10.11.12.21", "10.11.12.20")
        };
        // The node that `node remove --skip-detach` takes out comes back (not killed).
        if matches!(op, Op::Remove) && nodes.get("10.11.12.30").is_none() {
            sb.register_node("10.11.12.30", &["dea"]);
            prev = sb.store();
        }
        let value = n.to_string();
        let args: Vec<&str> = match op {
            Op::RoleAdd => vec!["role", "add", "--no-start", "--skip-preflight", "role-processes", "redis"],
            Op::RoleRemove => vec!["role", "remove", "redis"],
            Op::Migrate => vec!["node", "migrate", from, to],
            Op::Remove => vec!["node", "remove", "--skip-detach", "10.11.12.30"],
            Op::ConfigSet => vec!["config", "set", "dea_ng", "crash/n", &value],
        };
        let mut child = sb.command(&args).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn kato");
        std::thread::sleep(Duration::from_micros(rng.next() % 40_001));
        procs::signal(child.id() as i32, Signal::SIGKILL);
        child.wait().unwrap();

        let doc = assert_consistent(&sb, n, op);
        let (was, now) = (revision(&prev), revision(&doc));
        // One command is one committed revision at most.
        assert!(now == was || now == was + 1, "kill {n} ({op:?}): revision {was} -> {now}");
        if now == was {
            assert_eq!(doc["components"], prev["components"], "kill {n} ({op:?}): same revision, other content");
            lost += 1;
        } else {
            committed += 1;
        }
        prev = doc;
    }
    println!("{KILLS} killed operations in {:?}: {committed} had committed, {lost} had not", started.elapsed());
    assert!(lost > 0 && committed > 0, "the kills never landed on both sides: {committed} committed, {lost} lost");
    // Afterwards every operation still converges.
    sb.run(&["role", "add", "--no-start", "--skip-preflight", "role-processes", "redis"]).ok();
    sb.run(&["role", "remove", "redis"]).ok();
    let nodes = sb.store()["components"]["node"].clone();
    let (from, to) = if nodes.get("10.11.12.20").is_some() {
        ("10.11.12.20", "10.11.12.21")
    } else {
        ("10.11.12.21", "10.11.12.20")
    };
    sb.run(&["node", "migrate", from, to]).ok();
    assert_consistent(&sb, KILLS, Op::Migrate);
}

/// The store's stated limits: no change grows it past 8 MiB (each value at most 1 MiB),
/// a store that holds something deeper than the limit (written before it) stays readable
/// and deletable, and a lock held by someone else is waited for a bounded time, with an
/// error naming the file and the holder. Files are group-only whatever the umask.
#[test]
fn store_size_depth_and_lock_limits() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::new();
    sb.setup_core();
    let mib = vec![b'v'; 1024 * 1024 - 16];
    let mut refused = None;
    for i in 0..12 {
        let r = sb.run_with_stdin(&["config", "set", "dea_ng", &format!("big/{i}")], &mib);
        if r.code != 0 {
            refused = Some((i, r));
            break;
        }
    }
    let (i, r) = refused.expect("the store grew past 8 MiB without a refusal");
    assert!(i >= 6, "refused too early, at value {i}: {}", r.stderr);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("the store holds at most 8192 KiB"), "{}", r.stderr);
    let size = std::fs::metadata(sb.path(harness::sandbox::STORE)).unwrap().len();
    assert!(size <= 8 * 1024 * 1024, "the store is {size} bytes");
    // Still fully usable: reads, status, and a delete that shrinks it.
    sb.run(&["node", "list"]).ok();
    sb.run(&["status"]).ok();
    sb.run(&["config", "del", "dea_ng", "big/0"]).ok();
    sb.run_with_stdin(&["config", "set", "dea_ng", "big/0"], &mib).ok();

    // A value deeper than the limit, written behind kato's back, stays readable and can
    // be deleted; kato itself refuses to write one.
    let deep: Value = serde_json::from_str(&format!("{}1{}", "[".repeat(120), "]".repeat(120))).unwrap();
    sb.edit_store(|doc| doc["components"]["dea_ng"]["deep"] = deep);
    sb.run(&["config", "get", "dea_ng", "n"]).ok();
    sb.run(&["node", "list"]).ok();
    let r = sb.run(&["config", "set", "-j", "dea_ng", "deeper", &format!("{}1{}", "[".repeat(33), "]".repeat(33))]);
    r.fails(2);
    assert!(r.stderr.contains("nested 33 levels deep; the limit is 32"), "{}", r.stderr);
    sb.run(&["config", "del", "dea_ng", "deep"]).ok();
    assert!(sb.store()["components"]["dea_ng"].get("deep").is_none());

    // A lock held by another process: a bounded wait, then an error naming the holder.
    let lock = sb.path("var/lib/kato/store/lock");
    // Held by this test process (a shared lock is enough to keep writers out).
    let held = std::fs::File::open(&lock).unwrap();
    held.lock_shared().unwrap();
    let before = sb.tree();
    let t = Instant::now();
    let r = sb.run_with(&["config", "set", "dea_ng", "n", "7"], &[("KATO_LOCK_TIMEOUT", "1")], Duration::from_secs(20));
    let took = t.elapsed();
    drop(held);
    r.fails(1);
    assert!(took < Duration::from_secs(5), "waited {took:?}");
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    let me = format!("store/lock is locked by pid {}", std::process::id());
    assert!(r.stderr.contains(&me) && r.stderr.contains("gave up after 1s"), "{}", r.stderr);
    assert_eq!(before, sb.tree(), "a command that could not lock changed files");
    sb.run(&["config", "set", "dea_ng", "n", "7"]).ok();

    // Under umask 000, kato's files are still for root and group kato only.
    let mut c = sb.wrapped("sh");
    c.args(["-c", "umask 000; exec \"$KATO\" config set dea_ng n 8"]);
    assert!(c.status().unwrap().success());
    for f in ["var/lib/kato/store/lock", "var/lib/kato/store/cluster.json", "var/log/kato/history.jsonl"] {
        let mode = std::fs::metadata(sb.path(f)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o007, 0, "{f} is {mode:o}");
    }
}

/// The small ones (class 15): a temporary file left by a killed writer is removed by the
/// next writer (one of a live process is left alone), and `log tail` on a terminal shows
/// a process's escape sequences escaped instead of obeying them (piped, the bytes pass).
#[test]
fn stale_temporaries_go_and_terminal_escapes_are_shown() {
    let sb = Sandbox::new();
    sb.setup_core();
    let dir = sb.path("var/lib/kato/store");
    // A pid that cannot be alive (above the kernel's pid_max), and this test's own pid.
    let dead = dir.join(".cluster.json.tmp.99999999");
    let live = dir.join(format!(".cluster.json.tmp.{}", std::process::id()));
    std::fs::write(&dead, "half a store").unwrap();
    std::fs::write(&live, "being written").unwrap();
    sb.run(&["config", "set", "dea_ng", "t", "1"]).ok();
    assert!(!dead.exists(), "the dead writer's temporary file is still there");
    assert!(live.exists(), "a live writer's temporary file was removed");
    std::fs::remove_file(&live).unwrap();

    let log = sb.supervisor_paths().main_log();
    std::fs::create_dir_all(log.parent().unwrap()).unwrap();
    std::fs::write(&log, "plain line\nred \u{1b}[31mtext\u{1b}]0;title\u{7} bell\n").unwrap();
    let mut tty = sb.wrapped("script");
    tty.args(["-qec", "\"$KATO\" log tail supervisord --lines 5", "/dev/null"]);
    let out = tty.output().expect("script(1) from util-linux");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("plain line"), "{text}");
    assert!(!text.contains('\u{1b}') && !text.contains('\u{7}'), "raw escapes reached the terminal: {text:?}");
    assert!(text.contains("\\u{1b}[31mtext"), "{text:?}");
    let piped = sb.run(&["log", "tail", "supervisord", "--lines", "5"]);
    piped.ok();
    assert!(piped.stdout.contains("\u{1b}[31mtext"), "piped output should keep the bytes: {:?}", piped.stdout);
}

/// A full file system: the store cannot be written, the command fails with one error line
/// that names the file, and the store left behind is the one that was there.
#[test]
fn a_full_file_system_names_the_file_and_keeps_the_store() {
    let root = nix::unistd::Uid::effective().is_root();
    if !harness::tools::require("full-disk test", root && harness::tools::have("unshare"), "needs root and unshare") {
        return;
    }
    let sb = Sandbox::new();
    sb.setup_core();
    let store = sb.path("var/lib/kato/store");
    // In a mount namespace of its own, the store's folder becomes a small tmpfs holding a
    // copy of the store; a value too big for it is then set, and the store read back.
    let script = r#"set -e
d="$1"
mkdir "$d.copy" && cp -a "$d/." "$d.copy/"
mount -t tmpfs -o size=64k tmpfs "$d"
cp -a "$d.copy/." "$d/"
before=$(sha256sum "$d/cluster.json")
if "$KATO" config set cluster filler "$2"; then echo "SET WORKED"; fi
[ "$(sha256sum "$d/cluster.json")" = "$before" ] && echo "STORE KEPT"
"$KATO" config get cluster endpoint"#;
    let big = "x".repeat(100_000);
    let mut cmd = sb.wrapped("unshare");
    cmd.args(["--mount", "sh", "-c", script, "sh"]).arg(&store).arg(&big);
    let r = harness::run::capture(&mut cmd, None, Duration::from_secs(60));
    assert!(!r.stdout.contains("SET WORKED"), "{} {}", r.stdout, r.stderr);
    assert!(r.stdout.contains("STORE KEPT"), "{} {}", r.stdout, r.stderr);
    assert!(r.stdout.contains("api.example.test"), "the store is still readable: {}", r.stdout);
    let errors: Vec<&str> = r.stderr.lines().filter(|l| l.starts_with("ERROR: ")).collect();
    assert_eq!(errors.len(), 1, "{}", r.stderr);
    assert!(errors[0].contains("No space left on device"), "{}", r.stderr);
    assert!(errors[0].contains(&store.display().to_string()), "the error names the file: {}", r.stderr);
}
