//! A core outage leaves the other nodes manageable: on a DEA whose core's sshd is stopped
//! (connections refused) or frozen (connections hang), local commands work from the DEA's
//! copy of the cluster document with one warning, act on the real processes, and writes
//! that need the core fail fast with nothing changed; a reboot brings the DEA's roles back
//! without the core; when the core returns, the warning goes.

mod harness;
use harness::cluster::{Cluster, ClusterConfig};
use harness::run::Run;
use harness::wait::{eventually, listening};
use kato::infra::supervisor::{Supervisor, SupervisorPaths};
use std::time::{Duration, Instant};

/// The harness's `KATO_SSH_CONNECT_TIMEOUT`.
const CONNECT_TIMEOUT: u64 = 3;
const DEA: usize = 2;

fn dir_server_pid(c: &Cluster) -> i32 {
    let paths = SupervisorPaths::under(&c.nodes[DEA].root);
    let sup = Supervisor::connect(&paths.socket, Duration::from_secs(5));
    sup.get_process_info("dir_server").expect("dir_server under supervisord").pid
}

/// How long each command took with the core's connections refused (no wait at all).
type Times = std::collections::BTreeMap<String, Duration>;

/// Runs on the DEA. The outage may cost at most 1.2× the connect timeout: with connections
/// refused, the whole command stays within that (plus kato's own half second); with the
/// core frozen, within the same command's time when refused plus 1.2× the timeout.
fn on_dea(c: &Cluster, times: &std::cell::RefCell<Times>, frozen: bool, args: &[&str]) -> Run {
    let key = args.join(" ");
    let t0 = Instant::now();
    let r = c.run_within(DEA, args, Duration::from_secs(60));
    let took = t0.elapsed();
    let budget = Duration::from_secs_f64(CONNECT_TIMEOUT as f64 * 1.2);
    if frozen {
        let base = times.borrow().get(&key).copied().unwrap_or_default();
        assert!(took < base + budget, "kato {key} took {took:?} with the core frozen ({base:?} when refused)");
    } else {
        let slack = if args[0] == "process" || ["start", "stop", "restart"].contains(&args[0]) { 2.0 } else { 0.5 };
        assert!(took < budget + Duration::from_secs_f64(slack), "kato {key} took {took:?}");
        times.borrow_mut().insert(key, took);
    }
    r
}

fn warned_once(r: &Run, core: &str) {
    let warnings: Vec<&str> = r.stderr.lines().filter(|l| l.starts_with("WARNING: the core")).collect();
    assert_eq!(warnings.len(), 1, "one warning about the core, got:\n{}", r.stderr);
    assert!(warnings[0].starts_with(&format!("WARNING: the core {core} is unreachable")), "{}", r.stderr);
    assert!(warnings[0].contains("copy of the cluster document (revision "), "{}", r.stderr);
}

/// What works, and what is refused, on the DEA while the core does not answer.
fn during_outage(c: &Cluster, core: &str, times: &std::cell::RefCell<Times>, frozen: bool) {
    let on_dea = |c: &Cluster, args: &[&str]| on_dea(c, times, frozen, args);
    let dea_ip = c.nodes[DEA].ip.clone();
    let info = on_dea(c, &["info"]);
    info.ok();
    warned_once(&info, core);
    assert!(info.stdout.contains(&format!("Stackato Node [{dea_ip}]")), "{}", info.stdout);
    let procs = on_dea(c, &["process", "list"]);
    procs.ok();
    assert!(procs.stdout.contains("dir_server") && procs.stdout.contains("RUNNING"), "{}", procs.stdout);
    on_dea(c, &["process", "ready", "dir_server"]).ok();
    on_dea(c, &["config", "get", "cluster", "endpoint"]).ok();
    on_dea(c, &["log", "tail", "-l", "--lines", "3"]).ok();
    on_dea(c, &["history", "-l"]).ok();

    // Restarts act on the real process: a new pid, serving again.
    let pid = dir_server_pid(c);
    on_dea(c, &["process", "restart", "dir_server"]).ok();
    let pid2 = dir_server_pid(c);
    assert_ne!(pid, pid2, "process restart kept the old pid");
    let r = on_dea(c, &["restart", "dea"]);
    r.ok();
    let pid3 = dir_server_pid(c);
    assert_ne!(pid2, pid3, "restart dea kept the old pid");
    assert!(eventually(Duration::from_secs(10), || listening(&dea_ip, 5678)));
    let stop = on_dea(c, &["stop", "dea"]);
    stop.ok();
    assert!(stop.stderr.contains("recorded state (stopped) is not updated"), "{}", stop.stderr);
    assert!(eventually(Duration::from_secs(10), || !listening(&dea_ip, 5678)));
    on_dea(c, &["start", "dea"]).ok();
    assert!(eventually(Duration::from_secs(10), || listening(&dea_ip, 5678)));

    // status: this node's part, the others marked as not asked, and exit 1.
    let st = on_dea(c, &["status"]);
    st.fails(1);
    warned_once(&st, core);
    for other in [core, c.nodes[1].ip.as_str()] {
        assert!(
            st.stderr.contains(&format!("Could not determine process status on {other}: not asked")),
            "{}",
            st.stderr
        );
    }
    assert!(st.stdout.contains(" dea "), "{}", st.stdout);

    // Writes that need the core fail fast, and change nothing on the DEA.
    let before = harness::files::file_tree(&c.nodes[DEA].root.join("var/lib/kato"));
    for args in [
        &["role", "add", "memcached"][..],
        &["config", "set", "dea_ng", "maxmem", "4096"],
        &["role", "remove", "dea"],
        &["node", "detach"],
    ] {
        let r = on_dea(c, args);
        r.fails(1);
        assert!(
            r.stderr.contains(&format!("the core {core} is unreachable")) && r.stderr.contains("nothing was changed"),
            "kato {}: {}",
            args.join(" "),
            r.stderr
        );
    }
    assert!(
        before == harness::files::file_tree(&c.nodes[DEA].root.join("var/lib/kato")),
        "a refused write changed the DEA"
    );

    // inspect says what this node works from.
    let ins = on_dea(c, &["inspect"]);
    assert!(ins.stdout.contains("cluster-copy") && ins.stdout.contains("unreachable"), "{}", ins.stdout);
}

#[test]
fn a_dea_stays_manageable_while_its_core_is_away() {
    let Some(mut c) = Cluster::try_core_with(3, ClusterConfig::default(), &[]) else { return };
    let core = c.nodes[0].ip.clone();
    c.run(1, &["node", "attach", "-e", "router", &core]).ok();
    c.run(DEA, &["node", "attach", "-e", "dea", &core]).ok();
    // Any read through the core leaves the DEA its copy.
    c.run(DEA, &["status"]).ok();
    assert!(c.nodes[DEA].root.join("var/lib/kato/cluster-copy.json").is_file());
    let core_store = c.nodes[0].root.join("var/lib/kato/store/cluster.json");
    let store_before = std::fs::read(&core_store).unwrap();

    // The core's sshd stopped: connections are refused.
    c.stop_node(0);
    let times = std::cell::RefCell::new(Times::new());
    during_outage(&c, &core, &times, false);

    // The core's sshd frozen: connections hang until the connect timeout.
    c.start_node(0);
    c.pause_node(0);
    during_outage(&c, &core, &times, true);

    // A reboot of the DEA while the core is away: the boot unit's command brings its
    // roles back from the copy.
    let paths = SupervisorPaths::under(&c.nodes[DEA].root);
    let sd = harness::procs::read_pidfile(&paths.pidfile).expect("supervisord pidfile");
    harness::procs::stop_pid(sd, Duration::from_secs(10));
    assert!(eventually(Duration::from_secs(10), || !listening(&c.nodes[DEA].ip, 5678)));
    on_dea(&c, &times, false, &["start", "--boot"]).ok();
    assert!(eventually(Duration::from_secs(15), || listening(&c.nodes[DEA].ip, 5678)), "not serving after boot");

    // Nothing reached the core's store while it was away.
    c.resume_node(0);
    assert_eq!(std::fs::read(&core_store).unwrap(), store_before, "the core's store changed during the outage");
    // The core is back: no warning, and the copy is refreshed.
    let info = c.run(DEA, &["info"]);
    info.ok();
    assert!(!info.stderr.contains("unreachable"), "{}", info.stderr);
    c.run(DEA, &["role", "add", "memcached", "--no-start"]).ok();
    c.run(DEA, &["info"]).ok();
    let copy = std::fs::read_to_string(c.nodes[DEA].root.join("var/lib/kato/cluster-copy.json")).unwrap();
    assert!(copy.contains("memcached"), "the copy was not refreshed");
    let st = c.run(DEA, &["status"]);
    assert!(!st.stderr.contains("unreachable"), "{}", st.stderr);
}
