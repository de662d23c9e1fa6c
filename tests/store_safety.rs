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
