//! The original's include/exclude flags of `kato data export|import`: all accepted; the
//! ones that mean something here (`--exclude-<service>` and `--exclude-<service>-data`
//! leave out the `data:` of that role's processes) are applied, the others reported.

use clap::{Arg, ArgAction, ArgMatches, Args, Command, FromArgMatches};

const ITEMS: &[&str] = &[
    "droplets",
    "packages",
    "resources",
    "license",
    "db-encryption-key",
    "main-db",
    "aok-db",
    "aok-config",
    "stackato-rest-db",
];
const SERVICES: &[&str] =
    &["filesystem", "harbor", "mysql", "postgresql", "mongodb", "memcached", "redis", "rabbit", "rabbit3"];

/// Every flag's name (made once: clap keeps `&'static str` names).
fn flag_names() -> &'static [String] {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    NAMES.get_or_init(names)
}

fn names() -> Vec<String> {
    let mut out = vec!["only-users-orgs".to_string()];
    for x in ITEMS.iter().chain(SERVICES) {
        out.push(x.to_string());
        out.push(format!("exclude-{x}"));
    }
    for s in SERVICES {
        out.push(format!("exclude-{s}-data"));
        out.push(if *s == "filesystem" {
            "exclude-filesystem-user-creation".into()
        } else {
            format!("exclude-{s}-metadata")
        });
    }
    out
}

/// The include/exclude flags given.
#[derive(Debug, Clone, Default)]
pub struct DataFlags {
    pub given: Vec<String>,
}

impl DataFlags {
    /// Roles whose processes' data is left out.
    pub fn excluded_roles(&self) -> Vec<String> {
        SERVICES
            .iter()
            .filter(|s| self.given.iter().any(|g| *g == format!("exclude-{s}") || *g == format!("exclude-{s}-data")))
            .map(|s| s.to_string())
            .collect()
    }

    /// The flags that change nothing here.
    pub fn ignored(&self) -> Vec<String> {
        let used = self.excluded_roles();
        self.given
            .iter()
            .filter(|g| !used.iter().any(|r| **g == format!("exclude-{r}") || **g == format!("exclude-{r}-data")))
            .map(|g| format!("--{g}"))
            .collect()
    }
}

impl FromArgMatches for DataFlags {
    fn from_arg_matches(m: &ArgMatches) -> Result<Self, clap::Error> {
        Ok(DataFlags { given: flag_names().iter().filter(|n| m.get_flag(n)).cloned().collect() })
    }
    fn update_from_arg_matches(&mut self, m: &ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl Args for DataFlags {
    fn augment_args(mut cmd: Command) -> Command {
        for n in flag_names() {
            let n: &'static str = n.as_str();
            let mut arg = Arg::new(n).long(n).action(ArgAction::SetTrue).hide(true);
            if let Some(x) = n.strip_prefix("exclude-").filter(|x| ITEMS.contains(x) || SERVICES.contains(x)) {
                arg = arg.conflicts_with(x);
            }
            cmd = cmd.arg(arg);
        }
        cmd
    }
    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}
