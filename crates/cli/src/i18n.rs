//! The message catalogues: every sentence potdraw says to a person, in each
//! language, lives in `crates/cli/locales/<code>.txt`, one file per language.
//!
//! Why files and not code: a third language must be a file, not a code
//! change (build.rs compiles every file in the folder in), and a translator
//! should see every sentence of a language in one place. Why not a crate
//! such as Fluent: potdraw's sentences need named placeholders and plural
//! forms, and English and Dutch need only two forms, so a plural message is
//! two keys, `KEY.one` and `KEY.other`, chosen by number ([`Lang::tn`]); a
//! format this small can be read and audited in a minute.
//!
//! The language is chosen once per run, by one rule for every command
//! ([`Lang::resolve`]): `--lang` (BCP 47 or POSIX, any case, or the
//! language's name), else the POSIX locale variables (`LC_ALL`,
//! `LC_MESSAGES`, `LANG`, first non-empty wins; `C` is English), else
//! English. It is read from the arguments before clap parses them, so that
//! `--help` and usage errors follow it too ([`crate::help`]). Text for
//! machines (`--json`, documents on disk) is never translated.

use std::collections::HashMap;
use std::fmt::{self, Display};
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// A language whose catalogue is compiled in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lang(usize);

/// A catalogue line that is not `key = text`, or a key given twice.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("locales/{code}.txt, line {line}: {problem}")]
pub struct CatalogueError {
    pub code: &'static str,
    pub line: usize,
    pub problem: String,
}

/// `--lang` named a language that has no catalogue (said to people through
/// `errors.lang-unknown`; this English text is for programmers).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--lang: expected one of {expected}, found {found:?}")]
pub struct UnknownLang {
    pub expected: String,
    pub found: String,
}

/// Parses one catalogue file into key → raw text (escapes still in place).
pub fn parse(code: &'static str, text: &'static str) -> Result<HashMap<&'static str, &'static str>, CatalogueError> {
    let mut map = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let err = |problem: String| CatalogueError { code, line: i + 1, problem };
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once(" = ") else {
            return Err(err(format!("expected `key = text`, found {line:?}")));
        };
        let valid_key = !key.is_empty()
            && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '-');
        if !valid_key {
            return Err(err(format!("expected a key of a-z, 0-9, '.', '-', found {key:?}")));
        }
        if map.insert(key, value).is_some() {
            return Err(err(format!("key {key:?} appears twice")));
        }
    }
    Ok(map)
}

fn catalogues() -> &'static [HashMap<&'static str, &'static str>] {
    static PARSED: OnceLock<Vec<HashMap<&'static str, &'static str>>> = OnceLock::new();
    // A malformed catalogue is a build defect that the tests catch; at run
    // time its lines are skipped rather than crash a draw in progress.
    PARSED.get_or_init(|| CATALOGUES.iter().map(|(code, text)| parse(code, text).unwrap_or_default()).collect())
}

/// The placeholder names of a message, in order of appearance.
pub fn placeholders(raw: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = raw;
    while let Some(start) = rest.find('{') {
        if rest[start..].starts_with("{{") {
            rest = &rest[start + 2..];
            continue;
        }
        match rest[start..].find('}') {
            Some(len) => {
                out.push(&rest[start + 1..start + len]);
                rest = &rest[start + len + 1..];
            }
            None => break,
        }
    }
    out
}

/// Fills in a raw message: escapes (`\n`, `\\`, `{{`, `}}`) and placeholders.
/// A placeholder without a value stays visible as `{name}`.
pub fn render(raw: &str, args: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(raw.len() + 16);
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('\\', Some('n')) => {
                chars.next();
                out.push('\n');
            }
            ('\\', Some('\\')) => {
                chars.next();
                out.push('\\');
            }
            ('{', Some('{')) | ('}', Some('}')) => {
                chars.next();
                out.push(c);
            }
            ('{', _) => {
                let name: String = chars.by_ref().take_while(|&c| c != '}').collect();
                match args.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(&value.to_string()),
                    None => {
                        out.push('{');
                        out.push_str(&name);
                        out.push('}');
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out
}

impl Lang {
    /// English, the fallback for a missing message.
    pub fn en() -> Lang {
        Lang::from_code("en").unwrap_or(Lang(0))
    }

    /// The catalogue for a language code such as `nl`, if compiled in.
    pub fn from_code(code: &str) -> Option<Lang> {
        CATALOGUES.iter().position(|(c, _)| *c == code).map(Lang)
    }

    /// Every language compiled in.
    pub fn all() -> impl Iterator<Item = Lang> {
        (0..CATALOGUES.len()).map(Lang)
    }

    /// The language code, e.g. `nl`.
    pub fn code(self) -> &'static str {
        CATALOGUES[self.0].0
    }

    /// The language of a locale value such as `nl_NL.UTF-8`, if compiled in.
    pub fn from_locale(value: &str) -> Option<Lang> {
        Lang::from_tag(value)
    }

    /// The language a person named: a BCP 47 tag (`nl`, `nl-NL`, `en-GB`),
    /// a POSIX locale (`nl_NL`, `nl_NL.UTF-8`, `nl_BE@euro`, `EN_us.utf8`),
    /// in any case, or, as a kindness, a language's name in English or Dutch
    /// (`nederlands`, `dutch`, `english`, `engels`). Only the language
    /// subtag chooses: potdraw has one Dutch and one English, so a region,
    /// a character set or a modifier changes nothing.
    pub fn from_tag(value: &str) -> Option<Lang> {
        let value = value.trim().to_ascii_lowercase();
        let by_name = match value.as_str() {
            "nederlands" | "dutch" => Some("nl"),
            "english" | "engels" => Some("en"),
            _ => None,
        };
        if let Some(code) = by_name {
            return Lang::from_code(code);
        }
        let code = value.split(['_', '.', '@', '-']).next()?;
        Lang::from_code(code)
    }

    /// The language of the POSIX locale variables: the first non-empty of
    /// `LC_ALL`, `LC_MESSAGES` and `LANG`; `C`, `POSIX` or a language
    /// without a catalogue mean English.
    pub fn from_env() -> Lang {
        let locale =
            ["LC_ALL", "LC_MESSAGES", "LANG"].iter().filter_map(|v| std::env::var(v).ok()).find(|v| !v.is_empty());
        locale.and_then(|v| Lang::from_tag(&v)).unwrap_or_else(Lang::en)
    }

    /// `--lang` if given, else the POSIX locale variables, else English:
    /// the one rule of every command (issue 18). An unknown `--lang` is an
    /// error, said in the language of the environment ([`UnknownLang`]).
    pub fn resolve(flag: Option<&str>) -> Result<Lang, UnknownLang> {
        match flag {
            Some(value) => Lang::from_tag(value).ok_or_else(|| UnknownLang {
                expected: Lang::all().map(Lang::code).collect::<Vec<_>>().join(", "),
                found: value.to_owned(),
            }),
            None => Ok(Lang::from_env()),
        }
    }

    /// The catalogue text of `key` as written (escapes and placeholders
    /// not filled in), for the few places that need a `&'static str`
    /// (clap's value names).
    pub fn raw(self, key: &str) -> Option<&'static str> {
        let all = catalogues();
        all[self.0].get(key).or_else(|| all[Lang::en().0].get(key)).copied()
    }

    /// The message `key` if this language or English has it.
    pub fn get(self, key: &str, args: &[(&str, &dyn Display)]) -> Option<String> {
        let all = catalogues();
        all[self.0].get(key).or_else(|| all[Lang::en().0].get(key)).map(|raw| render(raw, args))
    }

    /// The plural form of `key` for the number `n`: `key.one` when `n` is 1,
    /// else `key.other` (English and Dutch need no more forms), with `{n}`
    /// filled in besides `args`.
    pub fn tn(self, key: &str, n: u64, args: &[(&str, &dyn Display)]) -> String {
        let form = if n == 1 { "one" } else { "other" };
        let mut all: Vec<(&str, &dyn Display)> = vec![("n", &n)];
        all.extend_from_slice(args);
        self.t(&format!("{key}.{form}"), &all)
    }

    /// The message `key` with its placeholders filled in; English if this
    /// language lacks it, the key itself if English lacks it too.
    pub fn t(self, key: &str, args: &[(&str, &dyn Display)]) -> String {
        let all = catalogues();
        match all[self.0].get(key).or_else(|| all[Lang::en().0].get(key)) {
            Some(raw) => render(raw, args),
            None => key.to_owned(),
        }
    }

    /// An amount in the language's number format, from the catalogue's
    /// `format.money` with `{units}` (thousands grouped by
    /// `format.thousands`) and `{cents}`: "€ 12,000.00", "€ 12.000,00".
    pub fn money(self, cents: u64) -> String {
        let units = potdraw_core::money::group(cents / 100, &self.t("format.thousands", &[]));
        let cents = format!("{:02}", cents % 100);
        crate::t!(self, "format.money", units = units, cents = cents)
    }

    /// The language of this run (English until [`Lang::set_current`]).
    pub fn current() -> Lang {
        CURRENT.get().copied().unwrap_or_else(Lang::en)
    }

    /// Fixes the language of this run; later calls change nothing.
    pub fn set_current(self) {
        let _ = CURRENT.set(self);
    }
}

static CURRENT: OnceLock<Lang> = OnceLock::new();

impl Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// `tn!(lang, "commit.plan.numbers", n, title = t)`: the plural form of a message
/// for the number `n` (keys `commit.plan.numbers.one` and `commit.plan.numbers.other`).
#[macro_export]
macro_rules! tn {
    ($lang:expr, $key:literal, $n:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $lang.tn($key, $n as u64, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*])
    };
}

/// `t!(lang, "check.drawn", place = 3)`: a message with named values.
#[macro_export]
macro_rules! t {
    ($lang:expr, $key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $lang.t($key, &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_placeholders_and_escapes() {
        let n = 3;
        assert_eq!(render("nummer {n}\\n{{x}} \\\\ {missing}", &[("n", &n)]), "nummer 3\n{x} \\ {missing}");
        assert_eq!(placeholders("a {x} {{y}} {z}"), vec!["x", "z"]);
    }

    #[test]
    fn parse_rejects_malformed_lines_and_duplicates() {
        assert!(parse("xx", "a.b = ok\n# c\n\n").is_ok());
        assert_eq!(parse("xx", "a.b ok").unwrap_err().line, 1);
        assert_eq!(parse("xx", "a.b = 1\nA = 2").unwrap_err().line, 2);
        assert!(parse("xx", "a.b = 1\na.b = 2").unwrap_err().problem.contains("twice"));
    }

    #[test]
    fn locale_values_pick_the_language() {
        assert_eq!(Lang::from_locale("nl_NL.UTF-8").map(Lang::code), Some("nl"));
        assert_eq!(Lang::from_locale("en_GB").map(Lang::code), Some("en"));
        assert_eq!(Lang::from_locale("C"), None);
        assert_eq!(Lang::resolve(Some("NL")).map(Lang::code), Ok("nl"));
        assert!(Lang::resolve(Some("xx")).unwrap_err().to_string().contains("en, nl"));
    }

    #[test]
    fn lang_accepts_bcp47_posix_and_names_in_any_case() {
        for v in ["nl", "NL", "nl-NL", "nl_NL", "nl_NL.UTF-8", "nl_BE@euro", "Nederlands", "DUTCH", " nl "] {
            assert_eq!(Lang::resolve(Some(v)).map(Lang::code), Ok("nl"), "{v}");
        }
        for v in ["en", "en-GB", "EN_us.utf8", "english", "Engels"] {
            assert_eq!(Lang::resolve(Some(v)).map(Lang::code), Ok("en"), "{v}");
        }
        for v in ["", "C", "fr", "nld", "nl nl", "english-ish"] {
            assert!(Lang::resolve(Some(v)).is_err(), "{v:?} accepted");
        }
    }

    #[test]
    fn plural_forms_are_chosen_by_number() {
        let nl = Lang::from_code("nl").unwrap();
        assert_eq!(crate::tn!(nl, "count.candidate", 1), "1 deelnemer");
        assert_eq!(crate::tn!(nl, "count.candidate", 0), "0 deelnemers");
        assert_eq!(crate::tn!(Lang::en(), "count.month", 12), "12 months");
    }

    #[test]
    fn money_follows_the_catalogue() {
        let nl = Lang::from_code("nl").unwrap();
        assert_eq!(Lang::en().money(1_200_050), potdraw_core::money::format_en(1_200_050));
        assert_eq!(nl.money(1_200_050), potdraw_core::money::format_nl(1_200_050));
        assert_eq!(nl.money(100_000_000_000), "€ 1.000.000.000,00");
        assert_eq!(nl.money(5), "€ 0,05");
    }

    #[test]
    fn falls_back_to_english_then_to_the_key() {
        let nl = Lang::from_code("nl").unwrap();
        assert_eq!(t!(nl, "general.error"), "fout");
        assert_eq!(nl.t("no.such.key", &[]), "no.such.key");
    }
}
