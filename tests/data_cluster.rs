//! `kato data export --cluster` of a 3-node cluster (gathered from every node over SSH,
//! in parallel) whose Redis data service (on node 2) holds keys; every node's root
//! destroyed; a fresh core set up and the archive imported there, then on each fresh node
//! (which rejoins as the node it was): status clean, config and roles as before, the
//! Redis keys back. With one node down the export fails and leaves no file. And the
//! cluster's one history, seen from an attached node.

mod harness;

use harness::cluster::Cluster;
use harness::procs::{read_pidfile, stop_pid};
use harness::wait::eventually;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Duration;

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
    if line.starts_with('$') {
        let mut v = String::new();
        r.read_line(&mut v).unwrap();
        return v.trim_end().to_string();
    }
    line.trim_end().to_string()
}

/// Every node's supervisord stopped (by its pidfile's pid) and its root emptied but for
/// what the machine itself has (hosts, hostname, SSH host key).
fn destroy(c: &Cluster) {
    for n in &c.nodes {
        if let Some(pid) = read_pidfile(&n.root.join("run/kato/supervisord.pid")) {
            stop_pid(pid, Duration::from_secs(15));
        }
        for e in std::fs::read_dir(&n.root).unwrap() {
            let p = e.unwrap().path();
            if p.file_name().is_some_and(|f| f != "etc") {
                std::fs::remove_dir_all(&p).or_else(|_| std::fs::remove_file(&p)).unwrap();
            }
        }
        let _ = std::fs::remove_dir_all(n.root.join("etc/kato"));
    }
    c.provision();
}

#[test]
fn cluster_export_destroy_import_round_trip() {
    let Some(mut c) = Cluster::try_core(3) else { return };
    let core = c.nodes[0].ip.clone();
    let (redis_ip, dea_ip) = (c.nodes[1].ip.clone(), c.nodes[2].ip.clone());
    c.run(1, &["node", "attach", "-e", "redis", &core]).ok();
    c.run(2, &["node", "attach", "-e", "dea", &core]).ok();
    assert!(eventually(Duration::from_secs(15), || TcpStream::connect((redis_ip.as_str(), 5000)).is_ok()));
    for i in 0..20 {
        assert_eq!(redis(&redis_ip, &["SET", &format!("k{i}"), &format!("v{i}")]), "+OK");
    }
    c.run(0, &["config", "set", "cluster", "backup/marker", "kept"]).ok();
    let roles_before = c.run(0, &["node", "list"]).ok().stdout.clone();

    // One history for the cluster: a node shows the core's commands with its own, in
    // time order; -n keeps one node's.
    let h = c.run(2, &["history"]).ok().stdout.clone();
    let attach = h.find(&format!("on {dea_ip} => kato node attach -e dea {core} (succeeded)"));
    let marker = h.find(&format!("on {core} => kato config set cluster backup/marker kept (succeeded)"));
    assert!(attach.is_some() && marker.is_some() && attach < marker, "{h}");
    let only_core = c.run(2, &["history", "-n", &core]).ok().stdout.clone();
    assert!(
        only_core.lines().count() >= 2 && only_core.lines().all(|l| l.contains(&format!("on {core} =>"))),
        "{only_core}"
    );
    let local = c.run(2, &["history", "--local"]).ok().stdout.clone();
    assert!(!local.contains("backup/marker"), "{local}");
    let from_core = c.run(0, &["history", "-n", &redis_ip]).ok().stdout.clone();
    assert!(from_core.contains(&format!("on {redis_ip} => kato node attach -e redis {core}")), "{from_core}");

    let work = tempfile::tempdir().unwrap();
    let archive = work.path().join("cluster.tgz");
    let out = c.run(0, &["data", "export", "--cluster", archive.to_str().unwrap()]);
    out.ok();
    for ip in [&redis_ip, &dea_ip] {
        assert!(out.stdout.contains(&format!("from {ip}")), "{}", out.stdout);
        assert!(out.stdout.contains(&format!("Reading remote export of {ip}...")), "{}", out.stdout);
    }
    let listing = std::process::Command::new("tar").arg("tzf").arg(&archive).output().unwrap();
    let listing = String::from_utf8_lossy(&listing.stdout);
    assert!(
        listing.contains(&format!("kato-export/nodes/{redis_ip}/var/lib/kato/data/redis_node/appendonlydir/")),
        "{listing}"
    );
    assert!(listing.contains(&format!("kato-export/nodes/{dea_ip}/var/lib/kato/node.json")), "{listing}");

    // A node down: the export fails naming it, and no file is left; a report is made
    // without it, lists it, and holds no secret.
    c.run(0, &["config", "set", "aok", "strategy/ldap/password", "S3cr3tPW"]).ok();
    c.run(0, &["config", "set", "cluster", "backup/url", "redis://user:Pw9Xyz@db.example:6379/0"]).ok();
    c.stop_node(2);
    let bundle = work.path().join("support.tgz");
    let rep = c.run(0, &["report", "--cluster", "-o", bundle.to_str().unwrap()]);
    rep.ok();
    assert!(rep.stderr.contains(&format!("no report from {dea_ip}")), "{}", rep.stderr);
    assert!(rep.stdout.ends_with(&format!("Report is available at {}\n", bundle.display())), "{}", rep.stdout);
    let unpacked = work.path().join("support");
    std::fs::create_dir(&unpacked).unwrap();
    let x = std::process::Command::new("tar").arg("xzf").arg(&bundle).arg("-C").arg(&unpacked).status().unwrap();
    assert!(x.success());
    let r = unpacked.join("kato-report");
    assert!(std::fs::read_to_string(r.join("down-nodes.txt")).unwrap().starts_with(&format!("{dea_ip}: ")));
    for f in ["info.json", "processes.txt", "system.txt", "history.jsonl", "logs/redis_node.log"] {
        assert!(r.join(format!("nodes/{redis_ip}/{f}")).exists(), "{f}");
    }
    assert!(std::fs::read_to_string(r.join("cluster/config.json")).unwrap().contains("db.example:6379"));
    let grep = std::process::Command::new("grep")
        .args(["-r", "-l", "-e", "S3cr3tPW", "-e", "Pw9Xyz"])
        .arg(&unpacked)
        .output()
        .unwrap();
    assert!(grep.stdout.is_empty(), "secrets in {}", String::from_utf8_lossy(&grep.stdout));
    std::fs::remove_dir_all(&unpacked).unwrap();
    std::fs::remove_file(&bundle).unwrap();

    let broken = work.path().join("broken.tgz");
    let r = c.run(0, &["data", "export", "--cluster", broken.to_str().unwrap()]);
    r.fails(1);
    assert!(r.stderr.contains(&dea_ip), "{}", r.stderr);
    assert_eq!(std::fs::read_dir(work.path()).unwrap().count(), 1);
    c.start_node(2);

    destroy(&c);
    c.run(0, &["node", "setup", "core", "api.example.test"]).ok();
    let out = c.run(0, &["data", "import", "--cluster", archive.to_str().unwrap()]);
    out.ok();
    assert!(out.stderr.contains(&format!("the files of {redis_ip} are in the archive")), "{}", out.stderr);
    for i in [1, 2] {
        c.run(i, &["data", "import", "--only-this-node", archive.to_str().unwrap()]).ok();
    }
    assert_eq!(c.run(0, &["config", "get", "cluster", "backup/marker"]).ok().stdout.trim(), "kept");
    assert_eq!(c.run(0, &["node", "list"]).ok().stdout, roles_before);
    assert!(eventually(Duration::from_secs(15), || TcpStream::connect((redis_ip.as_str(), 5000)).is_ok()));
    assert_eq!(redis(&redis_ip, &["GET", "k7"]), "v7");
    assert_eq!(redis(&redis_ip, &["DBSIZE"]), ":20");
    c.run(0, &["status"]).ok();

    // `node update` on an attached node whose address changed: the core's registry
    // follows, and the node reports its version from there.
    let subnet = dea_ip.rsplit_once('.').unwrap().0.to_string();
    let moved = format!("{subnet}.9");
    c.readdress(2, &moved);
    let up = c.run(2, &["node", "update"]);
    up.ok();
    assert!(up.stdout.contains(&format!("Updating IP references from {dea_ip} to {moved}")), "{}", up.stdout);
    let list = c.run(0, &["node", "list"]).ok().stdout.clone();
    assert!(list.contains(&moved) && !list.contains(&format!("{dea_ip} ")), "{list}");
    assert!(c.run(2, &["node", "update"]).ok().stdout.contains("nothing to update"));
    let v = c.run(0, &["--accept-new-host-key", "node", "version", &moved]);
    v.ok();
    assert_eq!(v.stdout.trim(), format!("v{}", env!("CARGO_PKG_VERSION")));
}
