//! The config matrix: typing, --force, push/pop error cases, stdin, flat output, and the
//! special `cluster`, `local` and `node` components.

mod harness;
use harness::sandbox::Sandbox;

#[test]
fn values_are_typed_like_the_original() {
    let sb = Sandbox::new();
    sb.setup_core();
    for (raw, json, kind) in [
        ("42", "42", "numeric"),
        ("4.5", "4.5", "numeric"),
        ("-7", "\"-7\"", "string"),
        ("True", "true", "boolean"),
        ("hello world", "\"hello world\"", "string"),
        ("[1,\"a\"]", "[\n  1,\n  \"a\"\n]", "struct"),
        ("{\"k\":\"v\"}", "{\n  \"k\": \"v\"\n}", "struct"),
    ] {
        let key = format!("t/{kind}{}", raw.len());
        let r = sb.run(&["config", "set", "dea_ng", &key, raw]);
        r.ok();
        assert_eq!(r.stderr, format!("WARNING: Assumed type {kind}\n"), "{raw}");
        assert_eq!(sb.config_get(&["dea_ng", &key, "--json"]).trim_end(), json, "{raw}");
    }
    // Explicit syntaxes: no guessing, no warning.
    let r = sb.run(&["config", "set", "dea_ng", "s", "\"5\"", "--json"]);
    r.ok();
    assert!(r.stderr.is_empty());
    assert_eq!(r.stdout, "\"5\"\n");
    sb.run(&["config", "set", "dea_ng", "y", "a: [1, 2]", "--yaml"]).ok();
    assert_eq!(sb.config_get(&["dea_ng", "y"]), "a:\n- 1\n- 2\n");
    // The original's own unit-test strings.
    sb.run(&["config", "set", "dea_ng", "foo/bar", "def"]).ok();
    assert_eq!(sb.config_get(&["dea_ng", "foo/bar"]), "def\n");
    assert_eq!(sb.config_get(&["dea_ng", "foo"]), "bar: def\n");
    assert_eq!(sb.config_get(&["dea_ng", "foo/bar", "--json"]), "\"def\"\n");
    assert_eq!(sb.config_get(&["dea_ng", "foo", "--json"]), "{\n  \"bar\": \"def\"\n}\n");
    assert_eq!(sb.config_get(&["dea_ng", "missing/key"]), "\n");
}

#[test]
fn type_changes_need_force() {
    let sb = Sandbox::new();
    sb.setup_core();
    sb.run(&["config", "set", "dea_ng", "n", "5"]).ok();
    let r = sb.run(&["config", "set", "dea_ng", "n", "five"]);
    r.fails(2);
    assert!(
        r.stderr
            .contains("Type mismatch with value. Cannot replace numeric with string. Use --force to override this."),
        "{}",
        r.stderr
    );
    let r = sb.run(&["config", "set", "dea_ng", "n", "five", "--force"]);
    r.ok();
    assert!(r.stderr.contains("WARNING: Replacing numeric with string"), "{}", r.stderr);
    assert_eq!(sb.config_get(&["dea_ng", "n"]), "five\n");
    // Same type is fine without --force; identical value changes nothing.
    let before = sb.tree();
    sb.run(&["config", "set", "dea_ng", "n", "five"]).ok();
    let store = "var/lib/kato/store/cluster.json";
    assert_eq!(before[store], sb.tree()[store], "identical value rewrote the store");
}

#[test]
fn push_and_pop_error_cases() {
    let sb = Sandbox::new();
    sb.setup_core();
    let r = sb.run(&["config", "push", "dea_ng", "arr", "first"]);
    r.ok();
    assert_eq!(r.stdout, "- first\n");
    let r = sb.run(&["config", "push", "dea_ng", "arr", "second"]);
    assert_eq!(r.stdout, "- first\n- second\n");
    sb.run(&["config", "push", "dea_ng", "arr", "25"]).ok();
    assert_eq!(sb.config_get(&["dea_ng", "arr", "--json"]), "[\n  \"first\",\n  \"second\",\n  25\n]\n");
    let cases: [(&[&str], &str); 5] = [
        (&["push", "dea_ng", "arr", "first"], "Value already in list."),
        (&["pop", "dea_ng", "arr", "third"], "Value not in list."),
        (&["pop", "dea_ng", "nolist", "x"], "List does not exist."),
        (&["push", "cluster", "endpoint", "x"], "Cannot update 'endpoint' directly"),
        (&["pop", "cluster", "mbusip", "x"], "Cannot update 'mbusip' directly"),
    ];
    for (args, msg) in cases {
        let mut a = vec!["config"];
        a.extend_from_slice(args);
        let r = sb.run(&a);
        assert_ne!(r.code, 0, "{args:?}");
        assert!(r.stderr.contains(msg), "{args:?}: {}", r.stderr);
    }
    sb.run(&["config", "set", "dea_ng", "scalar", "word"]).ok();
    let r = sb.run(&["config", "push", "dea_ng", "scalar", "x"]);
    r.fails(1);
    assert!(r.stderr.contains("Non-list value already exists. Cannot push to non-list."));
    let r = sb.run(&["config", "pop", "dea_ng", "scalar", "x"]);
    assert!(r.stderr.contains("Non-list found. Cannot pop from non-list."));
    let r = sb.run(&["config", "pop", "dea_ng", "arr", "25"]);
    r.ok();
    assert_eq!(r.stdout, "- first\n- second\n");
    // push -j with a structure, as in the original's documentation.
    let r =
        sb.run(&["config", "push", "-j", "dea_ng", "stacks", "{\"name\": \"trusty\", \"package_path\": \"not used\"}"]);
    r.ok();
    assert_eq!(r.stdout, "[\n  {\n    \"name\": \"trusty\",\n    \"package_path\": \"not used\"\n  }\n]\n");
}

#[test]
fn set_reads_stdin_and_flat_output() {
    let sb = Sandbox::new();
    sb.setup_core();
    let yaml = b"drainformats:\n  systail: '{{.name}}@{{.node_id}}: {{.text}}'\nretrylimits:\n  tmp.: 25m\n";
    let r = sb.run_with_stdin(&["config", "set", "--yaml", "logyard", "/"], yaml);
    r.ok();
    assert_eq!(sb.config_get(&["logyard", "retrylimits/tmp."]), "25m\n");
    let r = sb.run_with_stdin(&["config", "set", "logyard", "maxlines"], b"500\n");
    r.ok();
    assert_eq!(r.stdout, "500\n");
    let flat = sb.config_get(&["logyard", "--flat"]);
    assert_eq!(
        flat,
        "/logyard/drainformats/systail = \"{{.name}}@{{.node_id}}: {{.text}}\"\n/logyard/retrylimits/tmp. = \"25m\"\n/logyard/maxlines = 500\n"
    );
    assert_eq!(sb.config_get(&["logyard", "retrylimits", "-f"]), "/logyard/retrylimits/tmp. = \"25m\"\n");
    // Replacing a whole component needs a map.
    let r = sb.run_with_stdin(&["config", "set", "--json", "logyard", "/"], b"[1]");
    r.fails(2);
    assert!(r.stderr.contains("Expected a map"));
}

#[test]
fn cluster_local_and_node_components() {
    let sb = Sandbox::new();
    sb.setup_core();
    let r = sb.run(&["config", "set", "cluster", "endpoint", "api.other.test"]);
    r.fails(2);
    assert!(r.stderr.contains("Cannot update 'endpoint' directly. Please see 'kato node setup'"));
    sb.run(&["config", "set", "cluster", "endpoint", "api.other.test", "--force"]).ok();
    assert_eq!(sb.config_get(&["cluster", "endpoint"]), "api.other.test\n");
    sb.run(&["config", "set", "cluster", "license", "abc"]).ok();
    let r = sb.run(&["config", "del", "cluster", "/"]);
    r.fails(2);
    assert!(r.stderr.contains("Cannot delete cluster configuration"));
    let r = sb.run(&["config", "del", "cluster", "mbusip"]);
    r.fails(2);
    sb.run(&["config", "del", "cluster", "license"]).ok();
    assert_eq!(sb.config_get(&["cluster", "license"]), "\n");

    let uri = sb.config_get(&["local", "redis_uri"]);
    assert!(uri.starts_with("file://") && uri.trim_end().ends_with("var/lib/kato/store/cluster.json"), "{uri}");
    assert_eq!(sb.config_get(&["local", "node_type"]), "core\n");
    let r = sb.run(&["config", "set", "local", "redis_uri", "x"]);
    r.fails(2);
    assert!(r.stderr.contains("Cannot update local 'redis_uri' directly."));
    let r = sb.run(&["config", "del", "local", "redis_uri"]);
    assert!(r.stderr.contains("Cannot delete local configuration"));
    let r = sb.run(&["config", "get", "local", "nothing"]);
    r.fails(2);

    assert!(sb.config_get(&["node"]).contains("10.11.12.13:"));
    let r = sb.run(&["config", "set", "node", "10.11.12.13/roles/dea", "START"]);
    r.fails(2);
    assert!(r.stderr.contains("node registry is changed by 'kato role'"));
    // Deleting a whole ordinary component works.
    sb.run(&["config", "set", "dea_ng", "x", "1"]).ok();
    sb.run(&["config", "del", "dea_ng", "/"]).ok();
    assert_eq!(sb.config_get(&["dea_ng"]), "\n");
}

#[test]
fn seeds_from_the_cluster_guide() {
    let sb = Sandbox::new();
    sb.setup_core();
    for (component, first, last) in [
        ("redis_node", 5000, 15000),
        ("mongodb_node", 15001, 25000),
        ("rabbit3_node", 25001, 30000),
        ("harbor_node", 35000, 40000),
        ("rabbit_node", 35001, 40000),
        ("memcached_node", 45001, 50000),
    ] {
        assert_eq!(sb.config_get(&[component, "port_range"]), format!("first: {first}\nlast: {last}\n"));
    }
    assert_eq!(sb.config_get(&["fence", "docker/allowed_subnet_ips"]), "[]\n");
    assert_eq!(sb.config_get(&["fence", "docker/network_interface"]), "docker0\n");
    assert_eq!(sb.config_get(&["router2g", "prevent_x_spoofing"]), "true\n");
    assert_eq!(sb.config_get(&["cluster", "mbusip"]), "10.11.12.13\n");
    assert_eq!(sb.config_get(&["cluster", "config/version"]), format!("v{}\n", env!("CARGO_PKG_VERSION")));
    // The seed's documented pushes, validated.
    for entry in ["10.0.0.5", "10.0.1.0/24", "10.0.0.7:5432", "192.168.0.0/16:8080"] {
        sb.run(&["config", "push", "fence", "docker/allowed_subnet_ips", entry]).ok();
    }
    sb.run(&["config", "push", "fence", "docker/block_network_ips", "10.0.0.99"]).ok();
    let r = sb.run(&["config", "set", "redis_node", "port_range", "{\"first\": 9, \"last\": 2}"]);
    r.fails(2);
}
