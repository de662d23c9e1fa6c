//! Differences between two versions of the store, as the lines `--dry-run` prints:
//! `+ /path = value`, `- /path`, `~ /path: old -> new`.

use serde_json::{Map, Value};

pub fn changes(before: &Map<String, Value>, after: &Map<String, Value>) -> Vec<String> {
    let mut out = Vec::new();
    walk_maps("", before, after, &mut out);
    out
}

fn walk_maps(prefix: &str, a: &Map<String, Value>, b: &Map<String, Value>, out: &mut Vec<String>) {
    for (k, va) in a {
        let path = format!("{prefix}/{k}");
        match b.get(k) {
            None => out.push(format!("- {path}")),
            Some(vb) => walk(&path, va, vb, out),
        }
    }
    for (k, vb) in b {
        if !a.contains_key(k) {
            out.push(format!("+ {prefix}/{k} = {vb}"));
        }
    }
}

fn walk(path: &str, a: &Value, b: &Value, out: &mut Vec<String>) {
    match (a, b) {
        (Value::Object(ma), Value::Object(mb)) => walk_maps(path, ma, mb, out),
        _ if a == b => {}
        _ => out.push(format!("~ {path}: {a} -> {b}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lists_each_kind_of_change() {
        let a = json!({"c": {"x": 1, "gone": true, "same": [1]}});
        let b = json!({"c": {"x": 2, "same": [1], "new": "v"}, "d": {}});
        let lines = changes(a.as_object().unwrap(), b.as_object().unwrap());
        assert_eq!(lines, vec!["~ /c/x: 1 -> 2", "- /c/gone", "+ /c/new = \"v\"", "+ /d = {}"]);
    }
}
