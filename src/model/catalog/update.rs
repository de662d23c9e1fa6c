//! Role names as operators type them: roles, groups and `all`, and the update syntax
//! `role`, `role+` (add) and `role-` (remove) used by `node attach -e` and `setup micro`.

use super::Catalog;
use crate::error::did_you_mean;
use anyhow::Result;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Add,
    Remove,
}

/// Which roles `all` means on a node: everything that may be added with `--all`.
pub fn all_roles(catalog: &Catalog, micro_cloud: bool) -> Vec<String> {
    catalog
        .roles
        .iter()
        .filter(|r| !r.rules.mandatory && !r.rules.exclude_from_add_all)
        .filter(|r| micro_cloud || !r.rules.micro_cloud_only)
        .map(|r| r.name.clone())
        .collect()
}

/// Expand one word (role, group or `all`) into role names.
pub fn expand_word(catalog: &Catalog, word: &str, micro_cloud: bool) -> Result<Vec<String>> {
    if word == "all" {
        return Ok(all_roles(catalog, micro_cloud));
    }
    if let Some(members) = catalog.group(word) {
        return Ok(members.to_vec());
    }
    if catalog.is_role(word) {
        return Ok(vec![word.to_string()]);
    }
    crate::bail_usage!("Invalid role given '{word}'{}", did_you_mean(word, catalog.role_words()))
}

/// Expand a list of words into role names sorted in start order, without duplicates.
pub fn expand(catalog: &Catalog, words: &[String], micro_cloud: bool) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for w in words {
        out.extend(expand_word(catalog, w, micro_cloud)?);
    }
    catalog.sort_roles(&mut out);
    Ok(out)
}

/// Parse `dea,router+,mdns-` (or separate words) into changes.
pub fn parse_updates(catalog: &Catalog, items: &[String]) -> Result<Vec<(String, Change)>> {
    let mut out = Vec::new();
    for raw in items.iter().flat_map(|s| s.split(',')) {
        let item = raw.trim();
        let (word, change) = if let Some(w) = item.strip_suffix('+') {
            (w, Change::Add)
        } else if let Some(w) = item.strip_suffix('-') {
            (w, Change::Remove)
        } else {
            (item, Change::Add)
        };
        if word.is_empty() || word.contains(['+', ' ']) {
            crate::bail_usage!("'{item}' is not a valid role update (use ROLE, ROLE+ or ROLE-)");
        }
        if word != "all" && catalog.group(word).is_none() && !catalog.is_role(word) {
            crate::bail_usage!("Invalid role given '{word}'{}", did_you_mean(word, catalog.role_words()));
        }
        out.push((word.to_string(), change));
    }
    Ok(out)
}

/// Apply updates to a starting set of roles; returns the resulting set in start order.
pub fn apply_updates(
    catalog: &Catalog,
    start: &[String],
    updates: &[(String, Change)],
    micro_cloud: bool,
) -> Result<Vec<String>> {
    let mut roles: Vec<String> = start.to_vec();
    for (word, change) in updates {
        let names = expand_word(catalog, word, micro_cloud)?;
        match change {
            Change::Add => roles.extend(names),
            Change::Remove => roles.retain(|r| !names.contains(r)),
        }
    }
    roles.retain(|r| !catalog.is_mandatory(r));
    catalog.sort_roles(&mut roles);
    Ok(roles)
}
