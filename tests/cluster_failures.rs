//! How the cluster commands fail: an unreachable core, a changed host key, bad
//! credentials, a version or protocol mismatch, a core whose sshd dies in the middle of
//! an attach, a node that cannot be reached for removal or status — and 16 nodes
//! attaching at once; SIGKILLs at random points of attach and remove; and a node's
//! supervisord, a node's sshd or the core dying in the middle of an operation.

mod harness;
use harness::cluster::keygen;
use harness::cluster::{Cluster, ClusterConfig};
use harness::files::{file_tree, read_json, write_spec};
use harness::run;
use harness::wait::eventually;
use std::process::Stdio;
use std::time::{Duration, Instant};

fn core_up(n: usize) -> Option<Cluster> {
    Cluster::try_core_with(n, ClusterConfig::default(), &["--skip-preflight", "process-binaries"])
}

#[test]
fn unreachable_core_fails_fast_and_changes_nothing() {
    let Some(mut c) = core_up(2) else { return };
    let core = c.nodes[0].ip.clone();
    c.stop_node(0);
    let before = file_tree(&c.nodes[1].root);
    let out = c.run_within(1, &["node", "attach", "-e", "dea", &core], Duration::from_secs(15));
    out.fails(1);
    assert!(out.stderr.contains("connection refused") || out.stderr.contains("unreachable"), "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert_eq!(before, file_tree(&c.nodes[1].root), "a failed attach changed the node's files");
}

#[test]
fn changed_host_key_is_refused() {
    let Some(mut c) = core_up(2) else { return };
    let core = c.nodes[0].ip.clone();
    c.replace_host_key(0);
    let before = file_tree(&c.nodes[1].root);
    let out = c.run(1, &["node", "attach", "-e", "dea", &core, "--accept-new-host-key"]);
    out.fails(1);
    assert!(out.stderr.contains("CHANGED"), "{}", out.stderr);
    assert_eq!(before, file_tree(&c.nodes[1].root));
}

/// OpenSSH's rule, in its variants: a host with a recorded key of another type than the
/// one it shows is CHANGED, not new — in plain and hashed known_hosts entries — and
/// `--accept-new-host-key` does not record the new key.
#[test]
fn host_key_of_another_type_is_changed() {
    let Some(c) = core_up(2) else { return };
    let core = c.nodes[0].ip.clone();
    let other = c.dir().join("other_type_key");
    let made = std::process::Command::new("ssh-keygen")
        .args(["-q", "-t", "ecdsa", "-N", "", "-f"])
        .arg(&other)
        .status()
        .expect("ssh-keygen");
    assert!(made.success());
    let public = std::fs::read_to_string(other.with_extension("pub")).unwrap();
    let public: Vec<&str> = public.split_whitespace().take(2).collect();
    for hashed in [false, true] {
        let own = c.dir().join(format!("own_known_hosts_{hashed}"));
        std::fs::write(&own, format!("# recorded earlier\n{core} {} {}\n", public[0], public[1])).unwrap();
        if hashed {
            let h = std::process::Command::new("ssh-keygen").arg("-H").arg("-f").arg(&own).output().unwrap();
            assert!(h.status.success(), "{}", String::from_utf8_lossy(&h.stderr));
            assert!(!std::fs::read_to_string(&own).unwrap().contains(&core), "not hashed");
        }
        let recorded = std::fs::read(&own).unwrap();
        let before = file_tree(&c.nodes[1].root);
        let out = run::output(
            c.command(1, &["node", "attach", "-e", "dea", &core, "--accept-new-host-key"])
                .env("KATO_KNOWN_HOSTS", &own)
                .env("HOME", c.dir()),
        );
        out.fails(1);
        assert!(out.stderr.contains("CHANGED") && out.stderr.contains("line 2"), "hashed {hashed}: {}", out.stderr);
        assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        assert_eq!(recorded, std::fs::read(&own).unwrap(), "the new key was recorded");
        assert_eq!(before, file_tree(&c.nodes[1].root));
    }
}

#[test]
fn unknown_host_needs_consent_in_batch_mode() {
    let Some(c) = core_up(2) else { return };
    let core = c.nodes[0].ip.clone();
    let own = c.dir().join("own_known_hosts");
    let out = run::output(
        c.command(1, &["node", "attach", "-e", "dea", &core]).env("KATO_KNOWN_HOSTS", &own).env("HOME", c.dir()),
    );
    assert_ne!(out.code, 0);
    let err = &out.stderr;
    assert!(err.contains("--accept-new-host-key"), "{err}");
    assert!(!own.exists() || std::fs::read_to_string(&own).unwrap().trim().is_empty());
    let out = run::output(
        c.command(1, &["node", "attach", "-e", "dea", &core, "--accept-new-host-key"])
            .env("KATO_KNOWN_HOSTS", &own)
            .env("HOME", c.dir()),
    );
    out.ok();
    assert!(std::fs::read_to_string(&own).unwrap().contains(&core));
}

#[test]
fn bad_credentials_are_refused() {
    let Some(c) = core_up(2) else { return };
    let core = c.nodes[0].ip.clone();
    let stranger = c.dir().join("stranger_key");
    keygen(&stranger, "");
    let pw = c.dir().join("wrong_password");
    std::fs::write(&pw, "not-the-password\n").unwrap();
    let before = file_tree(&c.nodes[1].root);
    let out = run::output(
        c.command(1, &["node", "attach", "-e", "dea", &core])
            .env("KATO_SSH_IDENTITY", &stranger)
            .env("KATO_SSH_PASSWORD_FILE", &pw)
            .env("HOME", c.dir()),
    );
    out.fails(1);
    let err = &out.stderr;
    assert!(err.contains("authentication") || err.contains("auth"), "{err}");
    assert!(!err.contains("not-the-password"), "password leaked: {err}");
    assert_eq!(before, file_tree(&c.nodes[1].root));
}

#[test]
fn version_mismatch_needs_force() {
    let Some(c) = core_up(2) else { return };
    let core = c.nodes[0].ip.clone();
    std::fs::create_dir_all(c.nodes[1].root.join("etc/kato")).unwrap();
    std::fs::write(c.nodes[1].root.join("etc/kato/version"), "v9.9.9\n").unwrap();
    let before = file_tree(&c.nodes[1].root);
    let out = c.run(1, &["node", "attach", "-e", "dea", &core]);
    out.fails(1);
    assert!(out.stderr.contains("Incompatible node versions"), "{}", out.stderr);
    assert!(out.stderr.contains("this node: v9.9.9"), "{}", out.stderr);
    assert_eq!(before, file_tree(&c.nodes[1].root));
    c.run(1, &["node", "attach", "-e", "dea", &core, "--force", "-s"]).ok();
}

#[test]
fn protocol_mismatch_names_both_versions() {
    let Some(c) = core_up(1) else { return };
    let hello = br#"{"protocol": 999, "kato_version": "9.0.0", "request": {"type": "hello"}}"#;
    let reply = run::capture(&mut c.command(0, &["__remote"]), Some(hello), run::LIMIT).json();
    assert_eq!(reply["ok"], false);
    let err = reply["error"].as_str().unwrap();
    let ours = format!("protocol {}", kato::infra::remote::PROTOCOL);
    assert!(err.contains(&ours) && err.contains("protocol 999") && err.contains("9.0.0"), "{err}");
}

#[test]
fn core_sshd_dying_mid_attach_leaves_both_sides_agreeing() {
    let Some(mut c) = core_up(2) else { return };
    let core = c.nodes[0].ip.clone();
    let me = c.nodes[1].ip.clone();
    // A dea process that never becomes ready keeps the attach busy in its last step.
    let slow = write_spec(
        &c.nodes[1].root,
        "zz_slow",
        "name: zz_slow\nroles: [dea]\ncommand: /bin/sleep 1000\nlisten_port: 1\n",
    );

    let child = c
        .command(1, &["node", "attach", "-e", "dea", &core])
        .env("KATO_START_TIMEOUT", "4")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let store = c.nodes[0].root.join("var/lib/kato/store/cluster.json");
    assert!(
        eventually(Duration::from_secs(20), || std::fs::read_to_string(&store).unwrap_or_default().contains(&me)),
        "the node never registered"
    );
    c.crash_node(0);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("step 'start-roles' failed"), "{err}");
    assert!(err.contains("NOT undone: register"), "the stale registration must be reported: {err}");
    // The core's registration could not be undone (the core is gone), so this node is
    // left attached to match: both sides agree, and the message says what was left.
    assert!(err.contains("left done, to match: node-state, hosts-file"), "{err}");
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(c.nodes[1].root.join("var/lib/kato/node.json")).unwrap()).unwrap();
    assert_eq!(state["node_type"], "node", "{state}");
    assert_eq!(state["core_ip"], core.as_str(), "{state}");
    assert!(std::fs::read_to_string(&store).unwrap().contains(&me), "the core's registration");

    // Once the core is back, a re-run converges.
    std::fs::remove_file(&slow).unwrap();
    c.start_node(0);
    c.run(1, &["node", "attach", "-e", "dea", &core]).ok();
    let list = c.run(0, &["node", "list"]);
    assert_eq!(list.stdout.matches(&me).count(), 1, "{}", list.stdout);
    assert!(list.stdout.contains(&format!("{me:<15}  base dea")), "{}", list.stdout);
    // Attaching again changes nothing.
    c.run(1, &["node", "attach", "-e", "dea", &core]).ok();
    assert_eq!(c.run(0, &["node", "list"]).stdout, list.stdout);
}

#[test]
fn unreachable_nodes_in_remove_and_status() {
    let Some(mut c) = core_up(3) else { return };
    let core = c.nodes[0].ip.clone();
    c.run(1, &["node", "attach", "-e", "dea", "-s", &core]).ok();
    c.run(2, &["node", "attach", "-e", "dea", "-s", &core]).ok();
    let gone = c.nodes[2].ip.clone();
    c.stop_node(2);
    let st = c.run_within(0, &["status"], Duration::from_secs(15));
    // The report is printed, and says which node could not be asked and why; the exit
    // status says the report is incomplete.
    st.fails(1);
    assert!(st.stderr.contains(&format!("WARNING: Could not determine process status on {gone}: ")), "{}", st.stderr);
    assert!(st.stderr.contains("connection refused") || st.stderr.contains("cannot reach"), "{}", st.stderr);
    assert!(st.stdout.contains("ROLE"), "{}", st.stdout);
    // Asking one node counts that node only.
    let one = c.run(0, &["status", "-n", &c.nodes[1].ip, "--json"]);
    one.ok();
    assert_eq!(one.json()["roles_stats"]["dea"]["node_ids"], serde_json::json!([c.nodes[1].ip]), "{}", one.stdout);
    let before = c.run(0, &["node", "list"]).stdout;
    // A role change for a node that cannot be reached is refused before any change.
    for args in [["role", "add", "-n", gone.as_str(), "redis"], ["role", "remove", "-n", gone.as_str(), "dea"]] {
        let out = c.run_within(0, &args, Duration::from_secs(15));
        out.fails(1);
        assert!(out.stderr.contains("nothing was changed"), "{args:?}: {}", out.stderr);
        assert_eq!(before, c.run(0, &["node", "list"]).stdout, "{args:?} changed the registry");
    }
    let rm = c.run_within(0, &["node", "remove", &gone], Duration::from_secs(15));
    rm.fails(1);
    assert!(rm.stderr.contains("--skip-detach"), "{}", rm.stderr);
    assert_eq!(before, c.run(0, &["node", "list"]).stdout, "registry changed by a failed remove");
    c.run(0, &["node", "remove", "--skip-detach", &gone]).ok();
    assert!(!c.run(0, &["node", "list"]).stdout.contains(&gone));

    // Membership loopholes (class 13). The removed node still thinks it is attached, but
    // no role change of its own brings it back into the registry: only an attach does.
    c.start_node(2);
    let registry = || read_json(&c.nodes[0].root.join("var/lib/kato/store/cluster.json"))["components"]["node"].clone();
    let before = registry();
    for args in [
        vec!["role", "add", "redis", "--skip-preflight", "role-processes", "--skip-preflight", "persistent-storage"],
        vec!["role", "remove", "dea"],
        vec!["stop", "dea"],
        vec!["start", "dea"],
    ] {
        let out = c.run(2, &args);
        assert_ne!(out.code, 0, "{args:?} succeeded on a removed node: {}", out.stdout);
        let why = &out.stderr;
        assert!(
            why.contains("not registered in this cluster") || why.contains("is not configured on node"),
            "{args:?}: {why}"
        );
        assert_eq!(registry(), before, "{args:?} changed the registry");
    }
    // A node attached to one core cannot attach to another without leaving the first.
    c.run(2, &["node", "detach", "--force"]).ok();
    c.run(2, &["node", "setup", "core", "api.second.test"]).ok();
    let second = c.nodes[2].ip.clone();
    let node1 = c.nodes[1].root.clone();
    let before_files = file_tree(&node1);
    let out = c.run(1, &["node", "attach", "-e", "dea", &second]);
    out.fails(2);
    assert!(out.stderr.contains(&format!("attached to the core {core}")), "{}", out.stderr);
    assert_eq!(before_files, file_tree(&node1));
    let second_list = c.run(2, &["node", "list"]).ok().stdout.clone();
    assert!(!second_list.contains(&c.nodes[1].ip), "{second_list}");
}

/// Status that does not hide (class 14, variants): a node whose host key CHANGED is named
/// with that reason without `-v`, in `status`, `status -n`, `status --json` and `process
/// list -n`, and each exits 1; the nodes asked are the only ones counted.
#[test]
fn status_names_nodes_it_could_not_ask_and_why() {
    let Some(mut c) = core_up(3) else { return };
    let core = c.nodes[0].ip.clone();
    c.run(1, &["node", "attach", "-e", "dea", "-s", &core]).ok();
    c.run(2, &["node", "attach", "-e", "dea", "-s", &core]).ok();
    let (good, bad) = (c.nodes[1].ip.clone(), c.nodes[2].ip.clone());
    // A store near its size limit (class 3): requests carry only what a node needs, so
    // every node is still asked, from the core and from another node.
    let store = c.nodes[0].root.join("var/lib/kato/store/cluster.json");
    let mut doc = read_json(&store);
    doc["components"]["dea_ng"]["big"] = serde_json::json!("b".repeat(7 * 1024 * 1024 + 512 * 1024));
    std::fs::write(&store, serde_json::to_vec(&doc).unwrap()).unwrap();
    for i in [0, 1] {
        let st = c.run_within(i, &["status", "--json"], Duration::from_secs(60));
        st.ok();
        assert!(!st.stderr.contains("Could not determine"), "{}", st.stderr);
        let ids = st.json()["roles_stats"]["dea"]["node_ids"].clone();
        assert_eq!(ids, serde_json::json!([good, bad]), "{}", st.stdout.len());
    }
    c.replace_host_key(2);
    for args in [
        vec!["status"],
        vec!["status", "-n", bad.as_str()],
        vec!["status", "--json"],
        vec!["process", "list", "-n", bad.as_str()],
        vec!["process", "list", "-c", "--json"],
    ] {
        let out = c.run_within(0, &args, Duration::from_secs(30));
        out.fails(1);
        assert!(out.stderr.contains(&bad) && out.stderr.contains("CHANGED"), "{args:?}: {}", out.stderr);
        assert!(!out.stderr.contains(&format!("{good}:")), "{args:?}: {}", out.stderr);
    }
    let one = c.run(0, &["status", "-n", &good, "--json"]);
    one.ok();
    let v = one.json();
    assert_eq!(v["roles_stats"]["dea"]["node_ids"], serde_json::json!([good]), "{}", one.stdout);
    assert!(!one.stdout.contains(&bad), "a node not asked is in the report: {}", one.stdout);
}

#[test]
fn sixteen_nodes_attach_at_once() {
    let Some(c) = core_up(17) else { return };
    let core = c.nodes[0].ip.clone();
    let children: Vec<_> = (1..17)
        .map(|i| {
            c.command(i, &["node", "attach", "-e", "dea", "-s", &core])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for (i, ch) in children.into_iter().enumerate() {
        let out = ch.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(0), "node {} failed: {}", i + 1, String::from_utf8_lossy(&out.stderr));
    }
    let list = c.run(0, &["node", "list", "--json"]);
    let v = list.json();
    let nodes = v["node_roles"].as_object().unwrap();
    assert_eq!(nodes.len(), 17);
    for n in &c.nodes[1..] {
        assert_eq!(nodes[&n.ip], serde_json::json!(["base", "dea"]), "{}", n.ip);
    }
    let store = read_json(&c.nodes[0].root.join("var/lib/kato/store/cluster.json"));
    assert_eq!(store["components"]["node"].as_object().unwrap().len(), 17);
}

/// node.json of `root`: (type, core).
fn node_state(root: &std::path::Path) -> (String, Option<String>) {
    let v = read_json(&root.join("var/lib/kato/node.json"));
    (v["node_type"].as_str().unwrap_or("micro").to_string(), v["core_ip"].as_str().map(str::to_string))
}

fn listed(c: &Cluster, ip: &str) -> bool {
    let store = read_json(&c.nodes[0].root.join("var/lib/kato/store/cluster.json"));
    store["components"]["node"].get(ip).is_some()
}

/// A tiny deterministic generator (Knuth's MMIX LCG).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// SIGKILLs at random points of `node attach` (on the node) and `node remove` (on the
/// core). After each kill both sides parse and what they say is ordered so that nothing
/// dangles: during an attach the node points at the core before the core lists it; during
/// a remove the node leaves before the core forgets it. Re-running the command converges.
#[test]
fn attach_and_remove_killed_at_random_converge() {
    const ROUNDS: usize = 5;
    let Some(c) = core_up(2) else { return };
    let core = c.nodes[0].ip.clone();
    let me = c.nodes[1].ip.clone();
    let started = Instant::now();
    // How long one attach and one remove take here, to spread the kills over them.
    let t = Instant::now();
    c.run(1, &["node", "attach", "-e", "dea", "-s", &core]).ok();
    let attach_ms = t.elapsed().as_millis() as u64;
    let t = Instant::now();
    c.run(0, &["node", "remove", &me]).ok();
    let remove_ms = t.elapsed().as_millis() as u64;
    println!("one attach {attach_ms} ms, one remove {remove_ms} ms");
    let mut rng = Lcg(0x1515_0002);
    let (mut landed, mut kills) = (0, 0);
    for round in 0..ROUNDS {
        // An attach killed at random.
        let mut child = c
            .command(1, &["node", "attach", "-e", "dea", "-s", &core])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(rng.below(attach_ms + 1)));
        harness::procs::signal(child.id() as i32, nix::sys::signal::Signal::SIGKILL);
        let status = child.wait().unwrap();
        kills += 1;
        landed += usize::from(status.code().is_none());
        let (ty, at) = node_state(&c.nodes[1].root);
        if listed(&c, &me) {
            assert!(
                ty == "node" && at.as_deref() == Some(core.as_str()),
                "round {round}: listed, but the node is {ty} {at:?}"
            );
        }
        c.run(1, &["node", "attach", "-e", "dea", "-s", &core]).ok();
        assert!(
            listed(&c, &me) && node_state(&c.nodes[1].root) == ("node".into(), Some(core.clone())),
            "round {round}"
        );

        // A remove killed at random.
        let mut child =
            c.command(0, &["node", "remove", &me]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(rng.below(remove_ms + 1)));
        harness::procs::signal(child.id() as i32, nix::sys::signal::Signal::SIGKILL);
        let status = child.wait().unwrap();
        kills += 1;
        landed += usize::from(status.code().is_none());
        let (ty, _) = node_state(&c.nodes[1].root);
        if ty == "node" {
            assert!(listed(&c, &me), "round {round}: the node is attached, but the core forgot it");
        }
        if listed(&c, &me) {
            c.run(0, &["node", "remove", &me]).ok();
        }
        assert!(!listed(&c, &me), "round {round}");
        // The node may still be finishing the detach it was asked for.
        assert!(eventually(Duration::from_secs(10), || node_state(&c.nodes[1].root).0 != "node"), "round {round}");
        let list = c.run(0, &["node", "list"]);
        assert!(!list.stdout.contains(&me), "round {round}: {}", list.stdout);
    }
    println!("{kills} kills of attach/remove in {:?} ({landed} landed mid-run)", started.elapsed());
    assert!(landed > kills / 3, "too few kills landed while the command ran: {landed} of {kills}");
}

/// Exactly one `ERROR:` line on stderr (warnings may precede it), and no panic.
fn one_error_line(err: &str) {
    assert_eq!(err.lines().filter(|l| l.starts_with("ERROR: ")).count(), 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Faults in the middle of operations: a node's supervisord killed while kato waits for a
/// role to start; a node's sshd dying while the core asks it to detach; the core's sshd
/// (and every session it serves) dying while an attached node changes the config. Each
/// time: one error line, exit 1, the two sides agree, and a re-run converges. A config
/// change made from the attached node is in both histories.
#[test]
fn supervisord_sshd_and_core_dying_mid_operation() {
    let Some(mut c) = core_up(2) else { return };
    let core = c.nodes[0].ip.clone();
    let me = c.nodes[1].ip.clone();
    c.run(1, &["node", "attach", "-e", "dea", "-s", &core]).ok();

    // 1. supervisord dies while `kato start` waits for a process that never gets ready.
    let slow = write_spec(
        &c.nodes[1].root,
        "zz_slow",
        "name: zz_slow\nroles: [dea]\ncommand: /bin/sleep 1000\nlisten_port: 1\n",
    );
    let child = c
        .command(1, &["start", "dea"])
        .env("KATO_START_TIMEOUT", "20")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pidfile = kato::infra::supervisor::SupervisorPaths::under(&c.nodes[1].root).pidfile;
    let mut pid = None;
    assert!(
        eventually(Duration::from_secs(20), || {
            // The supervisord that runs the slow process (an earlier one may be replaced).
            pid = harness::procs::read_pidfile(&pidfile).filter(|p| harness::procs::tree(*p).len() > 1);
            pid.is_some()
        }),
        "supervisord never started the slow process"
    );
    let t = Instant::now();
    harness::procs::signal(pid.unwrap(), nix::sys::signal::Signal::SIGKILL);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(t.elapsed() < Duration::from_secs(19), "kato waited out its whole timeout: {:?}: {err}", t.elapsed());
    one_error_line(&err);
    assert!(err.contains("supervisord") || err.contains("zz_slow"), "{err}");
    let store = read_json(&c.nodes[0].root.join("var/lib/kato/store/cluster.json"));
    assert!(store["components"]["node"][&me]["roles"].get("dea").is_some(), "{store}");
    std::fs::remove_file(&slow).unwrap();
    c.run(1, &["start", "dea"]).ok();
    let st = c.run(1, &["status", "-n", &me]);
    st.ok();

    // 2. The core's sshd and its sessions die while the node changes the config.
    c.pause_node(0);
    let child = c
        .command(1, &["config", "set", "dea_ng", "fault/a", "1"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    c.crash_node(0);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    one_error_line(&err);
    c.start_node(0);
    let store = read_json(&c.nodes[0].root.join("var/lib/kato/store/cluster.json"));
    assert!(store["components"]["dea_ng"]["fault"].is_null(), "a change that failed is in the store: {store}");
    c.run(1, &["config", "set", "dea_ng", "fault/a", "1"]).ok();
    c.run(1, &["config", "set", "aok", "auth/password/", "S3cr3t"]).ok();
    let here = c.run(1, &["history"]).ok().stdout.clone();
    assert!(here.contains("kato config set dea_ng fault/a 1"), "{here}");
    let there = c.run(0, &["history"]).ok().stdout.clone();
    assert!(there.contains("kato config set dea_ng fault/a 1 (asked by "), "the core's history: {there}");
    for h in [&here, &there] {
        assert!(!h.contains("S3cr3t") && h.contains("auth/password/ <redacted>"), "{h}");
    }

    // 3. The node's sshd dies while the core asks it to detach: the node stays registered
    // (the core could not ask it), and once it is back the remove converges.
    c.pause_node(1);
    let child = c.command(0, &["node", "remove", &me]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    std::thread::sleep(Duration::from_millis(400));
    c.crash_node(1);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    one_error_line(&err);
    assert!(listed(&c, &me), "removed although the node was not told");
    c.start_node(1);
    c.run(0, &["node", "remove", &me]).ok();
    assert!(!listed(&c, &me));
    assert_eq!(node_state(&c.nodes[1].root).0, "micro");
}

/// The core's sshd (with every session) dying at random points of an attach (class 8):
/// whatever the moment, the two sides agree — if the core lists the node, the node points
/// at it — the error says what was left, and never claims an undo that did not happen;
/// once the core is back, a re-run converges.
#[test]
fn core_dying_at_random_points_of_attach() {
    const ROUNDS: usize = 3;
    let Some(mut c) = core_up(2) else { return };
    let core = c.nodes[0].ip.clone();
    let me = c.nodes[1].ip.clone();
    let t = Instant::now();
    c.run(1, &["node", "attach", "-e", "dea", "-s", &core]).ok();
    let attach_ms = t.elapsed().as_millis() as u64;
    c.run(0, &["node", "remove", &me]).ok();
    let mut rng = Lcg(0x1515_0008);
    let mut failed = 0;
    for round in 0..ROUNDS {
        let child = c
            .command(1, &["node", "attach", "-e", "dea", "-s", &core])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(attach_ms / 5 + rng.below(attach_ms)));
        c.crash_node(0);
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr).to_string();
        let (ty, at) = node_state(&c.nodes[1].root);
        let pointed = ty == "node" && at.as_deref() == Some(core.as_str());
        let is_listed = listed(&c, &me);
        if is_listed {
            assert!(pointed, "round {round}: listed, but the node is {ty} {at:?}; {err}");
        }
        if out.status.code() != Some(0) {
            failed += 1;
            assert_eq!(out.status.code(), Some(1), "round {round}: {err}");
            one_error_line(&err);
            if err.contains("undone: ") && !err.contains("NOT undone") && !err.contains("left done") {
                assert!(
                    !pointed && !is_listed,
                    "round {round}: the error claims an undo, yet {ty} {at:?} listed={is_listed}: {err}"
                );
            }
        }
        c.start_node(0);
        c.run(1, &["node", "attach", "-e", "dea", "-s", &core]).ok();
        assert!(
            listed(&c, &me) && node_state(&c.nodes[1].root) == ("node".into(), Some(core.clone())),
            "round {round}"
        );
        c.run(0, &["node", "remove", &me]).ok();
    }
    assert!(failed > 0, "the core never died while an attach was running");
}
