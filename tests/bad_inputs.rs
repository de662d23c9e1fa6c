//! A table of bad inputs. Each must fail with one `ERROR: …` line on stderr (no panic, no
//! backtrace, no clap usage block), print nothing on stdout, exit 2 for a usage error or
//! 1 for an operational one, and leave every file under the root byte-identical — which
//! includes the history file: a refused command is not recorded.

mod harness;
use harness::sandbox::Sandbox;

/// Exit status of a usage error (malformed input).
const USAGE: i32 = 2;
/// Exit status of an operational error (well-formed, but the state does not allow it).
const OPER: i32 = 1;

struct Case {
    args: Vec<String>,
    stdin: Option<Vec<u8>>,
    code: i32,
    /// Text the error line must contain (hints, the offending value, the flag to use).
    needle: String,
}

fn case(args: &[&str], code: i32, needle: &str) -> Case {
    Case { args: args.iter().map(|s| s.to_string()).collect(), stdin: None, code, needle: needle.to_string() }
}

fn piped(args: &[&str], input: &[u8], code: i32, needle: &str) -> Case {
    Case { stdin: Some(input.to_vec()), ..case(args, code, needle) }
}

fn describe(c: &Case) -> String {
    let args: Vec<String> = c
        .args
        .iter()
        .map(|a| if a.len() > 40 { format!("<{} chars>", a.len()) } else { a.escape_default().to_string() })
        .collect();
    match &c.stdin {
        Some(b) => format!("kato {} <stdin {} bytes>", args.join(" "), b.len()),
        None => format!("kato {}", args.join(" ")),
    }
}

/// Run every case against `sb`; collect every violation, then fail listing them all.
fn check_all(sb: &Sandbox, cases: &[Case]) {
    let before = sb.tree();
    let mut problems = Vec::new();
    for c in cases {
        let args: Vec<&str> = c.args.iter().map(String::as_str).collect();
        let r = match &c.stdin {
            Some(input) => sb.run_with_stdin(&args, input),
            None => sb.run(&args),
        };
        let what = describe(c);
        let mut bad = |msg: String| problems.push(format!("{what}: {msg}"));
        if r.code != c.code {
            bad(format!("exit {} (expected {})", r.code, c.code));
        }
        let lines: Vec<&str> = r.stderr.lines().collect();
        if lines.len() != 1 || !r.stderr.ends_with('\n') {
            bad(format!("stderr is not exactly one line: {:?}", r.stderr));
        }
        if !r.stderr.starts_with("ERROR: ") {
            bad(format!("stderr does not start with 'ERROR: ': {:?}", r.stderr));
        }
        for forbidden in ["panicked", "RUST_BACKTRACE", "stack backtrace", "Usage:"] {
            if r.stderr.contains(forbidden) {
                bad(format!("stderr contains {forbidden:?}: {:?}", r.stderr));
            }
        }
        if !r.stderr.contains(&c.needle) {
            bad(format!("stderr lacks {:?}: {:?}", c.needle, r.stderr));
        }
        if !r.stdout.is_empty() {
            bad(format!("stdout is not empty: {:?}", r.stdout));
        }
        let after = sb.tree();
        if after != before {
            let changed: std::collections::BTreeSet<&String> =
                before.keys().chain(after.keys()).filter(|k| before.get(*k) != after.get(*k)).collect();
            bad(format!("files changed: {changed:?}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {} bad inputs misbehaved:\n{}",
        problems.len(),
        cases.len(),
        problems.join("\n")
    );
}

/// A configured core with a second (role-less) node registered and a few values set:
/// `dea_ng n` (numeric), `dea_ng s` (string), `dea_ng l` (list holding "a").
fn core_sandbox() -> Sandbox {
    let sb = Sandbox::new();
    sb.setup_core();
    sb.register_node("10.11.12.14", &[]);
    sb.run(&["config", "set", "dea_ng", "n", "5"]).ok();
    sb.run(&["config", "set", "dea_ng", "s", "word"]).ok();
    sb.run(&["config", "push", "dea_ng", "l", "a"]).ok();
    assert!(
        sb.path("var/log/kato/history.jsonl").exists(),
        "the core sandbox should have a history file, so that an added line would show"
    );
    sb
}

#[test]
fn bad_inputs_on_a_configured_core() {
    let sb = core_sandbox();
    let long_path = "a".repeat(2000);
    let huge = vec![b'x'; 1024 * 1024 + 1];
    let cases = vec![
        // -n/--node: malformed, hostile, unknown.
        case(&["info", "-n", "999.1.1.1"], USAGE, "Invalid node id given '999.1.1.1'"),
        case(&["info", "-n", "1.2.3"], USAGE, "Invalid node id given '1.2.3'"),
        case(&["info", "--node", "abc"], USAGE, "Invalid node id given 'abc'"),
        case(&["role", "add", "-n", "1.2.3.4; rm -rf /", "dea"], USAGE, "Invalid node id given '1.2.3.4; rm -rf /'"),
        case(&["role", "remove", "--node", "256.0.0.1", "dea"], USAGE, "Invalid node id"),
        case(&["history", "-n", "abc"], USAGE, "Invalid node id given 'abc'"),
        case(&["role", "add", "-n", "10.9.9.9", "dea"], USAGE, "10.9.9.9 is not a known node in this cluster"),
        // Unknown roles and groups, with a hint for near misses.
        case(&["role", "add", "deaa"], USAGE, "Invalid role given 'deaa' (did you mean 'dea'?)"),
        case(&["role", "add", "data-service"], USAGE, "(did you mean 'data-services'?)"),
        case(&["role", "remove", "routr"], USAGE, "(did you mean 'router'?)"),
        case(&["role", "info", "contrller"], USAGE, "(did you mean 'controller'?)"),
        case(&["role", "add", "no-such-role-at-all"], USAGE, "Invalid role given"),
        // Shell metacharacters are data, never run.
        case(&["role", "add", "dea;ls"], USAGE, "Invalid role given 'dea;ls'"),
        case(&["role", "add", "$(id)"], USAGE, "Invalid role given '$(id)'"),
        case(&["role", "add", "`id`"], USAGE, "Invalid role given '`id`'"),
        case(&["node", "setup", "micro", "dea;ls"], USAGE, "Invalid role given 'dea;ls'"),
        case(&["node", "setup", "micro", "+"], USAGE, "is not a valid role update"),
        // Unknown components, with a hint.
        case(&["config", "get", "dea_nh"], USAGE, "Invalid <component> specified 'dea_nh' (did you mean 'dea_ng'?)"),
        case(&["config", "set", "clodu_controller_ng", "x", "1"], USAGE, "(did you mean 'cloud_controller_ng'?)"),
        case(&["config", "set", "dea_ng;ls", "x", "1"], USAGE, "Invalid <component>"),
        case(&["config", "push", "$(id)", "x", "1"], USAGE, "Invalid <component>"),
        // Bad key paths.
        case(&["config", "set", "dea_ng", "a b", "1"], USAGE, "invalid key path 'a b'"),
        case(&["config", "set", "dea_ng", "a\tb", "1"], USAGE, "invalid key path"),
        case(&["config", "get", "dea_ng", "a\u{1}b"], USAGE, "invalid key path"),
        case(&["config", "set", "dea_ng", &long_path, "1"], USAGE, "key path is longer than 1024 characters"),
        case(&["config", "del", "dea_ng", &long_path], USAGE, "longer than 1024"),
        case(&["config", "set", "dea_ng", "l/x", "1"], USAGE, "cannot descend into 'l'"),
        // Invalid JSON / YAML.
        case(&["config", "set", "-j", "dea_ng", "x", "{bad"], USAGE, "Invalid JSON given"),
        case(&["config", "push", "--json", "dea_ng", "l", "'single'"], USAGE, "Invalid JSON given"),
        case(&["config", "set", "-y", "dea_ng", "x", "a: [1, 2"], USAGE, "Invalid YAML given"),
        case(&["config", "set", "--yaml", "dea_ng", "x", "~"], USAGE, "the document is empty"),
        // Type changes without --force.
        case(&["config", "set", "dea_ng", "n", "five"], USAGE, "Cannot replace numeric with string. Use --force"),
        case(&["config", "set", "dea_ng", "s", "[1,2]"], USAGE, "Cannot replace string with struct"),
        case(&["config", "set", "dea_ng", "/", "5"], USAGE, "Expected a map"),
        // Conflicting flags.
        case(
            &["config", "set", "dea_ng", "x", "1", "--json", "--yaml"],
            USAGE,
            "'--json' cannot be used with '--yaml'",
        ),
        case(&["config", "get", "dea_ng", "--json", "--flat"], USAGE, "cannot be used with"),
        case(&["role", "add", "--all", "dea"], USAGE, "'--all' cannot be used with"),
        case(&["role", "add", "--only", "--no-start", "dea"], USAGE, "cannot be used with"),
        case(&["-q", "-v", "info"], USAGE, "'--quiet' cannot be used with '--verbose'"),
        case(
            &["config", "push", "dea_ng", "l", "b", "--force"],
            USAGE,
            "--force only applies to 'config set' and 'config del'",
        ),
        // Empty, huge, binary and control-character values.
        case(&["config", "set", "dea_ng", "x", ""], USAGE, "empty value given"),
        // stdin is /dev/null in the harness: not a terminal, reads as empty, fails fast.
        case(&["config", "set", "dea_ng", "x"], USAGE, "empty value given"),
        piped(&["config", "set", "dea_ng", "x"], &huge, USAGE, "the limit is 1048576 bytes"),
        piped(&["config", "set", "dea_ng", "x"], b"\xff\xfe\x80binary", USAGE, "value is not UTF-8 text"),
        piped(&["config", "set", "dea_ng", "x"], b"a\0b", USAGE, "control characters"),
        case(&["config", "set", "dea_ng", "x", "a\u{7}b"], USAGE, "control characters"),
        case(&["config", "push", "dea_ng", "l", "\u{1b}[31mred"], USAGE, "control characters"),
        // Mandatory roles.
        case(&["role", "add", "base"], USAGE, "Cannot add mandatory role 'base'"),
        case(&["role", "remove", "base"], USAGE, "Cannot remove mandatory role 'base'"),
        // Endpoints for node setup core.
        case(&["node", "setup", "core", "example.test"], USAGE, "Endpoint must begin with api."),
        case(&["node", "setup", "core", "api.exa mple.test"], USAGE, "is not a valid DNS name"),
        case(&["node", "setup", "core", "api.-bad.test"], USAGE, "is not a valid DNS name"),
        case(&["node", "setup", "core", "api..test"], USAGE, "is not a valid DNS name"),
        case(&["node", "setup", "core", "api.$(id).test"], USAGE, "is not a valid DNS name"),
        case(&["node", "setup", "core", "--yes", "api.under_score.test"], USAGE, "is not a valid DNS name"),
        // No endpoint and no terminal: fail naming --yes instead of waiting for an answer.
        case(&["node", "setup", "core"], USAGE, "--yes"),
        // Lists: the operational errors (exit 1).
        case(&["config", "push", "dea_ng", "s", "x"], OPER, "Non-list value already exists. Cannot push to non-list."),
        case(&["config", "pop", "dea_ng", "s", "x"], OPER, "Non-list found. Cannot pop from non-list."),
        case(&["config", "push", "dea_ng", "l", "a"], OPER, "Value already in list."),
        case(&["config", "pop", "dea_ng", "l", "zz"], OPER, "Value not in list."),
        case(&["config", "pop", "dea_ng", "nolist", "x"], OPER, "List does not exist."),
        case(&["config", "push", "dea_ng", "/", "x"], USAGE, "push and pop need a key path"),
        case(&["config", "push", "dea_ng", "l"], USAGE, "a VALUE is required"),
        // Protected cluster keys and the read-only components.
        case(&["config", "set", "cluster", "endpoint", "api.other.test"], USAGE, "Cannot update 'endpoint' directly"),
        case(&["config", "set", "cluster", "mbusip", "10.0.0.1"], USAGE, "Cannot update 'mbusip' directly"),
        case(
            &["config", "del", "cluster", "endpoint"],
            USAGE,
            "Cannot delete 'endpoint' from the cluster configuration",
        ),
        case(&["config", "set", "-j", "cluster", "/", "{}"], USAGE, "Cannot replace the whole cluster configuration"),
        case(&["config", "del", "cluster", "/"], USAGE, "Cannot delete cluster configuration"),
        case(&["config", "set", "local", "node_id", "1"], USAGE, "Cannot update local 'node_id' directly."),
        case(&["config", "del", "local", "node_id"], USAGE, "Cannot delete local configuration"),
        case(&["config", "push", "local", "x", "y"], USAGE, "Cannot update local"),
        case(
            &["config", "set", "node", "10.11.12.13/roles/dea", "START"],
            USAGE,
            "node registry is changed by 'kato role'",
        ),
        // Values the components would choke on.
        case(&["config", "set", "fence", "docker/allowed_subnet_ips", "1.2.3.4/40"], USAGE, "must be 0 to 32"),
        case(&["config", "push", "fence", "docker/block_network_ips", "not-an-ip"], USAGE, "is not an IPv4 address"),
        case(
            &["config", "set", "redis_node", "port_range", "{\"first\": 9, \"last\": 2}"],
            USAGE,
            "port_range must be a map",
        ),
        // Unknown subcommands and missing arguments: one line, no usage block.
        case(&["frobnicate"], USAGE, "unrecognized subcommand 'frobnicate'"),
        case(&["confg"], USAGE, "a similar subcommand exists: 'config'"),
        case(&["config", "frob"], USAGE, "unrecognized subcommand 'frob'"),
        case(&["config", "set"], USAGE, "<COMPONENT> <KEY_PATH>"),
        case(&["role", "add"], USAGE, "<ROLE>"),
        case(&["config", "set", "dea_ng", "x", "1", "--bogus"], USAGE, "unexpected argument '--bogus'"),
        case(&["info", "--root"], USAGE, "a value is required for '--root <DIR>'"),
        // Cluster-wide role rules.
        case(&["role", "add", "mdns"], USAGE, "role 'mdns' is only for micro clouds"),
        case(
            &["role", "add", "primary", "-n", "10.11.12.14", "--no-start"],
            USAGE,
            "There are already 1 primary roles configured on this cluster. Maximum allowed is 1",
        ),
        case(&["role", "add", "load_balancer"], USAGE, "cannot share a node with other roles"),
        case(&["role", "remove", "router"], USAGE, "it needs at least 1"),
        // --only must not add dea and then fail to remove the core roles.
        case(&["role", "add", "--only", "dea"], USAGE, "pass --force to remove it anyway"),
    ];
    assert!(cases.len() >= 45, "the table shrank to {}", cases.len());
    check_all(&sb, &cases);
}

#[test]
fn bad_inputs_on_a_fresh_micro_root() {
    let sb = Sandbox::new();
    // A fresh root has no store yet: a refused change must not create one, nor its lock.
    let cases = vec![
        case(&["role", "add", "deaa"], USAGE, "(did you mean 'dea'?)"),
        case(&["info", "-n", "abc"], USAGE, "Invalid node id given 'abc'"),
        case(&["config", "set", "dea_ng", "a b", "1"], USAGE, "invalid key path"),
        case(&["config", "set", "dea_ng", "x"], USAGE, "empty value given"),
        case(&["config", "push", "dea_ng", "/", "x"], USAGE, "push and pop need a key path"),
        case(&["config", "set", "cluster", "endpoint", "api.x.test"], USAGE, "Cannot update 'endpoint' directly"),
        case(&["config", "pop", "dea_ng", "nolist", "x"], OPER, "List does not exist."),
        case(&["role", "add", "load_balancer"], USAGE, "cannot share a node with other roles"),
        case(&["role", "remove", "dea"], USAGE, "it needs at least 1"),
        case(&["role", "add", "--only", "redis"], USAGE, "pass --force to remove it anyway"),
        case(&["node", "setup", "micro", "bogus+"], USAGE, "Invalid role given 'bogus'"),
        case(&["node", "setup", "core"], USAGE, "--yes"),
        case(&["node", "setup", "core", "example.test"], USAGE, "must begin with api."),
    ];
    check_all(&sb, &cases);
    assert!(!sb.path("var").exists(), "a refused command created var/ on a fresh root");
}

/// Variants of every class of the adversarial pass, across every command: values that
/// other programs parse (hosts, nginx, openssl, nftables), values nested too deep, writes
/// to parent or child keys of checked ones, the registry through `config`, re-initialising
/// over other nodes, renames to addresses or malformed names, and each command's malformed
/// arguments.
#[test]
fn bad_inputs_across_every_command() {
    let sb = core_sandbox();
    let deep_json = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    let deep_yaml = format!("{}1{}", "[".repeat(40), "]".repeat(40));
    let mut cases = vec![
        case(
            &[
                "config",
                "set",
                "-j",
                "dea_ng",
                "deep",
                "{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":{\"a\":1}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}}",
            ],
            USAGE,
            "the value is nested 33 levels deep; the limit is 32",
        ),
        case(
            &[
                "config",
                "set",
                "-y",
                "dea_ng",
                "deep",
                "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
            ],
            USAGE,
            "Invalid YAML given: did not find expected ',' or ']' at line",
        ),
        case(
            &["config", "set", "cluster", "endpoint", "--force", "api.evil.io\n10.9.9.9 injected"],
            USAGE,
            "'api.evil.io\\n10.9.9.9 injected' is not a valid endpoint",
        ),
        case(
            &["config", "set", "cluster", "endpoint", "--force", "api.evil.io 10.9.9.9"],
            USAGE,
            "'api.evil.io 10.9.9.9' is not a valid endpoint",
        ),
        case(
            &["config", "set", "cluster", "endpoint", "--force", "api.evil;io"],
            USAGE,
            "'api.evil;io' is not a valid endpoint",
        ),
        case(
            &["config", "set", "cluster", "endpoint", "--force", "api.evil.io/x"],
            USAGE,
            "'api.evil.io/x' is not a valid endpoint",
        ),
        case(
            &["config", "set", "cluster", "endpoint", "--force", "api.evil.io\"; include /etc/passwd;"],
            USAGE,
            "'api.evil.io\\\"; include /etc/passwd;' is not a valid endpoin",
        ),
        case(&["config", "set", "cluster", "endpoint", "--force", "5"], USAGE, "cluster endpoint must be a string"),
        case(
            &["config", "set", "-j", "cluster", "endpoint", "--force", "[\"api.x.io\"]"],
            USAGE,
            "cluster endpoint must be a string",
        ),
        case(
            &["config", "set", "cluster", "mbusip", "--force", "10.0.0.1\n1.2.3.4 x"],
            USAGE,
            "cluster mbusip must be an IPv4 address, got \"10.0.0.1\\n1.2.3",
        ),
        case(
            &["config", "set", "cluster", "mbusip", "--force", "not-an-ip"],
            USAGE,
            "cluster mbusip must be an IPv4 address, got \"not-an-ip\"",
        ),
        case(
            &["config", "set", "-j", "cluster", "/", "--force", "{\"endpoint\":\"api.ok.io\",\"mbusip\":\"x y\"}"],
            USAGE,
            "cluster mbusip must be an IPv4 address, got \"x y\"",
        ),
        case(
            &[
                "config",
                "set",
                "-j",
                "cluster",
                "/",
                "--force",
                "{\"endpoint\":\"bad name\",\"mbusip\":\"10.11.12.13\"}",
            ],
            USAGE,
            "'bad name' is not a valid endpoint",
        ),
        case(
            &["config", "set", "redis_node", "port_range/first", "99999"],
            USAGE,
            "redis_node port_range must be a map {first: N, last: M} with",
        ),
        case(
            &["config", "set", "redis_node", "port_range/first", "0"],
            USAGE,
            "redis_node port_range must be a map {first: N, last: M} with",
        ),
        case(
            &["config", "set", "redis_node", "port_range/last", "1"],
            USAGE,
            "redis_node port_range must be a map {first: N, last: M} with",
        ),
        case(
            &["config", "set", "-j", "redis_node", "/", "{\"port_range\":{\"first\":9,\"last\":2}}"],
            USAGE,
            "redis_node port_range must be a map {first: N, last: M} with",
        ),
        case(
            &["config", "set", "-j", "redis_node", "port_range", "{\"first\":1}"],
            USAGE,
            "redis_node port_range must be a map {first: N, last: M} with",
        ),
        case(
            &["config", "del", "redis_node", "port_range/first"],
            USAGE,
            "redis_node port_range must be a map {first: N, last: M} with",
        ),
        case(
            &["config", "set", "--force", "redis_node", "port_range/first", "abc"],
            USAGE,
            "redis_node port_range must be a map {first: N, last: M} with",
        ),
        case(
            &["config", "set", "mongodb_node", "port_range/last", "70000"],
            USAGE,
            "mongodb_node port_range must be a map {first: N, last: M} wi",
        ),
        case(
            &["config", "set", "-j", "memcached_node", "/", "{\"port_range\":[1,2]}"],
            USAGE,
            "memcached_node port_range must be a map {first: N, last: M} ",
        ),
        case(
            &["config", "set", "rabbit_node", "port_range/first", "-1"],
            USAGE,
            "Type mismatch with value. Cannot replace numeric with string",
        ),
        case(
            &["config", "set", "-j", "fence", "/", "{\"docker\":{\"allowed_subnet_ips\":[\"1.2.3.4/40\"]}}"],
            USAGE,
            "fence entry \"1.2.3.4/40\": prefix length \"40\" must be 0 to 32",
        ),
        case(
            &["config", "set", "-j", "fence", "docker", "{\"block_network_ips\":[\"x;y\"]}"],
            USAGE,
            "fence entry \"x;y\": \"x;y\" is not an IPv4 address",
        ),
        case(
            &["config", "set", "-j", "fence", "docker/allowed_subnet_ips", "[\"10.0.0.1/24\"]"],
            USAGE,
            "fence entry \"10.0.0.1/24\": host bits set; the network is 10.",
        ),
        case(
            &["config", "push", "fence", "docker/allowed_subnet_ips", "10.0.0.0/8:99999"],
            USAGE,
            "fence entry \"10.0.0.0/8:99999\": port \"99999\" must be a numbe",
        ),
        case(
            &["config", "push", "fence", "docker/block_network_ips", "fd00::1"],
            USAGE,
            "fence entry \"fd00::1\": only IPv4 addresses are supported",
        ),
        case(
            &["config", "set", "router2g", "prevent_x_spoofing", "--force", "maybe"],
            USAGE,
            "router2g prevent_x_spoofing must be true or false, got \"mayb",
        ),
        case(
            &["config", "set", "-j", "router2g", "/", "{\"prevent_x_spoofing\":\"yes\"}"],
            USAGE,
            "router2g prevent_x_spoofing must be true or false, got \"yes\"",
        ),
        case(
            &["config", "set", "-j", "node", "/", "{}"],
            USAGE,
            "the node registry is changed by 'kato role' and 'kato node' ",
        ),
        case(
            &["config", "del", "node", "10.11.12.14"],
            USAGE,
            "the node registry is changed by 'kato role' and 'kato node' ",
        ),
        case(
            &["config", "push", "node", "x", "y"],
            USAGE,
            "the node registry is changed by 'kato role' and 'kato node' ",
        ),
        case(&["config", "pop", "local", "x", "y"], USAGE, "Cannot update local 'x' directly."),
        case(&["config", "del", "cluster", "mbusip"], USAGE, "Cannot delete 'mbusip' from the cluster configuration"),
        case(
            &["config", "set", "-j", "dea_ng", "/", "[1]"],
            USAGE,
            "Expected a map to replace the whole 'dea_ng' document, got a",
        ),
        case(&["config", "get", "nosuch"], USAGE, "Invalid <component> specified 'nosuch' (did you mean 'node'?"),
        case(
            &["config", "get", "local", "nosuch"],
            USAGE,
            "Invalid config path specified 'nosuch' (local has: redis_uri",
        ),
        case(&["config", "pop", "dea_ng", "l"], USAGE, "a VALUE is required"),
        case(
            &["config", "push", "-j", "dea_ng", "l", "{bad"],
            USAGE,
            "Invalid JSON given: key must be a string at line 1 column 2",
        ),
        case(
            &["config", "set", "-j", "dea_ng", "x", "1 2"],
            USAGE,
            "Invalid JSON given: trailing characters at line 1 column 3",
        ),
        case(
            &["config", "set", "-y", "dea_ng", "x", "[a, b"],
            USAGE,
            "Invalid YAML given: did not find expected ',' or ']' at line",
        ),
        case(&["role", "add", "-n", "10.11.12.99", "dea"], USAGE, "10.11.12.99 is not a known node in this cluster"),
        case(
            &["role", "add", "--all", "--only"],
            USAGE,
            "the argument '--all' cannot be used with '--only'; see 'kato",
        ),
        case(&["role", "add", ""], USAGE, "Invalid role given ''"),
        case(&["role", "add", "dea,router"], USAGE, "Invalid role given 'dea,router' (did you mean 'router'?)"),
        case(&["role", "add", "DEA"], USAGE, "Invalid role given 'DEA'"),
        case(&["role", "remove", "deaa"], USAGE, "Invalid role given 'deaa' (did you mean 'dea'?)"),
        case(&["role", "remove", ""], USAGE, "Invalid role given ''"),
        case(&["role", "info", "nosuch"], USAGE, "Invalid role given 'nosuch'"),
        case(&["role", "info", "$(id)"], USAGE, "Invalid role given '$(id)'"),
        case(
            &["role", "add", "--no-start", "-n", "10.11.12.14", "primary"],
            USAGE,
            "There are already 1 primary roles configured on this cluster",
        ),
        case(&["role", "add", "-n", "127.0.0.1", "dea"], USAGE, "127.0.0.1 is not a known node in this cluster"),
        case(&["role", "remove", "primary"], USAGE, "removing 'primary' from 10.11.12.13 would leave the cluster "),
        case(&["role", "remove", "controller"], USAGE, "removing 'controller' from 10.11.12.13 would leave the clust"),
        case(&["role", "remove", "--all"], USAGE, "removing 'primary' from 10.11.12.13 would leave the cluster "),
        case(&["start", "nosuch"], USAGE, "Invalid role given 'nosuch'"),
        case(&["stop", "nosuch"], USAGE, "Invalid role given 'nosuch'"),
        case(&["restart", "nosuch"], USAGE, "Invalid role given 'nosuch'"),
        case(&["start", "-n", "abc"], USAGE, "Invalid node id given 'abc'"),
        case(&["stop", "-n", "10.11.12.99"], USAGE, "10.11.12.99 is not a known node in this cluster"),
        case(&["restart", "-n", "1.2.3.4;ls"], USAGE, "Invalid node id given '1.2.3.4;ls'"),
        case(&["start", "--boot", "dea"], USAGE, "the argument '--boot' cannot be used with '[ROLE]...'; see '"),
        case(&["process", "start", "nosuch"], USAGE, "Unknown process specified 'nosuch'"),
        case(&["process", "stop", "nosuch"], USAGE, "Unknown process specified 'nosuch'"),
        case(&["process", "restart", "../x"], USAGE, "Unknown process specified '../x'"),
        case(&["process", "list", "-n", "abc"], USAGE, "Invalid node id given 'abc'"),
        case(&["process", "list", "-n", "10.11.12.99"], USAGE, "10.11.12.99 is not a known node in this cluster"),
        case(&["process", "ready", "nosuch"], USAGE, "Invalid process 'nosuch'"),
        case(
            &["process", "ready", "--timeout", "abc", "x"],
            USAGE,
            "unexpected argument '--timeout' found (to pass '--timeout' a",
        ),
        case(&["process", "start", "-n", "abc", "x"], USAGE, "Invalid node id given 'abc'"),
        case(&["status", "-n", "abc"], USAGE, "Invalid node id given 'abc'"),
        case(&["status", "-n", "10.11.12.99"], USAGE, "10.11.12.99 is not a known node in this cluster"),
        case(&["status", "--bogus"], USAGE, "unexpected argument '--bogus' found; see 'kato --help'"),
        case(&["info", "-n", "10.11.12.99"], USAGE, "10.11.12.99 is not a known node in this cluster"),
        case(&["history", "--bogus"], USAGE, "unexpected argument '--bogus' found; see 'kato --help'"),
        case(&["log", "tail", "nosuch"], USAGE, "Invalid component 'nosuch'"),
        case(&["log", "tail", "../../etc/passwd"], USAGE, "Invalid component '../../etc/passwd'"),
        case(&["log", "tail", "-n", "abc"], USAGE, "Invalid node id given 'abc'"),
        case(&["log", "tail", "-n", "10.11.12.99"], USAGE, "10.11.12.99 is not a known node in this cluster"),
        case(&["log", "tail", "--lines", "abc"], USAGE, "invalid value 'abc' for '--lines <N>': invalid digit found i"),
        case(&["log", "tail", "--lines", "-5"], USAGE, "unexpected argument '-5' found (to pass '-5' as a value, use"),
        case(&["log", "tail", "$(id)"], USAGE, "Invalid component '$(id)'"),
        case(&["node", "attach", "abc"], USAGE, "Invalid <core-ip> given 'abc'"),
        case(&["node", "attach", "999.1.1.1"], USAGE, "Invalid <core-ip> given '999.1.1.1'"),
        case(&["node", "attach", "10.11.12.13"], USAGE, "10.11.12.13 is this node's own address; attach to another no"),
        case(&["node", "attach", "-e", "nosuch", "10.11.12.50"], USAGE, "Invalid role given 'nosuch'"),
        case(
            &["node", "attach", "-e", "dea;ls", "10.11.12.50"],
            USAGE,
            "Invalid role given 'dea;ls' (did you mean 'dea'?)",
        ),
        case(&["node", "attach"], USAGE, "the following required arguments were not provided: <CORE_IP"),
        case(&["node", "detach"], OPER, "This node is not attached to a core node"),
        case(&["node", "reattach", "abc"], USAGE, "Invalid <core-ip> given 'abc'"),
        case(
            &["node", "reattach", "10.11.12.50"],
            OPER,
            "This node is not attached to a core node; use 'kato node att",
        ),
        case(&["node", "remove", "abc"], USAGE, "Invalid <node-IP> given 'abc'"),
        case(&["node", "remove", "10.11.12.13"], USAGE, "10.11.12.13 is this core node; it cannot remove itself"),
        case(&["node", "remove", "10.11.12.99"], USAGE, "10.11.12.99 is not a known node in this cluster"),
        case(&["node", "remove"], USAGE, "the following required arguments were not provided: <NODE_IP"),
        case(&["node", "rename", "a b"], USAGE, "'a b' is not a valid hostname"),
        case(&["node", "rename", "10.1.1.1"], USAGE, "'10.1.1.1' is not a valid hostname (it looks like an address"),
        case(&["node", "rename", "-bad"], USAGE, "unexpected argument '-b' found (to pass '-b' as a value, use"),
        case(&["node", "rename", "bad_name"], USAGE, "'bad_name' is not a valid hostname"),
        case(&["node", "rename", "x.$(id)"], USAGE, "'x.$(id)' is not a valid hostname"),
        case(&["node", "rename", ""], USAGE, "'' is not a valid hostname"),
        case(&["node", "rename", "a.b..c"], USAGE, "'a.b..c' is not a valid hostname"),
        case(&["node", "migrate", "abc", "10.0.0.1"], USAGE, "Invalid <old-node-IP> given 'abc'"),
        case(&["node", "migrate", "10.11.12.14", "abc"], USAGE, "Invalid <new-node-IP> given 'abc'"),
        case(
            &["node", "migrate", "10.11.12.14", "10.11.12.14"],
            USAGE,
            "the old and new addresses are the same (10.11.12.14)",
        ),
        case(
            &["node", "migrate", "10.11.12.99", "10.11.12.98"],
            USAGE,
            "10.11.12.99 is not a known node in this cluster",
        ),
        case(
            &["node", "migrate", "10.11.12.14", "10.11.12.13"],
            USAGE,
            "10.11.12.13 is already a node of this cluster",
        ),
        case(&["node", "migrate"], USAGE, "the following required arguments were not provided: <OLD_IP>"),
        case(&["node", "retire", "abc"], USAGE, "unexpected argument 'abc' found; see 'kato --help'"),
        case(&["node", "retire", "10.11.12.99"], USAGE, "unexpected argument '10.11.12.99' found; see 'kato --help'"),
        case(&["node", "list", "--bogus"], USAGE, "unexpected argument '--bogus' found; see 'kato --help'"),
        case(
            &["node", "setup", "core", "api.other.example.com"],
            USAGE,
            "This discards the registration of node 10.11.12.14. (no term",
        ),
        case(&["node", "setup", "core", "api."], USAGE, "'api.' is not a valid DNS name"),
        case(&["node", "setup", "core", "api.a\nb.test"], USAGE, "'api.a\\nb.test' is not a valid DNS name"),
        case(&["node", "setup", "core", "api.x.test;id"], USAGE, "'api.x.test;id' is not a valid DNS name"),
        case(
            &["node", "setup", "core", "api.x.test", "--force", "--bogus"],
            USAGE,
            "unexpected argument '--bogus' found (to pass '--bogus' as a ",
        ),
        case(&["node", "setup", "micro"], USAGE, "This discards the registration of node 10.11.12.14. (no term"),
        case(&["node", "setup", "micro", "dea"], USAGE, "This discards the registration of node 10.11.12.14. (no term"),
        case(&["node", "setup", "micro", "nosuch"], USAGE, "Invalid role given 'nosuch'"),
        case(
            &["node", "setup", "load_balancer", "--force", "--cert", "/nonexistent.crt"],
            USAGE,
            "the following required arguments were not provided: --key <F",
        ),
        case(
            &["node", "setup", "load_balancer", "abc"],
            OPER,
            "attach this node to the cluster first ('kato node attach COR",
        ),
        case(
            &["node", "setup", "load_balancer", "--force", "10.11.12.99"],
            OPER,
            "attach this node to the cluster first ('kato node attach COR",
        ),
        case(
            &["node", "setup", "load_balancer", "--force", "--cert", "/etc/hostname", "10.11.12.14"],
            USAGE,
            "the following required arguments were not provided: --key <F",
        ),
        case(
            &["node", "upgrade", "--offline", "/nonexistent.tar"],
            OPER,
            "cannot open the bundle /nonexistent.tar: No such file or dir",
        ),
        case(&["node", "upgrade", "--bogus"], USAGE, "unexpected argument '--bogus' found; see 'kato --help'"),
        case(&["op", "firewall", "--bogus"], USAGE, "unexpected argument '--bogus' found; see 'kato --help'"),
        case(&["op", "firewall", "-n", "abc"], USAGE, "Invalid node id given 'abc'"),
        case(&["op", "static_ip", "abc"], USAGE, "unexpected argument 'abc' found; see 'kato --help'"),
        case(&["op", "static_ip", "--ip", "abc"], USAGE, "Invalid IP given 'abc'"),
        case(&["op", "static_ip", "--ip", "10.0.0.5/40"], USAGE, "Invalid IP given '10.0.0.5/40'"),
        case(
            &["op", "static_ip", "--interface", "eth0;ls", "--ip", "10.0.0.5/24"],
            USAGE,
            "Invalid IP given '10.0.0.5/24'",
        ),
        case(
            &["inspect", "--bogus"],
            USAGE,
            "unexpected argument '--bogus' found (to pass '--bogus' as a value, use '-- --bogus')",
        ),
        case(&["inspect", "-n", "abc"], USAGE, "unexpected argument '-n' found (to pass '-n' as a value, use '-- -n')"),
        case(&["version", "--bogus"], USAGE, "unexpected argument '--bogus' found; see 'kato --help'"),
        case(&["version", "extra"], USAGE, "unexpected argument 'extra' found; see 'kato --help'"),
        piped(&["config", "set", "-j", "dea_ng", "x"], deep_json.as_bytes(), USAGE, "Invalid JSON given"),
        case(&["config", "set", "-j", "dea_ng", "x", &deep_yaml], USAGE, "nested 40 levels deep; the limit is 32"),
        case(&["config", "set", "-y", "dea_ng", "x", &deep_yaml], USAGE, "nested 40 levels deep; the limit is 32"),
        case(&["config", "push", "-j", "dea_ng", "l", &deep_yaml], USAGE, "the limit is 32"),
        case(&["node", "setup", "core", "--yes", "api.other.example.com"], USAGE, "pass --force"),
        case(&["--yes", "node", "setup", "micro", "dea"], USAGE, "discards the registration of node 10.11.12.14"),
    ];
    cases.push(case(&["node", "setup", "core", "--yes", "--dry-run", "api.x..test"], USAGE, "is not a valid DNS name"));
    // A YAML alias bomb (nine levels of nine aliases) is refused, not expanded.
    let mut bomb = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (prev, name) in "abcdefgh".chars().zip("bcdefghi".chars()) {
        bomb.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{prev}"); 9].join(", ")));
    }
    cases.push(case(&["config", "set", "-y", "dea_ng", "bomb", &bomb], USAGE, "repetition limit exceeded"));
    cases.push(piped(&["config", "set", "-y", "dea_ng", "bomb"], bomb.as_bytes(), USAGE, "repetition limit exceeded"));
    // Values the fence hands to the kernel's network tools.
    cases.extend([
        case(
            &["config", "set", "-j", "fence", "docker/network_interface", "\"docker0; drop\""],
            USAGE,
            "must be an interface name",
        ),
        case(&["config", "set", "fence", "docker/network_interface", "docker0\nx"], USAGE, "must be an interface name"),
        case(
            &["config", "set", "fence", "docker/network_interface", "a-very-long-interface"],
            USAGE,
            "must be an interface name",
        ),
        case(
            &["config", "set", "-j", "fence", "docker", "{\"network_interface\": \"../x\"}"],
            USAGE,
            "must be an interface name",
        ),
        case(&["config", "push", "fence", "docker/exposed_container_ports", "99999"], USAGE, "ports from 1 to 65535"),
        case(&["config", "push", "fence", "docker/exposed_container_ports", "80;drop"], USAGE, "ports from 1 to 65535"),
        case(
            &["config", "set", "-j", "fence", "docker/exposed_container_ports", "[80, 0]"],
            USAGE,
            "ports from 1 to 65535",
        ),
        case(&["node", "rename", "localhost"], USAGE, "names the loopback address"),
        case(&["node", "rename", "LocalHost.localdomain"], USAGE, "names the loopback address"),
    ]);
    assert!(cases.len() >= 140, "the table shrank to {}", cases.len());
    check_all(&sb, &cases);
}

/// Requests another node could send to `kato __remote` that must be refused: malformed
/// envelopes, other protocols, hostile ids and names, rule-breaking mutations (a second
/// primary, a role on an unregistered node, re-initialising the cluster), values too deep
/// or unparseable by the programs that read them, and paths outside the root. Each is
/// answered with `ok: false` and a one-line error (a log stream: one `ERROR:` line and
/// exit 1), and leaves every file byte-identical.
#[test]
fn bad_requests_to_the_remote_endpoint() {
    let sb = core_sandbox();
    let p = kato::infra::remote::PROTOCOL;
    let env = |req: &str| format!(r#"{{"protocol": {p}, "kato_version": "0.0.0", "request": {req}}}"#);
    let mutate = |m: &str| env(&format!(r#"{{"type": "store_mutate", "dry_run": false, "mutation": {m}}}"#));
    let deep = format!("{}1{}", "[".repeat(33), "]".repeat(33));
    let big = "x".repeat(1024 * 1024 + 10);
    let identity = r#"{"machine_id": null, "host_keys": []}"#;
    let init = |endpoint: &str, node: &str| {
        mutate(&format!(
            r#"{{"op": "init_cluster", "endpoint": "{endpoint}", "mbusip": "10.11.12.13", "version": "1.0", "node": "{node}", "hostname": "h", "roles": [], "state": "START", "identity": {identity}, "erase": true}}"#
        ))
    };
    let register = |node: &str, host: &str, version: &str, roles: &str, state: &str| {
        mutate(&format!(
            r#"{{"op": "register_node", "node": "{node}", "hostname": "{host}", "version": "{version}", "roles": {roles}, "state": "{state}"}}"#
        ))
    };
    let requests: Vec<(String, &str)> = vec![
        // The envelope.
        ("".into(), "malformed request"),
        ("{".into(), "malformed request"),
        ("[]".into(), "malformed request"),
        ("\u{0}\u{1}binary".into(), "malformed request"),
        (r#"{"protocol": 999, "kato_version": "9", "request": {"type": "hello"}}"#.into(), "protocol 999"),
        (r#"{"protocol": "4", "kato_version": "9", "request": {"type": "hello"}}"#.into(), "malformed request"),
        (env(r#"{"type": "no_such_request"}"#), "malformed request"),
        (env(r#"{"type": "kato", "args": ["config", "set"]}"#), "malformed request"),
        (env(r#"{"type": "store_mutate"}"#), "malformed request"),
        (
            env(r#"{"type": "store_mutate", "dry_run": false, "mutation": {"op": "shell", "cmd": "id"}}"#),
            "malformed request",
        ),
        // Cluster rules, enforced whatever path the change takes.
        (
            mutate(
                r#"{"op": "add_roles", "node": "10.11.12.14", "roles": ["primary"], "state": "START", "micro_cloud": false}"#,
            ),
            "Maximum allowed is 1",
        ),
        (
            mutate(
                r#"{"op": "add_roles", "node": "10.11.12.14", "roles": ["mdns"], "state": "START", "micro_cloud": true}"#,
            ),
            "only for micro clouds",
        ),
        (
            mutate(
                r#"{"op": "add_roles", "node": "10.11.12.14", "roles": ["load_balancer", "dea"], "state": "START", "micro_cloud": false}"#,
            ),
            "cannot share a node",
        ),
        (
            mutate(
                r#"{"op": "add_roles", "node": "10.11.12.14", "roles": ["base"], "state": "START", "micro_cloud": false}"#,
            ),
            "mandatory role",
        ),
        (
            mutate(
                r#"{"op": "add_roles", "node": "10.11.12.14", "roles": ["no such\nrole"], "state": "START", "micro_cloud": false}"#,
            ),
            "Invalid role given",
        ),
        (
            mutate(
                r#"{"op": "add_roles", "node": "10.11.12.14", "roles": ["dea"], "state": "START\n", "micro_cloud": false}"#,
            ),
            "is not a role state",
        ),
        (
            mutate(
                r#"{"op": "add_roles", "node": "10.11.12.77", "roles": ["dea"], "state": "START", "micro_cloud": false}"#,
            ),
            "not registered in this cluster",
        ),
        (
            mutate(
                r#"{"op": "add_roles", "node": "1.2.3.4;id", "roles": ["dea"], "state": "START", "micro_cloud": false}"#,
            ),
            "Invalid node id",
        ),
        (
            mutate(r#"{"op": "remove_roles", "node": "10.11.12.13", "roles": ["primary"], "force": false}"#),
            "needs at least 1",
        ),
        (
            mutate(r#"{"op": "remove_roles", "node": "10.11.12.77", "roles": ["base"], "force": true}"#),
            "not registered in this cluster",
        ),
        (
            mutate(r#"{"op": "set_role_state", "node": "10.11.12.13", "roles": ["router"], "state": "BOGUS"}"#),
            "is not a role state",
        ),
        (
            mutate(r#"{"op": "set_role_state", "node": "10.11.12.77", "roles": [], "state": "STOP"}"#),
            "not registered in this cluster",
        ),
        (
            mutate(r#"{"op": "set_role_state", "node": "10.11.12.13", "roles": ["dea"], "state": "STOP"}"#),
            "is not configured",
        ),
        (init("api.other.test", "10.11.12.13"), "not from another node"),
        (init("api.evil.io\\n1.2.3.4 x", "10.11.12.13"), "not from another node"),
        (register("10.11.12.15", "evil\\n1.2.3.4 injected", "1.0", "[]", "START"), "not a valid hostname"),
        (register("10.11.12.15", "h15", "1.0 ; id", "[]", "START"), "is not a version"),
        (register("10.11.12.15", "h15", "1.0", r#"["primary"]"#, "START"), "Maximum allowed is 1"),
        (register("10.11.12.15", "h15", "1.0", r#"["dea"]"#, "RUNNING"), "is not a role state"),
        (register("1.2.3.4;id", "h15", "1.0", "[]", "START"), "Invalid node id"),
        (register("10.11.12.15", "10.1.1.1", "1.0", "[]", "START"), "looks like an address"),
        (mutate(r#"{"op": "remove_nodes", "nodes": ["10.11.12.13"]}"#), "is the core node"),
        (mutate(r#"{"op": "remove_nodes", "nodes": ["../etc"]}"#), "Invalid node id"),
        (
            mutate(r#"{"op": "migrate_node", "old": "10.11.12.14", "new": "10.11.12.13"}"#),
            "already a node of this cluster",
        ),
        (mutate(r#"{"op": "migrate_node", "old": "10.11.12.14", "new": "x"}"#), "Invalid node id"),
        (
            mutate(r#"{"op": "set_node_meta", "node": "10.11.12.14", "key": "hostname", "value": "a b"}"#),
            "not a valid hostname",
        ),
        (
            mutate(r#"{"op": "set_node_meta", "node": "10.11.12.14", "key": "roles", "value": {}}"#),
            "not a node attribute",
        ),
        (
            mutate(r#"{"op": "set_node_meta", "node": "10.11.12.77", "key": "version", "value": "1.0"}"#),
            "not a known node",
        ),
        // Config values: the same checks as on the command line.
        (
            mutate(&format!(
                r#"{{"op": "config_set", "component": "dea_ng", "path": "x", "value": {deep}, "force": false}}"#
            )),
            "the limit is 32",
        ),
        (
            mutate(&format!(r#"{{"op": "config_push", "component": "dea_ng", "path": "l", "value": {deep}}}"#)),
            "the limit is 32",
        ),
        (
            mutate(&format!(
                r#"{{"op": "config_set", "component": "dea_ng", "path": "x", "value": "{big}", "force": false}}"#
            )),
            "the limit is",
        ),
        (
            mutate(
                r#"{"op": "config_set", "component": "cluster", "path": "endpoint", "value": "api.evil.io\n10.9.9.9 injected", "force": true}"#,
            ),
            "not a valid endpoint",
        ),
        (
            mutate(
                r#"{"op": "config_set", "component": "cluster", "path": "endpoint", "value": "api.x.io", "force": false}"#,
            ),
            "Cannot update 'endpoint' directly",
        ),
        (
            mutate(
                r#"{"op": "config_set", "component": "cluster", "path": "mbusip", "value": "1.2.3.4 x", "force": true}"#,
            ),
            "must be an IPv4 address",
        ),
        (
            mutate(
                r#"{"op": "config_set", "component": "redis_node", "path": "port_range/first", "value": 99999, "force": false}"#,
            ),
            "port_range must be",
        ),
        (
            mutate(
                r#"{"op": "config_set", "component": "redis_node", "path": "", "value": {"port_range": {"first": 5, "last": 1}}, "force": false}"#,
            ),
            "port_range must be",
        ),
        (
            mutate(
                r#"{"op": "config_set", "component": "fence", "path": "docker", "value": {"allowed_subnet_ips": ["1.2.3.4/40"]}, "force": false}"#,
            ),
            "must be 0 to 32",
        ),
        (
            mutate(
                r#"{"op": "config_push", "component": "fence", "path": "docker/block_network_ips", "value": "10.0.0.1;drop"}"#,
            ),
            "not an IPv4 address",
        ),
        (
            mutate(
                r#"{"op": "config_set", "component": "router2g", "path": "prevent_x_spoofing", "value": "no", "force": true}"#,
            ),
            "must be true or false",
        ),
        (
            mutate(
                r#"{"op": "config_set", "component": "node", "path": "10.11.12.99/roles/primary", "value": "START", "force": true}"#,
            ),
            "node registry",
        ),
        (mutate(r#"{"op": "config_del", "component": "node", "path": "10.11.12.14", "force": true}"#), "node registry"),
        (
            mutate(r#"{"op": "config_set", "component": "local", "path": "node_id", "value": "1", "force": true}"#),
            "Cannot update local",
        ),
        (
            mutate(r#"{"op": "config_set", "component": "dea_ng\n", "path": "x", "value": 1, "force": false}"#),
            "Invalid <component>",
        ),
        (
            mutate(r#"{"op": "config_set", "component": "brand_new", "path": "x", "value": 1, "force": false}"#),
            "Invalid <component>",
        ),
        (
            mutate(r#"{"op": "config_set", "component": "dea_ng", "path": "a b", "value": 1, "force": false}"#),
            "invalid key path",
        ),
        (
            mutate(r#"{"op": "config_set", "component": "dea_ng", "path": "n", "value": "five", "force": false}"#),
            "Type mismatch",
        ),
        // Other requests.
        (env(r#"{"type": "check_files", "paths": ["../../../../etc/shadow"]}"#), "is not a file kato checks for"),
        (env(r#"{"type": "check_files", "paths": ["/etc/shadow"]}"#), "is not a file kato checks for"),
        (env(r#"{"type": "reattach", "core_ip": "1.2.3.4\nevil", "host_keys": []}"#), "Invalid <core-ip>"),
        (
            env(r#"{"type": "lifecycle", "stop": ["nosuch;ls"], "start": [], "force_stop": false}"#),
            "Invalid role given",
        ),
        (env(r#"{"type": "lifecycle", "stop": [], "start": ["../../x"], "force_stop": false}"#), "Invalid role given"),
        (env(r#"{"type": "process_control", "action": "stop", "processes": ["../x;ls"]}"#), "Unknown process"),
        (env(r#"{"type": "process_control", "action": "kill", "processes": []}"#), "malformed request"),
        (
            env(
                r#"{"type": "upgrade_stage", "version": "../../../tmp/x", "sha256": "00", "total": 4, "offset": 0, "chunk": "AAAA"}"#,
            ),
            "is not a version",
        ),
        (
            env(
                r#"{"type": "upgrade_stage", "version": "1.0", "sha256": "00", "total": 4, "offset": 0, "chunk": "!!!"}"#,
            ),
            "not base64",
        ),
        (env(r#"{"type": "detach", "start": "yes"}"#), "malformed request"),
    ];
    let before = sb.tree();
    let mut problems = Vec::new();
    for (body, needle) in &requests {
        let r = sb.run_with_stdin(&["__remote"], body.as_bytes());
        let what = if body.len() > 160 { format!("{}…", &body[..160]) } else { body.clone() };
        match serde_json::from_str::<serde_json::Value>(r.stdout.trim()) {
            Ok(reply) => {
                let err = reply["error"].as_str().unwrap_or_default();
                if reply["ok"] != false || err.is_empty() || err.contains('\n') || !err.contains(needle) {
                    problems.push(format!("{what}: reply {reply} (wanted an error with {needle:?})"));
                }
                if r.code != 0 || !r.stderr.is_empty() {
                    problems.push(format!("{what}: exit {} stderr {:?}", r.code, r.stderr));
                }
            }
            Err(_) => problems.push(format!("{what}: no JSON reply: exit {} {:?} {:?}", r.code, r.stdout, r.stderr)),
        }
        if sb.tree() != before {
            problems.push(format!("{what}: files changed"));
        }
    }
    // A log stream answers in lines; a refused one is one error line and exit 1.
    for comps in [r#"["../../../etc/passwd"]"#, r#"["$(id)"]"#, r#"["nosuch"]"#] {
        let body = env(&format!(r#"{{"type": "log_tail", "components": {comps}, "lines": 3, "follow": false}}"#));
        let r = sb.run_with_stdin(&["__remote"], body.as_bytes());
        if r.code != 1 || r.stderr.lines().count() != 1 || !r.stderr.starts_with("ERROR: Invalid component") {
            problems.push(format!("log_tail {comps}: exit {} stderr {:?} stdout {:?}", r.code, r.stderr, r.stdout));
        }
    }
    assert!(
        problems.is_empty(),
        "{} of {} bad requests misbehaved:\n{}",
        problems.len(),
        requests.len() + 3,
        problems.join("\n")
    );
    assert!(requests.len() >= 60, "the table shrank to {}", requests.len());
}
