//! Rolling upgrade (`kato node upgrade`) of a running cluster whose nodes each have their
//! own kato binary, from a release bundle made by `scripts/dist.sh`; an interrupted
//! upgrade resumed; bad bundles and a node without room refused before anything changes;
//! versioned state layouts; `kato node retire`.

mod harness;
use harness::cluster::{Cluster, ClusterConfig};
use harness::run;
use harness::sandbox::Sandbox;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const NEW: &str = "0.2.0";

/// A copy of the built kato that reports `version` (its version slot rewritten).
fn newer_build(dir: &Path, version: &str) -> PathBuf {
    let mut bytes = std::fs::read(harness::KATO).unwrap();
    let marker = b"KATO-VERSION:";
    // The slot: the marker followed by the version's first digit.
    let at = bytes
        .windows(marker.len() + 1)
        .position(|w| w.starts_with(marker) && w[marker.len()].is_ascii_digit())
        .expect("version slot")
        + marker.len();
    let end = at + bytes[at..].iter().position(|b| *b == 0).unwrap();
    assert!(version.len() <= 34, "version too long for the slot");
    for b in &mut bytes[at..end] {
        *b = 0;
    }
    bytes[at..at + version.len()].copy_from_slice(version.as_bytes());
    let path = dir.join("kato");
    std::fs::write(&path, &bytes).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    // As small as the nodes' own copies (without debug information).
    let _ = Command::new("strip").arg("--strip-debug").arg(&path).status();
    path
}

fn bundle(out: &Path, bin: &Path) -> PathBuf {
    let r = run::output(Command::new(harness::repo("scripts/dist.sh")).arg("--binary").arg(bin).arg("--out").arg(out));
    r.ok();
    PathBuf::from(r.stdout.trim())
}

fn cluster(n: usize) -> Option<Cluster> {
    let c = Cluster::try_core_with(n, ClusterConfig { own_binary: true, ..Default::default() }, &[])?;
    let core = c.nodes[0].ip.clone();
    if n > 1 {
        c.run(1, &["node", "attach", "-e", "router", &core]).ok();
    }
    for i in 2..n {
        c.run(i, &["node", "attach", "-e", "dea", &core]).ok();
    }
    Some(c)
}

fn version_of(c: &Cluster, i: usize) -> String {
    c.run(i, &["version"]).stdout.trim().rsplit(' ').next().unwrap_or("").to_string()
}

fn sha(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn upgrade_a_running_cluster_node_by_node() {
    let Some(c) = cluster(4) else { return };
    let work = tempfile::tempdir().unwrap();
    let bundle = bundle(work.path(), &newer_build(work.path(), NEW));
    let roles_before = c.run(0, &["node", "list"]).stdout;

    // The router keeps answering while the cluster is upgraded.
    let router = format!("http://{}:8080/", c.nodes[1].ip);
    let stop = Arc::new(AtomicBool::new(false));
    let (tries, fails) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let checker = {
        let (stop, tries, fails) = (stop.clone(), tries.clone(), fails.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                tries.fetch_add(1, Ordering::SeqCst);
                if !harness::net::http_ok(&router) {
                    fails.fetch_add(1, Ordering::SeqCst);
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    let dry = c.run(0, &["node", "upgrade", "--offline", bundle.to_str().unwrap(), "--dry-run"]);
    dry.ok();
    assert!(dry.stdout.contains("swap: swap kato 0.2.0 in on"), "{}", dry.stdout);
    let up = c.run_within(
        0,
        &["node", "upgrade", "--offline", bundle.to_str().unwrap(), "--skip-confirmation"],
        Duration::from_secs(300),
    );
    stop.store(true, Ordering::SeqCst);
    checker.join().unwrap();
    up.ok();
    assert!(up.stdout.contains("Every node runs kato 0.2.0"), "{}", up.stdout);
    // In order: router, then the DEAs, the core last.
    let order: Vec<usize> =
        c.nodes.iter().map(|n| up.stdout.find(&format!("Upgrading node {} ", n.ip)).unwrap()).collect();
    assert!(order[1] < order[2] && order[2] < order[3] && order[3] < order[0], "{}", up.stdout);
    for i in 0..4 {
        assert_eq!(version_of(&c, i), format!("v{NEW}"), "node {i}");
    }
    assert_eq!(c.run(0, &["node", "list"]).stdout, roles_before, "roles changed");
    let st = c.run(0, &["status", "--json"]);
    st.ok();
    assert_eq!(st.json()["process_issues"], serde_json::json!([]), "{}", st.stdout);
    let failed = fails.load(Ordering::SeqCst);
    assert!(
        tries.load(Ordering::SeqCst) > 10 && failed <= 1,
        "{failed} of {} requests failed",
        tries.load(Ordering::SeqCst)
    );
    let status = c.run(0, &["node", "upgrade", "--status"]);
    assert_eq!(status.stdout.matches(" done ").count(), 4, "{}", status.stdout);

    // A rollback puts a node's previous kato back.
    c.run(0, &["node", "upgrade", "--rollback", &c.nodes[3].ip]).ok();
    assert_eq!(version_of(&c, 3), format!("v{}", env!("CARGO_PKG_VERSION")));
}

#[test]
fn an_interrupted_upgrade_resumes() {
    let Some(c) = cluster(3) else { return };
    let work = tempfile::tempdir().unwrap();
    let bundle = bundle(work.path(), &newer_build(work.path(), NEW));
    let mut child = c
        .command(0, &["node", "upgrade", "--offline", bundle.to_str().unwrap(), "--skip-confirmation"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let plan = c.nodes[0].root.join("var/lib/kato/upgrade/plan.json");
    let deadline = Instant::now() + Duration::from_secs(120);
    while !std::fs::read_to_string(&plan).unwrap_or_default().contains("\"done\"") {
        assert!(Instant::now() < deadline, "no node was upgraded");
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let status = c.run(0, &["node", "upgrade", "--status"]);
    status.ok();
    assert!(status.stdout.contains(" done "), "{}", status.stdout);
    assert!(status.stdout.contains(" pending ") || status.stdout.contains(" failed "), "{}", status.stdout);
    c.run_within(0, &["node", "upgrade", "--resume", "--skip-confirmation"], Duration::from_secs(300)).ok();
    for i in 0..3 {
        assert_eq!(version_of(&c, i), format!("v{NEW}"), "node {i}");
    }
}

#[test]
fn bad_bundles_and_full_disks_are_refused_before_any_node_changes() {
    let Some(c) = cluster(2) else { return };
    let work = tempfile::tempdir().unwrap();
    let good = bundle(work.path(), &newer_build(work.path(), NEW));
    let bins: Vec<Vec<u8>> = c.nodes.iter().map(|n| sha(&n.bin)).collect();
    let unchanged = |c: &Cluster| {
        for (n, before) in c.nodes.iter().zip(&bins) {
            assert!(sha(&n.bin) == *before, "{} changed", n.bin.display());
        }
        assert!(!c.nodes[0].root.join("var/lib/kato/upgrade/plan.json").exists(), "a plan was started");
    };
    // One flipped byte.
    let mut bytes = std::fs::read(&good).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x40;
    let corrupt = work.path().join("corrupt.tar.gz");
    std::fs::write(&corrupt, &bytes).unwrap();
    let r = c.run(0, &["node", "upgrade", "--offline", corrupt.to_str().unwrap(), "--skip-confirmation"]);
    r.fails(1);
    assert!(
        r.stderr.contains("damaged") || r.stderr.contains("corrupt") || r.stderr.contains("checksum"),
        "{}",
        r.stderr
    );
    unchanged(&c);
    // A bundle for another platform.
    let x = tempfile::tempdir().unwrap();
    run::output(Command::new("tar").arg("-C").arg(x.path()).arg("-xzf").arg(&good)).ok();
    let manifest = std::fs::read_to_string(x.path().join("manifest.json")).unwrap();
    std::fs::write(x.path().join("manifest.json"), manifest.replace("x86_64-linux", "aarch64-linux")).unwrap();
    let other = work.path().join("other.tar.gz");
    run::output(Command::new("tar").arg("-C").arg(x.path()).arg("-czf").arg(&other).args([
        "manifest.json",
        "kato",
        "catalog",
    ]))
    .ok();
    let r = c.run(0, &["node", "upgrade", "--offline", other.to_str().unwrap(), "--skip-confirmation"]);
    r.fails(1);
    assert!(r.stderr.contains("built for aarch64-linux"), "{}", r.stderr);
    unchanged(&c);
    // A file that is not a bundle at all, and a bundle with a path that climbs out.
    std::fs::write(work.path().join("junk.tar.gz"), b"not a bundle").unwrap();
    let r = c.run(
        0,
        &["node", "upgrade", "--offline", work.path().join("junk.tar.gz").to_str().unwrap(), "--skip-confirmation"],
    );
    r.fails(1);
    unchanged(&c);
    // A node with too little disk where the new binary would go.
    let staging = c.nodes[1].root.join("var/lib/kato/upgrade");
    std::fs::create_dir_all(&staging).unwrap();
    let sshd = c.nodes[1].sshd_pid().expect("sshd pid");
    let mount = run::output(
        Command::new("nsenter")
            .arg(format!("--mount=/proc/{sshd}/ns/mnt"))
            .args(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs"])
            .arg(&staging),
    );
    mount.ok();
    let r = c.run(0, &["node", "upgrade", "--offline", good.to_str().unwrap(), "--skip-confirmation"]);
    r.fails(1);
    assert!(r.stderr.contains("too little disk") && r.stderr.contains(&c.nodes[1].ip), "{}", r.stderr);
    assert!(r.stderr.contains("nothing was changed"), "{}", r.stderr);
    unchanged(&c);
    run::output(Command::new("nsenter").arg(format!("--mount=/proc/{sshd}/ns/mnt")).arg("umount").arg(&staging)).ok();
}

#[test]
fn older_layouts_migrate_and_newer_ones_are_refused() {
    let sb = Sandbox::new();
    sb.setup_core();
    // An older kato's files: no layout number.
    let node = sb.path("var/lib/kato/node.json");
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&node).unwrap()).unwrap();
    v.as_object_mut().unwrap().remove("schema");
    std::fs::write(&node, serde_json::to_vec(&v).unwrap()).unwrap();
    sb.edit_store(|s| {
        s.as_object_mut().unwrap().remove("schema");
    });
    sb.run(&["info"]).ok();
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&node).unwrap()).unwrap();
    assert_eq!(v["schema"], 2);
    assert_eq!(sb.store()["schema"], 2);
    let hist = sb.run(&["history"]).stdout;
    assert!(hist.contains("node.json layout migrated from 1 to 2"), "{hist}");
    assert!(hist.contains("cluster store layout migrated from 1 to 2"), "{hist}");
    // A newer kato's files: refused, not misread, and left as they are.
    sb.edit_store(|s| s["schema"] = serde_json::json!(99));
    let before = sb.tree();
    let r = sb.run(&["config", "get", "cluster"]);
    r.fails(1);
    assert!(r.stderr.contains("written by a newer kato"), "{}", r.stderr);
    assert!(sb.tree() == before);
    sb.edit_store(|s| s["schema"] = serde_json::json!(2));
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&node).unwrap()).unwrap();
    v["schema"] = serde_json::json!(7);
    std::fs::write(&node, serde_json::to_vec(&v).unwrap()).unwrap();
    let r = sb.run(&["info"]);
    r.fails(1);
    assert!(r.stderr.contains("written by a newer kato"), "{}", r.stderr);
}

#[test]
fn a_retired_node_drains_stops_and_comes_back() {
    let sb = Sandbox::new();
    if !harness::tools::require("retire test", harness::tools::have("python3"), "needs python3") {
        return;
    }
    sb.setup_core();
    let marker = sb.path("drained");
    let script = format!(
        "import signal,sys,time\ndef bye(*a):\n    open('{}','w').write('drained')\n    sys.exit(0)\nsignal.signal(signal.SIGUSR2, bye)\nwhile True: time.sleep(0.1)\n",
        marker.display()
    );
    std::fs::write(sb.path("worker.py"), script).unwrap();
    sb.write_spec(
        "worker",
        &format!(
            "name: worker\nroles: [dea]\ncommand: /usr/bin/python3 {}\ndrain:\n  signal: USR2\n  timeout: 10\n",
            sb.path("worker.py").display()
        ),
    );
    sb.run(&["role", "add", "dea", "--skip-preflight", "process-binaries"]).ok();
    let r = sb.run(&["node", "retire"]);
    r.ok();
    assert!(r.stdout.contains("Retiring node"), "{}", r.stdout);
    assert!(r.stdout.contains("Informing worker to finish its work") && r.stdout.contains("drained"), "{}", r.stdout);
    assert_eq!(std::fs::read_to_string(&marker).unwrap(), "drained", "the process was not told");
    let st = sb.run(&["status", "--json"]);
    st.ok();
    let v = st.json();
    assert_eq!(v["retired_nodes"], serde_json::json!([sb.node_ip]), "{}", st.stdout);
    assert_eq!(v["process_issues"], serde_json::json!([]), "a retired node is not failed: {}", st.stdout);
    assert!(sb.run(&["status"]).stdout.contains("Retired nodes:"));
    // A boot keeps it retired; 'kato start' brings it back.
    sb.run(&["start", "--boot"]).ok();
    assert_eq!(sb.run(&["status", "--json"]).json()["retired_nodes"], serde_json::json!([sb.node_ip]));
    sb.run(&["start"]).ok();
    let v = sb.run(&["status", "--json"]).json();
    assert!(v.get("retired_nodes").is_none(), "no retired node, no key: {v}");
    // The sandbox's catalog has no processes for the core's roles (those are MISSING);
    // the worker, back in service, is not an issue.
    let issues = v["process_issues"].as_array().expect("issues");
    assert!(issues.iter().all(|i| i["state"] == "MISSING" && i["process_name"] != "worker"), "{v}");
}
