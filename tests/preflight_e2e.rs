//! Every preflight check, passing and failing, through `node attach` and `kato inspect`
//! on real sshd nodes: clock skew (the core's clock shifted with libfaketime), duplicate
//! nodes (cloned machines, a taken address, shared hostnames), shared controller data,
//! persistent storage, and version.

mod harness;
use harness::cluster::{Cluster, ClusterConfig};
use harness::run;
use harness::sandbox::Sandbox;
use harness::tools::require;

const FAKETIME: &str = "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1";

/// Whether `kato inspect`'s output reports the check `name` as passed (`name... ok`).
fn passed(inspect: &str, name: &str) -> bool {
    inspect.lines().any(|l| l.starts_with(&format!("{name}...")) && l.ends_with(" ok"))
}

#[test]
fn clock_skew_against_the_core() {
    let faketime = std::path::Path::new(FAKETIME).exists();
    if !require("clock_skew_against_the_core", faketime, "libfaketime is missing (apt-get install faketime)") {
        return;
    }
    // Every kato run through the nodes' sshd (the core answering) lives two hours ahead.
    let config = ClusterConfig {
        extra_env: vec![("LD_PRELOAD".into(), FAKETIME.into()), ("FAKETIME".into(), "+2h".into())],
        ..Default::default()
    };
    let Some(c) = Cluster::try_core_with(2, config, &[]) else { return };
    let core = c.nodes[0].ip.clone();
    let out = c.run(1, &["node", "attach", "-e", "dea", "-s", &core]);
    out.fails(1);
    assert!(out.stderr.contains("preflight check 'clock-skew' failed"), "{}", out.stderr);
    assert!(out.stderr.contains("7200s") || out.stderr.contains("719"), "{}", out.stderr);
    c.run(1, &["node", "attach", "-e", "dea", "-s", &core, "--skip-preflight", "clock-skew"]).ok();
    let inspect = c.run(1, &["inspect", "--json"]);
    assert_eq!(inspect.code, 1, "{}", inspect.stdout);
    let v = inspect.json();
    let clock = v["checks"].as_array().unwrap().iter().find(|c| c["name"] == "clock-skew").unwrap().clone();
    assert_eq!(clock["result"], "fail");
}

#[test]
fn duplicate_nodes_shared_controller_data_and_inspect() {
    let Some(c) = Cluster::try_core(3) else { return };
    let core = c.nodes[0].ip.clone();
    let machine_id = |i: usize| c.nodes[i].root.join("etc/machine-id");
    for i in 0..3 {
        std::fs::write(machine_id(i), format!("{:032x}\n", 0x1000 + i)).unwrap();
    }
    // Clocks agree, versions agree: these pass.
    c.run(1, &["node", "attach", "-e", "dea", "-s", &core]).ok();
    let inspect = c.run(1, &["inspect"]);
    inspect.ok();
    for name in ["version", "clock-skew", "duplicate-node", "process-binaries", "shared-controller-data"] {
        assert!(passed(&inspect.stdout, name), "{name}: {}", inspect.stdout);
    }
    let attach3 = ["node", "attach", "-e", "dea", "-s", &core];
    // A clone of node 2 (the same machine id, or the same SSH host key) is refused.
    std::fs::copy(machine_id(1), machine_id(2)).unwrap();
    let clone = c.run(2, &attach3);
    clone.fails(1);
    assert!(clone.stderr.contains("preflight check 'duplicate-node' failed"), "{}", clone.stderr);
    assert!(clone.stderr.contains(&format!("node {} has the same machine id", c.nodes[1].ip)), "{}", clone.stderr);
    std::fs::write(machine_id(2), format!("{:032x}\n", 0x1002)).unwrap();
    let key = |i: usize| c.nodes[i].root.join("etc/ssh/ssh_host_ed25519_key.pub");
    let own_key = std::fs::read(key(2)).unwrap();
    std::fs::copy(key(1), key(2)).unwrap();
    let clone = c.run(2, &attach3);
    clone.fails(1);
    assert!(clone.stderr.contains("has the same SSH host key (ssh-ed25519)"), "{}", clone.stderr);
    std::fs::write(key(2), own_key).unwrap();
    // Another machine at a registered address is refused; the same machine renamed is not.
    std::fs::write(machine_id(1), format!("{:032x}\n", 0x9999)).unwrap();
    let imp = c.run(1, &["node", "attach", "-e", "dea", "-s", &core]);
    imp.fails(1);
    assert!(
        imp.stderr.contains("is already registered for another machine (host 'node2.example.test')"),
        "{}",
        imp.stderr
    );
    std::fs::write(machine_id(1), format!("{:032x}\n", 0x1001)).unwrap();
    std::fs::write(c.nodes[1].root.join("etc/hostname"), "renamed.example.test\n").unwrap();
    c.run(1, &["node", "attach", "-e", "dea", "-s", &core, "--dry-run"]).ok();
    std::fs::write(c.nodes[1].root.join("etc/hostname"), "node2.example.test\n").unwrap();
    // A hostname another node has is only a warning (it is no proof of a clone).
    std::fs::copy(c.nodes[1].root.join("etc/hostname"), c.nodes[2].root.join("etc/hostname")).unwrap();
    let dup = c.run(2, &["node", "attach", "-e", "dea", "-s", &core, "--dry-run"]);
    dup.ok();
    assert!(dup.stderr.contains("WARNING: preflight duplicate-node: node"), "{}", dup.stderr);
    assert!(dup.stderr.contains("also uses the hostname 'node2.example.test'"), "{}", dup.stderr);
    c.run(2, &["node", "rename", "node3.example.test", "--no-restart"]).ok();

    // An extra controller needs the core's controller data shared with it.
    let no_share = c.run(2, &["node", "attach", "-e", "controller", "-s", &core]);
    no_share.fails(1);
    assert!(no_share.stderr.contains("preflight check 'shared-controller-data' failed"), "{}", no_share.stderr);
    assert!(no_share.stderr.contains("does not exist"), "{}", no_share.stderr);
    for dir in kato::ops::preflight::SHARED_CONTROLLER_DIRS {
        let core_dir = c.nodes[0].root.join(dir);
        std::fs::create_dir_all(&core_dir).unwrap();
        let mine = c.nodes[2].root.join(dir);
        std::fs::create_dir_all(mine.parent().unwrap()).unwrap();
        std::fs::create_dir_all(&mine).unwrap();
    }
    // Separate directories: present, but not shared.
    let separate = c.run(2, &["node", "attach", "-e", "controller", "-s", &core]);
    separate.fails(1);
    assert!(separate.stderr.contains("is not shared with the core"), "{}", separate.stderr);
    // Shared (here: the same directory through a symlink, as with an sshfs mount).
    for dir in kato::ops::preflight::SHARED_CONTROLLER_DIRS {
        let mine = c.nodes[2].root.join(dir);
        std::fs::remove_dir_all(&mine).unwrap();
        std::os::unix::fs::symlink(c.nodes[0].root.join(dir), &mine).unwrap();
    }
    c.run(2, &["node", "attach", "-e", "controller", "-s", &core]).ok();
    let leftovers: Vec<_> = std::fs::read_dir(c.nodes[0].root.join(kato::ops::preflight::SHARED_CONTROLLER_DIRS[0]))
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".kato-shared-check"))
        .collect();
    assert!(leftovers.is_empty(), "marker files left behind");
}

#[test]
fn persistent_storage_warns_on_the_root_filesystem() {
    let sb = Sandbox::new();
    // (No catalog here: the role has no processes, which is not what this test is about.)
    let add = sb.run(&["role", "add", "redis", "--no-start", "--skip-preflight", "role-processes"]);
    add.ok();
    assert!(add.stderr.contains("preflight persistent-storage"));
    let text = sb.run(&["inspect"]).stdout;
    assert!(text.contains("var/stackato/services is on the root filesystem"), "{text}");
    // On its own filesystem (a tmpfs mounted in a private mount namespace) it passes.
    let services = sb.path("var/stackato/services");
    std::fs::create_dir_all(&services).unwrap();
    // inspect exits 1: this node's roles have no processes (role-processes).
    let script = format!("mount -t tmpfs kato-test {} && {{ \"$KATO\" inspect; true; }}", services.display());
    let out = run::output(sb.wrapped("unshare").args(["--mount", "sh", "-c", &script]));
    out.ok();
    let text = &out.stdout;
    assert!(passed(text, "persistent-storage"), "{text}");
}
