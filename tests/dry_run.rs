//! `--dry-run` on every state-changing command, on a fresh root and on a configured core:
//! it succeeds, changes no file (not even the history), and names what would change. The
//! same command run for real then makes that change, so the dry run was about a real one.

mod harness;
use harness::sandbox::Sandbox;

struct Case {
    /// Commands run before the snapshot (core only), to give the command something to do.
    prep: &'static [&'static [&'static str]],
    args: &'static [&'static str],
    /// Text the dry run's stdout must contain.
    needles: &'static [&'static str],
    /// Checks, after the real run, that the change happened.
    verify: fn(&Sandbox),
}

fn check(sb: &Sandbox, c: &Case) {
    for p in c.prep {
        sb.run(p).ok();
    }
    let before = sb.tree();
    let mut dry: Vec<&str> = c.args.to_vec();
    dry.push("--dry-run");
    let r = sb.run(&dry);
    r.ok();
    assert!(sb.tree() == before, "kato {}: --dry-run changed files", dry.join(" "));
    assert!(
        r.stdout.contains("would"),
        "kato {}: the dry run does not say what it would do:\n{}",
        dry.join(" "),
        r.stdout
    );
    for n in c.needles {
        assert!(r.stdout.contains(n), "kato {}: stdout lacks {n:?}:\n{}", dry.join(" "), r.stdout);
    }
    sb.run(c.args).ok();
    assert!(
        sb.tree() != before,
        "kato {}: the real run changed nothing, so the dry run proved nothing",
        c.args.join(" ")
    );
    (c.verify)(sb);
}

const FRESH: &[Case] = &[
    Case {
        prep: &[],
        args: &["config", "set", "dea_ng", "maxmem", "1024"],
        needles: &["+ /dea_ng", "maxmem"],
        verify: |sb| assert_eq!(sb.config_get(&["dea_ng", "maxmem"]), "1024\n"),
    },
    Case {
        prep: &[],
        args: &["config", "del", "fence", "docker/network_interface"],
        needles: &["- /fence/docker/network_interface"],
        verify: |sb| assert_eq!(sb.config_get(&["fence", "docker/network_interface"]), "\n"),
    },
    Case {
        prep: &[],
        args: &["config", "push", "cloud_controller_ng", "admins", "ops@example.test"],
        needles: &["/cloud_controller_ng/admins", "ops@example.test"],
        verify: |sb| {
            assert_eq!(sb.config_get(&["cloud_controller_ng", "admins", "--json"]), "[\n  \"ops@example.test\"\n]\n")
        },
    },
    Case {
        prep: &[],
        args: &["role", "add", "--skip-preflight", "role-processes", "redis"],
        needles: &["+ /node/127.0.0.1/roles/redis"],
        verify: |sb| assert!(sb.node_list().contains(" redis"), "{}", sb.node_list()),
    },
    Case {
        prep: &[],
        args: &["role", "remove", "mysql"],
        needles: &["- /node/127.0.0.1/roles/mysql"],
        verify: |sb| assert!(!sb.node_list().contains("mysql"), "{}", sb.node_list()),
    },
    Case {
        prep: &[],
        args: &["role", "add", "--only", "primary", "controller", "router", "dea", "--skip-preflight=role-processes"],
        needles: &[
            "- /node/127.0.0.1/roles/filesystem",
            "- /node/127.0.0.1/roles/mysql",
            "- /node/127.0.0.1/roles/postgresql",
        ],
        verify: |sb| assert_eq!(sb.node_list(), "127.0.0.1        base controller dea primary router\n"),
    },
    Case {
        prep: &[],
        args: &["node", "setup", "core", "api.example.test"],
        needles: &["cluster-store", "api.example.test", "10.11.12.13"],
        verify: |sb| {
            assert_eq!(sb.config_get(&["cluster", "endpoint"]), "api.example.test\n");
            assert_eq!(sb.config_get(&["local", "node_type"]), "core\n");
        },
    },
    Case {
        prep: &[],
        args: &["node", "setup", "micro", "--no-start"],
        needles: &["micro cloud", "api.testhost.local"],
        verify: |sb| {
            assert!(sb.path("var/lib/kato/store/cluster.json").exists());
            assert_eq!(sb.config_get(&["local", "node_type"]), "micro\n");
            let hosts = std::fs::read_to_string(sb.path("etc/hosts")).unwrap();
            assert!(hosts.contains("127.0.0.1 api.testhost.local"), "{hosts}");
        },
    },
];

const CORE: &[Case] = &[
    Case {
        prep: &[],
        args: &["config", "set", "dea_ng", "maxmem", "1024"],
        needles: &["+ /dea_ng", "maxmem"],
        verify: |sb| assert_eq!(sb.config_get(&["dea_ng", "maxmem"]), "1024\n"),
    },
    Case {
        prep: &[],
        args: &["config", "del", "fence", "docker/network_interface"],
        needles: &["- /fence/docker/network_interface"],
        verify: |sb| assert_eq!(sb.config_get(&["fence", "docker/network_interface"]), "\n"),
    },
    Case {
        prep: &[],
        args: &["config", "push", "cloud_controller_ng", "admins", "ops@example.test"],
        needles: &["/cloud_controller_ng/admins", "ops@example.test"],
        verify: |sb| {
            assert_eq!(sb.config_get(&["cloud_controller_ng", "admins", "--json"]), "[\n  \"ops@example.test\"\n]\n")
        },
    },
    Case {
        prep: &[&["config", "push", "cloud_controller_ng", "admins", "ops@example.test"]],
        args: &["config", "pop", "cloud_controller_ng", "admins", "ops@example.test"],
        needles: &["/cloud_controller_ng/admins", "ops@example.test"],
        verify: |sb| assert_eq!(sb.config_get(&["cloud_controller_ng", "admins", "--json"]), "[]\n"),
    },
    Case {
        prep: &[],
        args: &["role", "add", "--skip-preflight", "role-processes", "dea"],
        needles: &["+ /node/10.11.12.13/roles/dea"],
        verify: |sb| assert!(sb.node_list().contains(" dea "), "{}", sb.node_list()),
    },
    Case {
        prep: &[&["role", "add", "--skip-preflight", "role-processes", "mysql"]],
        args: &["role", "remove", "mysql"],
        needles: &["- /node/10.11.12.13/roles/mysql"],
        verify: |sb| assert!(!sb.node_list().contains("mysql"), "{}", sb.node_list()),
    },
    Case {
        prep: &[&["role", "add", "--skip-preflight", "role-processes", "mysql"]],
        args: &["role", "add", "--only", "primary", "controller", "router", "dea", "--skip-preflight=role-processes"],
        needles: &["+ /node/10.11.12.13/roles/dea", "- /node/10.11.12.13/roles/mysql"],
        verify: |sb| assert_eq!(sb.node_list(), "10.11.12.13      base controller dea primary router\n"),
    },
    Case {
        prep: &[],
        args: &["node", "setup", "core", "api.other.test"],
        needles: &["cluster-store", "api.other.test"],
        verify: |sb| assert_eq!(sb.config_get(&["cluster", "endpoint"]), "api.other.test\n"),
    },
    Case {
        prep: &[],
        args: &["node", "setup", "micro", "--no-start"],
        needles: &["micro cloud", "api.testhost.local"],
        verify: |sb| {
            assert_eq!(sb.config_get(&["local", "node_type"]), "micro\n");
            assert_eq!(sb.config_get(&["cluster", "mbusip"]), "127.0.0.1\n");
        },
    },
];

#[test]
fn dry_run_on_a_fresh_root() {
    for c in FRESH {
        let sb = Sandbox::new();
        check(&sb, c);
    }
}

#[test]
fn dry_run_on_a_configured_core() {
    for c in CORE {
        let sb = Sandbox::new();
        sb.setup_core();
        check(&sb, c);
    }
}

#[test]
fn every_state_changing_command_is_covered() {
    // (command prefix, whether the case uses --only)
    let commands: [(&[&str], bool); 9] = [
        (&["config", "set"], false),
        (&["config", "del"], false),
        (&["config", "push"], false),
        (&["config", "pop"], false),
        (&["role", "add"], false),
        (&["role", "add"], true),
        (&["role", "remove"], false),
        (&["node", "setup", "core"], false),
        (&["node", "setup", "micro"], false),
    ];
    let covered = |table: &[Case], cmd: &[&str], only: bool| {
        table.iter().any(|c| c.args.starts_with(cmd) && c.args.contains(&"--only") == only)
    };
    for (cmd, only) in commands {
        assert!(covered(CORE, cmd, only), "no core dry-run case for {cmd:?}");
        // A fresh root has no list with an item to pop; see the test below.
        if cmd != ["config", "pop"] {
            assert!(covered(FRESH, cmd, only), "no fresh-root dry-run case for {cmd:?}");
        }
    }
}

/// On a fresh root every list is empty, so a pop can only fail: the dry run must fail the
/// same way as the real command, and neither may create anything.
#[test]
fn pop_on_a_fresh_root_fails_the_same_with_and_without_dry_run() {
    let sb = Sandbox::new();
    let before = sb.tree();
    let args = ["config", "pop", "cloud_controller_ng", "admins", "x"];
    let real = sb.run(&args);
    let mut dry_args = args.to_vec();
    dry_args.push("--dry-run");
    let dry = sb.run(&dry_args);
    real.fails(1);
    dry.fails(1);
    assert_eq!(real.stderr, "ERROR: Value not in list.\n");
    assert_eq!(dry.stderr, real.stderr);
    assert!(dry.stdout.is_empty());
    assert!(sb.tree() == before, "a failed pop changed files");
}
