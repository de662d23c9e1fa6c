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
