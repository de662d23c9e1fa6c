//! `kato op defer` / `op run_deferred` and `kato start --boot` running them: at a
//! simulated reboot (supervisord killed, then the boot unit's `kato start --boot`) the
//! pre-start commands run in order before the roles start, the `--post-start` ones once
//! the processes are up, each once, with their results in history. A failing command
//! does not keep the node down and drops the rest, as the original did.

mod harness;

use harness::procs::stop_pid;
use harness::sandbox::Sandbox;
use harness::tools::tools_present;
use std::time::Duration;

const TOOLS: &[&str] = &["/usr/bin/supervisord", "/usr/bin/redis-server", "/usr/bin/python3"];

fn core() -> Sandbox {
    let mut sb = Sandbox::new();
    let pid = std::process::id();
    sb.node_ip = format!("127.{}.{}.{}", 100 + pid % 100, (pid / 100) % 250 + 1, 201);
    sb.add_catalog();
    sb.env.push(("KATO_START_TIMEOUT".into(), "20".into()));
    sb.run(&["node", "setup", "core", "api.example.test"]).ok();
    sb
}

fn reboot(sb: &Sandbox) {
    let pid = sb.supervisord_pid().expect("supervisord pid");
    stop_pid(pid, Duration::from_secs(15));
}

fn deferred(sb: &Sandbox) -> serde_json::Value {
    harness::files::read_json(&sb.path("var/lib/kato/deferred.json"))["commands"].clone()
}

fn history(sb: &Sandbox) -> Vec<String> {
    sb.run(&["history"]).ok().stdout.lines().filter(|l| l.contains("(deferred)")).map(String::from).collect()
}

#[track_caller]
fn pos(text: &str, needle: &str) -> usize {
    text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in:\n{text}"))
}

#[test]
fn deferred_commands_run_once_in_order_at_boot() {
    if !tools_present("deferred_commands_run_once_in_order_at_boot", TOOLS) {
        return;
    }
    let sb = core();
    // Refused: not a kato command, an unbalanced quote, a command that defers; nothing kept.
    for bad in ["frobnicate now", "config set 'x", "op run_deferred", "op defer 'status'", ""] {
        let r = sb.run(&["op", "defer", bad]);
        r.fails(2);
        assert!(r.stderr.starts_with("ERROR: "), "{bad}: {}", r.stderr);
    }
    sb.run(&["op", "defer"]).fails(2);
    assert!(!sb.path("var/lib/kato/deferred.json").exists());

    sb.run(&["op", "defer", "process ready all", "--post-start"]).ok();
    sb.run(&["op", "defer", "kato config set cluster boot/first one"]).ok();
    sb.run(&["op", "defer", "config set cluster boot/second two", "--run-as-root"]).ok();
    assert_eq!(deferred(&sb).as_array().map(Vec::len), Some(3));
    // Nothing runs until asked: a dry run of the boot shows them.
    let dry = sb.run(&["start", "--boot", "--dry-run"]).ok().stdout.clone();
    assert!(dry.contains("would run deferred command kato process ready all after the processes are up"), "{dry}");
    assert_eq!(sb.config_get(&["cluster", "boot/first"]).trim(), "");

    reboot(&sb);
    let out = sb.run(&["start", "--boot"]);
    out.ok();
    let text = &out.stdout;
    let first = pos(text, "-----> Running deferred command kato config set cluster boot/first one");
    let second = pos(text, "-----> Running root deferred command kato config set cluster boot/second two");
    let start = pos(text, "Starting roles");
    let post = pos(text, "-----> Running deferred command kato process ready all");
    assert!(first < second && second < start && start < post, "{text}");
    // The post-start check ran once the processes were up: it printed READY.
    assert!(text[post..].contains("READY") && !text[post..].contains("NOTREADY"), "{text}");
    assert_eq!(sb.config_get(&["cluster", "boot/first"]).trim(), "one");
    assert_eq!(sb.config_get(&["cluster", "boot/second"]).trim(), "two");
    assert_eq!(deferred(&sb), serde_json::json!([]));
    let h = history(&sb);
    assert_eq!(h.len(), 3, "{h:?}");
    assert!(h[0].contains("boot/first one (deferred) (succeeded)"), "{h:?}");
    assert!(h[2].contains("process ready all (deferred) (succeeded)"), "{h:?}");

    // Once each: the next boot runs none of them.
    reboot(&sb);
    let again = sb.run(&["start", "--boot"]);
    again.ok();
    assert!(!again.stdout.contains("Running deferred"), "{}", again.stdout);
    assert_eq!(history(&sb).len(), 3);

    // A failing pre-start command: the roles still start, the command after it and the
    // post-start one are dropped (named), the failure is recorded, exit 1.
    sb.run(&["op", "defer", "config get nosuch/component"]).ok();
    sb.run(&["op", "defer", "config set cluster boot/third three"]).ok();
    sb.run(&["op", "defer", "config set cluster boot/post four", "--post-start"]).ok();
    reboot(&sb);
    let failed = sb.run(&["start", "--boot"]);
    failed.fails(1);
    let failed = &failed;
    assert!(failed.stdout.contains("Starting roles"), "{}", failed.stdout);
    assert!(failed.stderr.contains("dropped (not run): kato config set cluster boot/third three"), "{}", failed.stderr);
    assert!(failed.stderr.contains("command failed: kato config get nosuch/component"), "{}", failed.stderr);
    sb.run(&["process", "ready", "all"]).ok();
    assert_eq!(sb.config_get(&["cluster", "boot/third"]).trim(), "");
    assert_eq!(sb.config_get(&["cluster", "boot/post"]).trim(), "");
    assert_eq!(deferred(&sb), serde_json::json!([]));
    assert!(history(&sb).last().unwrap().contains("config get nosuch/component (deferred) (failed: exit status 2)"));

    // --reset clears; run_deferred with nothing to do is quiet and succeeds.
    sb.run(&["op", "defer", "config set cluster boot/x y"]).ok();
    sb.run(&["op", "defer", "--reset"]).ok();
    assert_eq!(deferred(&sb), serde_json::json!([]));
    let none = sb.run(&["op", "run_deferred"]);
    none.ok();
    assert_eq!(none.stdout, "");
}
