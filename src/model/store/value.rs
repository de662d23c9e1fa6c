//! Config values as operators type them. Without `-j`/`-y` a value is typed the way the
//! original did: digits are an integer, `digits.digits` a float, true/false a boolean,
//! text that looks like `{…}` or `[…]` and parses as JSON a structure, else a string.

use anyhow::Result;
use serde_json::Value;

/// Largest value accepted from the command line or stdin.
pub const MAX_VALUE_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputSyntax {
    Auto,
    Json,
    Yaml,
}

/// The original's type names, used in warnings and type-mismatch errors.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Number(_) => "numeric",
        Value::String(_) => "string",
        Value::Bool(_) => "boolean",
        Value::Array(_) | Value::Object(_) => "struct",
        Value::Null => "null",
    }
}

fn check_text(raw: &str) -> Result<()> {
    if raw.is_empty() {
        crate::bail_usage!("empty value given (use 'kato config del' to remove a key)");
    }
    if raw.len() > MAX_VALUE_BYTES {
        crate::bail_usage!("value is {} bytes; the limit is {} bytes", raw.len(), MAX_VALUE_BYTES);
    }
    if raw.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r')) {
        crate::bail_usage!("value contains control characters; binary values are not accepted");
    }
    Ok(())
}

/// Check raw bytes (from stdin) and turn them into text.
pub fn text_from_bytes(bytes: Vec<u8>) -> Result<String> {
    if bytes.len() > MAX_VALUE_BYTES {
        crate::bail_usage!("value is {} bytes; the limit is {} bytes", bytes.len(), MAX_VALUE_BYTES);
    }
    String::from_utf8(bytes).map_err(|_| crate::error::usage("value is not UTF-8 text; binary values are not accepted"))
}

/// Parse a value. Returns the value and whether its type was guessed.
pub fn parse(raw: &str, syntax: InputSyntax) -> Result<(Value, bool)> {
    check_text(raw)?;
    match syntax {
        InputSyntax::Json => {
            let v: Value =
                serde_json::from_str(raw).map_err(|e| crate::error::usage(format!("Invalid JSON given: {e}")))?;
            Ok((v, false))
        }
        InputSyntax::Yaml => {
            let v: Value =
                serde_norway::from_str(raw).map_err(|e| crate::error::usage(format!("Invalid YAML given: {e}")))?;
            if v.is_null() {
                crate::bail_usage!("Invalid YAML given: the document is empty");
            }
            Ok((v, false))
        }
        InputSyntax::Auto => Ok((auto_type(raw.trim_end_matches(['\n', '\r'])), true)),
    }
}

fn auto_type(s: &str) -> Value {
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if digits(s) {
        if let Ok(n) = s.parse::<u64>() {
            return Value::from(n);
        }
        return Value::String(s.to_string());
    }
    if let Some((a, b)) = s.split_once('.')
        && digits(a)
        && digits(b)
        && let Ok(f) = s.parse::<f64>()
        && let Some(n) = serde_json::Number::from_f64(f)
    {
        return Value::Number(n);
    }
    if s.eq_ignore_ascii_case("true") {
        return Value::Bool(true);
    }
    if s.eq_ignore_ascii_case("false") {
        return Value::Bool(false);
    }
    let t = s.trim();
    if ((t.starts_with('{') && t.ends_with('}')) || (t.starts_with('[') && t.ends_with(']')))
        && let Ok(v) = serde_json::from_str::<Value>(t)
    {
        return v;
    }
    Value::String(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn auto_typing_follows_the_original() {
        let p = |s| parse(s, InputSyntax::Auto).unwrap().0;
        assert_eq!(p("42"), json!(42));
        assert_eq!(p("4.5"), json!(4.5));
        assert_eq!(p("-3"), json!("-3"));
        assert_eq!(p("TRUE"), json!(true));
        assert_eq!(p("false"), json!(false));
        assert_eq!(p("[1,\"a\"]"), json!([1, "a"]));
        assert_eq!(p("{\"a\":1}"), json!({"a": 1}));
        assert_eq!(p("{not json}"), json!("{not json}"));
        assert_eq!(p("1.2.3"), json!("1.2.3"));
        assert_eq!(p("99999999999999999999999"), json!("99999999999999999999999"));
    }

    #[test]
    fn explicit_syntaxes() {
        assert_eq!(parse("\"5\"", InputSyntax::Json).unwrap().0, json!("5"));
        assert_eq!(parse("a: [1, 2]", InputSyntax::Yaml).unwrap().0, json!({"a": [1, 2]}));
        assert!(parse("{bad", InputSyntax::Json).is_err());
        assert!(parse("", InputSyntax::Auto).is_err());
        assert!(parse("a\u{1}b", InputSyntax::Auto).is_err());
    }
}
