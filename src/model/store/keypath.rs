//! `/`-separated key paths into a component's JSON document (`docker/allowed_subnet_ips`).
//! Empty segments are ignored, so `/` and `` mean the whole document.

use anyhow::Result;
use serde_json::{Map, Value};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyPath(pub Vec<String>);

impl KeyPath {
    pub fn parse(raw: &str) -> Result<KeyPath> {
        if raw.len() > 1024 {
            crate::bail_usage!("key path is longer than 1024 characters");
        }
        let mut segs = Vec::new();
        for seg in raw.split('/').filter(|s| !s.is_empty()) {
            if seg.chars().any(|c| c.is_control() || c.is_whitespace()) {
                crate::bail_usage!(
                    "invalid key path '{}': segments may not contain spaces or control characters",
                    raw.escape_default()
                );
            }
            segs.push(seg.to_string());
        }
        Ok(KeyPath(segs))
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    pub fn display(&self) -> String {
        if self.0.is_empty() { "/".to_string() } else { self.0.join("/") }
    }

    /// The value at this path, if any.
    pub fn get<'a>(&self, doc: &'a Value) -> Option<&'a Value> {
        self.0.iter().try_fold(doc, |v, seg| match v {
            Value::Object(m) => m.get(seg),
            Value::Array(a) => seg.parse::<usize>().ok().and_then(|i| a.get(i)),
            _ => None,
        })
    }

    /// The parent map of the last segment, creating intermediate maps.
    /// Fails when a segment on the way holds a non-map value.
    pub fn parent_mut<'a>(&self, doc: &'a mut Value) -> Result<&'a mut Map<String, Value>> {
        let mut cur = doc;
        let (_, parents) = self.0.split_last().ok_or_else(|| anyhow::anyhow!("the whole document has no parent"))?;
        for (i, seg) in parents.iter().enumerate() {
            if cur.is_null() {
                *cur = Value::Object(Map::new());
            }
            let Value::Object(map) = cur else {
                crate::bail_usage!(
                    "cannot descend into '{}': it holds a {} value, not a map",
                    self.0[..i].join("/"),
                    super::value::type_name(cur)
                );
            };
            cur = map.entry(seg.clone()).or_insert_with(|| Value::Object(Map::new()));
        }
        if cur.is_null() {
            *cur = Value::Object(Map::new());
        }
        match cur {
            Value::Object(map) => Ok(map),
            other => crate::bail_usage!(
                "cannot descend into '{}': it holds a {} value, not a map",
                parents.join("/"),
                super::value::type_name(other)
            ),
        }
    }

    pub fn last(&self) -> Option<&str> {
        self.0.last().map(String::as_str)
    }
}
