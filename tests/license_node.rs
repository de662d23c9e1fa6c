//! `kato license set|enable|disable` (kept in the store's `cluster` component, shown by
//! `kato info`), `kato node version [NODE]` and `kato node update` on a core whose
//! address changed.

mod harness;

use harness::sandbox::Sandbox;

#[test]
fn license_is_stored_shown_and_toggled() {
    let sb = Sandbox::new();
    sb.setup_core();
    let before = sb.run(&["info"]).ok().stdout.clone();
    assert!(!before.contains("license"), "{before}");
    // Enabling with no license, an empty one: refused, nothing stored.
    let r = sb.run(&["license", "enable"]);
    r.fails(1);
    assert!(r.stderr.contains("no license is set"), "{}", r.stderr);
    sb.run_with_stdin(&["license", "set"], b"  \n").fails(2);
    assert!(sb.store()["components"]["cluster"].get("license").is_none());

    let out = sb.run(&["license", "set", "KEY-1234-ABCD"]);
    out.ok();
    assert_eq!(out.stdout, "License updated\n");
    assert_eq!(sb.store()["components"]["cluster"]["license"], "KEY-1234-ABCD");
    // From stdin (the original's form when VALUE is not given), a YAML document kept whole.
    sb.run_with_stdin(&["license", "set"], b"type: cluster\nkey: KEY-5678\n").ok();
    assert_eq!(sb.config_get(&["cluster", "license"]), "type: cluster\nkey: KEY-5678\n");
    assert!(sb.run(&["info"]).ok().stdout.contains("  license: type: cluster (disabled)\n"));

    sb.run(&["license", "enable", "--dry-run"]).ok();
    assert_eq!(sb.store()["components"]["cluster"].get("license_enabled"), None);
    sb.run(&["license", "enable"]).ok();
    let info = sb.run(&["info", "--json"]).ok().json();
    assert_eq!(info["cluster"]["license_enabled"], true);
    assert_eq!(info["cluster"]["license"], "type: cluster\nkey: KEY-5678");
    assert_eq!(sb.run(&["license", "enable"]).ok().stdout, "License unchanged\n");
    sb.run(&["license", "disable"]).ok();
    assert!(sb.run(&["info"]).ok().stdout.contains("(disabled)"));
    // Recorded in history (the value is not a secret-looking key; it is the license).
    let h = sb.run(&["history"]).ok().stdout.clone();
    assert!(h.contains("kato license enable (succeeded)") && h.contains("kato license disable (succeeded)"), "{h}");
}

#[test]
fn node_version_and_update() {
    let mut sb = Sandbox::new();
    sb.setup_core();
    let v = format!("v{}\n", env!("CARGO_PKG_VERSION"));
    assert_eq!(sb.run(&["node", "version"]).ok().stdout, v);
    assert_eq!(sb.run(&["node", "version", &sb.node_ip.clone()]).ok().stdout, v);
    let r = sb.run(&["node", "version", "10.99.99.99"]);
    r.fails(2);
    assert!(r.stderr.contains("not a known node"), "{}", r.stderr);
    sb.run(&["node", "version", "nonsense"]).fails(2);

    // Nothing moved: nothing to update, nothing changed.
    let tree = sb.tree();
    assert!(sb.run(&["node", "update"]).ok().stdout.contains("nothing to update"));
    assert_eq!(sb.tree().keys().collect::<Vec<_>>(), tree.keys().collect::<Vec<_>>());

    // The core's address changed: registry, mbusip and its identity follow.
    let old = sb.node_ip.clone();
    sb.node_ip = "10.11.12.99".into();
    let dry = sb.run(&["node", "update", "--dry-run"]);
    dry.ok();
    assert!(dry.stdout.contains("dry run"), "{}", dry.stdout);
    assert_eq!(sb.store()["components"]["cluster"]["mbusip"], old.as_str());
    sb.run(&["node", "update"]).ok();
    let doc = sb.store();
    assert_eq!(doc["components"]["cluster"]["mbusip"], "10.11.12.99");
    assert!(doc["components"]["node"].get("10.11.12.99").is_some(), "{doc}");
    assert!(doc["components"]["node"].get(&old).is_none(), "{doc}");
    assert!(sb.run(&["node", "update"]).ok().stdout.contains("nothing to update"));
}
