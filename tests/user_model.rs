//! Who may run kato: root and members of group `kato` (the operator `stackato`) share a
//! node's state; anyone else is refused by name, with nothing changed; and what needs root
//! goes through `sudo -n kato __privileged JSON`, which accepts its typed changes only.

mod harness;
use harness::operator::{self, Operator};
use harness::run::{self, Run};
use harness::sandbox::Sandbox;
use harness::user::TempUser;
use harness::{KATO, tools};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

/// A core set up by root, in a sandbox other users can reach.
fn core_by_root() -> Option<Sandbox> {
    if !nix::unistd::geteuid().is_root() {
        tools::require("user model tests", false, "they need root (to create users and switch to them)");
        return None;
    }
    let sb = Sandbox::new();
    std::fs::set_permissions(sb.root(), std::fs::Permissions::from_mode(0o755)).unwrap();
    operator::ensure();
    sb.setup_core();
    Some(sb)
}

/// kato run by `uid:gid` (with that user's groups) on the sandbox.
fn run_as(sb: &Sandbox, op: &Operator, args: &[&str]) -> Run {
    run::capture(&mut op.wrap(Path::new(KATO), sb.command(args)), None, run::LIMIT)
}

fn as_user(name: &str) -> Operator {
    let u = nix::unistd::User::from_name(name).unwrap().unwrap();
    Operator { name: u.name, uid: u.uid.as_raw(), gid: u.gid.as_raw(), home: u.dir }
}

#[test]
fn members_use_a_core_that_root_set_up() {
    let Some(sb) = core_by_root() else { return };
    let op = operator::ensure();
    run_as(&sb, &op, &["info"]).ok();
    run_as(&sb, &op, &["config", "set", "dea_ng", "maxmem", "2048"]).ok();
    assert_eq!(sb.config_get(&["dea_ng", "maxmem"]), "2048\n");
    // The member sees what root sees: this sandbox has no catalog, so the core's roles
    // have no processes (MISSING), and nothing else is wrong.
    let st = run_as(&sb, &op, &["status", "--json"]);
    st.ok();
    assert_eq!(st.json()["process_issues"], sb.run(&["status", "--json"]).json()["process_issues"]);
    let states: Vec<String> = st.json()["process_issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| format!("{} {}", i["process_name"].as_str().unwrap(), i["state"].as_str().unwrap()))
        .collect();
    assert_eq!(states, ["primary MISSING", "controller MISSING", "router MISSING"], "{}", st.stdout);
    // The member's change is in the one history, with its mode kept.
    let hist = sb.run(&["history"]);
    assert!(hist.stdout.contains("kato config set dea_ng maxmem 2048 (succeeded)"), "{}", hist.stdout);
    let mode = std::fs::metadata(sb.path("var/log/kato/history.jsonl")).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o660);
    let mode = std::fs::metadata(sb.path("var/lib/kato/store/cluster.json")).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o660);
}

#[test]
fn outsiders_are_refused_by_name_and_change_nothing() {
    let Some(sb) = core_by_root() else { return };
    let Some(user) = TempUser::create() else { return };
    let outsider = as_user(&user.name);
    let before = sb.tree();
    for args in [
        &["info"][..],
        &["status"],
        &["config", "get", "cluster"],
        &["config", "set", "dea_ng", "maxmem", "1"],
        &["role", "add", "dea"],
        &["history"],
        &["process", "list"],
    ] {
        let r = run_as(&sb, &outsider, args);
        r.fails(1);
        let lines: Vec<&str> = r.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "kato {}: {}", args.join(" "), r.stderr);
        assert!(lines[0].starts_with("ERROR: "), "{}", r.stderr);
        assert!(
            lines[0].contains("group 'kato'") && lines[0].contains(&user.name),
            "kato {}: the refusal must name the group and the user: {}",
            args.join(" "),
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
    assert!(sb.tree() == before, "an outsider's command changed files");
}

/// A sudoers drop-in like the package's, for the binary under test; removed on drop.
struct SudoRule(std::path::PathBuf);

impl SudoRule {
    fn install() -> Option<SudoRule> {
        if !tools::require("the privileged entry test", tools::have("sudo") && tools::have("visudo"), "needs sudo") {
            return None;
        }
        let path = std::path::PathBuf::from(format!("/etc/sudoers.d/kato-test-{}", std::process::id()));
        let rule = format!("Defaults!{KATO} env_reset\n%kato ALL=(root) NOPASSWD: {KATO} __privileged *\n");
        std::fs::write(&path, rule).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o440)).unwrap();
        let guard = SudoRule(path);
        let ok = Command::new("visudo").arg("-c").output().is_ok_and(|o| o.status.success());
        assert!(ok, "the test sudoers rule does not validate");
        Some(guard)
    }
}

impl Drop for SudoRule {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// `sudo -n KATO args…` as the operator, inside private mount and UTS namespaces whose
/// /etc is a copy (so a change that gets through touches nothing of this machine).
fn sudo_as_operator(op: &Operator, etc: &Path, args: &[&str]) -> Run {
    let mut cmd = Command::new("unshare");
    cmd.args(["--mount", "--uts", "sh", "-c"])
        .arg(
            "mount --bind \"$1\" /etc && u=$2 g=$3 k=$4 && shift 4 && \
             exec setpriv --reuid=\"$u\" --regid=\"$g\" --init-groups -- sudo -n \"$k\" __privileged \"$@\"",
        )
        .arg("sh")
        .arg(etc)
        .arg(op.uid.to_string())
        .arg(op.gid.to_string())
        .arg(KATO)
        .args(args);
    cmd.env_clear().env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").env("HOME", &op.home);
    run::capture(&mut cmd, None, run::LIMIT)
}

#[test]
fn the_privileged_entry_takes_its_typed_changes_and_nothing_else() {
    if !nix::unistd::geteuid().is_root() || !tools::require("privileged entry", tools::have("unshare"), "needs unshare")
    {
        return;
    }
    let op = operator::ensure();
    // Without sudo, a member cannot make the entry do anything.
    let mut direct = op.wrap(Path::new(KATO), {
        let mut c = Command::new(KATO);
        c.args(["__privileged", r#"{"hostname":{"name":"evil"}}"#]).env("KATO_ROOT", "/");
        c
    });
    let r = run::capture(&mut direct, None, run::LIMIT);
    r.fails(1);
    assert!(r.stderr.contains("runs as root"), "{}", r.stderr);

    let Some(_rule) = SudoRule::install() else { return };
    let etc = tempfile::tempdir().unwrap();
    let copied = Command::new("cp").arg("-a").arg("/etc/.").arg(etc.path()).status().unwrap();
    assert!(copied.success(), "copy /etc");
    let hosts_before = std::fs::read_to_string(etc.path().join("hosts")).unwrap();

    // Refused: bad values for the program that reads them, anything that is not one of
    // the typed changes, shell metacharacters, and any root but the system's.
    for (json, code, says) in [
        (r#"{"hostname":{"name":"a;reboot"}}"#, 2, "not a valid hostname"),
        (r#"{"hosts_endpoint":{"ip":"10.9.9.9","endpoint":"api.x\n10.6.6.6 evil"}}"#, 2, "not a valid endpoint name"),
        (r#"{"hosts_endpoint":{"ip":"10.9.9.9;id","endpoint":"api.x.test"}}"#, 2, "not a change kato makes"),
        (r#"{"write_file":{"path":"/etc/shadow","content":"x"}}"#, 2, "not a change kato makes"),
        (r#"$(touch /tmp/kato-pwned)"#, 2, "not a change kato makes"),
        (
            r#"{"interfaces":{"interface":"eth0; rm -rf /","ip":"10.0.0.5","netmask":"255.255.255.0","gateway":"10.0.0.1","dns":[],"search":[]}}"#,
            2,
            "invalid interface name",
        ),
    ] {
        let r = sudo_as_operator(&op, etc.path(), &[json]);
        r.fails(code);
        assert!(r.stderr.contains(says), "{json}: {}", r.stderr);
    }
    assert!(!Path::new("/tmp/kato-pwned").exists());
    let r = sudo_as_operator(&op, etc.path(), &["--root", "/tmp", r#"{"hostname":{"name":"rooted"}}"#]);
    r.fails(2);
    assert!(r.stderr.contains("acts on the system root / only"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(etc.path().join("hosts")).unwrap(), hosts_before, "a refused change wrote");

    // Accepted: kato's endpoint line, in the (copied) system hosts file.
    let r = sudo_as_operator(&op, etc.path(), &[r#"{"hosts_endpoint":{"ip":"10.9.9.9","endpoint":"api.sudo.test"}}"#]);
    r.ok();
    let hosts = std::fs::read_to_string(etc.path().join("hosts")).unwrap();
    assert!(hosts.contains("10.9.9.9 api.sudo.test # Added by Stackato"), "{hosts}");
    assert!(hosts.starts_with(hosts_before.trim_end_matches('\n')), "the rest of the hosts file changed: {hosts}");
}
