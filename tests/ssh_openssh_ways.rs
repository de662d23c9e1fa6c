//! SSH the way operators already have it (issue 18), against real sshd nodes of the test
//! harness: RSA-only nodes with the key as a file and in ssh-agent, a `~/.ssh/config` with
//! a Host alias on another port, nodes reachable only through a jump host, and bad
//! configuration files.

mod harness;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use harness::cluster::{Cluster, ClusterConfig};
use harness::procs::Guard;
use harness::run::{self, Run};
use harness::wait::eventually;
use kato::infra::ssh::{self, SshOptions};

/// Runs kato as node `i` with extra environment.
fn run_with(c: &Cluster, i: usize, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = c.command(i, args);
    for (k, v) in env {
        cmd.env(k, v);
    }
    run::capture(&mut cmd, None, run::LIMIT)
}

fn status_is_clean(r: &Run) {
    r.ok();
    let v = r.json();
    assert_eq!(v["down_nodes"], serde_json::json!([]), "{}", r.stdout);
}

/// The bytes of every state file kato keeps on these nodes.
fn state(c: &Cluster, nodes: &[usize]) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for &i in nodes {
        for (p, is_dir) in harness::files::walk(&c.nodes[i].root.join("var/lib/kato"), false) {
            if !is_dir {
                out.push((p.clone(), fs::read(&p).unwrap_or_default()));
            }
        }
        let etc = c.nodes[i].root.join("etc/kato/kato.yml");
        out.push((etc.clone(), fs::read(&etc).unwrap_or_default()));
    }
    out.sort();
    out
}

#[test]
fn rsa_only_nodes_with_a_key_file_and_with_ssh_agent() {
    let Some(c) = Cluster::try_core_with(3, ClusterConfig { rsa_only: true, ..Default::default() }, &[]) else {
        return;
    };
    let core = c.nodes[0].ip.clone();
    assert!(c.client_key().ends_with("id_rsa"));
    let public = fs::read_to_string(c.client_key().with_extension("pub")).expect("read id_rsa.pub");
    assert!(public.starts_with("ssh-rsa "), "{public}");
    // The host keys are RSA too: they are checked like any other.
    let kh = fs::read_to_string(c.known_hosts()).expect("known_hosts");
    assert!(kh.lines().all(|l| l.contains(" ssh-rsa ")), "{kh}");

    // The key as a file (KATO_SSH_IDENTITY names it).
    let attach = c.run(1, &["node", "attach", "-e", "dea", &core]);
    attach.ok();
    let st = run_with(&c, 1, &["status", "--json", "-v"], &[]);
    status_is_clean(&st);
    assert!(st.stderr.contains("with key ") && st.stderr.contains("id_rsa"), "{}", st.stderr);

    // Only the agent holds it: no key file, an empty home.
    let dir = tempfile::tempdir().expect("tempdir");
    let sock = dir.path().join("agent.sock");
    let agent = Command::new("ssh-agent")
        .arg("-D")
        .arg("-a")
        .arg(&sock)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start ssh-agent");
    let _agent = Guard::new(agent, Duration::from_secs(1));
    assert!(eventually(Duration::from_secs(5), || sock.exists()), "ssh-agent made no socket");
    run::output(Command::new("ssh-add").arg("-q").arg(c.client_key()).env("SSH_AUTH_SOCK", &sock)).ok();
    let home = dir.path().join("home");
    fs::create_dir_all(&home).expect("mkdir home");
    let sock_s = sock.display().to_string();
    let home_s = home.display().to_string();
    let agent_only = [("KATO_SSH_IDENTITY", ""), ("SSH_AUTH_SOCK", sock_s.as_str()), ("HOME", home_s.as_str())];
    let attach = run_with(&c, 2, &["node", "attach", "-e", "dea", &core, "-v"], &agent_only);
    attach.ok();
    assert!(attach.stderr.contains("with agent key kato-test"), "{}", attach.stderr);
    let st = run_with(&c, 2, &["status", "--json", "-v"], &agent_only);
    status_is_clean(&st);
    assert!(st.stderr.contains(&format!("{core}: logged in as root with agent key kato-test")), "{}", st.stderr);
    assert!(!st.stderr.contains("with key "), "{}", st.stderr);

    // Without the agent and without the file, the node cannot log in: the agent did it.
    let none = [("KATO_SSH_IDENTITY", ""), ("HOME", home_s.as_str())];
    let st = run_with(&c, 2, &["status", "--json"], &none);
    assert_ne!(st.code, 0, "{}", st.stdout);
    assert!(st.stderr.contains("authentication as root@"), "{}", st.stderr);
}

#[tokio::test]
async fn user_config_with_an_alias_user_port_and_identity_file() {
    let Some(mut c) = Cluster::try_start(1) else {
        return;
    };
    let ip = c.nodes[0].ip.clone();
    // The node's sshd also listens on port 2222 and says which port each connection came to.
    c.stop_node(0);
    let cfg = c.nodes[0].sshd_config();
    let text = fs::read_to_string(&cfg).expect("sshd_config");
    fs::write(&cfg, format!("ListenAddress {ip}:2222\nLogLevel VERBOSE\n{text}")).expect("write sshd_config");
    c.start_node(0);

    let home = tempfile::tempdir().expect("tempdir");
    let dot = home.path().join(".ssh");
    fs::create_dir_all(&dot).expect("mkdir .ssh");
    let key = dot.join("cluster_key");
    fs::copy(c.client_key(), &key).expect("copy key");
    // OpenSSH records a key for another port as [host]:port.
    let kh = dot.join("known_hosts_2222");
    let host_pub = fs::read_to_string(c.nodes[0].host_key().with_extension("pub")).expect("host key");
    let mut f = host_pub.split_whitespace();
    fs::write(&kh, format!("[{ip}]:2222 {} {}\n", f.next().unwrap_or(""), f.next().unwrap_or(""))).expect("write");
    fs::write(
        dot.join("config"),
        format!(
            "# the operator's own config\nHost other\n  User nobody\n\nHost mynode\n  HostName {ip}\n  User root\n  \
             Port 2222\n  IdentityFile ~/.ssh/cluster_key\n  UserKnownHostsFile {kh}\n\nHost *\n  ConnectTimeout 4\n",
            kh = kh.display()
        ),
    )
    .expect("write config");
    let root = c.dir().join("client-root");
    let lookup = |extra: &'static [(&'static str, &'static str)]| {
        move |k: &str| extra.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    };
    let mut opts = SshOptions::from_lookup(&root, Some(home.path()), lookup(&[])).expect("options");
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let sink = seen.clone();
    opts.client.notes = Some(std::sync::Arc::new(move |l: &str| sink.lock().unwrap().push(l.to_string())));
    let t = opts.resolve("mynode");
    assert_eq!((t.host_name.as_str(), t.port, t.user.as_str()), (ip.as_str(), 2222, "root"));
    assert_eq!(t.identities, vec![key.clone()]);
    assert_eq!(t.connect_timeout, Duration::from_secs(4));

    let out = ssh::exec("mynode", &opts, "echo $KATO_NODE_IP", b"").await.expect("exec through the alias");
    assert_eq!(out.stdout_text(), format!("{ip}\n"));
    let log = fs::read_to_string(c.nodes[0].sshd_log()).expect("sshd log");
    assert!(log.contains(&format!("on {ip} port 2222")), "{log}");
    let notes = seen.lock().unwrap().join("\n");
    for want in ["user root (~/.ssh/config)", "port 2222 (~/.ssh/config)", &format!("host name {ip} (~/.ssh/config)")] {
        // (short paths are relative to $HOME, which is not this temporary home)
        let want = want.replace("~/.ssh/config", &dot.join("config").display().to_string());
        assert!(
            notes.contains(&want) || notes.contains(&want.replace(&home.path().display().to_string(), "~")),
            "{want}\n{notes}"
        );
    }
    assert!(notes.contains("logged in as root with key"), "{notes}");

    // kato's own variables win over the file.
    let opts =
        SshOptions::from_lookup(&root, Some(home.path()), lookup(&[("KATO_SSH_PORT", "2223")])).expect("options");
    let e = ssh::exec("mynode", &opts, "true", b"").await.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(e.contains("port 2223") && e.contains("connection refused"), "{e}");
}

/// A cluster of nodes 0..=2 whose addresses the client may not use directly: the
/// configuration sends each through node 3 (the bastion) to a host name that only the
/// bastion can resolve (its own /etc/hosts).
fn bastion_config(c: &Cluster, path: &Path) {
    let names_kh = c.dir().join("client/names_known_hosts");
    let mut kh = String::new();
    let mut cfg = String::from("# nodes behind a bastion\n");
    for n in &c.nodes[..3] {
        let public = fs::read_to_string(n.host_key().with_extension("pub")).expect("host key");
        let mut f = public.split_whitespace();
        kh.push_str(&format!("{} {} {}\n", n.name, f.next().unwrap_or(""), f.next().unwrap_or("")));
        cfg.push_str(&format!("Host {}\n  HostName {}\n", n.ip, n.name));
    }
    let ips: Vec<&str> = c.nodes[..3].iter().map(|n| n.ip.as_str()).collect();
    cfg.push_str(&format!(
        "Match host {}\n  ProxyJump root@{}\n  UserKnownHostsFile {}\n",
        ips.join(","),
        c.nodes[3].ip,
        names_kh.display()
    ));
    fs::write(&names_kh, kh).expect("write names known_hosts");
    fs::write(path, cfg).expect("write ssh config");
}

#[test]
fn nodes_behind_a_jump_host_and_bad_config_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg = dir.path().join("ssh_config");
    let cfg_s = cfg.display().to_string();
    let config = ClusterConfig { extra_env: vec![("KATO_SSH_CONFIG".into(), cfg_s.clone())], ..Default::default() };
    let Some(c) = Cluster::try_start_with(4, config) else {
        return;
    };
    // Written before the nodes need it (it names their host keys).
    bastion_config(&c, &cfg);
    assert!(Command::new("getent").args(["hosts", &c.nodes[1].name]).status().is_ok_and(|s| !s.success()));
    c.provision();
    let env = [("KATO_SSH_CONFIG", cfg_s.as_str())];
    run_with(&c, 0, &["node", "setup", "core", "api.example.test"], &env).ok();
    let core = c.nodes[0].ip.clone();
    run_with(&c, 1, &["node", "attach", "-e", "dea", &core], &env).ok();
    let attach = run_with(&c, 2, &["node", "attach", "-e", "router", &core, "-v"], &env);
    attach.ok();
    assert!(
        attach.stderr.contains(&format!("{core}: user root (KATO_SSH_USER), host name node1 ("))
            && attach.stderr.contains(&format!("via ProxyJump root@{}", c.nodes[3].ip)),
        "{}",
        attach.stderr
    );
    for from in [0, 2] {
        let st = run_with(&c, from, &["status", "--json"], &env);
        status_is_clean(&st);
        let v = st.json();
        assert_eq!(v["roles_stats"]["base"]["node_ids"].as_array().map(Vec::len), Some(3), "{}", st.stdout);
        assert_eq!(v["process_issues"], serde_json::json!([]), "{}", st.stdout);
    }
    // Without the configuration the names cannot be reached: the jump host did it.
    let direct = dir.path().join("direct_config");
    fs::write(&direct, format!("Host {core}\n  HostName {}\n", c.nodes[0].name)).expect("write");
    let st = run_with(&c, 1, &["status", "--json"], &[("KATO_SSH_CONFIG", &direct.display().to_string())]);
    assert_ne!(st.code, 0, "{}", st.stdout);

    // Bad configuration files: one clear error, nothing changed.
    let before = state(&c, &[0, 1, 2]);
    let bad = dir.path().join("bad_config");
    let bad_s = bad.display().to_string();
    for (text, want) in [
        ("Host *\n  Compresion yes\n".to_string(), format!("ssh config {bad_s} line 2: unknown keyword 'Compresion'")),
        ("Host *\n  ProxyCommand \"nc %h %p\n".to_string(), format!("ssh config {bad_s} line 2: unterminated quote")),
        (
            format!("Host {core}\n  ProxyCommand sh -c 'echo bastion says no >&2; exit 3'\n"),
            "exited with status 3: bastion says no".to_string(),
        ),
    ] {
        fs::write(&bad, &text).expect("write bad config");
        for args in [&["node", "detach", "--yes"][..], &["status"][..]] {
            let r = run_with(&c, 1, args, &[("KATO_SSH_CONFIG", &bad_s)]);
            assert_ne!(r.code, 0, "{text}\n{}", r.stdout);
            assert!(r.stderr.contains(&want), "{text}\n{}", r.stderr);
            // (status, with the core away, works from the node's copy and says why instead)
            let errors = r.stderr.lines().filter(|l| l.starts_with("ERROR")).count();
            assert!(errors == 1 || (args[0] == "status" && errors == 0), "{}", r.stderr);
        }
    }
    assert!(state(&c, &[0, 1, 2]) == before, "a refused command changed state");

    // A changed host key on the jump host is refused.
    let mut c = c;
    c.replace_host_key(3);
    let st = run_with(&c, 1, &["status", "--json"], &env);
    assert_ne!(st.code, 0, "{}", st.stdout);
    assert!(st.stderr.contains(&format!("host key for {} has CHANGED", c.nodes[3].ip)), "{}", st.stderr);
    assert!(state(&c, &[0, 1, 2]) == before, "a refused command changed state");
}
