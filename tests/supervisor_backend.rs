//! Integration tests of the supervisor backend against a real supervisord.
//!
//! Every test uses its own sandbox root, starts supervisord with `ensure_running`, and
//! stops it by PID when the sandbox drops.

mod harness;

use std::collections::BTreeMap;
use std::fs;
use std::net::TcpStream;
use std::os::unix::net::UnixListener;
use std::thread;
use std::time::{Duration, Instant};

use harness::sandbox::Sandbox;
use harness::tools::require;
use harness::wait::{eventually, free_port};
use kato::infra::supervisor::daemon::{our_live_pid, pid_alive, supervisord_binary};
use kato::infra::supervisor::{
    ProgramSpec, Supervisor, SupervisorError, SupervisorPaths, apply_programs, ensure_running, is_running, stop,
};
use nix::sys::signal;
use nix::unistd::Pid;

const TIMEOUT: Duration = Duration::from_secs(10);

/// Whether supervisord is installed (under `CI=true` its absence fails `test`).
fn have_supervisord(test: &str) -> bool {
    require(test, supervisord_binary().is_ok(), "supervisord is not installed (apt-get install supervisor)")
}

/// A sandbox root and where its supervisord lives.
fn node() -> (Sandbox, SupervisorPaths) {
    let sb = Sandbox::new();
    let paths = sb.supervisor_paths();
    (sb, paths)
}

/// A sandbox root with a running supervisord.
fn started() -> (Sandbox, SupervisorPaths, Supervisor) {
    let (sb, paths) = node();
    let sup = ensure_running(&paths, "test-node", TIMEOUT).unwrap();
    (sb, paths, sup)
}

fn sleeper(name: &str, secs: u32) -> ProgramSpec {
    ProgramSpec { name: name.into(), command: format!("/bin/sleep {secs}"), ..Default::default() }
}

#[test]
fn start_and_stop_a_real_program() {
    if !have_supervisord("start_and_stop_a_real_program") {
        return;
    }
    let t0 = Instant::now();
    let (node, paths, sup) = started();
    let cold = t0.elapsed();
    let t1 = Instant::now();
    let again = ensure_running(&paths, "test-node", TIMEOUT).unwrap();
    eprintln!("ensure_running: cold start {:?}, already running {:?}", cold, t1.elapsed());
    assert!(is_running(&paths));
    let log = fs::read_to_string(paths.main_log()).unwrap();
    assert!(log.contains("supervisord started with pid"), "{log}");
    assert!(!log.contains("inet_http_server"), "{log}");
    assert_eq!(again.get_state().unwrap().statename, "RUNNING");

    let port = free_port("127.0.0.1");
    let web = ProgramSpec {
        name: "web".into(),
        command: format!("/usr/bin/python3 -m http.server {port} --bind 127.0.0.1"),
        directory: Some(node.root().to_path_buf()),
        environment: BTreeMap::new(),
    };
    let report = apply_programs(&sup, &paths, &[web]).unwrap();
    assert_eq!(report.added, ["web"]);
    assert_eq!(sup.get_process_info("web").unwrap().statename, "STOPPED");

    let t2 = Instant::now();
    assert!(sup.start_process("web", true).unwrap());
    eprintln!("startProcess(wait=true) took {:?}", t2.elapsed());
    let info = sup.get_process_info("web").unwrap();
    assert_eq!(info.statename, "RUNNING");
    assert!(info.is_running());
    let pid = Pid::from_raw(info.pid);
    assert!(info.pid > 0);
    signal::kill(pid, None).expect("the program's pid is alive");
    assert!(
        eventually(Duration::from_secs(5), || TcpStream::connect(("127.0.0.1", port)).is_ok()),
        "nothing listens on 127.0.0.1:{port}"
    );

    // Starting again is a typed fault that callers can treat as success.
    let err = sup.start_process("web", true).unwrap_err();
    assert!(err.is_already_started(), "{err}");
    assert_eq!(err.fault_code(), Some(60));
    assert!(!sup.ensure_started("web", true).unwrap());

    assert!(sup.stop_process("web", true).unwrap());
    assert_eq!(sup.get_process_info("web").unwrap().statename, "STOPPED");
    assert!(eventually(Duration::from_secs(2), || signal::kill(pid, None).is_err()));
    assert!(TcpStream::connect(("127.0.0.1", port)).is_err());
    let err = sup.stop_process("web", true).unwrap_err();
    assert!(err.is_not_running(), "{err}");
    assert!(!sup.ensure_stopped("web", true).unwrap());

    let err = sup.start_process("nosuch", false).unwrap_err();
    assert!(err.is_bad_name(), "{err}");
    assert!(!err.to_string().contains('\n'));

    // stop() shuts supervisord down and its pid goes away.
    let sup_pid = our_live_pid(&paths).unwrap();
    let t3 = Instant::now();
    assert!(stop(&paths, TIMEOUT).unwrap());
    eprintln!("stop took {:?}", t3.elapsed());
    assert!(!pid_alive(sup_pid));
    assert!(!is_running(&paths));
    let err = sup.get_state().unwrap_err();
    assert!(err.to_string().contains("run 'kato start'"), "{err}");
}

#[test]
fn apply_programs_adds_changes_removes_and_is_idempotent() {
    if !have_supervisord("apply_programs_adds_changes_removes_and_is_idempotent") {
        return;
    }
    let (_node, paths, sup) = started();

    let report = apply_programs(&sup, &paths, &[sleeper("a", 1000), sleeper("b", 1001)]).unwrap();
    assert_eq!(report.added, ["a", "b"]);
    assert!(report.changed.is_empty() && report.removed.is_empty());
    assert!(paths.program_conf("a").exists());

    let again = apply_programs(&sup, &paths, &[sleeper("a", 1000), sleeper("b", 1001)]).unwrap();
    assert!(again.is_empty(), "{again:?}");

    sup.start_process("a", false).unwrap();
    sup.start_process("b", true).unwrap();
    assert!(eventually(Duration::from_secs(3), || sup.get_process_info("a").unwrap().is_running()));
    let a_pid = sup.get_process_info("a").unwrap().pid;
    let b_pid = sup.get_process_info("b").unwrap().pid;

    // Change a (running): it is replaced and restarted; b is untouched.
    let t = Instant::now();
    let report = apply_programs(&sup, &paths, &[sleeper("a", 2000), sleeper("b", 1001)]).unwrap();
    eprintln!("apply_programs with one running program changed took {:?}", t.elapsed());
    assert_eq!(report.changed, ["a"]);
    assert_eq!(report.restarted, ["a"]);
    assert!(report.added.is_empty() && report.removed.is_empty());
    assert!(eventually(Duration::from_secs(3), || sup.get_process_info("a").unwrap().is_running()));
    let a = sup.get_process_info("a").unwrap();
    assert_ne!(a.pid, a_pid);
    assert!(a.description.contains("pid"), "{a:?}");
    assert!(signal::kill(Pid::from_raw(a_pid), None).is_err());
    assert_eq!(sup.get_process_info("b").unwrap().pid, b_pid);

    // Remove b: stopped, gone from supervisord and from conf.d.
    let report = apply_programs(&sup, &paths, &[sleeper("a", 2000)]).unwrap();
    assert_eq!(report.removed, ["b"]);
    assert!(report.added.is_empty() && report.changed.is_empty());
    assert!(eventually(Duration::from_secs(2), || signal::kill(Pid::from_raw(b_pid), None).is_err()));
    assert!(sup.get_process_info("b").unwrap_err().is_bad_name());
    assert!(!paths.program_conf("b").exists());
    let names: Vec<String> = sup.get_all_process_info().unwrap().into_iter().map(|p| p.name).collect();
    assert_eq!(names, ["a"]);

    let t = Instant::now();
    let again = apply_programs(&sup, &paths, &[sleeper("a", 2000)]).unwrap();
    eprintln!("apply_programs with nothing to do took {:?}", t.elapsed());
    assert!(again.is_empty(), "{again:?}");
    assert!(sup.get_process_info("a").unwrap().is_running());

    // Invalid input changes nothing.
    let bad = ProgramSpec { name: "bad name".into(), command: "/bin/true".into(), ..Default::default() };
    let err = apply_programs(&sup, &paths, &[bad]).unwrap_err();
    assert!(matches!(err, SupervisorError::InvalidName { .. }), "{err}");
    assert!(paths.program_conf("a").exists());
}

#[test]
fn stale_socket_gives_clear_error_and_ensure_running_recovers() {
    if !have_supervisord("stale_socket_gives_clear_error_and_ensure_running_recovers") {
        return;
    }
    let (_node, paths) = node();
    // Stopping where nothing ever ran is a no-op, not an error.
    assert!(!stop(&paths, TIMEOUT).unwrap());
    fs::create_dir_all(paths.socket.parent().unwrap()).unwrap();

    // A plain file where the socket should be.
    fs::write(&paths.socket, b"").unwrap();
    let t = Instant::now();
    let err = Supervisor::connect(&paths.socket, TIMEOUT).get_state().unwrap_err();
    assert!(t.elapsed() < Duration::from_millis(500), "{:?}", t.elapsed());
    assert!(matches!(err, SupervisorError::NotRunning { .. }), "{err}");
    let msg = err.to_string();
    assert!(msg.starts_with("supervisord is not running on this node"), "{msg}");
    assert!(msg.contains("run 'kato start'"), "{msg}");
    assert!(!is_running(&paths));

    // A dead socket (its listener is gone) and a pidfile of a dead process.
    fs::remove_file(&paths.socket).unwrap();
    drop(UnixListener::bind(&paths.socket).unwrap());
    let mut child = std::process::Command::new("/bin/true").spawn().unwrap();
    let dead_pid = child.id();
    child.wait().unwrap();
    fs::write(&paths.pidfile, format!("{dead_pid}\n")).unwrap();
    let t = Instant::now();
    let err = Supervisor::connect(&paths.socket, TIMEOUT).get_state().unwrap_err();
    assert!(t.elapsed() < Duration::from_millis(500));
    assert!(matches!(err, SupervisorError::NotRunning { .. }), "{err}");

    let sup = ensure_running(&paths, "test-node", TIMEOUT).unwrap();
    assert_eq!(sup.get_state().unwrap().statename, "RUNNING");
    let pid: i32 = fs::read_to_string(&paths.pidfile).unwrap().trim().parse().unwrap();
    assert_ne!(pid, dead_pid as i32);
    assert_eq!(our_live_pid(&paths), Some(Pid::from_raw(pid)));
}

#[test]
fn hung_peer_times_out_and_ensure_running_replaces_it() {
    if !have_supervisord("hung_peer_times_out_and_ensure_running_replaces_it") {
        return;
    }
    let (_node, paths) = node();
    fs::create_dir_all(paths.socket.parent().unwrap()).unwrap();
    let listener = UnixListener::bind(&paths.socket).unwrap();
    // Accept connections and hold them open without ever answering.
    let holder = thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().take(3) {
            held.push(stream);
        }
        thread::sleep(Duration::from_secs(3));
    });

    let timeout = Duration::from_millis(300);
    let t = Instant::now();
    let err = Supervisor::connect(&paths.socket, timeout).get_state().unwrap_err();
    let took = t.elapsed();
    assert!(took >= timeout && took < Duration::from_secs(1), "{took:?}");
    assert!(matches!(err, SupervisorError::Timeout { .. }), "{err}");
    assert!(err.to_string().starts_with("supervisord did not answer within 300ms on "), "{err}");

    // Nothing of ours owns that socket, so ensure_running takes the path over.
    let sup = ensure_running(&paths, "test-node", TIMEOUT).unwrap();
    assert_eq!(sup.get_state().unwrap().statename, "RUNNING");
    drop(holder);
}

#[test]
fn environment_values_reach_the_program_intact() {
    if !have_supervisord("environment_values_reach_the_program_intact") {
        return;
    }
    let (node, paths, sup) = started();
    let out = node.root().join("env.json");
    let env: BTreeMap<String, String> = [
        ("COMMAS", "a,b,c"),
        ("DQUOTES", "say \"hi\" now"),
        ("SQUOTE", "it's here"),
        ("PERCENT", "100% and %(ENV_HOME)s and %%"),
        ("EQUALS", "k=v,x=y"),
        ("SPACES", "a  b\tc"),
        ("HASH", "#not-a-comment;nor-this"),
        ("BACKSLASH", "C:\\path\\n"),
        ("EMPTY", ""),
        ("UNICODE", "grüße ✓"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let spec = ProgramSpec {
        name: "envdump".into(),
        command: format!(
            "/usr/bin/python3 -c \"import os,json,time; \
             json.dump(dict(os.environ), open('{}.tmp','w')); \
             os.rename('{0}.tmp', '{0}'); time.sleep(1000)\"",
            out.display()
        ),
        directory: None,
        environment: env.clone(),
    };
    apply_programs(&sup, &paths, &[spec]).unwrap();
    sup.start_process("envdump", true).unwrap();
    assert!(eventually(Duration::from_secs(5), || out.exists()));
    let got: BTreeMap<String, String> = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    for (key, want) in &env {
        assert_eq!(got.get(key), Some(want), "{key}");
    }

    // Values supervisord cannot express are refused before anything is written.
    let bad = ProgramSpec {
        name: "bad".into(),
        command: "/bin/sleep 1".into(),
        directory: None,
        environment: BTreeMap::from([("BOTH".to_string(), "a'b\"c".to_string())]),
    };
    let err = apply_programs(&sup, &paths, &[bad]).unwrap_err();
    assert!(err.to_string().contains("BOTH"), "{err}");
    assert!(!paths.program_conf("bad").exists());
    assert!(sup.get_process_info("envdump").unwrap().is_running());
}
