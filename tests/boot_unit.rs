//! The systemd unit in `dist/systemd/kato.service`: its keys, `systemd-analyze verify`
//! (when that tool exists; skipped otherwise, also under CI, since systemd is not a
//! build dependency), and that its ExecStart/ExecStop command lines are accepted by the
//! built binary's argument parser.

mod harness;

use harness::KATO;
use harness::sandbox::Sandbox;
use std::path::Path;
use std::process::Command;

fn unit_text() -> String {
    let path = harness::repo("dist/systemd/kato.service");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `(section, key, value)` for every assignment of the unit.
fn entries(text: &str) -> Vec<(String, String, String)> {
    let mut section = String::new();
    let mut out = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = s.to_string();
            continue;
        }
        let (k, v) = line.split_once('=').unwrap_or_else(|| panic!("not a key=value line: {line:?}"));
        out.push((section.clone(), k.trim().to_string(), v.trim().to_string()));
    }
    out
}

fn value<'a>(e: &'a [(String, String, String)], section: &str, key: &str) -> Vec<&'a str> {
    e.iter().filter(|(s, k, _)| s == section && k == key).map(|(_, _, v)| v.as_str()).collect()
}

#[test]
fn unit_has_the_boot_semantics() {
    let e = entries(&unit_text());
    assert_eq!(value(&e, "Service", "Type"), ["oneshot"]);
    assert_eq!(value(&e, "Service", "RemainAfterExit"), ["yes"]);
    assert_eq!(value(&e, "Service", "Environment"), ["KATO_ROOT=/"]);
    assert_eq!(value(&e, "Service", "ExecStart"), ["/usr/bin/kato start --boot"]);
    assert_eq!(value(&e, "Service", "ExecStop"), ["/usr/bin/kato stop"]);
    assert!(
        value(&e, "Unit", "After").iter().any(|v| v.split_whitespace().any(|u| u == "network-online.target")),
        "After= must name network-online.target"
    );
    assert_eq!(value(&e, "Install", "WantedBy"), ["multi-user.target"]);
}

#[test]
fn systemd_analyze_verify_accepts_the_unit() {
    let Some(tool) = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"].into_iter().find(|p| Path::new(p).exists())
    else {
        eprintln!("SKIP systemd_analyze_verify_accepts_the_unit: systemd-analyze is not installed");
        return;
    };
    // verify checks that ExecStart's program exists: point it at the built binary.
    let dir = tempfile::tempdir().expect("tempdir");
    let unit = dir.path().join("kato.service");
    std::fs::write(&unit, unit_text().replace("/usr/bin/kato", KATO)).expect("write unit");
    let out = Command::new(tool).args(["verify", "--man=no"]).arg(&unit).output().expect("run systemd-analyze");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "systemd-analyze verify failed: {stderr}");
    assert!(!stderr.contains("Unknown") && !stderr.contains("kato.service:"), "systemd-analyze complained: {stderr}");
}

#[test]
fn exec_lines_are_accepted_by_the_binary() {
    let e = entries(&unit_text());
    let sb = Sandbox::new();
    for key in ["ExecStart", "ExecStop"] {
        let line = value(&e, "Service", key)[0];
        let mut words = line.split_whitespace();
        assert_eq!(words.next(), Some("/usr/bin/kato"), "{key}");
        let mut args: Vec<&str> = words.collect();
        args.push("--dry-run");
        let before = sb.tree();
        let run = sb.run(&args);
        run.ok();
        assert!(run.stdout.starts_with("dry run: would "), "{key}: {}", run.stdout);
        assert_eq!(sb.tree(), before, "{key} --dry-run changed the root");
    }
    // The parser is strict: an unknown flag is a usage error, so this test can fail.
    sb.run(&["start", "--bot", "--dry-run"]).fails(2);
}
