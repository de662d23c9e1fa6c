//! `ensure_running` failure reporting, with a fake supervisord named by
//! `KATO_SUPERVISORD`. Kept in its own test binary (one test, so setting the
//! environment variable cannot race with other tests); needs no supervisord.

mod harness;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use harness::sandbox::Sandbox;
use kato::infra::supervisor::{SupervisorError, ensure_running};

fn fake_binary(path: &Path, script: &str) {
    fs::write(path, format!("#!/bin/sh\n{script}\n")).unwrap();
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn start_failures_are_reported_with_the_log_tail() {
    let sb = Sandbox::new();
    let paths = sb.supervisor_paths();
    let fake = sb.path("fake-supervisord");

    // A binary that fails at once: its stderr and exit status are reported.
    let log = paths.main_log();
    fake_binary(
        &fake,
        &format!("echo 'CRIT earlier trouble' >> {}\necho 'Error: boom in config' >&2\nexit 2", log.display()),
    );
    // SAFETY: this test binary has a single test, so no other thread reads
    // the environment concurrently.
    unsafe { std::env::set_var("KATO_SUPERVISORD", &fake) };
    fs::create_dir_all(&paths.logdir).unwrap();
    let t = Instant::now();
    let err = ensure_running(&paths, "n1", Duration::from_secs(5)).unwrap_err();
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
    assert!(matches!(err, SupervisorError::StartFailed { .. }), "{err}");
    let msg = err.to_string();
    assert!(msg.contains("Error: boom in config"), "{msg}");
    assert!(msg.contains("CRIT earlier trouble"), "{msg}");
    assert!(!msg.contains('\n'), "{msg}");

    // A binary that "succeeds" but never opens the socket: bounded by the timeout.
    fake_binary(&fake, "exit 0");
    let t = Instant::now();
    let err = ensure_running(&paths, "n1", Duration::from_millis(600)).unwrap_err();
    let took = t.elapsed();
    assert!(took >= Duration::from_millis(600) && took < Duration::from_secs(2), "{took:?}");
    assert!(matches!(err, SupervisorError::StartTimeout { .. }), "{err}");
    assert!(err.to_string().starts_with("supervisord did not answer within 600ms on "), "{err}");

    // A missing binary.
    unsafe { std::env::set_var("KATO_SUPERVISORD", sb.path("nope")) };
    let err = ensure_running(&paths, "n1", Duration::from_secs(1)).unwrap_err();
    assert!(matches!(err, SupervisorError::StartFailed { .. }), "{err}");
    assert!(err.to_string().contains("cannot run"), "{err}");
}
