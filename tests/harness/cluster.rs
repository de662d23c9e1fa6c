//! A fake cluster for end-to-end tests: one OpenSSH sshd per node on its own loopback
//! address (`127.<a>.<b>.<i>:22`), each in its own UTS and mount namespace so that it has
//! its own hostname and `/etc/hosts`, and a `SetEnv` line giving remote commands the
//! node's `KATO_ROOT`, `KATO_NODE_IP` and `KATO_REMOTE_BIN`.
//!
//! Needs root, `/usr/sbin/sshd`, `unshare` and `ssh-keygen`. Without them
//! [`Cluster::try_start`] prints "SKIP …" and returns `None`, unless `CI=true` or
//! `KATO_E2E=1`, where it panics so a missing install step cannot hide behind a green run.
//!
//! [`Cluster::command`] and [`Cluster::run`] run the built `kato` as one of the nodes: the
//! process gets that node's root and address, and SSH settings that reach the others.
//!
//! Teardown (in `Drop`) kills each sshd by its pid, then every pid found in a `*.pid`
//! file under the cluster's directory (daemons started through ssh). Nothing is ever
//! killed by name.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use kato::infra::ssh::SshOptions;
use nix::sys::signal::Signal;
use tempfile::TempDir;

use super::files;
use super::procs;
use super::run::{self, Run};
use super::tools;
use super::wait::{eventually, listening};

const SSHD: &str = "/usr/sbin/sshd";
static SUBNET_COUNTER: AtomicU32 = AtomicU32::new(0);

/// Extra knobs for a cluster.
#[derive(Debug, Clone, Default)]
pub struct ClusterConfig {
    /// Additional `NAME=value` pairs for the `SetEnv` line (values without spaces).
    pub extra_env: Vec<(String, String)>,
    /// Allow password authentication (for tests with a throwaway user).
    pub password_auth: bool,
    /// Run kato as the operator account (`stackato`, group `kato`) on every node, logging
    /// into the nodes as that user, instead of as root.
    pub as_operator: bool,
    /// Give every node its own copy of the kato binary (`usr/bin/kato` under its root), as
    /// on separate machines: replacing one node's kato leaves the others alone.
    pub own_binary: bool,
}

/// One fake node.
#[derive(Debug)]
pub struct Node {
    /// Its loopback address, e.g. `127.41.7.3`.
    pub ip: String,
    /// Its `KATO_ROOT`.
    pub root: PathBuf,
    /// Its hostname inside its UTS namespace (`node1`, `node2`, …).
    pub name: String,
    /// The kato binary this node runs.
    pub bin: PathBuf,
    sshd_dir: PathBuf,
    child: Option<Child>,
}

/// A running set of fake nodes; dropped, it stops them all.
pub struct Cluster {
    pub nodes: Vec<Node>,
    dir: TempDir,
    config: ClusterConfig,
    client_key: PathBuf,
    known_hosts: PathBuf,
    operator: Option<super::operator::Operator>,
}

impl Cluster {
    /// Starts `n` nodes, panicking on failure. Returns `None` (after printing why) only when
    /// the machine lacks sshd/unshare/root and we are not in CI.
    pub fn try_start(n: usize) -> Option<Cluster> {
        Self::try_start_with(n, ClusterConfig::default())
    }

    /// [`Cluster::try_start`] with extra configuration.
    pub fn try_start_with(n: usize, config: ClusterConfig) -> Option<Cluster> {
        let strict = tools::strict() || std::env::var("KATO_E2E").is_ok_and(|v| v == "1");
        let missing = preflight().err();
        if !tools::require_if(strict, "the sshd cluster harness", missing.is_none(), missing.unwrap_or_default()) {
            return None;
        }
        Some(Self::start_with(n, config))
    }

    /// [`Cluster::try_start`], then the example catalog on every node and node 0 set up as
    /// the core of `api.example.test`.
    pub fn try_core(n: usize) -> Option<Cluster> {
        Self::try_core_with(n, ClusterConfig::default(), &[])
    }

    /// [`Cluster::try_core`] with extra configuration and extra `node setup core` arguments.
    pub fn try_core_with(n: usize, config: ClusterConfig, setup_args: &[&str]) -> Option<Cluster> {
        let c = Self::try_start_with(n, config)?;
        c.provision();
        let mut args = vec!["node", "setup", "core", "api.example.test"];
        args.extend_from_slice(setup_args);
        c.run(0, &args).ok();
        Some(c)
    }

    /// Starts `n` nodes or panics (the preflight is not rechecked here).
    pub fn start(n: usize) -> Cluster {
        Self::start_with(n, ClusterConfig::default())
    }

    /// [`Cluster::start`] with extra configuration.
    pub fn start_with(n: usize, config: ClusterConfig) -> Cluster {
        assert!((1..=250).contains(&n), "a cluster has 1..=250 nodes");
        let t0 = Instant::now();
        let dir = tempfile::Builder::new().prefix("kato-cluster-").tempdir().expect("create cluster temp dir");
        let base = dir.path().to_path_buf();
        let (a, b) = pick_subnet();

        let client_dir = base.join("client");
        fs::create_dir_all(&client_dir).expect("mkdir client");
        let client_key = client_dir.join("id_ed25519");
        keygen(&client_key, "");
        fs::copy(client_key.with_extension("pub"), client_dir.join("authorized_keys")).expect("write authorized_keys");

        let names: Vec<(String, String)> = (1..=n).map(|i| (format!("127.{a}.{b}.{i}"), format!("node{i}"))).collect();
        let mut hosts = String::from("127.0.0.1\tlocalhost\n");
        for (ip, name) in &names {
            hosts.push_str(&format!("{ip}\t{name}\n"));
        }

        let operator = config.as_operator.then(super::operator::ensure);
        let mut cluster = Cluster {
            nodes: Vec::with_capacity(n),
            known_hosts: base.join("client/known_hosts"),
            client_key,
            config,
            dir,
            operator,
        };
        let mut known_hosts = String::new();
        for (ip, name) in names {
            let root = base.join(&name);
            let sshd_dir = base.join("sshd").join(&name);
            fs::create_dir_all(root.join("etc")).expect("mkdir node etc");
            fs::create_dir_all(&sshd_dir).expect("mkdir sshd dir");
            fs::write(root.join("etc/hosts"), &hosts).expect("write node etc/hosts");
            let bin = if cluster.config.own_binary {
                let own = root.join("usr/bin/kato");
                fs::create_dir_all(own.parent().unwrap()).expect("mkdir usr/bin");
                fs::copy(super::KATO, &own).expect("copy kato");
                // Without debug information: a node's copy is a few times smaller.
                let _ = Command::new("strip").arg("--strip-debug").arg(&own).status();
                own
            } else {
                PathBuf::from(super::KATO)
            };
            let node = Node { ip, root, name, sshd_dir, child: None, bin };
            keygen(&node.host_key(), "");
            // The node's root holds its host public key where kato looks for it.
            fs::create_dir_all(node.root.join("etc/ssh")).expect("mkdir etc/ssh");
            fs::copy(node.host_key().with_extension("pub"), node.root.join("etc/ssh/ssh_host_ed25519_key.pub"))
                .expect("copy host key");
            known_hosts.push_str(&known_hosts_line(&node));
            cluster.write_sshd_config(&node);
            cluster.nodes.push(node);
        }
        fs::write(&cluster.known_hosts, known_hosts).expect("write known_hosts");
        cluster.hand_over();
        for i in 0..n {
            cluster.spawn_node(i);
        }
        for i in 0..n {
            cluster.wait_listening(i);
        }
        eprintln!("cluster of {n} nodes on 127.{a}.{b}.0/24 up in {:?}", t0.elapsed());
        cluster
    }

    /// As the operator: the client files and every node root belong to the operator (and
    /// the cluster folder lets it in), as the package leaves a real VM.
    fn hand_over(&self) {
        if let Some(op) = &self.operator {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(self.dir.path(), fs::Permissions::from_mode(0o755)).expect("chmod cluster dir");
            op.own_tree(&self.dir.path().join("client"));
            for n in &self.nodes {
                op.own_tree(&n.root);
            }
        }
    }

    /// The operator kato runs as, when not root.
    pub fn operator(&self) -> Option<&super::operator::Operator> {
        self.operator.as_ref()
    }

    /// The cluster's private directory (node roots live in it).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Lets processes that drop root (nginx's workers run as nobody) reach files under
    /// the cluster's directory.
    pub fn open_to_workers(&self) {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(self.dir(), fs::Permissions::from_mode(0o755)).expect("chmod cluster dir");
    }

    /// The client's private key, authorized on every node for root.
    pub fn client_key(&self) -> &Path {
        &self.client_key
    }

    /// known_hosts with every node's current-at-start host key.
    pub fn known_hosts(&self) -> &Path {
        &self.known_hosts
    }

    /// All node addresses, in node order.
    pub fn ips(&self) -> Vec<String> {
        self.nodes.iter().map(|n| n.ip.clone()).collect()
    }

    /// Client options that log in as root with the generated key and trust exactly the
    /// generated known_hosts (new keys would be learned into a separate file).
    pub fn ssh_opts(&self) -> SshOptions {
        SshOptions {
            user: "root".to_string(),
            port: 22,
            identities: vec![self.client_key.clone()],
            password: None,
            use_agent: false,
            known_hosts_read: vec![self.known_hosts.clone()],
            known_hosts_own: self.dir.path().join("client/kato_known_hosts"),
            accept_new_host_key: false,
            interactive: false,
            connect_timeout: Duration::from_secs(5),
            auth_timeout: Duration::from_secs(10),
            command_timeout: Duration::from_secs(60),
        }
    }

    /// Stops node `i`'s sshd (SIGTERM by pid, SIGKILL after 2 s). Open sessions survive.
    pub fn stop_node(&mut self, i: usize) {
        if let Some(mut child) = self.nodes[i].child.take() {
            procs::stop_child(&mut child, Duration::from_secs(2));
        }
    }

    /// Kills node `i`'s sshd together with every session it serves (by pid, through the
    /// process tree), as if the machine went away: open connections die too.
    pub fn crash_node(&mut self, i: usize) {
        let Some(child) = self.nodes[i].child.as_ref() else { return };
        // The listener first, so that no client can open a new connection in between
        // (kato reconnects when a connection drops); then every session it had.
        let sessions = procs::tree(child.id() as i32);
        procs::signal(child.id() as i32, Signal::SIGKILL);
        for pid in sessions.into_iter().skip(1) {
            procs::signal(pid, Signal::SIGKILL);
        }
        self.stop_node(i);
    }

    /// Freezes node `i`'s sshd (SIGSTOP by pid): connections are accepted by the kernel
    /// but never answered, as with a hung machine.
    pub fn pause_node(&self, i: usize) {
        if let Some(child) = &self.nodes[i].child {
            procs::signal(child.id() as i32, Signal::SIGSTOP);
        }
    }

    /// Lets a frozen sshd go on (SIGCONT by pid).
    pub fn resume_node(&self, i: usize) {
        if let Some(child) = &self.nodes[i].child {
            procs::signal(child.id() as i32, Signal::SIGCONT);
        }
    }

    /// (Re)starts node `i`'s sshd and waits until it accepts connections.
    pub fn start_node(&mut self, i: usize) {
        if self.nodes[i].child.is_none() {
            self.spawn_node(i);
            self.wait_listening(i);
        }
    }

    /// Moves node `i` to a new loopback address: its sshd listens there (with the same
    /// host key, which known_hosts does NOT list under the new address) and its sessions
    /// see the new `KATO_NODE_IP`.
    pub fn readdress(&mut self, i: usize, new_ip: &str) {
        self.stop_node(i);
        self.nodes[i].ip = new_ip.to_string();
        self.write_sshd_config(&self.nodes[i]);
        self.start_node(i);
    }

    /// Gives node `i` a new host key (restarting its sshd) without updating known_hosts,
    /// so that clients see a changed key.
    pub fn replace_host_key(&mut self, i: usize) {
        self.stop_node(i);
        let key = self.nodes[i].host_key();
        for f in [key.clone(), key.with_extension("pub")] {
            let _ = fs::remove_file(f);
        }
        keygen(&key, "");
        self.start_node(i);
    }

    /// Stops every sshd and every daemon that left a `*.pid` file in the cluster dir.
    pub fn kill_all(&mut self) {
        for i in 0..self.nodes.len() {
            self.resume_node(i);
            self.stop_node(i);
        }
        let pidfiles = files::walk(self.dir.path(), false)
            .into_iter()
            .filter(|(p, is_dir)| !is_dir && p.extension().is_some_and(|x| x == "pid"));
        for (pidfile, _) in pidfiles {
            if let Some(pid) = procs::read_pidfile(&pidfile) {
                procs::signal(pid, Signal::SIGTERM);
            }
        }
    }

    /// SSH settings every node of the cluster uses to reach the others (also put into each
    /// sshd's SetEnv so that kato run through SSH has them).
    pub fn ssh_env(&self) -> Vec<(String, String)> {
        let client = self.dir.path().join("client");
        vec![
            ("KATO_SSH_USER".into(), self.operator.as_ref().map_or("root".into(), |o| o.name.clone())),
            ("KATO_SSH_IDENTITY".into(), client.join("id_ed25519").display().to_string()),
            ("KATO_KNOWN_HOSTS".into(), client.join("known_hosts").display().to_string()),
            ("KATO_SSH_CONNECT_TIMEOUT".into(), "3".into()),
        ]
    }

    /// A command running kato as node `i`.
    pub fn command(&self, i: usize, args: &[&str]) -> Command {
        let node = &self.nodes[i];
        let mut cmd = super::kato(&node.root, &node.ip, args);
        cmd.envs(self.ssh_env());
        if self.config.own_binary {
            let mut own = Command::new(&node.bin);
            own.args(cmd.get_args());
            for (k, v) in cmd.get_envs() {
                if let Some(v) = v {
                    own.env(k, v);
                }
            }
            // Other nodes run their own copy: the one their sshd's environment names.
            own.env_remove("KATO_REMOTE_BIN").stdin(Stdio::null());
            cmd = own;
        }
        match &self.operator {
            Some(op) => op.wrap(&node.bin, cmd),
            None => cmd,
        }
    }

    /// Runs kato as node `i`, killing it (and failing) if it takes longer than `limit`.
    pub fn run_within(&self, i: usize, args: &[&str], limit: Duration) -> Run {
        run::capture(&mut self.command(i, args), None, limit)
    }

    /// Runs kato as node `i` (within [`run::LIMIT`]).
    pub fn run(&self, i: usize, args: &[&str]) -> Run {
        self.run_within(i, args, run::LIMIT)
    }

    /// Installs the example catalog and a hostname into every node's root.
    pub fn provision(&self) {
        let catalog = super::repo("catalog");
        for n in &self.nodes {
            let etc = n.root.join("etc/kato");
            files::copy_dir(&catalog.join("processes"), &etc.join("processes"));
            fs::copy(catalog.join("process_order.yml"), etc.join("process_order.yml")).unwrap();
            fs::write(n.root.join("etc/hostname"), format!("{}.example.test\n", n.name)).unwrap();
        }
        self.hand_over();
    }

    /// Gives node `i` a stand-in process (a long `sleep`) for each of `roles` that the
    /// example catalog has no process for, so that the node can take them (the
    /// `role-processes` check) and they count as running.
    pub fn stand_ins(&self, i: usize, roles: &[&str]) {
        for role in roles {
            let body = format!("name: {role}_stand_in\nroles: [{role}]\ncommand: /bin/sleep 100000\n");
            files::write_spec(&self.nodes[i].root, &format!("{role}_stand_in"), &body);
        }
    }

    fn write_sshd_config(&self, node: &Node) {
        let mut env = format!(
            "KATO_ROOT={} KATO_NODE_IP={} KATO_REMOTE_BIN={}",
            node.root.display(),
            node.ip,
            node.bin.display()
        );
        // Every node reaches the others as root with the cluster's client key.
        for (k, v) in self.ssh_env() {
            env.push_str(&format!(" {k}={v}"));
        }
        for (k, v) in &self.config.extra_env {
            assert!(!v.contains(char::is_whitespace), "SetEnv value with spaces");
            env.push_str(&format!(" {k}={v}"));
        }
        let password = if self.config.password_auth { "yes" } else { "no" };
        let cfg = format!(
            "ListenAddress {ip}:22\n\
             HostKey {hostkey}\n\
             PidFile none\n\
             AuthorizedKeysFile {auth}\n\
             PermitRootLogin prohibit-password\n\
             PubkeyAuthentication yes\n\
             PasswordAuthentication {password}\n\
             KbdInteractiveAuthentication no\n\
             UsePAM no\n\
             StrictModes no\n\
             MaxStartups 100:30:200\n\
             SetEnv {env}\n",
            ip = node.ip,
            hostkey = node.host_key().display(),
            auth = self.dir.path().join("client/authorized_keys").display(),
        );
        fs::write(node.sshd_config(), cfg).expect("write sshd_config");
    }

    fn spawn_node(&mut self, i: usize) {
        let node = &mut self.nodes[i];
        let log = fs::OpenOptions::new().create(true).append(true).open(node.sshd_log()).expect("open sshd.log");
        // No --fork: unshare and sh exec in place, so the child's pid is sshd's pid.
        let child = Command::new("unshare")
            .args(["--uts", "--mount", "sh", "-c"])
            .arg(
                "mount --bind \"$1/etc/hosts\" /etc/hosts && hostname \"$2\" \
                 && exec /usr/sbin/sshd -D -e -f \"$3\"",
            )
            .arg("sh")
            .arg(&node.root)
            .arg(&node.name)
            .arg(node.sshd_config())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("spawn unshare/sshd");
        node.child = Some(child);
    }

    fn wait_listening(&mut self, i: usize) {
        let node = &mut self.nodes[i];
        let mut exited = None;
        let up = eventually(Duration::from_secs(5), || {
            exited = node.child.as_mut().and_then(|c| c.try_wait().ok().flatten());
            exited.is_some() || listening(&node.ip, 22)
        });
        if !up || exited.is_some() {
            let log = fs::read_to_string(node.sshd_log()).unwrap_or_default();
            panic!("sshd for {} ({}) did not start listening (exit: {exited:?}); log:\n{log}", node.name, node.ip);
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.kill_all();
    }
}

impl Node {
    /// This node's sshd host key (private; `.pub` next to it).
    pub fn host_key(&self) -> PathBuf {
        self.sshd_dir.join("ssh_host_ed25519_key")
    }
    /// This node's sshd_config.
    pub fn sshd_config(&self) -> PathBuf {
        self.sshd_dir.join("sshd_config")
    }
    /// This node's sshd log (stderr of `sshd -D -e`).
    pub fn sshd_log(&self) -> PathBuf {
        self.sshd_dir.join("sshd.log")
    }
    /// Its sshd's pid (it runs in the node's own mount and UTS namespaces).
    pub fn sshd_pid(&self) -> Option<i32> {
        self.child.as_ref().map(|c| c.id() as i32)
    }

    /// Whether its sshd is running (as far as the harness knows).
    pub fn is_running(&self) -> bool {
        self.child.is_some()
    }
}

fn preflight() -> Result<(), String> {
    if !nix::unistd::geteuid().is_root() {
        return Err("the sshd cluster harness needs root (unshare --mount, port 22)".into());
    }
    if !Path::new(SSHD).exists() {
        return Err(format!("{SSHD} is missing (apt-get install openssh-server)"));
    }
    for tool in ["unshare", "ssh-keygen"] {
        if !tools::have(tool) {
            return Err(format!("{tool} is not on PATH"));
        }
    }
    fs::create_dir_all("/run/sshd").map_err(|e| format!("cannot create /run/sshd: {e}"))?;
    Ok(())
}

/// A /24 inside 127.0.0.0/8 (never 127.0.x.x) unique to this process and call, skipping
/// any whose `.1:22` already answers (a leftover or parallel cluster).
fn pick_subnet() -> (u8, u8) {
    const SPACE: u32 = 254 * 256;
    let pid = std::process::id();
    for _ in 0..64 {
        let n = SUBNET_COUNTER.fetch_add(1, Ordering::SeqCst);
        let slot = (pid.wrapping_mul(61).wrapping_add(n.wrapping_mul(7919))) % SPACE;
        let (a, b) = ((1 + slot / 256) as u8, (slot % 256) as u8);
        if !listening(&format!("127.{a}.{b}.1"), 22) {
            return (a, b);
        }
    }
    panic!("no free 127.x.y.0/24 found for the test cluster");
}

/// Makes an ed25519 key pair at `path` (and `path.pub`), encrypted with `passphrase`
/// unless that is empty.
pub fn keygen(path: &Path, passphrase: &str) {
    run::output(
        Command::new("ssh-keygen")
            .args(["-q", "-t", "ed25519", "-N", passphrase, "-C", "kato-test", "-f"])
            .arg(path)
            .stdin(Stdio::null()),
    )
    .ok();
}

fn known_hosts_line(node: &Node) -> String {
    let public = fs::read_to_string(node.host_key().with_extension("pub")).expect("read host .pub");
    let mut fields = public.split_whitespace();
    let (kind, b64) = (fields.next().unwrap_or(""), fields.next().unwrap_or(""));
    format!("{} {kind} {b64}\n", node.ip)
}
