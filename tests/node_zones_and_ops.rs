//! The original's `node availabilityzone`, `node placementzones` and the `op` commands
//! kato took over from it, on one node through the built binary: outputs against the
//! original's texts, the root before and after (a dry run changes nothing), bad inputs
//! refused with nothing changed, and the provisioning scripts' kato lines unmodified
//! (tests/scripts/provisioning-lines.sh).

mod harness;
use harness::run::{self, Run};
use harness::sandbox::Sandbox;

/// Runs `STEP` of the provisioning script on the sandbox's node, `kato` on PATH and
/// `ec2metadata` answering `us-east-1b`.
fn script(sb: &Sandbox, step: &str) -> Run {
    let bin = sb.path("test-bin");
    if !bin.exists() {
        std::fs::create_dir_all(&bin).unwrap();
        std::os::unix::fs::symlink(harness::KATO, bin.join("kato")).unwrap();
        let fake = bin.join("ec2metadata");
        std::fs::write(&fake, "#!/bin/sh\necho us-east-1b\n").unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let mut cmd = sb.wrapped("bash");
    cmd.env("PATH", path).env("STEP", step).arg(harness::repo("tests/scripts/provisioning-lines.sh"));
    run::capture(&mut cmd, None, run::LIMIT)
}

/// Each bad input fails with `code` and a message containing `want`, and the root is
/// byte-identical afterwards.
fn refused(sb: &Sandbox, cases: &[(&[&str], i32, &str)]) {
    for (args, code, want) in cases {
        let before = sb.tree();
        let r = sb.run(args);
        r.fails(*code);
        assert!(r.stderr.starts_with("ERROR: ") && r.stderr.contains(want), "{args:?}: {}", r.stderr);
        assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {}", r.stderr);
        assert_eq!(before, sb.tree(), "{args:?} changed the root");
    }
}

#[test]
fn zones_are_stored_per_node_and_shown() {
    let sb = Sandbox::new();
    sb.setup_core();
    sb.register_node("10.11.12.20", &["dea"]);
    let me = &sb.node_ip;
    let r = sb.run(&["node", "availabilityzone"]);
    r.ok();
    assert_eq!(r.stdout, format!("Availability zone on node {me} is 'default'.\n"));

    let before = sb.tree();
    let d = sb.run(&["node", "availabilityzone", "region-b", "--dry-run"]);
    d.ok();
    assert!(d.stdout.starts_with("dry run: would run 1 step:\n"), "{}", d.stdout);
    assert!(d.stdout.contains(&format!("+ /node/{me}/availability_zone = \"region-b\"")), "{}", d.stdout);
    assert_eq!(before, sb.tree(), "dry run changed the root");

    let r = sb.run(&["node", "availabilityzone", "region-b"]);
    r.ok();
    assert_eq!(r.stdout, format!("Availability zone on node {me} is 'region-b'.\n"));
    assert_eq!(sb.store()["components"]["node"][me]["availability_zone"], "region-b");
    // Another node, by -n.
    let r = sb.run(&["node", "availabilityzone", "-n", "10.11.12.20", "region-c"]);
    r.ok();
    assert_eq!(r.stdout, "Availability zone on node 10.11.12.20 is 'region-c'.\n");
    let r = sb.run(&["node", "availabilityzone", "--node", "10.11.12.20"]);
    assert_eq!(r.stdout, "Availability zone on node 10.11.12.20 is 'region-c'.\n");

    // Placement zones: add, list, remove; an empty list means 'default'.
    assert_eq!(sb.run(&["node", "placementzones", "list", "-n", "10.11.12.20"]).stdout, "default\n");
    for z in ["zone-a", "zone_b"] {
        let r = sb.run(&["node", "placementzones", "add", "-n", "10.11.12.20", z]);
        r.ok();
        assert_eq!(r.stdout, format!("Placement zone '{z}' added to node 10.11.12.20.\n"));
    }
    let before = sb.tree();
    sb.run(&["node", "placementzones", "remove", "-n", "10.11.12.20", "zone-a", "--dry-run"]).ok();
    assert_eq!(before, sb.tree(), "dry run changed the root");
    assert_eq!(sb.run(&["node", "placementzones", "list", "-n", "10.11.12.20"]).stdout, "zone-a\nzone_b\n");
    let r = sb.run(&["node", "placementzones", "remove", "--node", "10.11.12.20", "zone-a"]);
    r.ok();
    assert_eq!(r.stdout, "Placement zone 'zone-a' removed from node 10.11.12.20.\n");
    assert_eq!(sb.store()["components"]["node"]["10.11.12.20"]["placement_zones"], serde_json::json!(["zone_b"]));

    // Shown by info and node list -j; node list's text form is unchanged.
    let info = sb.run(&["info", "-n", "10.11.12.20", "--json"]).json();
    assert_eq!(info["node"]["10.11.12.20"]["availability_zone"], "region-c");
    assert_eq!(info["node"]["10.11.12.20"]["placement_zones"], serde_json::json!(["zone_b"]));
    let text = sb.run(&["info"]).ok().stdout.clone();
    assert!(text.ends_with("  availability zone: region-b\n  placement zones: default\n"), "{text}");
    let list = sb.run(&["node", "list", "-j"]).json();
    assert_eq!(list["node_zones"]["10.11.12.20"]["availability_zone"], "region-c");
    assert_eq!(list["node_zones"][me]["placement_zones"], serde_json::json!([]));
    assert_eq!(list["node_roles"]["10.11.12.20"], serde_json::json!(["base", "dea"]));
    assert!(sb.node_list().lines().any(|l| l == "10.11.12.20      base dea"), "{}", sb.node_list());

    refused(
        &sb,
        &[
            (&["node", "availabilityzone", "bad;zone"], 2, "Invalid zone given 'bad;zone'"),
            (&["node", "availabilityzone", "$(id)"], 2, "Invalid zone given '$(id)'"),
            (&["node", "availabilityzone", "--", "-east"], 2, "Invalid zone given '-east'"),
            (&["node", "availabilityzone", &"z".repeat(64)], 2, "Invalid zone given"),
            (&["node", "placementzones", "add", "a b"], 2, "Invalid zone given 'a b'"),
            (&["node", "placementzones", "add", "-n", "10.11.12.20", "zone_b"], 2, "already a placement zone"),
            (&["node", "placementzones", "remove", "nope"], 2, "Zone 'nope' is not a placement zone of node"),
            (&["node", "availabilityzone", "-n", "10.9.9.9", "x"], 2, "10.9.9.9 is not a known node"),
            (&["node", "availabilityzone", "-n", "node7", "x"], 2, "Invalid node id given 'node7'"),
            (&["node", "placementzones", "add"], 2, "<ZONE>"),
        ],
    );

    // The playbooks' lines, unmodified.
    let r = script(&sb, "zones");
    r.ok();
    assert_eq!(
        r.stdout,
        format!(
            "Availability zone on node {me} is 'us-east-1b'.\nPlacement zone 'us-east-1b-apps' added to node {me}.\n"
        )
    );
}

/// A log file of process `name` in the sandbox, where `log tail` reads it.
fn write_log(sb: &Sandbox, name: &str, text: &str) {
    let dir = sb.supervisor_paths().logdir;
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.log")), text).unwrap();
}

#[test]
fn the_originals_flags() {
    if !harness::tools::tools_present("the original's flags", &["supervisord", "script"]) {
        return;
    }
    let sb = Sandbox::new();
    for (name, role) in [("ticker", "router"), ("clock", "primary")] {
        sb.write_spec(name, &format!("name: {name}\nroles: [{role}]\ncommand: /bin/sleep 1000\n"));
    }
    sb.setup_core();
    let me = sb.node_ip.clone();

    // start -e: the original's warning; kato's start fills no placeholders anyway.
    let before = sb.tree();
    sb.run(&["start", "-e", "--dry-run"]).ok();
    assert_eq!(before, sb.tree(), "dry run changed the root");
    let r = sb.run(&["start", "--ephemeral"]);
    r.ok();
    assert_eq!(r.stderr, "WARNING: Ephemeral selected. Not filling token placeholders\n");
    assert!(r.stdout.contains("role router starting..."), "{}", r.stdout);

    // process restart -c: every node where the processes are configured.
    sb.register_node("10.11.12.20", &["router"]);
    let d = sb.run(&["process", "restart", "-c", "ticker", "--dry-run"]);
    d.ok();
    assert!(d.stdout.contains(&format!("1. processes: restart processes on {me}: ticker")), "{}", d.stdout);
    assert!(d.stdout.contains("2. processes: restart processes on 10.11.12.20: ticker"), "{}", d.stdout);
    let d = sb.run(&["process", "restart", "--cluster", "clock", "--dry-run"]);
    assert!(d.stdout.starts_with("dry run: would run 1 step:"), "{}", d.stdout);
    sb.edit_store(|doc| doc["components"]["node"].as_object_mut().unwrap().remove("10.11.12.20").map(|_| ()).unwrap());
    let r = sb.run(&["process", "restart", "-c", "ticker"]);
    r.ok();
    assert!(r.stdout.lines().any(|l| l.starts_with("process ticker...") && l.ends_with(" started")), "{}", r.stdout);

    // node rename -s/-l: accepted (kato's rename neither remaps URLs nor regenerates keys).
    let d = sb.run(&["node", "rename", "-s", "-l", "paas.example.org", "--dry-run", "--no-restart"]);
    d.ok();
    assert!(d.stdout.contains("hostname: set the hostname to paas.example.org"), "{}", d.stdout);
    sb.run(&["node", "rename", "--skip-remap-hosts", "--skip-ssl-regeneration", "paas.example.org", "-r"]).ok();
    assert_eq!(std::fs::read_to_string(sb.path("etc/hostname")).unwrap(), "paas.example.org\n");

    // op static_ip's long flags.
    let args = [
        "op",
        "static_ip",
        "--ip",
        "10.11.12.13",
        "--netmask",
        "255.255.255.0",
        "--gateway",
        "10.11.12.1",
        "--dns-nameservers",
        "9.9.9.9 1.1.1.1",
        "--dns-search-domains",
        "example.com,example.org",
        "--no-restart",
    ];
    sb.run(&args).ok();
    let interfaces = std::fs::read_to_string(sb.path("etc/network/interfaces")).unwrap();
    assert!(interfaces.contains("    dns-nameservers 9.9.9.9 1.1.1.1\n"), "{interfaces}");
    assert!(interfaces.contains("    dns-search example.com example.org\n"), "{interfaces}");

    // log tail --raw --time --no-color, and the timestamp stripping by default.
    write_log(
        &sb,
        "ticker",
        "2013-01-02 15:04:05,123 INFO spawned\n2013/01/02 15:04:05 WARN slow\n[2013-01-02 15:04:05.1] rt - pid=7 ERROR x\n",
    );
    let plain = sb.run(&["log", "tail", "-l", "ticker"]);
    plain.ok();
    assert_eq!(plain.stdout, format!("ticker@{me}: INFO spawned\nticker@{me}: WARN slow\nticker@{me}: ERROR x\n"));
    let raw = sb.run(&["log", "tail", "-l", "--raw", "--no-color", "ticker"]);
    assert_eq!(
        raw.stdout,
        format!(
            "ticker@{me}: 2013-01-02 15:04:05,123 INFO spawned\nticker@{me}: 2013/01/02 15:04:05 WARN slow\nticker@{me}: [2013-01-02 15:04:05.1] rt - pid=7 ERROR x\n"
        )
    );
    let timed = sb.run(&["log", "tail", "-l", "--time", "ticker"]);
    let first = timed.stdout.lines().next().unwrap_or_default().to_string();
    let (stamp, rest) = first.split_at(26);
    assert!(stamp.ends_with(" +0000 ") && stamp.starts_with("20"), "{first}");
    assert_eq!(rest, format!("ticker@{me}: INFO spawned"));
    // At a terminal: colours (the process, the node grey, errors red, warnings yellow),
    // none with --no-color.
    let at_tty = |extra: &str| {
        let line = format!("\"$KATO\" log tail -l {extra} ticker");
        let mut cmd = sb.wrapped("script");
        cmd.env_remove("NO_COLOR").env("TERM", "xterm").args(["-qec", &line, "/dev/null"]);
        run::capture(&mut cmd, None, run::LIMIT)
    };
    let colored = at_tty("");
    colored.ok();
    assert!(colored.stdout.contains("\x1b[90m@"), "{:?}", colored.stdout);
    assert!(colored.stdout.contains("\x1b[31mERROR x\x1b[0m"), "{:?}", colored.stdout);
    assert!(colored.stdout.contains("\x1b[33mWARN slow\x1b[0m"), "{:?}", colored.stdout);
    let uncolored = at_tty("--no-color");
    assert!(!uncolored.stdout.contains('\x1b'), "{:?}", uncolored.stdout);
    assert!(uncolored.stdout.contains(&format!("ticker@{me}: ERROR x")), "{:?}", uncolored.stdout);

    // inspect list|all|group|tests.
    let list = sb.run(&["inspect", "list"]);
    list.ok();
    assert!(list.stdout.lines().any(|l| l == "role-processes            local"), "{}", list.stdout);
    assert!(list.stdout.lines().any(|l| l == "clock-skew                cluster"), "{}", list.stdout);
    let all = sb.run(&["inspect", "all", "-j"]).json();
    let group = sb.run(&["inspect", "group", "local", "-j"]).json();
    let names = |v: &serde_json::Value| -> Vec<String> {
        v["checks"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(names(&group), ["role-processes", "process-binaries", "persistent-storage"]);
    assert!(names(&all).len() >= names(&group).len());
    let one = sb.run(&["inspect", "tests", "process-binaries", "version"]);
    one.ok();
    assert_eq!(
        one.stdout,
        "process-binaries...                        ok\nversion...                                 not run (does not apply to this node)\n"
    );

    refused(
        &sb,
        &[
            (&["inspect", "group", "nope"], 2, "Unknown test group 'nope'"),
            (&["inspect", "tests", "clock-skw"], 2, "Unknown test 'clock-skw' (did you mean 'clock-skew'?)"),
            (&["inspect", "tests"], 2, "expected 'all', 'group GROUP', 'tests TEST...' or 'list'"),
            (&["inspect", "bogus"], 2, "expected 'all'"),
            (&["process", "restart", "-c", "-n", "10.11.12.20"], 2, "cannot be used with"),
            (&["process", "start", "-c"], 2, "unexpected argument '-c'"),
            (&["process", "restart", "-c", "nosuch"], 2, "Unknown process specified 'nosuch'"),
            (&[&args[..], &["--restart-network"]].concat(), 2, "--restart-network restarts this machine's networking"),
            (
                &[
                    "op",
                    "static_ip",
                    "--ip",
                    "10.11.12.13",
                    "--netmask",
                    "255.255.255.0",
                    "--gateway",
                    "10.11.12.1",
                    "--dns-search-domains",
                    "a;b",
                ],
                2,
                "invalid DNS search domain 'a;b'",
            ),
        ],
    );
}

#[test]
fn op_timezone_hostsfile_and_upload_limit() {
    let sb = Sandbox::new();
    sb.setup_core();
    std::fs::write(sb.path("etc/timezone"), "Etc/UTC\n").unwrap();

    // set_timezone: etc/timezone and the etc/localtime link, checked against the tz database.
    let before = sb.tree();
    let d = sb.run(&["op", "set_timezone", "--timezone", "America/Chicago", "--dry-run"]);
    d.ok();
    assert_eq!(d.stdout, "dry run: would run 1 step:\n  1. timezone: set the system timezone to America/Chicago\n");
    assert_eq!(before, sb.tree(), "dry run changed the root");
    let r = sb.run(&["op", "set_timezone", "--timezone", "America/Chicago"]);
    r.ok();
    assert_eq!(r.stdout, "-----> The default timezone is now America/Chicago.\n");
    assert_eq!(
        r.stderr,
        "WARNING: Changing the default system timezone\nWARNING: A system restart is recommended for applications to adjust to the new TZ setting.\n"
    );
    assert_eq!(std::fs::read_to_string(sb.path("etc/timezone")).unwrap(), "America/Chicago\n");
    assert_eq!(
        std::fs::read_link(sb.path("etc/localtime")).unwrap(),
        std::path::Path::new("/usr/share/zoneinfo/America/Chicago")
    );
    let again = sb.run(&["op", "set_timezone", "--timezone", "America/Chicago", "--dry-run"]);
    assert_eq!(again.stdout, "dry run: nothing would change\n");

    // update_hostsfile: kato's line, the endpoint at 127.0.0.1 on a router node.
    std::fs::write(sb.path("etc/hosts"), "127.0.0.1 localhost\n10.0.0.9 api.example.test # Added by Stackato\n")
        .unwrap();
    let before = sb.tree();
    let d = sb.run(&["op", "update_hostsfile", "--dry-run"]);
    assert!(d.stdout.contains("hosts-file: map api.example.test to 127.0.0.1 in /etc/hosts"), "{}", d.stdout);
    assert_eq!(before, sb.tree(), "dry run changed the root");
    sb.run(&["op", "update_hostsfile"]).ok();
    assert_eq!(
        std::fs::read_to_string(sb.path("etc/hosts")).unwrap(),
        "127.0.0.1 localhost\n127.0.0.1 api.example.test # Added by Stackato\n"
    );

    // max_client_upload: the controller's limit in the store.
    let before = sb.tree();
    sb.run(&["op", "max_client_upload", "2048", "--dry-run"]).ok();
    assert_eq!(before, sb.tree(), "dry run changed the root");
    let r = sb.run(&["op", "max_client_upload", "2048"]);
    r.ok();
    assert!(r.stdout.starts_with("Setting the maximum client upload size ( CC-Nginx ) ...\n"), "{}", r.stdout);
    assert_eq!(sb.config_get(&["cloud_controller_ng", "max_droplet_size"]), "2048\n");

    refused(
        &sb,
        &[
            (&["op", "set_timezone", "--timezone", "Mars/Olympus_Mons"], 2, "Unknown timezone 'Mars/Olympus_Mons'"),
            (&["op", "set_timezone", "--timezone", "../../etc/passwd"], 2, "Invalid timezone given '../../etc/passwd'"),
            (&["op", "set_timezone", "--timezone", "America/Chicago;reboot"], 2, "Invalid timezone given"),
            (&["op", "set_timezone", "--timezone", "zone.tab"], 2, "Invalid timezone given 'zone.tab'"),
            (&["op", "set_timezone"], 2, "--timezone is required when there is no terminal"),
            (&["op", "max_client_upload", "1"], 2, "Maximum upload size must be greater than 1MB"),
            (&["op", "max_client_upload", "-5"], 2, "unexpected argument"),
            (&["op", "max_client_upload", "10MB"], 2, "invalid value '10MB'"),
        ],
    );
}

#[test]
fn upstream_proxy_reaches_the_processes_that_take_it() {
    if !harness::tools::tools_present("upstream_proxy", &["supervisord"]) {
        return;
    }
    let sb = Sandbox::new();
    sb.write_spec(
        "fetcher",
        "name: fetcher\nroles: [router]\ncommand: /bin/sleep 1000\nproxy_env: [http_proxy, HTTPS_PROXY, no_proxy]\n",
    );
    sb.write_spec("plain", "name: plain\nroles: [router]\ncommand: /bin/sleep 1000\n");
    sb.setup_core();
    let conf = |name: &str| {
        std::fs::read_to_string(sb.supervisor_paths().conf_d.join(format!("{name}.conf"))).unwrap_or_default()
    };

    let before = sb.tree();
    let d = sb.run(&["op", "upstream_proxy", "set", "proxy.example.com:3128", "--dry-run"]);
    d.ok();
    assert!(
        d.stdout.starts_with(
            "dry run: would run 2 steps:\n  1. proxy-file: record the upstream proxy proxy.example.com:3128"
        ),
        "{}",
        d.stdout
    );
    assert_eq!(before, sb.tree(), "dry run changed the root");

    refused(
        &sb,
        &[
            (&["op", "upstream_proxy", "set", "proxy;reboot:3128"], 2, "Invalid proxy address 'proxy;reboot:3128'"),
            (&["op", "upstream_proxy", "set", "$(id):80"], 2, "Invalid proxy address '$(id):80'"),
            (&["op", "upstream_proxy", "set", "proxy.example.com"], 2, "Invalid proxy address"),
            (&["op", "upstream_proxy", "set", "proxy.example.com:99999"], 2, "Invalid proxy address"),
            (
                &["op", "upstream_proxy", "set", "p.example.com:80", "-u", "bob"],
                2,
                "both the user and password must be specified",
            ),
            (
                &["op", "upstream_proxy", "set", "p.example.com:80", "-u", "bob", "-p", "a b`x`"],
                2,
                "the proxy user and password may hold",
            ),
            (
                &["op", "upstream_proxy", "set", "p.example.com:80", "--no-proxy", "a.com,b c"],
                2,
                "Invalid --no-proxy entry 'b c'",
            ),
        ],
    );

    // The cloud-init lines, unmodified.
    let r = script(&sb, "cloud-init");
    r.ok();
    assert!(r.stdout.contains("Upstream proxy set to: http://proxy.example.com:3128\nRestart the roles of fetcher to effect the changes ('kato restart ROLE')\n"), "{}", r.stdout);
    assert!(r.stdout.contains("-----> The default timezone is now America/Chicago.\n"), "{}", r.stdout);
    let fetcher = conf("fetcher");
    assert!(fetcher.contains("http_proxy=\"http://stackato:s3cret@proxy.example.com:3128\""), "{fetcher}");
    assert!(fetcher.contains("HTTPS_PROXY=\"http://stackato:s3cret@proxy.example.com:3128\""), "{fetcher}");
    assert!(fetcher.contains("no_proxy=\"localhost,.example.com\""), "{fetcher}");
    assert!(!conf("plain").contains("proxy"), "{}", conf("plain"));
    let app_store = sb.run(&["config", "get", "cloud_controller_ng", "app_store/proxy", "--json"]).json();
    assert_eq!(
        app_store,
        serde_json::json!({"host": "proxy.example.com", "port": 3128, "username": "stackato", "password": "s3cret"})
    );
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(sb.path("var/lib/kato/upstream_proxy.json")).unwrap().permissions(),
    );
    assert_eq!(mode & 0o777, 0o640);

    // delete: the file and the keys go; the next restart renders no proxy.
    let r = sb.run(&["op", "upstream_proxy", "delete"]);
    r.ok();
    assert!(r.stdout.starts_with("Upstream proxy deleted\n"), "{}", r.stdout);
    assert!(!sb.path("var/lib/kato/upstream_proxy.json").exists());
    assert!(sb.store()["components"]["cloud_controller_ng"]["app_store"].get("proxy").is_none(), "{}", sb.store());
    sb.run(&["restart", "router"]).ok();
    assert!(!conf("fetcher").contains("proxy"), "{}", conf("fetcher"));
    assert_eq!(sb.run(&["op", "upstream_proxy", "delete", "--dry-run"]).stdout, "dry run: nothing would change\n");
}

#[test]
fn node_reset_services_docker_and_factory() {
    if !harness::tools::tools_present("node reset", &["supervisord"]) {
        return;
    }
    let sb = Sandbox::new();
    sb.write_spec(
        "store_db",
        "name: store_db\nroles: [redis]\ncommand: /bin/sleep 1000\ndirectory: ${KATO_ROOT}/var/lib/kato/data/store_db\n",
    );
    sb.write_spec(
        "web",
        "name: web\nroles: [router]\ncommand: /bin/sleep 1000\ndirectory: ${KATO_ROOT}/var/lib/kato/data/web\n",
    );
    sb.setup_core();
    sb.run(&["role", "add", "redis"]).ok();
    let data = sb.path("var/lib/kato/data/store_db/dump.rdb");
    std::fs::write(&data, "precious").unwrap();
    std::fs::write(sb.path("var/lib/kato/data/web/index.html"), "keep").unwrap();

    // docker: nothing to do, nothing changed.
    let before = sb.tree();
    let r = sb.run(&["node", "reset", "docker"]);
    r.ok();
    assert_eq!(r.stdout, "Nothing to reset: no process of this node's catalog runs docker containers.\n");
    // services: a dry run changes nothing; no terminal and no --yes is refused.
    let d = sb.run(&["node", "reset", "services", "--dry-run"]);
    d.ok();
    assert!(d.stdout.contains("1. stop-services: stop store_db"), "{}", d.stdout);
    assert!(d.stdout.contains("store_db: "), "{}", d.stdout);
    assert!(!d.stdout.contains("web"), "{}", d.stdout);
    let refused_run = sb.run(&["node", "reset", "services"]);
    refused_run.fails(2);
    assert!(refused_run.stderr.contains("This will remove all service data on this node"), "{}", refused_run.stderr);
    assert_eq!(before, sb.tree(), "a dry or refused reset changed the root");

    // The node-provisioning line (with KATO_SKIP_CONFIRM, as those scripts set it).
    let r = script(&sb, "node-provisioning");
    r.ok();
    assert!(
        r.stdout.ends_with("Nothing to reset: no process of this node's catalog runs docker containers.\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("-----> Resetting service data"), "{}", r.stdout);
    assert!(r.stdout.lines().any(|l| l.starts_with("process store_db...") && l.ends_with("started")), "{}", r.stdout);
    assert!(!data.exists(), "service data survived");
    assert!(sb.path("var/lib/kato/data/store_db").is_dir());
    assert_eq!(std::fs::read_to_string(sb.path("var/lib/kato/data/web/index.html")).unwrap(), "keep");

    // Nothing outside the root: a data directory that leads out is refused, nothing changed.
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("theirs"), "not kato's").unwrap();
    std::fs::remove_dir_all(sb.path("var/lib/kato/data/store_db")).unwrap();
    std::os::unix::fs::symlink(outside.path(), sb.path("var/lib/kato/data/store_db")).unwrap();
    let before = sb.tree();
    let r = sb.run(&["node", "reset", "services", "--yes"]);
    r.fails(2);
    assert!(r.stderr.contains("is not inside the root"), "{}", r.stderr);
    assert!(outside.path().join("theirs").exists());
    assert_eq!(before, sb.tree());
    std::fs::remove_file(sb.path("var/lib/kato/data/store_db")).unwrap();

    // An attached node is refused without --force.
    let state = sb.path("var/lib/kato/node.json");
    let saved = std::fs::read(&state).unwrap();
    let mut node: serde_json::Value = serde_json::from_slice(&saved).unwrap();
    node["node_type"] = "node".into();
    node["core_ip"] = "10.11.12.1".into();
    std::fs::write(&state, serde_json::to_vec(&node).unwrap()).unwrap();
    let before = sb.tree();
    for what in ["factory", "services", "docker"] {
        let r = sb.run(&["node", "reset", what, "--yes"]);
        r.fails(2);
        assert!(r.stderr.contains("this node is attached to the core 10.11.12.1"), "{}", r.stderr);
    }
    assert_eq!(before, sb.tree());
    std::fs::write(&state, &saved).unwrap();
    sb.run(&["node", "reset", "nonsense"]).fails(2);

    // factory: a fresh micro cloud under the root.
    let r = sb.run(&["node", "reset", "factory", "--yes"]);
    r.ok();
    assert!(
        r.stdout
            .ends_with("-----> This node is now a fresh micro cloud; run 'kato node setup micro' to configure it\n"),
        "{}",
        r.stdout
    );
    assert!(!sb.path("var/lib/kato").exists());
    assert!(sb.supervisord_pid().is_none_or(|p| !std::path::Path::new(&format!("/proc/{p}")).exists()));
    let info = sb.run(&["info", "--json"]).json();
    assert_eq!(info["cluster"]["is_micro_cloud"], true);
    assert!(sb.path("etc/kato/processes/web.yml").exists(), "the catalog is installed software, not state");
}

#[test]
fn op_dhcp_is_the_inverse_of_static_ip() {
    let sb = Sandbox::new();
    sb.setup_core();
    std::fs::create_dir_all(sb.path("etc/network")).unwrap();
    std::fs::write(sb.path("etc/network/interfaces"), "# the image's own\nauto eth0\niface eth0 inet manual\n")
        .unwrap();
    let before = sb.tree();
    let d = sb.run(&["op", "dhcp", "--dry-run"]);
    d.ok();
    assert!(
        d.stdout.contains("interfaces: configure eth0 with DHCP") && d.stdout.contains("iface eth0 inet dhcp"),
        "{}",
        d.stdout
    );
    refused(
        &sb,
        &[
            (&["op", "dhcp"], 2, "Configuring this node with DHCP networking (no terminal to ask on; pass --yes"),
            (&["op", "dhcp", "--yes", "--interface", "eth0;reboot"], 2, "invalid interface name 'eth0;reboot'"),
            (&["op", "dhcp", "--yes", "--interface", ""], 2, "invalid interface name ''"),
            (&["op", "dhcp", "--yes", "--restart-network"], 2, "--restart-network restarts this machine's networking"),
        ],
    );
    assert_eq!(before, sb.tree(), "a dry or refused dhcp changed the root");
    let r = sb.run(&["op", "dhcp", "--yes", "--interface", "ens3"]);
    r.ok();
    assert_eq!(r.stdout, "-----> Please restart this node to apply the new changes\n");
    assert_eq!(
        std::fs::read_to_string(sb.path("etc/network/interfaces")).unwrap(),
        "# Written by 'kato op dhcp'.\nauto lo\niface lo inet loopback\n\nauto ens3\niface ens3 inet dhcp\n"
    );
    assert_eq!(
        std::fs::read_to_string(sb.path("etc/network/interfaces.kato-backup")).unwrap(),
        "# the image's own\nauto eth0\niface eth0 inet manual\n"
    );
    assert_eq!(
        sb.run(&["op", "dhcp", "--yes", "--interface", "ens3", "--dry-run"]).stdout,
        "dry run: nothing would change\n"
    );
}

#[test]
fn op_generate_service_tokens_fills_the_placeholders() {
    let sb = Sandbox::new();
    sb.setup_core();
    let r = sb.run(&["op", "generate_service_tokens"]);
    r.ok();
    assert_eq!(r.stdout, "Every service in cloud_controller_ng builtin_services has a token; nothing to generate.\n");
    sb.run(&[
        "config",
        "set",
        "--json",
        "cloud_controller_ng",
        "builtin_services",
        r#"{"mysql": {"token": "0xdeadbeef"}, "redis": {"token": "kept-token"}, "memcached": {}}"#,
    ])
    .ok();
    // A gateway component as the original's imported config had it.
    sb.edit_store(|doc| doc["components"]["mysql_gateway"] = serde_json::json!({"token": "0xdeadbeef"}));
    let before = sb.tree();
    let d = sb.run(&["op", "generate_service_tokens", "--dry-run"]);
    d.ok();
    assert!(d.stdout.starts_with("dry run: would run 3 steps:"), "{}", d.stdout);
    assert!(
        d.stdout.contains("service-token: generate the token of mysql")
            && d.stdout.contains("gateway-token: give mysql_gateway the same token"),
        "{}",
        d.stdout
    );
    assert!(!d.stdout.contains("redis"), "{}", d.stdout);
    assert_eq!(before, sb.tree(), "dry run changed the root");
    let r = sb.run(&["op", "generate_service_tokens"]);
    r.ok();
    assert!(
        r.stdout.contains("generating the token of mysql...")
            && r.stdout.contains("generating the token of memcached..."),
        "{}",
        r.stdout
    );
    let cc = sb.run(&["config", "get", "cloud_controller_ng", "builtin_services", "--json"]).json();
    let mysql = cc["mysql"]["token"].as_str().unwrap().to_string();
    assert!(mysql.len() == 32 && mysql.chars().all(|c| c.is_ascii_hexdigit()), "{mysql}");
    assert_ne!(cc["memcached"]["token"], cc["mysql"]["token"]);
    assert_eq!(cc["redis"]["token"], "kept-token");
    assert_eq!(sb.config_get(&["mysql_gateway", "token"]), format!("{mysql}\n"));
    assert_eq!(
        sb.run(&["op", "generate_service_tokens"]).stdout,
        "Every service in cloud_controller_ng builtin_services has a token; nothing to generate.\n"
    );
}

#[test]
fn op_import_from_yaml_files_loads_config_origin() {
    let sb = Sandbox::new();
    sb.write_spec(
        "cloud_controller_ng",
        "name: cloud_controller_ng\nroles: [controller]\ncommand: /bin/sleep 1000\nconfig_origin: /s/code/cloud_controller_ng/config/cloud_controller.yml\n",
    );
    sb.write_spec("dea_ng", "name: dea_ng\nroles: [dea]\ncommand: /bin/sleep 1000\nconfig_origin: ${KATO_ROOT}/s/code/dea_ng/config/dea.yml\n");
    sb.setup_core();
    let cc_yml = sb.path("s/code/cloud_controller_ng/config/cloud_controller.yml");
    std::fs::create_dir_all(cc_yml.parent().unwrap()).unwrap();
    std::fs::write(
        &cc_yml,
        "info:\n  description: ActiveState Stackato\nmax_droplet_size: 1024\nnested:\n  a: 1\n  b: 2\n",
    )
    .unwrap();
    let dea_yml = sb.path("s/code/dea_ng/config/dea.yml");
    std::fs::create_dir_all(dea_yml.parent().unwrap()).unwrap();
    std::fs::write(&dea_yml, "base_dir: /var/vcap\n").unwrap();

    let before = sb.tree();
    let d = sb.run(&["op", "import_from_yaml_file", "cloud_controller_ng", "--dry-run"]);
    d.ok();
    assert!(
        d.stdout.contains(
            "import: import cloud_controller_ng config from /s/code/cloud_controller_ng/config/cloud_controller.yml"
        ),
        "{}",
        d.stdout
    );
    assert_eq!(before, sb.tree(), "dry run changed the root");
    sb.run(&["op", "import_from_yaml_file", "cloud_controller_ng"]).ok();
    assert_eq!(sb.config_get(&["cloud_controller_ng", "info/description"]), "ActiveState Stackato\n");
    assert_eq!(sb.run(&["version"]).stdout.split(' ').next().unwrap(), "ActiveState");

    // --upgrade keeps what the store has and adds what it lacks.
    sb.run(&["config", "set", "cloud_controller_ng", "nested/a", "9"]).ok();
    std::fs::write(&cc_yml, "info:\n  description: New\nnested:\n  a: 1\n  c: 3\n").unwrap();
    sb.run(&["op", "import_from_yaml_file", "--upgrade", "cloud_controller_ng"]).ok();
    let cc = sb.run(&["config", "get", "cloud_controller_ng", "--json"]).json();
    assert_eq!(cc["nested"], serde_json::json!({"a": 9, "b": 2, "c": 3}));
    assert_eq!(cc["info"]["description"], "ActiveState Stackato");

    // Every process with a config_origin, after the original's confirmation.
    refused(
        &sb,
        &[
            (&["op", "import_from_yaml_files"], 2, "This will change all the clusters configurable"),
            (&["op", "import_from_yaml_file", "no_such"], 2, "Unknown process specified 'no_such'"),
            (
                &["op", "import_from_yaml_file", "cloud_controller_ng", "--new-key-file", "/etc/passwd"],
                1,
                "cannot read",
            ),
            (
                &["op", "import_from_yaml_file", "cloud_controller_ng", "--new-key-file", "/etc/hostname"],
                2,
                "does not hold a map",
            ),
            (
                &[
                    "op",
                    "import_from_yaml_file",
                    "cloud_controller_ng",
                    "--new-key-file",
                    "../../../../../../etc/passwd",
                ],
                2,
                "is not inside the root",
            ),
        ],
    );
    std::fs::write(sb.path("bad.yml"), "a: [unclosed\n").unwrap();
    let bad = sb.path("bad.yml").display().to_string();
    refused(&sb, &[(&["op", "import_from_yaml_file", "dea_ng", "--new-key-file", &bad], 2, "is not valid YAML")]);
    sb.run(&["op", "import_from_yaml_files", "--yes"]).ok();
    assert_eq!(sb.config_get(&["dea_ng", "base_dir"]), "/var/vcap\n");
    assert_eq!(sb.config_get(&["cloud_controller_ng", "info/description"]), "New\n");
}

#[test]
fn op_remap_hosts_rewrites_the_domain_in_config_values() {
    let sb = Sandbox::new();
    sb.setup_core();
    sb.run(&["config", "set", "cloud_controller_ng", "external_domain", "api.example.test"]).ok();
    sb.run(&[
        "config",
        "set",
        "--json",
        "cloud_controller_ng",
        "app_domains",
        r#"["example.test", "bold-example.test"]"#,
    ])
    .ok();
    sb.run(&["config", "set", "router2g", "note", "https://www.example.test/x"]).ok();
    let before = sb.tree();
    let d = sb.run(&["op", "remap_hosts", "example.test", "paas.example.org", "--dry-run"]);
    d.ok();
    assert!(d.stdout.starts_with("dry run: would run 3 steps:"), "{}", d.stdout);
    assert_eq!(before, sb.tree(), "dry run changed the root");
    refused(
        &sb,
        &[
            (&["op", "remap_hosts", "example.test", "example.test"], 2, "Old and new hostnames are the same"),
            (&["op", "remap_hosts", "example.test", "bad_host!"], 2, "is not a valid hostname"),
            (&["op", "remap_hosts", "$(id)", "x.test"], 2, "is not a valid hostname"),
            (&["op", "remap_hosts", "example.test"], 2, "<NEW_HOSTNAME>"),
        ],
    );
    let r = sb.run(&["op", "remap_hosts", "example.test", "paas.example.org"]);
    r.ok();
    assert!(
        r.stdout.starts_with("-----> Remapping application URLs from example.test -> paas.example.org\n"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Replacing api.example.test with api.paas.example.org\n"), "{}", r.stdout);
    assert_eq!(r.stderr, "WARNING: All affected apps will need to be restarted\n");
    let cc = sb.run(&["config", "get", "cloud_controller_ng", "--json"]).json();
    assert_eq!(cc["external_domain"], "api.paas.example.org");
    assert_eq!(cc["app_domains"], serde_json::json!(["paas.example.org", "bold-example.test"]));
    assert_eq!(sb.config_get(&["router2g", "note"]), "https://www.paas.example.org/x\n");
    // The endpoint belongs to 'node rename'.
    assert_eq!(sb.config_get(&["cluster", "endpoint"]), "api.example.test\n");
}

#[test]
fn op_custom_ssl_cert_install_list_remove() {
    if !harness::tools::tools_present("custom_ssl_cert", &["openssl"]) {
        return;
    }
    let sb = Sandbox::new();
    sb.setup_core();
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let (cert, key) = harness::net::self_signed(a.path(), "www.shop.test");
    let (other_cert, other_key) = harness::net::self_signed(b.path(), "x.other.test");
    let s = |p: &std::path::Path| p.display().to_string();
    let (cert, key, other_cert, other_key) = (s(&cert), s(&key), s(&other_cert), s(&other_key));

    let before = sb.tree();
    refused(
        &sb,
        &[
            (
                &["op", "custom_ssl_cert", "install", &other_key, &cert, "shop.test"],
                2,
                "does not belong to the certificate",
            ),
            (&["op", "custom_ssl_cert", "install", &key, &cert, "localhost"], 2, "Domain is not valid: localhost"),
            (&["op", "custom_ssl_cert", "install", &key, &cert, "shop.test;reboot"], 2, "Domain is not valid"),
            (
                &["op", "custom_ssl_cert", "install", "/nonexistent.key", &cert, "shop.test"],
                2,
                "/nonexistent.key is not a readable file",
            ),
            (&["op", "custom_ssl_cert", "install", &cert, &cert, "shop.test"], 2, "cannot read the private key"),
            (
                &["op", "custom_ssl_cert", "install", &key, &other_cert, "shop.test"],
                2,
                "does not belong to the certificate",
            ),
        ],
    );
    sb.run(&["op", "custom_ssl_cert", "install", &key, &cert, "shop.test", "--dry-run"]).ok();
    assert_eq!(before, sb.tree(), "a dry or refused install changed the root");

    let r = sb.run(&["op", "custom_ssl_cert", "install", &key, &cert, "shop.test", "--wildcard-subdomains"]);
    r.ok();
    assert_eq!(
        r.stdout,
        "-----> Installing custom SSL certificate\n-----> Installed custom SSL certificate for: shop.test\n"
    );
    assert_eq!(std::fs::read(sb.path("etc/ssl/private/lb.key")).unwrap(), std::fs::read(&key).unwrap());
    let mode = std::os::unix::fs::PermissionsExt::mode(
        &std::fs::metadata(sb.path("etc/ssl/private/lb.key")).unwrap().permissions(),
    );
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(
        sb.run(&["config", "get", "router2g", "custom_certificates", "--json"]).json(),
        serde_json::json!({"shop.test": {"key": "/etc/ssl/private/lb.key", "cert": "/etc/ssl/certs/lb.crt", "wildcard_subdomains": true}})
    );
    assert_eq!(
        sb.run(&["op", "custom_ssl_cert", "list"]).stdout,
        "shop.test (wildcard): /etc/ssl/certs/lb.crt /etc/ssl/private/lb.key\n"
    );
    let again = sb.run(&["op", "custom_ssl_cert", "install", &key, &cert, "shop.test"]);
    again.fails(2);
    assert!(again.stderr.contains("Configuration for shop.test already exists; pass --update"), "{}", again.stderr);
    sb.run(&["op", "custom_ssl_cert", "install", &key, &cert, "shop.test", "--update"]).ok();

    let r = sb.run(&["op", "custom_ssl_cert", "remove", "shop.test"]);
    r.ok();
    assert_eq!(r.stdout, "-----> Removed custom SSL certificate for: shop.test\n");
    assert!(!sb.path("etc/ssl/private/lb.key").exists() && !sb.path("etc/ssl/certs/lb.crt").exists());
    assert_eq!(sb.run(&["op", "custom_ssl_cert", "list"]).stdout, "");
    let r = sb.run(&["op", "custom_ssl_cert", "remove", "shop.test"]);
    r.ok();
    assert_eq!(r.stderr, "WARNING: No custom certificate configured for: shop.test\n");
}

#[test]
fn op_regenerate_ssl_cert() {
    if !harness::tools::tools_present("regenerate", &["openssl"]) {
        return;
    }
    let sb = Sandbox::new();
    sb.setup_core();
    let before = sb.tree();
    sb.run(&["op", "regenerate", "ssl_cert", "--dry-run"]).ok();
    refused(
        &sb,
        &[
            (
                &["op", "regenerate", "ssl_cert"],
                2,
                "This will replace the cluster's SSL certificate (no terminal to ask on",
            ),
            (&["op", "regenerate", "mysql", "--no-prompt"], 2, "'mysql' belongs to a component kato does not run"),
            (
                &["op", "regenerate", "ssl_crt", "-n"],
                2,
                "Unknown regenerate target 'ssl_crt' (did you mean 'ssl_cert'?)",
            ),
            (&["op", "regenerate"], 2, "<WHAT>"),
        ],
    );
    assert_eq!(before, sb.tree(), "a dry or refused regenerate changed the root");
    let r = sb.run(&["op", "regenerate", "ssl_cert", "--no-prompt"]);
    r.ok();
    assert!(r.stdout.starts_with("-----> Regenerating SSL certificate details\n"), "{}", r.stdout);
    assert_eq!(r.stderr, "WARNING: SSL certificate details reset\n");
    let (cert, key) = (sb.path("etc/kato/ssl/cluster.crt"), sb.path("etc/kato/ssl/cluster.key"));
    kato::infra::tls::check_pair(&cert, &key).unwrap();
    let first = std::fs::read(&cert).unwrap();
    sb.run(&["op", "regenerate", "all", "-y"]).ok();
    assert_ne!(first, std::fs::read(&cert).unwrap(), "all did not make a new certificate");
    kato::infra::tls::check_pair(&cert, &key).unwrap();
    let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&key).unwrap().permissions());
    assert_eq!(mode & 0o777, 0o600);
}

/// On a real two-node cluster: `process restart -c` reaches the other node over SSH,
/// and an attached node reads and sets zones in the core's store.
#[test]
fn cluster_wide_restart_and_zones_from_an_attached_node() {
    let Some(c) = harness::cluster::Cluster::try_core(2) else { return };
    let (core, dea) = (c.nodes[0].ip.clone(), c.nodes[1].ip.clone());
    c.run(1, &["node", "attach", "-e", "router", &core]).ok();

    let r = c.run(0, &["process", "restart", "-c", "router2g"]);
    r.ok();
    assert!(r.stdout.contains(&format!("-----> Restarting processes on {dea}")), "{}", r.stdout);
    let started = r.stdout.lines().filter(|l| l.starts_with("process router2g...") && l.ends_with(" started")).count();
    assert_eq!(started, 2, "{}", r.stdout);

    let r = c.run(1, &["node", "availabilityzone", "region-b"]);
    r.ok();
    assert_eq!(r.stdout, format!("Availability zone on node {dea} is 'region-b'.\n"));
    c.run(1, &["node", "placementzones", "add", "gpu"]).ok();
    let list = c.run(0, &["node", "list", "-j"]).json();
    assert_eq!(
        list["node_zones"][&dea],
        serde_json::json!({"availability_zone": "region-b", "placement_zones": ["gpu"]})
    );
    assert_eq!(list["node_zones"][&core]["availability_zone"], "default");
    let r = c.run(1, &["node", "availabilityzone", "bad zone"]);
    r.fails(2);
}
