//! What the original answered that clap alone would not: the 2.x verbs that moved
//! (`kato attach` → `'kato attach' is now 'kato node attach'`), a group given alone
//! (`kato node` prints the group's usage and exits 0), and suggestions that never name a
//! hidden subcommand (`__remote`, `__privileged`).

/// Global options that take a value (their value is not a command word).
const VALUED: &[&str] = &["--root", "--ssh-user", "-i", "--identity", "--password-file"];

/// The command words of `args` (argv without the program), skipping options and the
/// values of the global options that take one.
fn words(args: &[String]) -> Vec<&str> {
    let mut out = Vec::new();
    let mut skip = false;
    for a in args {
        if skip {
            skip = false;
        } else if a == "--" {
            break;
        } else if a.starts_with('-') {
            skip = VALUED.contains(&a.as_str());
        } else {
            out.push(a.as_str());
        }
    }
    out
}

/// The original's answer to a 2.x verb that moved or was retired, if `args` starts with one.
pub fn moved_verb(args: &[String]) -> Option<String> {
    let w = words(args);
    let (first, second) = (*w.first()?, w.get(1).copied());
    let now = |new: &str| Some(format!("'kato {first}' is now 'kato {new}'"));
    match (first, second) {
        ("attach", _) => now("node attach"),
        ("enable", _) => now("role add"),
        ("disable", _) => now("role remove"),
        ("rename", _) => now("node rename"),
        ("tail", _) => now("log tail"),
        ("drain", _) => now("log drain"),
        ("ready", _) => now("process ready"),
        ("import", _) => now("data import"),
        ("export", _) => now("data export"),
        ("users", _) => now("data users"),
        ("ls", _) => now("status --all"),
        ("setup", Some(s @ ("micro" | "core" | "load_balancer" | "firstuser"))) => {
            Some(format!("'kato setup {s}' is now 'kato node setup {s}'"))
        }
        ("setup", Some(s @ ("controller" | "node"))) => {
            Some(format!("'kato setup {s}' has been retired; use 'kato node setup' and 'kato role add'"))
        }
        ("setup", _) => now("node setup"),
        ("admin", _) => Some(
            "'kato admin' has been removed. Use 'kato config push|pop cloud_controller admins <email>' instead."
                .to_string(),
        ),
        ("migrate", _) => Some("'kato migrate' has been integrated into 'kato import' and 'kato export'.".to_string()),
        ("debug", Some("lsdoozer")) => {
            Some("'kato debug lsdoozer' has been removed. Use 'kato config get --flat' instead.".to_string())
        }
        _ => None,
    }
}

/// The help of the group `args` names when it was given without a subcommand (`kato
/// node`, `kato node setup`), or None when `args` does not end at a group.
pub fn group_help(root: &mut clap::Command, args: &[String]) -> Option<String> {
    root.build();
    let mut cmd = root;
    let mut path = vec![cmd.get_name().to_string()];
    for w in words(args) {
        cmd = cmd.find_subcommand_mut(w)?;
        path.push(w.to_string());
    }
    if path.len() < 2 || cmd.get_subcommands().next().is_none() {
        return None;
    }
    let mut cmd = cmd.clone().bin_name(path.join(" "));
    Some(cmd.render_help().to_string())
}

/// Every hidden subcommand name in the tree.
fn hidden(cmd: &clap::Command, out: &mut Vec<String>) {
    for s in cmd.get_subcommands() {
        if s.is_hide_set() {
            out.push(s.get_name().to_string());
        }
        hidden(s, out);
    }
}

/// `tip` unless it suggests a hidden subcommand.
pub fn visible_tip(root: &clap::Command, tip: &str) -> bool {
    let mut names = Vec::new();
    hidden(root, &mut names);
    !names.iter().any(|n| tip.contains(&format!("'{n}'")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn moved() {
        assert_eq!(moved_verb(&v(&["attach", "10.0.0.1"])).unwrap(), "'kato attach' is now 'kato node attach'");
        assert_eq!(
            moved_verb(&v(&["--root", "attach", "-v", "setup", "micro"])).unwrap(),
            "'kato setup micro' is now 'kato node setup micro'"
        );
        assert!(moved_verb(&v(&["node", "attach"])).is_none());
        assert!(moved_verb(&v(&["debug", "redis"])).is_none());
    }
}
