//! Log drains: where the cluster's log lines go. A drain is stored in the cluster store the
//! way the original stored it, `logyard drains/<name>` = its full URI with the key
//! prefixes, format and parameters in the query (`udp://host:514/?filter=systail&format=json`).
//! Named formats are the built-in ones below, overridden or extended by
//! `logyard drainformats/<name>`. Everything is checked here, whichever way it arrives.

use crate::model::store::Document;
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;

/// The log shipper: its builtin process, and the role every node has while the cluster
/// has drains.
pub const SHIPPER: &str = "log_shipper";

/// The config component and keys drains live under.
pub const COMPONENT: &str = "logyard";
pub const DRAINS_KEY: &str = "drains";
pub const FORMATS_KEY: &str = "drainformats";

/// The original's default named formats (logyard.yml), for the record kinds kato has.
pub const BUILTIN_FORMATS: &[(&str, &str)] = &[
    ("systail", "{{.name}}@{{.node_id}}: {{.text}}"),
    ("systail-syslog", "<13>1 {{.human_time}} {{.node_id}} {{.name}} - - - {{.text}}"),
    ("event", "{{.type}}@{{.node_id}}: {{.desc}} -- via {{.process}}"),
    ("event-syslog", "<13>1 {{.human_time}} {{.node_id}} {{.process}} - - - {{.desc}}"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    Udp,
    Tcp,
    File,
    Redis,
}

impl Scheme {
    pub fn as_str(self) -> &'static str {
        match self {
            Scheme::Udp => "udp",
            Scheme::Tcp => "tcp",
            Scheme::File => "file",
            Scheme::Redis => "redis",
        }
    }

    /// The parameters a drain of this scheme takes.
    fn params(self) -> &'static [&'static str] {
        match self {
            Scheme::File => &["overwrite"],
            Scheme::Redis => &["key", "limit"],
            Scheme::Udp | Scheme::Tcp => &[],
        }
    }
}

/// A field of a log record a template may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The process (systail) or `kato` (events).
    Name,
    NodeId,
    Text,
    UnixTime,
    HumanTime,
    /// The stream key: `systail.<process>.<node>`, or `event.kato_action`.
    Key,
    /// The record's type: `systail`, or `kato_action` for a kato command (an event).
    Type,
}

const FIELDS: &[(&str, Field)] = &[
    ("name", Field::Name),
    ("process", Field::Name),
    ("node_id", Field::NodeId),
    ("text", Field::Text),
    ("desc", Field::Text),
    ("unix_time", Field::UnixTime),
    ("human_time", Field::HumanTime),
    ("key", Field::Key),
    ("type", Field::Type),
];

/// One piece of a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Part {
    Literal(String),
    Field(Field),
}

/// How a drain writes each record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Format {
    /// The record as one JSON object.
    Json,
    /// `<key> <json>`.
    Raw,
    /// A template (named or inline).
    Template(Vec<Part>),
}

/// A parsed, checked drain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Drain {
    pub name: String,
    pub scheme: Scheme,
    /// udp/tcp/redis host.
    pub host: String,
    pub port: u16,
    /// file:// path.
    pub path: String,
    /// Key prefixes: `systail` or `systail.<process>`.
    pub filters: Vec<String>,
    /// The format as given (a name, `json`, `raw` or an inline template).
    pub format_spec: String,
    pub format: Format,
    pub params: BTreeMap<String, String>,
    /// The URI as stored.
    pub uri: String,
}

impl Drain {
    /// Whether a line of `process` goes to this drain.
    pub fn takes(&self, process: &str) -> bool {
        self.filters.iter().any(|f| f == "systail" || f.strip_prefix("systail.") == Some(process))
    }

    /// Whether the drain takes process logs at all.
    pub fn takes_logs(&self) -> bool {
        self.filters.iter().any(|f| f == "systail" || f.starts_with("systail."))
    }

    /// Whether the drain takes kato's command events (`event`, `event.kato_action`: the
    /// node's history, one record per command that changed something).
    pub fn takes_events(&self) -> bool {
        self.filters.iter().any(|f| f == "event" || f == "event.kato_action")
    }

    /// Where it sends, for the firewall: (protocol, host, port).
    pub fn outbound(&self) -> Option<(&'static str, &str, u16)> {
        match self.scheme {
            Scheme::Udp => Some(("udp", &self.host, self.port)),
            Scheme::Tcp | Scheme::Redis => Some(("tcp", &self.host, self.port)),
            Scheme::File => None,
        }
    }
}

/// A drain name: letters, digits, `_`, `-` and `.`, not starting with `.` or `-`.
pub fn check_name(name: &str) -> Result<()> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && name.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if !ok {
        crate::bail_usage!(
            "invalid drain name '{}' (use letters, digits, '_', '-' and '.', starting with a letter or digit; at most 64)",
            name.escape_default()
        );
    }
    Ok(())
}

fn clean_text(what: &str, s: &str) -> Result<()> {
    if s.chars().any(|c| c.is_control() || matches!(c, '"' | '\\' | '`' | '$' | '&' | '?' | '#' | '\'')) {
        crate::bail_usage!("{what} '{}' holds a character kato does not pass on", s.escape_default());
    }
    Ok(())
}

/// Parse a template: literal text and `{{.field}}`. Field names are matched without case
/// or underscores (`{{.NodeID}}` = `{{.node_id}}`), as the original's docs write both.
pub fn parse_template(t: &str) -> Result<Vec<Part>> {
    let mut parts = Vec::new();
    let mut rest = t;
    while !rest.is_empty() {
        match rest.find("{{") {
            None => {
                if rest.contains("}}") {
                    crate::bail_usage!("template '{}': '}}}}' without '{{{{'", t.escape_default());
                }
                parts.push(Part::Literal(rest.to_string()));
                break;
            }
            Some(i) => {
                if rest[..i].contains("}}") {
                    crate::bail_usage!("template '{}': '}}}}' without '{{{{'", t.escape_default());
                }
                if i > 0 {
                    parts.push(Part::Literal(rest[..i].to_string()));
                }
                let after = &rest[i + 2..];
                let Some(end) = after.find("}}") else {
                    crate::bail_usage!("template '{}': '{{{{' is not closed", t.escape_default());
                };
                let inner = after[..end].trim();
                let Some(name) = inner.strip_prefix('.') else {
                    crate::bail_usage!(
                        "template '{}': '{{{{{inner}}}}}' is not a field like {{{{.text}}}}",
                        t.escape_default()
                    );
                };
                let norm = name.to_ascii_lowercase().replace('_', "");
                let Some((_, f)) = FIELDS.iter().find(|(n, _)| n.replace('_', "") == norm) else {
                    let names: Vec<&str> = FIELDS.iter().map(|(n, _)| *n).collect();
                    crate::bail_usage!(
                        "template '{}': unknown field '{}' (fields: {})",
                        t.escape_default(),
                        name.escape_default(),
                        names.join(", ")
                    );
                };
                parts.push(Part::Field(*f));
                rest = &after[end + 2..];
            }
        }
    }
    if !parts.iter().any(|p| matches!(p, Part::Field(_))) {
        crate::bail_usage!("template '{}' names no field (like {{{{.text}}}})", t.escape_default());
    }
    Ok(parts)
}

/// The named formats: built-in ones, then the cluster's `logyard drainformats`.
pub fn named_formats(doc: &Document) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> =
        BUILTIN_FORMATS.iter().map(|(n, t)| (n.to_string(), t.to_string())).collect();
    if let Some(serde_json::Value::Object(m)) = doc.get(COMPONENT, FORMATS_KEY) {
        for (k, v) in m {
            if let Some(s) = v.as_str() {
                out.insert(k.clone(), s.to_string());
            }
        }
    }
    out
}

fn parse_format(spec: &str, doc: &Document) -> Result<Format> {
    match spec {
        "json" => Ok(Format::Json),
        "raw" => Ok(Format::Raw),
        s if s.contains("{{") => parse_template(s).map(Format::Template),
        s => match named_formats(doc).get(s) {
            Some(t) => parse_template(t).map(Format::Template),
            None => {
                let names = named_formats(doc);
                let mut words: Vec<&str> = names.keys().map(String::as_str).collect();
                words.extend(["json", "raw"]);
                crate::bail_usage!(
                    "unknown format '{}'{} (named formats: {}; or a template like '{{{{.name}}}}: {{{{.text}}}}')",
                    s.escape_default(),
                    crate::error::did_you_mean(s, words.iter().copied()),
                    words.join(", ")
                )
            }
        },
    }
}

fn check_filter(f: &str) -> Result<()> {
    let ok = f == "systail"
        || f == "event"
        || f == "event.kato_action"
        || f.strip_prefix("systail.").is_some_and(crate::model::catalog::load::valid_process_name);
    if !ok {
        crate::bail_usage!(
            "unsupported prefix '{}': kato drains carry process logs ('systail' or 'systail.<process>') \
             and kato's command events ('event' or 'event.kato_action')",
            f.escape_default()
        );
    }
    Ok(())
}

/// Split `scheme://authority/path?query`.
fn split_uri(uri: &str) -> Result<(Scheme, &str, &str, &str)> {
    let Some((scheme, rest)) = uri.split_once("://") else {
        crate::bail_usage!("'{}' is not a URI like udp://HOST:PORT", uri.escape_default());
    };
    let scheme = match scheme {
        "udp" => Scheme::Udp,
        "tcp" => Scheme::Tcp,
        "file" => Scheme::File,
        "redis" => Scheme::Redis,
        other => crate::bail_usage!(
            "unknown drain scheme '{}' (use udp://, tcp://, file:// or redis://)",
            other.escape_default()
        ),
    };
    let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (auth, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    Ok((scheme, auth, path, query))
}

fn host_port(uri: &str, auth: &str, default_port: Option<u16>) -> Result<(String, u16)> {
    let (host, port) = match auth.rsplit_once(':') {
        Some((h, p)) => {
            let Ok(port) = p.parse::<u16>() else {
                crate::bail_usage!("invalid port '{}' in '{}'", p.escape_default(), uri.escape_default());
            };
            if port == 0 {
                crate::bail_usage!("invalid port 0 in '{}'", uri.escape_default());
            }
            (h, port)
        }
        None => match default_port {
            Some(p) => (auth, p),
            None => crate::bail_usage!("'{}' has no port (like udp://HOST:PORT)", uri.escape_default()),
        },
    };
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && host.chars().all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-')
        && !host.starts_with('-');
    if !host_ok {
        crate::bail_usage!("invalid host '{}' in '{}'", host.escape_default(), uri.escape_default());
    }
    Ok((host.to_string(), port))
}

/// What `kato log drain add` was given.
pub struct AddInput<'a> {
    pub name: &'a str,
    pub uri: &'a str,
    pub format: Option<&'a str>,
    pub prefixes: Option<&'a str>,
    pub params: &'a [String],
}

/// Check what `add` was given and build the URI the original stores:
/// `<uri>?filter=<p1>&filter=<p2>&format=<f>&<params>`.
pub fn build(input: &AddInput, doc: &Document) -> Result<Drain> {
    check_name(input.name)?;
    if input.uri.contains('?') {
        crate::bail_usage!("give drain parameters as KEY=VALUE arguments, not in the URI");
    }
    clean_text("URI", input.uri)?;
    let prefixes: Vec<String> = input.prefixes.unwrap_or("systail").split(',').map(str::to_string).collect();
    let format = match (input.format, prefixes.as_slice()) {
        (Some(f), _) => f.to_string(),
        (None, [one]) => one.split('.').next().unwrap_or("systail").to_string(),
        (None, _) => "json".to_string(),
    };
    let mut query: Vec<(String, String)> = prefixes.iter().map(|p| ("filter".to_string(), p.clone())).collect();
    query.push(("format".into(), format));
    for p in input.params {
        let Some((k, v)) = p.split_once('=') else {
            crate::bail_usage!("<param> must be of format \"<key>=<value>\" (got '{}')", p.escape_default());
        };
        query.push((k.to_string(), v.to_string()));
    }
    let q: Vec<String> = query.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
    let uri = format!("{}?{}", input.uri, q.join("&"));
    parse(input.name, &uri, doc)
}

fn encode(v: &str) -> String {
    let mut out = String::new();
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/:@,".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(v: &str) -> Result<String> {
    let bytes = v.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = v.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok());
            let Some(b) = hex else {
                crate::bail_usage!("bad %-escape in '{}'", v.escape_default());
            };
            out.push(b);
            i += 3;
        } else {
            out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| crate::error::usage("a drain parameter is not UTF-8"))
}

/// Parse and check a stored drain.
pub fn parse(name: &str, uri: &str, doc: &Document) -> Result<Drain> {
    check_name(name)?;
    let (scheme, auth, path, query) = split_uri(uri)?;
    let (host, port, path) = match scheme {
        Scheme::Udp | Scheme::Tcp | Scheme::Redis => {
            if !path.is_empty() && path != "/" {
                crate::bail_usage!("'{}': a {} drain takes no path", uri.escape_default(), scheme.as_str());
            }
            let (h, p) = host_port(uri, auth, (scheme == Scheme::Redis).then_some(6379))?;
            (h, p, String::new())
        }
        Scheme::File => {
            if !auth.is_empty() || !path.starts_with('/') || path.split('/').any(|s| s == "..") || path.ends_with('/') {
                crate::bail_usage!("'{}': use file:///ABSOLUTE/PATH (no '..')", uri.escape_default());
            }
            (String::new(), 0, path.to_string())
        }
    };
    clean_text("path", &path)?;
    let (mut filters, mut format, mut params) = (Vec::new(), None, BTreeMap::new());
    for kv in query.split('&').filter(|s| !s.is_empty()) {
        let Some((k, v)) = kv.split_once('=') else {
            crate::bail_usage!("<param> must be of format \"<key>=<value>\" (got '{}')", kv.escape_default());
        };
        let v = decode(v)?;
        match k {
            "filter" => filters.push(v),
            "format" => format = Some(v),
            k if scheme.params().contains(&k) => {
                clean_text(k, &v)?;
                params.insert(k.to_string(), v);
            }
            k => {
                let known = scheme.params();
                crate::bail_usage!(
                    "a {} drain takes no parameter '{}'{}",
                    scheme.as_str(),
                    k.escape_default(),
                    if known.is_empty() { String::new() } else { format!(" (it takes {})", known.join(", ")) }
                );
            }
        }
    }
    if filters.is_empty() {
        filters.push("systail".into());
    }
    for f in &filters {
        check_filter(f)?;
    }
    if let Some(o) = params.get("overwrite")
        && !matches!(o.as_str(), "0" | "1")
    {
        crate::bail_usage!("overwrite must be 0 or 1");
    }
    if let Some(l) = params.get("limit")
        && l.parse::<u32>().map_or(true, |n| n == 0)
    {
        crate::bail_usage!("limit must be a positive number");
    }
    if let Some(k) = params.get("key")
        && (k.is_empty() || k.contains(' '))
    {
        crate::bail_usage!("key must be a non-empty word");
    }
    let format_spec = format.unwrap_or_else(|| "systail".into());
    let format = parse_format(&format_spec, doc)?;
    Ok(Drain {
        name: name.to_string(),
        scheme,
        host,
        port,
        path,
        filters,
        format_spec,
        format,
        params,
        uri: uri.to_string(),
    })
}

/// The drains stored in the cluster document, by name. A stored drain that no longer
/// checks (a format deleted since) is returned as an error for that name.
pub fn stored(doc: &Document) -> Vec<(String, Result<Drain>)> {
    let Some(serde_json::Value::Object(m)) = doc.get(COMPONENT, DRAINS_KEY) else {
        return Vec::new();
    };
    m.iter()
        .map(|(name, v)| {
            let d = match v.as_str() {
                Some(uri) => parse(name, uri, doc),
                None => Err(anyhow::anyhow!("drain '{name}' is not a URI string")),
            };
            (name.clone(), d)
        })
        .collect()
}

/// Whether the cluster has any drain (then every node runs the log shipper).
pub fn any(doc: &Document) -> bool {
    matches!(doc.get(COMPONENT, DRAINS_KEY), Some(serde_json::Value::Object(m)) if !m.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn add(name: &str, uri: &str, f: Option<&str>, p: Option<&str>, params: &[&str]) -> Result<Drain> {
        let params: Vec<String> = params.iter().map(|s| s.to_string()).collect();
        build(&AddInput { name, uri, format: f, prefixes: p, params: &params }, &Document::default())
    }

    #[test]
    fn builds_the_originals_uri() {
        let d = add("splunk", "udp://logs.example.com:1234/", None, None, &[]).unwrap();
        assert_eq!(d.uri, "udp://logs.example.com:1234/?filter=systail&format=systail");
        assert_eq!((d.host.as_str(), d.port), ("logs.example.com", 1234));
        let d = add("x", "tcp://10.0.0.1:5000", None, Some("systail.dea"), &[]).unwrap();
        assert_eq!(d.format_spec, "systail");
        assert!(d.takes("dea") && !d.takes("router"));
        let d = add("f", "file:///s/logs/debug-1.log", Some("json"), None, &["overwrite=1"]).unwrap();
        assert_eq!(d.params.get("overwrite").map(String::as_str), Some("1"));
        let d = add("t", "udp://h:1", Some("{{.Name}}: {{.Text}}"), None, &[]).unwrap();
        assert_eq!(
            d.format,
            Format::Template(vec![Part::Field(Field::Name), Part::Literal(": ".into()), Part::Field(Field::Text)])
        );
        assert_eq!(parse("t", &d.uri, &Document::default()).unwrap(), d);
        let r = add("r", "redis://127.0.0.1", None, None, &["key=logdata", "limit=10"]).unwrap();
        assert_eq!(r.port, 6379);
    }

    #[test]
    fn refuses_bad_input() {
        for (name, uri, f, params) in [
            ("a", "http://h:1", None, vec![]),
            ("a", "udp://h", None, vec![]),
            ("a", "tcp://h:99999", None, vec![]),
            ("a", "udp://h:1", None, vec!["novalue"]),
            ("a", "udp://h:1", Some("{{.text"), vec![]),
            ("a", "udp://h:1", Some("{{.nope}}"), vec![]),
            ("a", "udp://h:1", Some("nosuchformat"), vec![]),
            ("a;rm -rf /", "udp://h:1", None, vec![]),
            ("../x", "udp://h:1", None, vec![]),
            ("a/b", "udp://h:1", None, vec![]),
            ("a", "file://../etc/passwd", None, vec![]),
            ("a", "file:///tmp/../etc/x", None, vec![]),
            ("a", "file:///tmp/a\"b", None, vec![]),
            ("a", "udp://h:1", None, vec!["overwrite=1"]),
            ("a", "udp://h$(x):1", None, vec![]),
        ] {
            let err = add(name, uri, f, None, &params).expect_err(uri);
            assert_eq!(crate::error::exit_code(&err), 2, "{err}");
        }
    }
}
