//! rsyslog as a node's log shipper: render its configuration (imfile on the process logs,
//! one action per drain with a disk-assisted queue that retries for ever with backoff,
//! impstats for counters) and read back what it reports. Knows no cluster rules: it is
//! handed plain values.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The rsyslogd binary (`KATO_RSYSLOGD` overrides, for tests and odd installs).
pub fn rsyslogd() -> PathBuf {
    std::env::var_os("KATO_RSYSLOGD").map(PathBuf::from).unwrap_or_else(|| "/usr/sbin/rsyslogd".into())
}

/// A piece of an output line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// The process name (the imfile tag).
    Process,
    /// The log line.
    Message,
    UnixTime,
    Rfc3339Time,
    /// The whole record as a JSON object `{text, name, node_id, unix_time, human_time}`.
    Json,
    /// A field of a JSON record (an event), parsed by mmjsonparse.
    Var(String),
    /// An event as a JSON object `{type, process, desc, node_id, unix_time}`.
    EventJson,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Udp { host: String, port: u16 },
    Tcp { host: String, port: u16 },
    File { path: String },
    Redis { host: String, port: u16, key: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Action {
    /// The drain's name (rsyslog's action is `drain_<name>`).
    pub name: String,
    /// Only lines of these processes (`None`: every followed file).
    pub processes: Option<Vec<String>>,
    pub target: Target,
    pub line: Vec<Piece>,
    /// Whether this action takes the history's events (`kato_history` records) instead
    /// of process logs.
    pub events: bool,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub node_id: String,
    /// rsyslog's work directory (imfile state, queue files).
    pub work_dir: PathBuf,
    pub stats_file: PathBuf,
    /// (process, log file) followed.
    pub inputs: Vec<(String, PathBuf)>,
    /// kato's history file (one JSON record per command), followed for event drains.
    pub history: Option<PathBuf>,
    pub actions: Vec<Action>,
    /// Most disk a drain's queue may take while its receiver is away.
    pub queue_max_disk: String,
}

/// The tag of kato's history records in the shipper.
pub const HISTORY_TAG: &str = "kato_history";

/// rsyslog's action name for a drain.
pub fn action_name(drain: &str) -> String {
    format!("drain_{drain}")
}

/// A string constant in rsyslog's config syntax.
fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn pieces_template(name: &str, node: &str, pieces: &[Piece], newline: bool) -> String {
    let mut t = format!("template(name={} type=\"list\") {{\n", quote(name));
    let constant = |t: &mut String, v: &str| {
        let _ = writeln!(t, "  constant(value={})", quote(v));
    };
    for p in pieces {
        match p {
            Piece::Text(s) => constant(&mut t, s),
            Piece::Process => t.push_str("  property(name=\"programname\")\n"),
            Piece::Message => t.push_str("  property(name=\"msg\")\n"),
            Piece::UnixTime => t.push_str("  property(name=\"timegenerated\" dateFormat=\"unixtimestamp\")\n"),
            Piece::Rfc3339Time => t.push_str("  property(name=\"timegenerated\" dateFormat=\"rfc3339\")\n"),
            Piece::Json => {
                constant(&mut t, "{\"text\":\"");
                t.push_str("  property(name=\"msg\" format=\"json\")\n");
                constant(&mut t, "\",\"name\":\"");
                t.push_str("  property(name=\"programname\" format=\"json\")\n");
                constant(&mut t, &format!("\",\"node_id\":\"{node}\",\"unix_time\":"));
                t.push_str("  property(name=\"timegenerated\" dateFormat=\"unixtimestamp\")\n");
                constant(&mut t, ",\"human_time\":\"");
                t.push_str("  property(name=\"timegenerated\" dateFormat=\"rfc3339\")\n");
                constant(&mut t, "\"}");
            }
            Piece::Var(name) => {
                let _ = writeln!(t, "  property(name={})", quote(&format!("$!{name}")));
            }
            Piece::EventJson => {
                constant(&mut t, "{\"type\":\"kato_action\",\"process\":\"kato\",\"desc\":\"");
                t.push_str("  property(name=\"$!command\" format=\"json\")\n");
                constant(&mut t, " (");
                t.push_str("  property(name=\"$!status\" format=\"json\")\n");
                constant(&mut t, &format!(")\",\"node_id\":\"{node}\",\"unix_time\":"));
                t.push_str("  property(name=\"$!unix_time\")\n");
                constant(&mut t, "}");
            }
        }
    }
    if newline {
        constant(&mut t, "\n");
    }
    t.push_str("}\n");
    t
}

fn queue(name: &str, max_disk: &str) -> String {
    // A disk-assisted queue: memory first, spilling to disk (bounded) while the receiver is
    // away, saved on shutdown; the action retries for ever, backing off up to 30 s.
    format!(
        "queue.type=\"LinkedList\" queue.filename={} queue.size=\"50000\" queue.highWatermark=\"40000\" \
         queue.lowWatermark=\"10000\" queue.maxDiskSpace={} queue.saveOnShutdown=\"on\" \
         queue.timeoutEnqueue=\"0\" queue.dequeueBatchSize=\"1024\" \
         action.resumeRetryCount=\"-1\" action.resumeInterval=\"1\" action.resumeIntervalMax=\"30\" \
         action.reportSuspension=\"on\" action.reportSuspensionContinuation=\"on\"",
        quote(&format!("q_{name}")),
        quote(max_disk)
    )
}

/// The whole rsyslog.conf.
pub fn render(cfg: &Config) -> String {
    let mut out = String::from("# Written by kato from the cluster's log drains; kato rewrites it.\n");
    let _ = writeln!(
        out,
        "global(workDirectory={} maxMessageSize=\"64k\" processInternalMessages=\"off\")",
        quote(&cfg.work_dir.display().to_string())
    );
    // One worker on the main queue: lines of one process reach every drain in order.
    out.push_str("main_queue(queue.workerThreads=\"1\" queue.size=\"200000\" queue.dequeueBatchSize=\"1024\")\n");
    out.push_str("module(load=\"imfile\")\n");
    let _ = writeln!(
        out,
        "module(load=\"impstats\" interval=\"2\" format=\"json\" log.syslog=\"off\" resetCounters=\"off\" log.file={})",
        quote(&cfg.stats_file.display().to_string())
    );
    if cfg.actions.iter().any(|a| matches!(a.target, Target::Redis { .. })) {
        out.push_str("module(load=\"omhiredis\")\n");
    }
    let events = cfg.actions.iter().any(|a| a.events);
    if let Some(h) = cfg.history.as_ref().filter(|_| events) {
        out.push_str("module(load=\"mmjsonparse\")\n");
        let _ = writeln!(
            out,
            "input(type=\"imfile\" file={} tag=\"{HISTORY_TAG}:\" ruleset=\"kato_drains\" freshStartTail=\"on\" \
             reopenOnTruncate=\"on\" persistStateInterval=\"1\")",
            quote(&h.display().to_string())
        );
    }
    for (process, path) in &cfg.inputs {
        let _ = writeln!(
            out,
            "input(type=\"imfile\" file={} tag={} ruleset=\"kato_drains\" freshStartTail=\"on\" \
             reopenOnTruncate=\"on\" persistStateInterval=\"10000\")",
            quote(&path.display().to_string()),
            quote(&format!("{process}:"))
        );
    }
    let (mut rules, mut event_rules) = (String::new(), String::new());
    for a in &cfg.actions {
        let tpl = format!("t_{}", a.name);
        let newline = !matches!(a.target, Target::Udp { .. } | Target::Redis { .. });
        out.push_str(&pieces_template(&tpl, &cfg.node_id, &a.line, newline));
        let name = quote(&action_name(&a.name));
        let action = match &a.target {
            Target::Udp { host, port } => format!(
                "action(name={name} type=\"omfwd\" target={} port=\"{port}\" protocol=\"udp\" template={} {})",
                quote(host),
                quote(&tpl),
                queue(&a.name, &cfg.queue_max_disk)
            ),
            Target::Tcp { host, port } => format!(
                "action(name={name} type=\"omfwd\" target={} port=\"{port}\" protocol=\"tcp\" \
                 TCP_Framing=\"traditional\" template={} {})",
                quote(host),
                quote(&tpl),
                queue(&a.name, &cfg.queue_max_disk)
            ),
            Target::File { path } => format!(
                "action(name={name} type=\"omfile\" file={} template={} createDirs=\"on\" {})",
                quote(path),
                quote(&tpl),
                queue(&a.name, &cfg.queue_max_disk)
            ),
            Target::Redis { host, port, key } => format!(
                "action(name={name} type=\"omhiredis\" server={} serverport=\"{port}\" mode=\"queue\" \
                 key={} template={} {})",
                quote(host),
                quote(key),
                quote(&tpl),
                queue(&a.name, &cfg.queue_max_disk)
            ),
        };
        match &a.processes {
            _ if a.events => {
                let _ = writeln!(event_rules, "    {action}");
            }
            None => {
                let _ = writeln!(rules, "  {action}");
            }
            Some(ps) => {
                let cond: Vec<String> = ps.iter().map(|p| format!("$programname == {}", quote(p))).collect();
                let _ = writeln!(rules, "  if ({}) then {{\n    {action}\n  }}", cond.join(" or "));
            }
        }
    }
    let history = if events {
        format!(
            "  if ($programname == \"{HISTORY_TAG}\") then {{\n    action(type=\"mmjsonparse\" cookie=\"\")\n{event_rules}    stop\n  }}\n"
        )
    } else {
        String::new()
    };
    let _ = write!(out, "ruleset(name=\"kato_drains\") {{\n{history}{rules}}}\n");
    out
}

/// The two newest counter records impstats wrote for each name (`drain_x`, `drain_x queue`,
/// `TCP-host-port`, …; oldest first), from the stats file's last `tail` bytes.
pub fn read_stats(path: &Path, tail: u64) -> BTreeMap<String, Vec<serde_json::Value>> {
    let mut out = BTreeMap::new();
    let Ok(text) = read_tail(path, tail) else {
        return out;
    };
    for line in text.lines() {
        let Some(i) = line.find('{') else { continue };
        if let Ok(serde_json::Value::Object(m)) = serde_json::from_str::<serde_json::Value>(&line[i..])
            && let Some(name) = m.get("name").and_then(|n| n.as_str())
        {
            let recs: &mut Vec<serde_json::Value> = out.entry(name.to_string()).or_default();
            recs.push(serde_json::Value::Object(m.clone()));
            if recs.len() > 2 {
                recs.remove(0);
            }
        }
    }
    out
}

/// The last `n` bytes of a file, from a line start.
pub fn read_tail(path: &Path, n: u64) -> std::io::Result<String> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(path)?;
    let len = f.metadata()?.len();
    let start = len.saturating_sub(n);
    f.seek(SeekFrom::Start(start))?;
    let mut buf = Vec::new();
    f.read_to_end(&mut buf)?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    Ok(if start > 0 { text.split_once('\n').map(|(_, r)| r.to_string()).unwrap_or_default() } else { text })
}

/// Check a configuration with `rsyslogd -N1` (its own parser); the error lines if refused.
pub fn validate(conf: &Path) -> Result<(), String> {
    let out = std::process::Command::new(rsyslogd())
        .arg("-N1")
        .arg("-f")
        .arg(conf)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", rsyslogd().display()))?;
    let text = String::from_utf8_lossy(&out.stderr).into_owned() + &String::from_utf8_lossy(&out.stdout);
    let errors: Vec<&str> = text.lines().filter(|l| l.contains("error")).collect();
    match (out.status.success(), errors.is_empty()) {
        (true, true) => Ok(()),
        (_, false) => Err(errors.join("; ")),
        (false, true) => {
            Err(text.lines().filter(|l| !l.contains("End of config validation")).collect::<Vec<_>>().join("; "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(dir: &Path) -> Config {
        let line = vec![Piece::Process, Piece::Text("@10.0.0.1: \"q\" \\ ".into()), Piece::Message];
        let action = |name: &str, target: Target, processes: Option<Vec<String>>, line: Vec<Piece>| Action {
            name: name.into(),
            processes,
            target,
            line,
            events: false,
        };
        Config {
            node_id: "10.0.0.1".into(),
            work_dir: dir.to_path_buf(),
            stats_file: dir.join("stats.json"),
            inputs: vec![("dea".into(), dir.join("dea.log")), ("supervisord".into(), dir.join("s.log"))],
            history: Some(dir.join("history.jsonl")),
            actions: vec![
                action("u", Target::Udp { host: "10.0.0.9".into(), port: 514 }, None, line.clone()),
                action("t.1", Target::Tcp { host: "logs.example.com".into(), port: 5000 }, None, vec![Piece::Json]),
                action(
                    "f",
                    Target::File { path: dir.join("out.log").display().to_string() },
                    Some(vec!["dea".into(), "x.y".into()]),
                    vec![Piece::Rfc3339Time, Piece::Text(" ".into()), Piece::UnixTime, Piece::Message],
                ),
                action("r", Target::Redis { host: "10.0.0.9".into(), port: 6379, key: "k".into() }, None, line),
                Action {
                    name: "e.events".into(),
                    processes: None,
                    target: Target::Tcp { host: "10.0.0.9".into(), port: 5001 },
                    line: vec![Piece::EventJson, Piece::Var("command".into())],
                    events: true,
                },
            ],
            queue_max_disk: "1g".into(),
        }
    }

    #[test]
    fn renders_one_action_per_drain_with_a_retrying_disk_queue() {
        let dir = tempfile::tempdir().unwrap();
        let text = render(&config(dir.path()));
        assert_eq!(text.matches("action(name=\"drain_").count(), 5, "{text}");
        assert_eq!(text.matches("action.resumeRetryCount=\"-1\"").count(), 5);
        assert_eq!(text.matches("queue.saveOnShutdown=\"on\"").count(), 5);
        assert!(text.contains("if ($programname == \"kato_history\") then {\n    action(type=\"mmjsonparse\" cookie=\"\")\n    action(name=\"drain_e.events\""), "{text}");
        assert!(text.contains("if ($programname == \"dea\" or $programname == \"x.y\") then {"), "{text}");
        assert!(text.contains("constant(value=\"@10.0.0.1: \\\"q\\\" \\\\ \")"), "{text}");
        assert!(text.contains("module(load=\"omhiredis\")"));
        assert!(text.contains("tag=\"dea:\""));
        // rsyslog itself accepts it.
        let rsyslogd = rsyslogd();
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        if !rsyslogd.exists() {
            assert!(!ci, "rsyslogd is not installed (apt-get install rsyslog rsyslog-hiredis)");
            eprintln!("SKIP rsyslogd -N1: rsyslogd is not installed");
            return;
        }
        let conf = dir.path().join("rsyslog.conf");
        std::fs::write(&conf, &text).unwrap();
        validate(&conf).unwrap_or_else(|e| panic!("rsyslogd refuses it: {e}\n{text}"));
        std::fs::write(
            &conf,
            text.replace("action(name=\"drain_u\" type=\"omfwd\"", "action(name=\"drain_u\" type=\"nope\""),
        )
        .unwrap();
        assert!(validate(&conf).is_err());
    }
}
