//! Reading the catalog from the built-in defaults and the operator's files under the root.
//! A malformed `role_order.yml` or `role_groups.yml` is an error naming the file. A process
//! spec (or `process_order.yml`) that cannot be used is a [`CatalogProblem`] instead: the
//! other specs load, and that one process is reported, so that one bad file never takes
//! the node down. A spec in the original's format has no `command:`; it is taken from the
//! supervisord program file the original used (`etc/supervisord.conf.d/NAME`).

use super::{Catalog, CatalogProblem, ConfigCondition, ProcessSpec, RoleDef, RoleRules};
use crate::model::root::Root;
use anyhow::{Context, Result, anyhow, bail};
use serde::Deserialize;
use serde_norway::Value as Yaml;
use std::collections::BTreeMap;
use std::path::Path;

const BUILTIN_ROLE_ORDER: &str = include_str!("defaults/role_order.yml");
const BUILTIN_ROLE_GROUPS: &str = include_str!("defaults/role_groups.yml");

/// kato's own processes, built into the binary so that they work on a node where no
/// catalog was installed; an operator's spec of the same name replaces one.
const BUILTIN_PROCESSES: &[(&str, &str)] = &[
    ("nginx_load_balancer.yml", include_str!("defaults/processes/nginx_load_balancer.yml")),
    ("log_shipper.yml", include_str!("defaults/processes/log_shipper.yml")),
];

/// Keys of the original's process specs that kato accepts and ignores.
const LEGACY_SPEC_KEYS: &[&str] = &["sets_running_status", "sets_ephemeral", "doozer_ephemeral"];

pub fn valid_role_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

pub fn valid_process_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.')
        && !name.starts_with('.')
}

fn read_yaml(path: &Path) -> Result<Option<Yaml>> {
    let Some(bytes) = crate::infra::files::read_optional(path)? else {
        return Ok(None);
    };
    let text = std::str::from_utf8(&bytes).map_err(|_| anyhow!("{}: not UTF-8 text", path.display()))?;
    let value: Yaml = serde_norway::from_str(text).map_err(|e| anyhow!("{}: invalid YAML: {e}", path.display()))?;
    Ok(Some(value))
}

fn parse_role_order(doc: Yaml, source: &str) -> Result<Vec<RoleDef>> {
    let map = match doc {
        Yaml::Mapping(m) => m,
        Yaml::Null => bail!("{source}: no roles defined"),
        _ => bail!("{source}: expected a map of role names to rules"),
    };
    let mut roles = Vec::new();
    for (k, v) in map {
        let name = k.as_str().ok_or_else(|| anyhow!("{source}: role names must be strings"))?;
        if !valid_role_name(name) {
            bail!("{source}: invalid role name '{name}' (use lowercase letters, digits, '_' and '-')");
        }
        let rules: RoleRules = if v.is_null() {
            RoleRules::default()
        } else {
            serde_norway::from_value(v).map_err(|e| anyhow!("{source}: role '{name}': {e}"))?
        };
        if let Some(max) = rules.max_per_cluster
            && max < rules.min_per_cluster
        {
            bail!("{source}: role '{name}': max_per_cluster {max} is below min_per_cluster {}", rules.min_per_cluster);
        }
        roles.push(RoleDef { name: name.to_string(), rules });
    }
    if roles.is_empty() {
        bail!("{source}: no roles defined");
    }
    Ok(roles)
}

fn parse_groups(doc: Yaml, source: &str) -> Result<Vec<(String, Vec<String>)>> {
    let map = match doc {
        Yaml::Mapping(m) => m,
        Yaml::Null => return Ok(Vec::new()),
        _ => bail!("{source}: expected a map of group names to role lists"),
    };
    let mut groups = Vec::new();
    for (k, v) in map {
        let name = k.as_str().ok_or_else(|| anyhow!("{source}: group names must be strings"))?;
        if !valid_role_name(name) {
            bail!("{source}: invalid group name '{name}'");
        }
        let members: Vec<String> = serde_norway::from_value(v)
            .map_err(|e| anyhow!("{source}: group '{name}': expected a list of role names ({e})"))?;
        groups.push((name.to_string(), members));
    }
    Ok(groups)
}

#[derive(Deserialize)]
struct RawSpec {
    command: Option<String>,
    listen_port: Option<u16>,
    tls_listen_port: Option<u16>,
    #[serde(default)]
    depends_on_config: Vec<ConfigCondition>,
    #[serde(default)]
    environment: BTreeMap<String, Yaml>,
    directory: Option<String>,
    drain: Option<super::Drain>,
    #[serde(default)]
    proxy_env: Vec<String>,
    config_origin: Option<String>,
    #[serde(default)]
    data: Vec<String>,
}

const SPEC_KEYS: [&str; 12] = [
    "name",
    "roles",
    "command",
    "listen_port",
    "tls_listen_port",
    "depends_on_config",
    "environment",
    "directory",
    "drain",
    "proxy_env",
    "config_origin",
    "data",
];

/// A spec's name and roles, read first so that a spec with a later problem can still be
/// reported as that process of those roles.
fn name_and_roles(src: &str, map: &serde_norway::Mapping) -> (Option<String>, Result<Vec<String>>) {
    let name = map.get("name").and_then(Yaml::as_str).map(str::to_string);
    let roles = match map.get("roles") {
        None => Err(anyhow!("{src}: missing 'roles'")),
        Some(v) => serde_norway::from_value::<Vec<String>>(v.clone()).map_err(|e| anyhow!("{src}: 'roles': {e}")),
    };
    let roles = roles.and_then(|roles| {
        if roles.is_empty() {
            bail!("{src}: 'roles' is empty");
        }
        if let Some(bad) = roles.iter().find(|r| !valid_role_name(r)) {
            bail!("{src}: invalid role name '{bad}'");
        }
        Ok(roles)
    });
    (name, roles)
}

/// Parse one spec file; `root` is where a missing command is looked for (`None` for
/// kato's built-in specs).
fn parse_spec(root: Option<&Root>, path: &Path, doc: Yaml) -> Result<ProcessSpec, CatalogProblem> {
    let src = path.display().to_string();
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let problem = |name: Option<&str>, roles: &[String], e: anyhow::Error| CatalogProblem {
        process: name.unwrap_or(&stem).to_string(),
        roles: roles.to_vec(),
        message: crate::error::one_line(&e),
    };
    let Yaml::Mapping(map) = &doc else {
        return Err(problem(None, &[], anyhow!("{src}: expected a map with name, roles and command")));
    };
    let (name, roles) = name_and_roles(&src, map);
    let roles = roles.map_err(|e| problem(name.as_deref(), &[], e))?;
    let name = name.ok_or_else(|| problem(None, &roles, anyhow!("{src}: missing 'name'")))?;
    if !valid_process_name(&name) {
        return Err(problem(None, &roles, anyhow!("{src}: invalid process name '{name}'")));
    }
    spec_body(root, path, &doc, map, &name, &roles).map_err(|e| problem(Some(&name), &roles, e))
}

fn spec_body(
    root: Option<&Root>,
    path: &Path,
    doc: &Yaml,
    map: &serde_norway::Mapping,
    name: &str,
    roles: &[String],
) -> Result<ProcessSpec> {
    let src = path.display();
    for key in map.keys() {
        let k = key.as_str().unwrap_or("");
        if !SPEC_KEYS.contains(&k) && !LEGACY_SPEC_KEYS.contains(&k) {
            bail!("{src}: unknown key '{k}'{}", crate::error::did_you_mean(k, SPEC_KEYS));
        }
    }
    let raw: RawSpec = serde_norway::from_value(doc.clone()).map_err(|e| anyhow!("{src}: {e}"))?;
    let mut directory = raw.directory;
    let command = match (raw.command, root) {
        (Some(c), _) => c,
        (None, Some(root)) => {
            let program = root.join("etc/supervisord.conf.d").join(name);
            match supervisord_program(&program, name)? {
                Some((command, dir)) => {
                    directory = directory.or(dir);
                    command
                }
                None => bail!(
                    "{src}: no 'command', and no supervisord program [program:{name}] in {} to take it from",
                    program.display()
                ),
            }
        }
        (None, None) => bail!("{src}: missing 'command'"),
    };
    if command.trim().is_empty() || command.contains('\n') {
        bail!("{src}: 'command' must be one non-empty line");
    }
    if shlex::split(&command).is_none_or(|w| w.is_empty()) {
        bail!("{src}: 'command' has unbalanced quotes");
    }
    if raw.listen_port == Some(0) || raw.tls_listen_port == Some(0) {
        bail!("{src}: ports must be 1-65535");
    }
    let mut environment = BTreeMap::new();
    for (k, v) in raw.environment {
        let value = match v {
            Yaml::String(s) => s,
            Yaml::Number(n) => n.to_string(),
            Yaml::Bool(b) => b.to_string(),
            _ => bail!("{src}: environment '{k}' must be a string, number or boolean"),
        };
        if k.is_empty() || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            bail!("{src}: invalid environment variable name '{k}'");
        }
        environment.insert(k, value);
    }
    if let Some(k) =
        raw.proxy_env.iter().find(|k| k.is_empty() || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
    {
        bail!("{src}: invalid proxy_env variable name '{k}'");
    }
    if let Some(d) = &raw.drain {
        const SIGNALS: &[&str] = &["HUP", "INT", "QUIT", "USR1", "USR2", "TERM", "WINCH"];
        match (&d.signal, &d.command) {
            (Some(s), None) if SIGNALS.contains(&s.as_str()) => {}
            (Some(s), None) => bail!("{src}: drain signal '{s}' is not one of {}", SIGNALS.join(", ")),
            (None, Some(c)) if !c.contains('\n') && shlex::split(c).is_some_and(|w| !w.is_empty()) => {}
            (None, Some(_)) => bail!("{src}: drain command must be one line with balanced quotes"),
            _ => bail!("{src}: drain needs exactly one of 'signal' or 'command'"),
        }
        if !(1..=3600).contains(&d.timeout) {
            bail!("{src}: drain timeout must be 1 to 3600 seconds");
        }
    }
    for d in &raw.data {
        let rel = d.strip_prefix("${KATO_ROOT}").unwrap_or("");
        if !rel.starts_with('/') || rel.split('/').any(|c| c == ".." || c == ".") || d.contains('\n') {
            bail!("{src}: data path '{d}' must be an absolute path under ${{KATO_ROOT}} without '..'");
        }
    }
    Ok(ProcessSpec {
        drain: raw.drain,
        data: raw.data,
        name: name.to_string(),
        roles: roles.to_vec(),
        command,
        listen_port: raw.listen_port,
        tls_listen_port: raw.tls_listen_port,
        depends_on_config: raw.depends_on_config,
        environment,
        proxy_env: raw.proxy_env,
        config_origin: raw.config_origin,
        directory,
        file: path.to_path_buf(),
    })
}

/// The `command` (and `directory`) of `[program:NAME]` in a supervisord program file, as
/// the original installed them; `None` when the file or the section or its command is
/// absent. Indented lines continue a value; ` ;` starts a comment; `%%` is `%`. A
/// command with supervisord's `%(…)s` expansions is refused (kato does not expand them).
pub fn supervisord_program(path: &Path, name: &str) -> Result<Option<(String, Option<String>)>> {
    let Some(bytes) = crate::infra::files::read_optional(path)? else {
        return Ok(None);
    };
    let text = String::from_utf8_lossy(&bytes);
    let header = format!("[program:{name}]");
    let mut in_section = false;
    let mut values: Vec<(String, String)> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_section = trimmed == header;
            continue;
        }
        if !in_section || trimmed.is_empty() || trimmed.starts_with([';', '#']) {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = values.last_mut() {
                v.push(' ');
                v.push_str(trimmed);
            }
            continue;
        }
        if let Some((k, v)) = trimmed.split_once(['=', ':']) {
            values.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
        }
    }
    let clean = |v: &str| -> String {
        let cut =
            v.char_indices().find(|&(i, c)| c == ';' && v[..i].ends_with([' ', '\t'])).map_or(v.len(), |(i, _)| i);
        v[..cut].trim().to_string()
    };
    let get = |key: &str| values.iter().find(|(k, _)| k == key).map(|(_, v)| clean(v)).filter(|v| !v.is_empty());
    let Some(command) = get("command") else { return Ok(None) };
    if command.replace("%%", "").contains("%(") {
        bail!(
            "{}: the command of [program:{name}] uses supervisord's %(…)s expansion, which kato does not do; give the spec a 'command:'",
            path.display()
        );
    }
    Ok(Some((command.replace("%%", "%"), get("directory").map(|d| d.replace("%%", "%")))))
}

fn load_processes(root: &Root, problems: &mut Vec<CatalogProblem>) -> Result<Vec<ProcessSpec>> {
    let dir = root.processes_dir();
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => Some(e),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    let mut files: Vec<_> = entries
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yml" || x == "yaml"))
        .collect();
    files.sort();
    let mut specs: Vec<ProcessSpec> = Vec::new();
    for f in files {
        let parsed = match read_yaml(&f) {
            Ok(doc) => parse_spec(Some(root), &f, doc.unwrap_or(Yaml::Null)),
            Err(e) => Err(CatalogProblem {
                process: f.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
                roles: Vec::new(),
                message: crate::error::one_line(&e),
            }),
        };
        match parsed {
            Ok(spec) => match specs.iter().find(|s| s.name == spec.name) {
                Some(other) => problems.push(CatalogProblem {
                    // The process itself runs (from the other file): the issue is this file.
                    process: f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                    roles: Vec::new(),
                    message: format!(
                        "{}: process '{}' is already defined in {}; this file is ignored",
                        f.display(),
                        spec.name,
                        other.file.display()
                    ),
                }),
                None => specs.push(spec),
            },
            Err(problem) => problems.push(problem),
        }
    }
    for (file, text) in BUILTIN_PROCESSES {
        let path = Path::new("(built into kato)").join(file);
        let spec = parse_spec(None, &path, serde_norway::from_str(text)?).map_err(|p| anyhow!(p.message))?;
        let overridden = specs.iter().any(|s| s.name == spec.name) || problems.iter().any(|p| p.process == spec.name);
        if !overridden {
            specs.push(spec);
        }
    }
    Ok(specs)
}

fn process_order(root: &Root) -> Result<Vec<String>> {
    let path = root.etc_kato().join("process_order.yml");
    let Some(doc) = read_yaml(&path)? else {
        return Ok(Vec::new());
    };
    let src = path.display();
    let list = match doc {
        Yaml::Mapping(mut m) => m.remove("processes").unwrap_or(Yaml::Null),
        other => other,
    };
    let Yaml::Sequence(items) = list else { bail!("{src}: expected 'processes:' followed by a list") };
    items
        .into_iter()
        .map(|item| match item {
            Yaml::String(s) => Ok(s),
            Yaml::Mapping(m) => m
                .get("name")
                .and_then(|n| n.as_str())
                .map(str::to_string)
                .ok_or_else(|| anyhow!("{src}: each entry needs a 'name'")),
            _ => bail!("{src}: each entry must be a name or a map with 'name'"),
        })
        .collect()
}

/// Load the catalog for this root.
pub fn load(root: &Root) -> Result<Catalog> {
    let order_path = root.etc_kato().join("role_order.yml");
    let mut roles = match read_yaml(&order_path)? {
        Some(doc) => parse_role_order(doc, &order_path.display().to_string())?,
        None => parse_role_order(serde_norway::from_str(BUILTIN_ROLE_ORDER)?, "built-in role_order.yml")?,
    };

    let mut groups = parse_groups(serde_norway::from_str(BUILTIN_ROLE_GROUPS)?, "built-in role_groups.yml")?;
    let groups_path = root.etc_kato().join("role_groups.yml");
    let groups_src = groups_path.display().to_string();
    if let Some(doc) = read_yaml(&groups_path)? {
        for (name, members) in parse_groups(doc, &groups_src)? {
            match groups.iter_mut().find(|(g, _)| *g == name) {
                Some(slot) => slot.1 = members,
                None => groups.push((name, members)),
            }
        }
    }

    let mut problems = Vec::new();
    let mut processes = load_processes(root, &mut problems)?;
    // Roles named only by process specs join the role list, in spec file order (a spec
    // that cannot run still names its roles).
    let named = processes.iter().map(|p| &p.roles).chain(problems.iter().map(|p| &p.roles));
    for r in named.flatten() {
        // The log shipper's role is kato's own: no operator adds or removes it.
        if !roles.iter().any(|d| &d.name == r) && r != crate::model::drain::SHIPPER {
            roles.push(RoleDef { name: r.clone(), rules: RoleRules::default() });
        }
    }
    for (g, members) in &groups {
        if roles.iter().any(|r| &r.name == g) {
            bail!("{groups_src}: group '{g}' has the same name as a role");
        }
        for m in members {
            if !roles.iter().any(|r| &r.name == m) {
                let hint = crate::error::did_you_mean(m, roles.iter().map(|r| r.name.as_str()));
                bail!("{groups_src}: group '{g}' names unknown role '{m}'{hint}");
            }
        }
    }
    let order = process_order(root).unwrap_or_else(|e| {
        problems.push(CatalogProblem {
            process: "process_order.yml".into(),
            roles: Vec::new(),
            message: format!("{}; processes start in file order", crate::error::one_line(&e)),
        });
        Vec::new()
    });
    // Processes absent from process_order.yml come first, as in the original.
    processes.sort_by_key(|p| order.iter().position(|n| *n == p.name).map_or(0, |i| i + 1));
    Ok(super::Catalog { roles, groups, processes, problems })
}
