//! End-to-end tests of kato's process model against a real supervisord, driven through
//! the built binary. Every state change is observed twice: through supervisord (kato's
//! `process list --json` and the XML-RPC client on `run/kato/supervisord.sock`) and
//! through the OS (pid alive, port accepting connections).
//!
//! Each test has its own sandbox root and its own node IP 127.<a>.<b>.<c> (the example
//! catalog uses fixed ports), and the sandbox stops supervisord by the pid in
//! `run/kato/supervisord.pid` when it drops. Every kato run is bounded by a deadline.
//! Without supervisord, redis-server or memcached the tests skip, or fail under CI=true.

mod harness;

use harness::files::append;
use harness::procs::{Guard, alive};
use harness::sandbox::Sandbox;
use harness::tools::tools_present;
use harness::wait::{self, eventually, line_is, listening};
use kato::infra::supervisor::{ProcessInfo, Supervisor};
use nix::sys::signal::{self, Signal};
use nix::unistd::Pid;
use serde_json::Value;
use std::collections::BTreeMap;
use std::process::Stdio;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

const TOOLS: &[&str] = &["/usr/bin/supervisord", "/usr/bin/redis-server", "/usr/bin/memcached", "/usr/bin/python3"];

/// A node IP no other test of this run uses: 127.<a>.<b>.<c> from the pid and a counter.
fn unique_ip() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let pid = std::process::id();
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    format!("127.{}.{}.{}", 100 + pid % 100, (pid / 100) % 250 + 1, n % 250 + 2)
}

/// A root on its own IP with the example catalog and no setup (a micro cloud, id
/// 127.0.0.1); its supervisord is stopped by its pidfile's pid when it drops.
fn bare() -> Sandbox {
    let mut sb = Sandbox::new();
    sb.node_ip = unique_ip();
    sb.add_catalog();
    sb.env.push(("KATO_START_TIMEOUT".into(), "20".into()));
    sb
}

/// A core on its own IP: primary, controller and router started.
fn core() -> Sandbox {
    let n = bare();
    n.run(&["node", "setup", "core", "api.example.test"]).ok();
    n
}

/// What a node's processes look like through supervisord and through kato.
impl Sandbox {
    fn sup(&self) -> Supervisor {
        Supervisor::connect(self.supervisor_paths().socket, Duration::from_secs(3))
    }

    fn info(&self, name: &str) -> ProcessInfo {
        self.sup().get_process_info(name).expect("getProcessInfo")
    }

    /// `kato process list --json` as name → state for this node.
    fn states(&self) -> BTreeMap<String, String> {
        let v = self.run(&["process", "list", "--json"]).ok().json();
        let mut out = BTreeMap::new();
        if let Some(m) = v["node_processes"][&self.node_ip].as_object() {
            for (k, s) in m {
                out.insert(k.clone(), s["state"].as_str().unwrap_or("").to_string());
            }
        }
        out
    }

    fn state(&self, name: &str) -> String {
        self.states().get(name).cloned().unwrap_or_default()
    }

    /// This node's roles and their START/STOP state in the store.
    fn role_states(&self) -> BTreeMap<String, String> {
        let v = self.run(&["config", "get", "node", "--json"]).ok().json();
        v[&self.node_ip]["roles"]
            .as_object()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string())).collect())
            .unwrap_or_default()
    }

    /// Asserts the process runs, by supervisord and by the OS (pid, port).
    #[track_caller]
    fn assert_running(&self, name: &str, port: u16) -> i32 {
        let info = self.info(name);
        assert_eq!(info.statename, "RUNNING", "{name}: {info:?}");
        assert!(alive(info.pid), "{name}: pid {} is not alive", info.pid);
        assert!(
            eventually(Duration::from_secs(5), || listening(&self.node_ip, port)),
            "{name}: nothing listens on {}:{port}",
            self.node_ip
        );
        assert_eq!(self.state(name), "RUNNING", "kato's view of {name}");
        info.pid
    }

    /// Asserts the process is down: kato's state, supervisord's, the old pid, the port.
    #[track_caller]
    fn assert_down(&self, name: &str, old_pid: i32, port: u16, kato_state: &str) {
        assert!(eventually(Duration::from_secs(10), || !alive(old_pid)), "{name}: pid {old_pid} still alive");
        assert!(!self.info(name).is_up(), "{name}: supervisord says {:?}", self.info(name));
        assert!(!listening(&self.node_ip, port), "{name}: port {port} still open");
        assert_eq!(self.state(name), kato_state, "kato's view of {name}");
    }
}

/// Where each of `needles` first appears in `text`.
fn order_of(text: &str, needles: &[&str]) -> Vec<usize> {
    needles.iter().map(|n| text.find(n).unwrap_or_else(|| panic!("{n:?} not found in:\n{text}"))).collect()
}

#[track_caller]
fn assert_increasing(pos: &[usize], what: &str) {
    assert!(pos.windows(2).all(|w| w[0] < w[1]), "{what} out of order: {pos:?}");
}

#[test]
fn roles_start_stop_restart_add_remove_in_order_and_persisted() {
    if !tools_present("roles_start_stop_restart_add_remove_in_order_and_persisted", TOOLS) {
        return;
    }
    let n = core();
    // setup core started primary, controller and router.
    let roles = n.role_states();
    for r in ["primary", "controller", "router"] {
        assert_eq!(roles.get(r).map(String::as_str), Some("START"), "{roles:?}");
    }
    let redis = n.assert_running("config_redis", 7474);
    n.assert_running("redis_server", 5454);
    let cc = n.assert_running("cloud_controller_ng", 8181);
    let router = n.assert_running("router2g", 8080);
    // Program files exist per process of the node's roles, never autostarted.
    let conf = std::fs::read_to_string(n.path("etc/kato/supervisord.conf.d/router2g.conf")).expect("router2g.conf");
    assert!(conf.contains("autostart=false"), "{conf}");
    assert!(conf.contains(&format!("--bind {}", n.node_ip)), "{conf}");
    let main = std::fs::read_to_string(n.path("etc/kato/supervisord.conf")).expect("main conf");
    assert!(main.contains("[unix_http_server]") && !main.contains("inet_http_server"));

    // role add -s: the program is loaded but not started; state STOP in the store.
    let out = n.run(&["role", "add", "memcached", "-s"]);
    out.ok();
    assert!(out.stdout.contains("adding role \"memcached\""), "{}", out.stdout);
    assert!(!out.stdout.contains("Starting roles"), "{}", out.stdout);
    assert_eq!(n.role_states()["memcached"], "STOP");
    assert_eq!(n.info("memcached_node").statename, "STOPPED");
    assert_eq!(n.state("memcached_node"), "STOPPED");
    assert!(!listening(&n.node_ip, 11211));

    let out = n.run(&["start", "memcached", "-v"]);
    out.ok();
    assert!(out.stdout.contains("process memcached_node..."), "{}", out.stdout);
    let mc = n.assert_running("memcached_node", 11211);
    assert_eq!(n.role_states()["memcached"], "START");

    n.run(&["stop", "memcached"]).ok();
    n.assert_down("memcached_node", mc, 11211, "STOPPED");
    assert_eq!(n.role_states()["memcached"], "STOP");
    // Other roles untouched.
    assert_eq!(n.info("router2g").pid, router);

    // restart: new pid, old one gone.
    let out = n.run(&["restart", "router", "-v"]);
    out.ok();
    assert!(out.stdout.contains("role router stopping"), "{}", out.stdout);
    assert!(out.stdout.contains("role router starting"), "{}", out.stdout);
    let router2 = n.assert_running("router2g", 8080);
    assert_ne!(router, router2);
    assert!(!alive(router));
    assert_eq!(n.info("cloud_controller_ng").pid, cc, "restart router touched cc");

    // role remove: program file and group gone.
    n.run(&["role", "remove", "memcached"]).ok();
    assert!(!n.path("etc/kato/supervisord.conf.d/memcached_node.conf").exists());
    assert!(n.sup().get_process_info("memcached_node").is_err());
    assert!(!n.states().contains_key("memcached_node"));
    assert!(!n.role_states().contains_key("memcached"));

    // Stop everything: reverse role order, reverse process order.
    let out = n.run(&["stop", "-v"]);
    out.ok();
    let pos = order_of(
        &out.stdout,
        &[
            "role router stopping",
            "process router2g",
            "role controller stopping",
            "process cloud_controller_ng",
            "process redis_server",
            "role primary stopping",
            "process config_redis",
        ],
    );
    assert_increasing(&pos, "stop");
    for (name, pid, port) in
        [("router2g", router2, 8080), ("cloud_controller_ng", cc, 8181), ("config_redis", redis, 7474)]
    {
        n.assert_down(name, pid, port, "STOPPED");
    }
    let roles = n.role_states();
    for r in ["primary", "controller", "router"] {
        assert_eq!(roles[r], "STOP", "{roles:?}");
    }

    // Start everything: role order then process order, as supervisord spawned them.
    let log_path = n.path("var/log/kato/supervisord.log");
    let before = std::fs::read_to_string(&log_path).unwrap_or_default().len();
    let out = n.run(&["start", "-v"]);
    out.ok();
    let pos = order_of(
        &out.stdout,
        &[
            "role primary starting",
            "process config_redis",
            "role controller starting",
            "process redis_server",
            "process cloud_controller_ng",
            "role router starting",
            "process router2g",
        ],
    );
    assert_increasing(&pos, "start output");
    let log = std::fs::read_to_string(&log_path).expect("supervisord.log");
    let spawned = &log[before..];
    let pos = order_of(
        spawned,
        &[
            "spawned: 'config_redis'",
            "spawned: 'redis_server'",
            "spawned: 'cloud_controller_ng'",
            "spawned: 'router2g'",
        ],
    );
    assert_increasing(&pos, "supervisord spawn");
    n.assert_running("config_redis", 7474);
    n.assert_running("cloud_controller_ng", 8181);
    n.assert_running("router2g", 8080);
    assert_eq!(n.role_states()["router"], "START");
}

#[test]
fn shared_process_keeps_running_while_a_started_role_needs_it() {
    if !tools_present("shared_process_keeps_running_while_a_started_role_needs_it", TOOLS) {
        return;
    }
    let n = core();
    let shared = n.assert_running("redis_server", 5454);

    n.run(&["role", "add", "redis"]).ok();
    let node = n.assert_running("redis_node", 5000);
    assert_eq!(n.info("redis_server").pid, shared, "shared process restarted");

    // Stopping controller keeps redis_server for the started redis role.
    let cc = n.info("cloud_controller_ng").pid;
    let out = n.run(&["stop", "controller", "-v"]);
    out.ok();
    assert!(
        out.stdout.contains("process redis_server...") && out.stdout.contains("required by redis"),
        "{}",
        out.stdout
    );
    n.assert_down("cloud_controller_ng", cc, 8181, "STOPPED");
    assert_eq!(n.assert_running("redis_server", 5454), shared);
    n.run(&["start", "controller"]).ok();
    n.assert_running("cloud_controller_ng", 8181);

    // Removing redis keeps redis_server for controller, stops redis_node.
    let out = n.run(&["role", "remove", "redis", "-v"]);
    out.ok();
    assert!(out.stdout.contains("required by controller"), "{}", out.stdout);
    assert_eq!(n.assert_running("redis_server", 5454), shared);
    assert!(eventually(Duration::from_secs(10), || !alive(node)));
    assert!(!listening(&n.node_ip, 5000));
    assert!(!n.states().contains_key("redis_node"));
    assert!(!n.role_states().contains_key("redis"));
}

#[test]
fn kill_9_is_reported_truthfully_and_kato_start_recovers() {
    if !tools_present("kill_9_is_reported_truthfully_and_kato_start_recovers", TOOLS) {
        return;
    }
    let n = core();
    let first = n.assert_running("redis_server", 5454);

    // autorestart=true: supervisord respawns it; kato reports STARTING during startsecs.
    signal::kill(Pid::from_raw(first), Signal::SIGKILL).expect("kill -9");
    assert!(eventually(Duration::from_secs(5), || !alive(first)));
    let sup = n.sup();
    assert!(
        eventually(Duration::from_secs(5), || {
            sup.get_process_info("redis_server").is_ok_and(|i| i.statename == "STARTING" && i.pid != first && i.pid > 0)
        }),
        "supervisord did not respawn redis_server"
    );
    let status = n.run(&["status", "--json"]).ok().json();
    let issues = status["process_issues"].as_array().expect("issues").clone();
    assert!(issues.iter().any(|i| i["process_name"] == "redis_server" && i["state"] == "STARTING"), "{status}");
    assert!(eventually(Duration::from_secs(10), || {
        sup.get_process_info("redis_server").is_ok_and(|i| i.statename == "RUNNING")
    }));
    let second = n.assert_running("redis_server", 5454);
    assert_ne!(first, second);

    // Killing each respawn before startsecs exhausts startretries: FATAL.
    let mut killed = vec![second];
    signal::kill(Pid::from_raw(second), Signal::SIGKILL).expect("kill -9");
    let fatal = eventually(Duration::from_secs(30), || {
        let Ok(i) = sup.get_process_info("redis_server") else {
            return false;
        };
        if i.statename == "FATAL" {
            return true;
        }
        if i.pid > 0 && !killed.contains(&i.pid) {
            let _ = signal::kill(Pid::from_raw(i.pid), Signal::SIGKILL);
            killed.push(i.pid);
        }
        false
    });
    assert!(fatal, "redis_server never became FATAL: {:?}", n.info("redis_server"));
    assert!(killed.iter().all(|p| !alive(*p)));
    assert!(!listening(&n.node_ip, 5454));
    assert_eq!(n.state("redis_server"), "FATAL");
    let text = n.run(&["status"]).ok().stdout.clone();
    assert!(text.contains(&format!("  1 {:<15} redis_server           FATAL   ", n.node_ip)), "{text}");
    n.run(&["process", "ready", "redis_server"]).fails(1);

    n.run(&["start"]).ok();
    let third = n.assert_running("redis_server", 5454);
    assert!(!killed.contains(&third));
    let status = n.run(&["status", "--json"]).ok().json();
    assert_eq!(status["process_issues"], serde_json::json!([]), "{status}");
}

#[test]
fn rogue_program_is_reported_and_stopped() {
    if !tools_present("rogue_program_is_reported_and_stopped", TOOLS) {
        return;
    }
    let n = core();
    // A program file dropped in by hand and started over XML-RPC.
    std::fs::write(
        n.path("etc/kato/supervisord.conf.d/rogue_sleeper.conf"),
        "[program:rogue_sleeper]\ncommand=/bin/sleep 300\nautostart=false\nstartsecs=0\n",
    )
    .expect("write rogue conf");
    let sup = n.sup();
    let (added, _, _) = sup.reload_config().expect("reloadConfig");
    assert_eq!(added, vec!["rogue_sleeper".to_string()]);
    sup.add_process_group("rogue_sleeper").expect("add");
    sup.start_process("rogue_sleeper", true).expect("start");
    let pid = n.info("rogue_sleeper").pid;
    assert!(alive(pid));

    assert_eq!(n.state("rogue_sleeper"), "ROGUE");
    let text = n.run(&["status"]).ok().stdout.clone();
    assert!(text.contains(&format!("  1 {:<15} rogue_sleeper          ROGUE   ", n.node_ip)), "{text}");
    // Rogue processes do not make the node's configured processes unready.
    n.run(&["process", "ready", "all"]).ok();

    let out = n.run(&["stop"]);
    out.ok();
    assert!(out.stdout.contains("Stopping rogue processes"), "{}", out.stdout);
    assert!(out.stdout.contains("process rogue_sleeper"), "{}", out.stdout);
    assert!(eventually(Duration::from_secs(10), || !alive(pid)));
    assert!(!n.path("etc/kato/supervisord.conf.d/rogue_sleeper.conf").exists());
    assert!(!n.states().contains_key("rogue_sleeper"));
}

#[test]
fn missing_binary_and_malformed_spec_are_refused_and_change_nothing() {
    if !tools_present("missing_binary_and_malformed_spec_are_refused_and_change_nothing", TOOLS) {
        return;
    }
    let n = core();
    let confs = || {
        let mut v: Vec<String> = std::fs::read_dir(n.path("etc/kato/supervisord.conf.d"))
            .expect("conf.d")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let before_store = n.run(&["config", "get", "node"]).ok().stdout.clone();
    let before_confs = confs();
    let cc = n.info("cloud_controller_ng").pid;

    let spec = n.path("etc/kato/processes/harbor_daemon.yml");
    std::fs::write(&spec, "name: harbor_daemon\nroles: [harbor]\ncommand: /usr/bin/kato-no-such-program --port 4000\n")
        .expect("spec");
    let out = n.run(&["role", "add", "harbor"]);
    out.fails(1);
    let err = out.stderr.trim_end();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("ERROR: preflight check 'process-binaries' failed"), "{err}");
    assert!(err.contains("harbor_daemon needs '/usr/bin/kato-no-such-program'"), "{err}");
    assert_eq!(n.run(&["config", "get", "node"]).ok().stdout, before_store);
    assert_eq!(confs(), before_confs);
    assert!(n.sup().get_process_info("harbor_daemon").is_err());
    std::fs::remove_file(&spec).expect("rm spec");

    // A spec that cannot be read is one process with a problem: a warning naming the file,
    // an issue in status, and every other process and command keeps working.
    let bad = n.path("etc/kato/processes/broken.yml");
    std::fs::write(&bad, "name: [unclosed\nroles: controller\n").expect("bad spec");
    for args in [&["status", "--json"][..], &["start"]] {
        let out = n.run(args);
        out.ok();
        let err = out.stderr.trim_end();
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("WARNING: process broken cannot run on this node: "), "{args:?}: {err}");
        assert!(err.contains("broken.yml: invalid YAML"), "{args:?}: {err}");
    }
    let issues = n.run(&["status", "--json"]).json()["process_issues"].clone();
    assert_eq!(issues.as_array().map(Vec::len), Some(1), "{issues}");
    assert_eq!((issues[0]["process_name"].as_str(), issues[0]["state"].as_str()), (Some("broken"), Some("INVALID")));
    std::fs::remove_file(&bad).expect("rm bad");
    assert_eq!(n.run(&["config", "get", "node"]).ok().stdout, before_store);
    assert_eq!(confs(), before_confs);
    assert_eq!(n.assert_running("cloud_controller_ng", 8181), cc);
}

#[test]
fn status_formats_ready_and_depends_on_config() {
    if !tools_present("status_formats_ready_and_depends_on_config", TOOLS) {
        return;
    }
    let n = core();
    let text = n.run(&["status"]).ok().stdout.clone();
    let expected = "\nRoles\n\n \
         ROLE                  NODES RUNNING ISSUE#\n \
         ----                  ----- ------- ------\n \
         base                      1       1   none\n \
         primary                   1       1   none\n \
         controller                1       1   none\n \
         router                    1       1   none\n \
         dea                       0       0 required\n\n";
    assert_eq!(text, expected);
    n.run(&["process", "ready", "all"]).ok();

    // depends_on_config: droplet_server is DISABLED (loaded, never started).
    assert_eq!(n.state("droplet_server"), "DISABLED");
    assert_eq!(n.info("droplet_server").statename, "STOPPED");
    assert!(!listening(&n.node_ip, 9022));

    let router = n.info("router2g").pid;
    let out = n.run(&["process", "stop", "router2g"]);
    out.ok();
    assert!(out.stdout.contains("process router2g..."), "{}", out.stdout);
    n.assert_down("router2g", router, 8080, "STOPPED");
    let text = n.run(&["status"]).ok().stdout.clone();
    assert!(text.contains(" router                    1       0      1\n"), "{text}");
    let issues = format!(
        "Issues\n\n  \
         # NODE            PROCESS                STATUS  \n \
         -- ----            -------                ------  \n  \
         1 {:<15} router2g               STOPPED \n\n",
        n.node_ip
    );
    assert!(text.ends_with(&issues), "{text}");

    let v = n.run(&["status", "-j"]).ok().json();
    let keys: Vec<&str> = v.as_object().expect("object").keys().map(String::as_str).collect();
    assert_eq!(keys, ["process_issues", "roles_stats", "down_nodes", "total_configured_roles"]);
    assert_eq!(
        v["process_issues"],
        serde_json::json!([{"process_name": "router2g", "state": "STOPPED", "node_id": n.node_ip, "id": 1}])
    );
    assert_eq!(v["roles_stats"]["router"]["issue_node_ids"], serde_json::json!([n.node_ip]));
    assert_eq!(v["roles_stats"]["router"]["required"], true);
    assert_eq!(v["roles_stats"]["base"]["issues"], serde_json::json!([]));
    assert_eq!(v["down_nodes"], serde_json::json!([]));
    assert_eq!(v["total_configured_roles"], 4);
    let y = n.run(&["status", "-y"]).ok().stdout.clone();
    assert!(y.contains("process_issues:") && y.contains("total_configured_roles: 4"), "{y}");

    let out = n.run(&["process", "ready", "all"]);
    out.fails(1);
    assert_eq!(out.stdout, "NOTREADY\n");
    let out = n.run(&["process", "ready", "router2g", "--block", "2"]);
    out.fails(1);
    assert_eq!(out.stdout, "NOTREADY\n");
    assert!(out.took >= Duration::from_secs(2) && out.took < Duration::from_secs(6), "--block 2 took {:?}", out.took);
    assert_eq!(n.run(&["process", "ready", "config_redis"]).ok().stdout, "READY\n");
    assert_eq!(n.run(&["process", "ready", "supervisord"]).ok().stdout, "READY\n");
    n.run(&["process", "ready", "no_such_process"]).fails(2);

    n.run(&["process", "start", "router2g"]).ok();
    n.assert_running("router2g", 8080);
    assert_eq!(n.run(&["process", "ready", "all"]).ok().stdout, "READY\n");

    // Enable droplet_server through the config store; `kato start` brings it up.
    n.run(&["config", "set", "cloud_controller_ng", "droplets/enabled", "true"]).ok();
    assert_eq!(n.state("droplet_server"), "STOPPED");
    let out = n.run(&["start", "controller", "-v"]);
    out.ok();
    assert!(out.stdout.contains("process droplet_server..."), "{}", out.stdout);
    n.assert_running("droplet_server", 9022);
}

#[test]
fn supervisord_outage_stale_socket_and_boot_recovery() {
    if !tools_present("supervisord_outage_stale_socket_and_boot_recovery", TOOLS) {
        return;
    }
    let n = core();
    n.run(&["stop", "router"]).ok();
    assert_eq!(n.role_states()["router"], "STOP");
    let up = [("config_redis", 7474), ("redis_server", 5454), ("cloud_controller_ng", 8181)];
    let pids: Vec<i32> = up.iter().map(|(p, port)| n.assert_running(p, *port)).collect();
    // Processes keep running while no kato runs.
    thread::sleep(Duration::from_millis(500));
    assert!(pids.iter().all(|p| alive(*p)));

    // Outage: supervisord is stopped by its pid (it takes its programs with it).
    let sd = n.supervisord_pid().expect("pidfile");
    signal::kill(Pid::from_raw(sd), Signal::SIGTERM).expect("SIGTERM supervisord");
    assert!(eventually(Duration::from_secs(20), || !alive(sd)));
    assert!(pids.iter().all(|p| !alive(*p)));
    assert!(!listening(&n.node_ip, 7474));

    let check_down = |env: &[(&str, &str)], limit: Duration| {
        let out = n.run_with(&["status"], env, Duration::from_secs(20));
        out.fails(1);
        assert!(out.took < limit, "status took {:?}", out.took);
        assert!(
            out.stderr.contains(&format!("WARNING: Could not determine process status on {}: ", n.node_ip)),
            "{}",
            out.stderr
        );
        assert!(out.stdout.contains("config_redis           STOPPED"), "{}", out.stdout);
        let out = n.run_with(&["process", "list"], env, Duration::from_secs(20));
        out.fails(1);
        assert!(out.took < limit, "process list took {:?}", out.took);
        assert!(out.stderr.contains("Could not determine process status"), "{}", out.stderr);
        let out = n.run_with(&["process", "ready", "all"], env, Duration::from_secs(20));
        out.fails(1);
        assert_eq!(out.stdout, "NOTREADY\n");
    };
    check_down(&[], Duration::from_secs(5));
    // The reason is in the warning (no -v needed), and the exit status says the report is
    // incomplete.
    let out = n.run(&["status"]);
    out.fails(1);
    assert!(out.stderr.contains("kato start"), "no hint: {}", out.stderr);
    let out = n.run(&["status", "--json"]);
    out.fails(1);
    let v = out.json();
    assert_eq!(v["down_nodes"], serde_json::json!([n.node_ip]));

    // A stale socket file (nothing listening): same, no hang.
    let sock = n.path("run/kato/supervisord.sock");
    drop(std::os::unix::net::UnixListener::bind(&sock).expect("bind stale socket"));
    assert!(sock.exists());
    check_down(&[], Duration::from_secs(5));

    // A socket whose peer never answers: bounded by KATO_SUPERVISOR_TIMEOUT.
    std::fs::remove_file(&sock).expect("rm sock");
    let _hung = std::os::unix::net::UnixListener::bind(&sock).expect("bind hung socket");
    check_down(&[("KATO_SUPERVISOR_TIMEOUT", "1")], Duration::from_secs(5));

    // Boot: `start --boot` replaces the dead socket and starts only the START roles.
    let out = n.run_with(&["start", "--boot", "-v"], &[], Duration::from_secs(60));
    out.ok();
    assert!(!out.stdout.contains("role router"), "{}", out.stdout);
    let new_sd = n.supervisord_pid().expect("new pidfile");
    assert_ne!(new_sd, sd);
    assert!(alive(new_sd));
    for (p, port) in up {
        n.assert_running(p, port);
    }
    assert_eq!(n.info("router2g").statename, "STOPPED");
    assert!(!listening(&n.node_ip, 8080));
    assert_eq!(n.role_states()["router"], "STOP");

    // A plain `kato start` starts every role of the node and records it.
    n.run(&["start"]).ok();
    n.assert_running("router2g", 8080);
    assert_eq!(n.role_states()["router"], "START");
}

#[track_caller]
fn expect_line(rx: &mpsc::Receiver<String>, want: &str) {
    line_is(rx, want, Duration::from_secs(5));
}

#[test]
fn log_tail_prefix_json_follow_rotation_two_tails() {
    // Needs no supervisord: the logs are written here, as supervisord would.
    let n = bare();
    let node = "127.0.0.1"; // micro cloud
    let logdir = n.path("var/log/kato");
    std::fs::create_dir_all(&logdir).expect("logdir");
    let dir_log = logdir.join("dir_server.log");
    let mc_log = logdir.join("memcached_node.log");
    std::fs::write(&dir_log, "one\ntwo\nthree\nfour\nfive\n").expect("log");
    std::fs::write(&mc_log, "a fairly long line before truncation\n").expect("log");

    let out = n.run(&["log", "tail", "dir_server", "-n", "3"]);
    out.ok();
    assert_eq!(out.stdout, format!("dir_server@{node}: three\ndir_server@{node}: four\ndir_server@{node}: five\n"));
    let out = n.run(&["log", "tail", "dir_server", "-n", "2", "--json"]);
    out.ok();
    let lines: Vec<Value> = out.stdout.lines().map(|l| serde_json::from_str(l).expect("json line")).collect();
    assert_eq!(
        lines,
        vec![
            serde_json::json!({"process": "dir_server", "node": node, "text": "four"}),
            serde_json::json!({"process": "dir_server", "node": node, "text": "five"}),
        ]
    );
    n.run(&["log", "tail", "no_such_thing"]).fails(2);

    // Two followers at once, each killed by its pid at the end.
    let spawn = || {
        n.command(&["log", "tail", "-f", "-n", "0", "dir_server", "memcached_node"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn tail -f")
    };
    let mut a = Guard::new(spawn(), Duration::ZERO);
    let mut b = Guard::new(spawn(), Duration::ZERO);
    let ra = wait::lines(a.stdout.take().expect("stdout"));
    let rb = wait::lines(b.stdout.take().expect("stdout"));
    // Let both open their files before writing.
    thread::sleep(Duration::from_millis(500));

    append(&dir_log, "six\n");
    expect_line(&ra, &format!("dir_server@{node}: six"));
    expect_line(&rb, &format!("dir_server@{node}: six"));

    // Rotation by rename + recreate.
    std::fs::rename(&dir_log, logdir.join("dir_server.log.1")).expect("rename");
    std::fs::write(&dir_log, "after rename\n").expect("recreate");
    expect_line(&ra, &format!("dir_server@{node}: after rename"));
    expect_line(&rb, &format!("dir_server@{node}: after rename"));

    // Lines written just before a rename are not lost: the old file is drained first.
    for i in 0..20 {
        append(&dir_log, &format!("last words {i}\n"));
        std::fs::rename(&dir_log, logdir.join("dir_server.log.1")).expect("rename");
        std::fs::write(&dir_log, format!("first words {i}\n")).expect("recreate");
        for rx in [&ra, &rb] {
            expect_line(rx, &format!("dir_server@{node}: last words {i}"));
            expect_line(rx, &format!("dir_server@{node}: first words {i}"));
        }
    }

    // Rotation by truncation (copytruncate).
    std::fs::write(&mc_log, "").expect("truncate");
    thread::sleep(Duration::from_millis(200));
    append(&mc_log, "short\n");
    expect_line(&ra, &format!("memcached_node@{node}: short"));
    expect_line(&rb, &format!("memcached_node@{node}: short"));

    append(&dir_log, "seven\n");
    expect_line(&ra, &format!("dir_server@{node}: seven"));
    expect_line(&rb, &format!("dir_server@{node}: seven"));
    drop(a);
    drop(b);
}
