//! Reading the catalog from the built-in defaults and the operator's files under the root.
//! Every malformed file is an error naming the file and what is wrong with it.

use super::{Catalog, ConfigCondition, ProcessSpec, RoleDef, RoleRules};
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
const BUILTIN_PROCESSES: &[(&str, &str)] =
    &[("nginx_load_balancer.yml", include_str!("defaults/processes/nginx_load_balancer.yml"))];

/// Keys of the original's process specs that kato accepts and ignores.
const LEGACY_SPEC_KEYS: &[&str] = &["config_origin", "sets_running_status", "sets_ephemeral", "doozer_ephemeral"];

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
    name: Option<String>,
    roles: Option<Vec<String>>,
    command: Option<String>,
    listen_port: Option<u16>,
    #[serde(default)]
    depends_on_config: Vec<ConfigCondition>,
    #[serde(default)]
    environment: BTreeMap<String, Yaml>,
    directory: Option<String>,
    drain: Option<super::Drain>,
}

fn parse_spec(path: &Path, doc: Yaml) -> Result<ProcessSpec> {
    let src = path.display();
    let Yaml::Mapping(map) = &doc else { bail!("{src}: expected a map with name, roles and command") };
    for key in map.keys() {
        let k = key.as_str().unwrap_or("");
        let known =
            ["name", "roles", "command", "listen_port", "depends_on_config", "environment", "directory", "drain"];
        if !known.contains(&k) && !LEGACY_SPEC_KEYS.contains(&k) {
            bail!("{src}: unknown key '{k}'{}", crate::error::did_you_mean(k, known));
        }
    }
    let raw: RawSpec = serde_norway::from_value(doc.clone()).map_err(|e| anyhow!("{src}: {e}"))?;
    let name = raw.name.ok_or_else(|| anyhow!("{src}: missing 'name'"))?;
    if !valid_process_name(&name) {
        bail!("{src}: invalid process name '{name}'");
    }
    let roles = raw.roles.ok_or_else(|| anyhow!("{src}: missing 'roles'"))?;
    if roles.is_empty() {
        bail!("{src}: 'roles' is empty");
    }
    for r in &roles {
        if !valid_role_name(r) {
            bail!("{src}: invalid role name '{r}'");
        }
    }
    let command = raw.command.ok_or_else(|| anyhow!("{src}: missing 'command'"))?;
    if command.trim().is_empty() || command.contains('\n') {
        bail!("{src}: 'command' must be one non-empty line");
    }
    if shlex::split(&command).is_none_or(|w| w.is_empty()) {
        bail!("{src}: 'command' has unbalanced quotes");
    }
    if raw.listen_port == Some(0) {
        bail!("{src}: 'listen_port' must be 1-65535");
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
    Ok(ProcessSpec {
        drain: raw.drain,
        name,
        roles,
        command,
        listen_port: raw.listen_port,
        depends_on_config: raw.depends_on_config,
        environment,
        directory: raw.directory,
        file: path.to_path_buf(),
    })
}

fn load_processes(root: &Root) -> Result<Vec<ProcessSpec>> {
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
        let doc = read_yaml(&f)?.unwrap_or(Yaml::Null);
        let spec = parse_spec(&f, doc)?;
        if let Some(other) = specs.iter().find(|s| s.name == spec.name) {
            bail!("{}: process '{}' is already defined in {}", f.display(), spec.name, other.file.display());
        }
        specs.push(spec);
    }
    for (file, text) in BUILTIN_PROCESSES {
        let path = Path::new("(built into kato)").join(file);
        let spec = parse_spec(&path, serde_norway::from_str(text)?)?;
        if !specs.iter().any(|s| s.name == spec.name) {
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

    let mut processes = load_processes(root)?;
    // Roles named only by process specs join the role list, in spec file order.
    for p in &processes {
        for r in &p.roles {
            if !roles.iter().any(|d| &d.name == r) {
                roles.push(RoleDef { name: r.clone(), rules: RoleRules::default() });
            }
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
    let order = process_order(root)?;
    // Processes absent from process_order.yml come first, as in the original.
    processes.sort_by_key(|p| order.iter().position(|n| *n == p.name).map_or(0, |i| i + 1));
    Ok(super::Catalog { roles, groups, processes })
}
