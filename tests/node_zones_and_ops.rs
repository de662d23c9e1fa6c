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
