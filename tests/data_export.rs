//! `kato data export|import` on a core running the example catalog's Redis data service:
//! the mode is mandatory (the original's error); the archive is made unattended, mode
//! 0600, with a manifest of sha256s; a truncated, flipped-byte, foreign or crafted
//! (`../`, absolute, symlink) archive is refused with nothing changed; and a core
//! destroyed and set up afresh comes back from the archive with its config, roles and
//! Redis keys.

mod harness;

use harness::procs::stop_pid;
use harness::sandbox::Sandbox;
use harness::tools::tools_present;
use harness::wait::eventually;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

const TOOLS: &[&str] = &["/usr/bin/supervisord", "/usr/bin/redis-server", "/usr/bin/python3"];

fn node_ip() -> String {
    let pid = std::process::id();
    format!("127.{}.{}.{}", 100 + pid % 100, (pid / 100) % 250 + 1, 211)
}

fn core(ip: &str) -> Sandbox {
    let mut sb = Sandbox::new();
    sb.node_ip = ip.into();
    sb.add_catalog();
    sb.env.push(("KATO_START_TIMEOUT".into(), "20".into()));
    sb.run(&["node", "setup", "core", "api.backup.test"]).ok();
    sb
}

/// One Redis command over RESP; the reply's first line (and a bulk string's value).
fn redis(ip: &str, args: &[&str]) -> String {
    let mut s = TcpStream::connect((ip, 5000)).expect("connect to redis_node");
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut req = format!("*{}\r\n", args.len());
    for a in args {
        req.push_str(&format!("${}\r\n{a}\r\n", a.len()));
    }
    s.write_all(req.as_bytes()).unwrap();
    let mut r = BufReader::new(s);
    let mut line = String::new();
    r.read_line(&mut line).unwrap();
    if let Some(n) = line.strip_prefix('$').and_then(|n| n.trim().parse::<usize>().ok()) {
        let mut v = vec![0u8; n + 2];
        r.read_exact(&mut v).unwrap();
        return String::from_utf8_lossy(&v[..n]).into_owned();
    }
    line.trim_end().to_string()
}

/// A gzip tar whose single extra entry has the raw name `name` (and is a symlink to
/// `link` when given), for archives no honest kato would write.
fn crafted(path: &Path, name: &str, link: Option<&str>) {
    let f = std::fs::File::create(path).unwrap();
    let mut b = tar::Builder::new(flate2::write::GzEncoder::new(f, flate2::Compression::fast()));
    let mut h = tar::Header::new_old();
    let bytes = name.as_bytes();
    h.as_old_mut().name[..bytes.len()].copy_from_slice(bytes);
    h.set_mode(0o644);
    match link {
        Some(l) => {
            h.set_entry_type(tar::EntryType::Symlink);
            h.set_link_name(l).unwrap();
            h.set_size(0);
            h.set_cksum();
            b.append(&h, std::io::empty()).unwrap();
        }
        None => {
            h.set_size(3);
            h.set_cksum();
            b.append(&h, &b"bad"[..]).unwrap();
        }
    }
    b.into_inner().unwrap().finish().unwrap();
}

/// What an import must not touch when it refuses.
fn state(sb: &Sandbox) -> Vec<Vec<u8>> {
    ["var/lib/kato/store/cluster.json", "var/lib/kato/node.json", "etc/kato/processes/redis_node.yml"]
        .iter()
        .map(|p| std::fs::read(sb.path(p)).unwrap_or_default())
        .collect()
}

#[test]
fn export_destroy_import_brings_the_core_and_its_redis_data_back() {
    if !tools_present("export_destroy_import_brings_the_core_and_its_redis_data_back", TOOLS) {
        return;
    }
    let ip = node_ip();
    let work = tempfile::tempdir().unwrap();
    let archive = work.path().join("nightly.tgz");
    let sb = core(&ip);
    sb.run(&["role", "add", "redis"]).ok();
    assert!(eventually(Duration::from_secs(10), || TcpStream::connect((ip.as_str(), 5000)).is_ok()));
    for i in 0..50 {
        assert_eq!(redis(&ip, &["SET", &format!("key:{i}"), &format!("value {i}")]), "+OK");
    }
    sb.run(&["config", "set", "cluster", "backup/marker", "kept"]).ok();
    sb.run(&["license", "set", "LIC-42"]).ok();

    // The mode is mandatory, with the original's words; nothing is written.
    let r = sb.run(&["data", "export", archive.to_str().unwrap()]);
    r.fails(2);
    assert_eq!(r.stderr, "ERROR: You must provide either --only-this-node or --cluster.\n");
    sb.run(&["data", "export", "-c", "-o"]).fails(2);
    assert!(!archive.exists());

    // The nightly cron form: no terminal, stdin closed.
    let out = sb.run(&["data", "export", "--cluster", archive.to_str().unwrap()]);
    out.ok();
    assert!(out.stdout.contains("-----> Beginning Stackato export..."), "{}", out.stdout);
    assert!(out.stdout.ends_with(&format!("Your export is available at {}\n", archive.display())), "{}", out.stdout);
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(std::fs::metadata(&archive).unwrap().permissions().mode() & 0o777, 0o600);
    let listing: Vec<String> =
        std::fs::read_dir(work.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(listing, ["nightly.tgz"]);
    // The default name, in the working directory.
    let mut cmd = sb.command(&["data", "export", "--only-this-node"]);
    let def = harness::run::output(cmd.current_dir(work.path()));
    def.ok();
    let named = std::fs::read_dir(work.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().into_string().unwrap())
        .find(|n| n.starts_with("stackato-export-") && n.ends_with(".tgz"));
    assert!(named.is_some(), "{}", def.stdout);

    // The original's include/exclude flags: --exclude-redis-data leaves the Redis data
    // out; one that means nothing here is reported; --X with --exclude-X is refused.
    let lean = work.path().join("lean.tgz");
    let r = sb.run(&["data", "export", "-c", "--exclude-redis-data", "--exclude-droplets", lean.to_str().unwrap()]);
    r.ok();
    assert!(r.stderr.contains("nothing to export or import for --exclude-droplets"), "{}", r.stderr);
    let list = |p: &Path| {
        let o = std::process::Command::new("tar").arg("tzf").arg(p).output().unwrap();
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    assert!(!list(&lean).contains("appendonlydir") && list(&archive).contains("appendonlydir"));
    std::fs::remove_file(&lean).unwrap();
    sb.run(&["data", "export", "-c", "--redis", "--exclude-redis", lean.to_str().unwrap()]).fails(2);

    // Refused archives, nothing changed: truncated, one flipped byte, not kato's, a
    // kato archive of another cluster, and crafted escapes.
    let bytes = std::fs::read(&archive).unwrap();
    let bad = work.path().join("bad.tgz");
    let before = state(&sb);
    let refuse = |what: &str, expect: &str| {
        let r = sb.run(&["data", "import", "--cluster", bad.to_str().unwrap()]);
        r.fails(1);
        assert!(r.stderr.contains("refused, nothing was changed") && r.stderr.contains(expect), "{what}: {}", r.stderr);
        assert_eq!(state(&sb), before, "{what} changed something");
        assert!(
            !sb.path("var/lib/kato").read_dir().unwrap().any(|e| e
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("import-"))
        );
    };
    std::fs::write(&bad, &bytes[..bytes.len() * 2 / 3]).unwrap();
    refuse("truncated", "truncated");
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x01;
    std::fs::write(&bad, &flipped).unwrap();
    refuse("flipped byte", "");
    crafted(&bad, "etc/passwd", None);
    refuse("foreign", "not a kato export");
    crafted(&bad, "kato-export/../../escape", None);
    refuse("dot-dot", "unsafe path");
    crafted(&bad, "/tmp/kato-absolute-escape", None);
    refuse("absolute", "unsafe path");
    crafted(&bad, "kato-export/nodes/x/link", Some("/etc"));
    refuse("symlink", "links and devices are refused");
    assert!(!Path::new("/tmp/kato-absolute-escape").exists());
    let other = core_elsewhere();
    other.run(&["data", "export", "-o", bad.to_str().unwrap()]).ok();
    refuse("another cluster", "the archive is of the cluster api.other.test");

    // Destroy the core, set a fresh one up, import: config, roles, license and keys back.
    let pid = sb.supervisord_pid().expect("supervisord");
    drop(sb);
    stop_pid(pid, Duration::from_secs(15));
    let fresh = core(&ip);
    assert_eq!(fresh.config_get(&["cluster", "backup/marker"]).trim(), "");
    let out = fresh.run(&["data", "import", "--cluster", archive.to_str().unwrap()]);
    out.ok();
    assert!(out.stdout.contains("Import complete"), "{}", out.stdout);
    assert_eq!(fresh.config_get(&["cluster", "backup/marker"]).trim(), "kept");
    assert_eq!(fresh.config_get(&["cluster", "license"]).trim(), "LIC-42");
    assert_eq!(fresh.store()["components"]["node"][&ip]["roles"]["redis"], "START");
    assert!(eventually(Duration::from_secs(10), || TcpStream::connect((ip.as_str(), 5000)).is_ok()));
    for i in [0, 17, 49] {
        assert_eq!(redis(&ip, &["GET", &format!("key:{i}")]), format!("value {i}"));
    }
    assert_eq!(redis(&ip, &["DBSIZE"]), ":50");
    fresh.run(&["status"]).ok();
}

/// A core of another cluster (its own root and address), for a foreign archive.
fn core_elsewhere() -> Sandbox {
    let mut sb = Sandbox::new();
    sb.node_ip = "10.77.0.1".into();
    sb.run(&["node", "setup", "core", "api.other.test"]).ok();
    sb
}
