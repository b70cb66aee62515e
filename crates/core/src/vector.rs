//! Test-vector files (SPEC §11): one scenario per file, a few `key: value`
//! header lines, an empty line, then the body.
//!
//! ```text
//! potdraw test vector v1
//! kind: transcript
//! expect: failed seed-commitment
//! description: the revealed seed has one bit flipped
//!
//! { …the transcript… }
//! ```
//!
//! `expect:` takes a value from a closed set, so a harness in any language
//! knows exactly what to assert.

/// The first line of every vector file.
pub const MAGIC: &str = "potdraw test vector v1";

/// What a vector expects (the closed set of SPEC §11).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Kernel vector: recomputing the outputs from the inputs gives the outputs.
    Match,
    /// Transcript vector: every check passes.
    Verified,
    /// Transcript vector: the named check is the first to fail.
    Failed(String),
    /// The document cannot be read (syntax, format version, field form).
    Unusable,
    /// drand beacon vector (SPEC §13.6): the beacon is refused for the named reason.
    Rejected(String),
}

/// A parsed vector file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vector {
    pub headers: Vec<(String, String)>,
    pub expect: Expect,
    pub body: String,
}

impl Vector {
    pub fn header(&self, key: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    /// Renders a vector file; `expect` is written from `self.expect`.
    pub fn render(&self) -> String {
        let mut s = format!("{MAGIC}\n");
        for (k, v) in &self.headers {
            if k == "kind" {
                s.push_str(&format!("{k}: {v}\n"));
            }
        }
        s.push_str(&format!(
            "expect: {}\n",
            match &self.expect {
                Expect::Match => "match".to_string(),
                Expect::Verified => "verified".to_string(),
                Expect::Failed(c) => format!("failed {c}"),
                Expect::Unusable => "unusable".to_string(),
                Expect::Rejected(r) => format!("rejected {r}"),
            }
        ));
        for (k, v) in &self.headers {
            if k != "kind" {
                s.push_str(&format!("{k}: {v}\n"));
            }
        }
        s.push('\n');
        s.push_str(&self.body);
        s
    }
}

/// Why a vector file is malformed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: expected {expected}, found {found:?}")]
pub struct VectorError {
    pub line: usize,
    pub expected: String,
    pub found: String,
}

pub fn parse(text: &str) -> Result<Vector, VectorError> {
    let err = |line, expected: &str, found: &str| VectorError { line, expected: expected.into(), found: found.into() };
    let (head, body) =
        text.split_once("\n\n").ok_or_else(|| err(1, "a header, an empty line, then the body", "no empty line"))?;
    let mut lines = head.lines();
    let first = lines.next().unwrap_or_default();
    if first != MAGIC {
        return Err(err(1, MAGIC, first));
    }
    let mut headers = Vec::new();
    let mut expect = None;
    for (i, l) in lines.enumerate() {
        let (k, v) = l.split_once(": ").ok_or_else(|| err(i + 2, "key: value", l))?;
        if (k == "expect" && expect.is_some()) || headers.iter().any(|(h, _): &(String, String)| h == k) {
            return Err(err(i + 2, "each header key once", k));
        }
        if k == "expect" {
            let e = match v.split_once(' ') {
                None if v == "match" => Expect::Match,
                None if v == "verified" => Expect::Verified,
                None if v == "unusable" => Expect::Unusable,
                Some(("failed", check)) => Expect::Failed(check.to_string()),
                Some(("rejected", why)) => Expect::Rejected(why.to_string()),
                _ => return Err(err(i + 2, "match | verified | failed CHECK | unusable | rejected REASON", v)),
            };
            expect = Some(e);
        } else {
            headers.push((k.to_string(), v.to_string()));
        }
    }
    let expect = expect.ok_or_else(|| err(1, "an expect: line", "none"))?;
    Ok(Vector { headers, expect, body: body.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let v = Vector {
            headers: vec![("kind".into(), "transcript".into()), ("description".into(), "x".into())],
            expect: Expect::Failed("seed-commitment".into()),
            body: "{}\n".into(),
        };
        let text = v.render();
        assert!(text.starts_with("potdraw test vector v1\nkind: transcript\nexpect: failed seed-commitment\n"));
        assert_eq!(parse(&text).unwrap(), v);
        assert!(parse("potdraw test vector v1\nexpect: maybe\n\n{}").is_err());
        assert!(parse("something else\n\n{}").is_err());
        assert!(parse("potdraw test vector v1\nexpect: match\nexpect: verified\n\n{}").is_err());
        assert!(parse("potdraw test vector v1\nkind: a\nexpect: match\nkind: b\n\n{}").is_err());
    }

    /// Every `expect:` of the closed set reads back, and each refusal names
    /// its line (the header is line 1, so the n-th header line is n + 1).
    #[test]
    fn every_expectation_and_error_line() {
        let read = |e: &str| parse(&format!("{MAGIC}\nkind: k\nexpect: {e}\n\nbody")).map(|v| v.expect);
        assert_eq!(read("match"), Ok(Expect::Match));
        assert_eq!(read("verified"), Ok(Expect::Verified));
        assert_eq!(read("unusable"), Ok(Expect::Unusable));
        assert_eq!(read("failed counts"), Ok(Expect::Failed("counts".into())));
        assert_eq!(read("rejected wrong-round"), Ok(Expect::Rejected("wrong-round".into())));
        let bad = read("maybe so").unwrap_err();
        assert_eq!((bad.line, bad.found.as_str()), (3, "maybe so"));
        let line = |text: &str| parse(text).unwrap_err().line;
        assert_eq!(line(&format!("{MAGIC}\nkind: k\nno colon\n\nbody")), 3);
        assert_eq!(line(&format!("{MAGIC}\nkind: k\ndescription: d\nkind: again\n\nbody")), 4);
        assert_eq!(line(&format!("{MAGIC}\nexpect: match\nexpect: match\n\nbody")), 3);
        assert_eq!(line(&format!("{MAGIC}\nkind: k\n\nbody")), 1);
        assert_eq!(line("no header at all"), 1);
    }
}
