//! `commit --list NAME=FILE …` (SPEC §17): the flags of a draw with several
//! lists → one [`ListSpec`] per list, with its rule and, for a list paid by
//! its own pot, the grant settings where they differ from the draw's.
//!
//! WHY beside [`crate::config`]: the per-list flags are a family of their
//! own (`--list-*`, each NAME=VALUE, each naming a list given with
//! `--list`), checked together so that every refusal names the flag, the
//! list and what to do instead.

use crate::args::CommitArgs;
use crate::config::{euros, filter};
use crate::i18n::Lang;
use crate::{problem, t};
use anyhow::Result;
use potdraw_core::commit::PotPolicy;
use potdraw_core::entropy::check_label;
use potdraw_core::unicode::{check_display, code_point, tidy_display, visible, DisplayError};
use std::path::PathBuf;

/// One list of a draw with several lists (SPEC §17): `--list NAME=FILE`
/// and the rule its flags give.
#[derive(Debug, Clone)]
pub struct ListSpec {
    pub name: String,
    pub file: PathBuf,
    pub rule: ListRule,
    pub reserves: u64,
    /// `--list-display NAME=TEXT`: the name people call this list by (SPEC
    /// §19), as typed; core tidies and checks it.
    pub display: Option<String>,
    /// `--list-sheet NAME=SHEET`: this list's sheet (else `--sheet`, else the first).
    pub sheet: Option<String>,
    /// `--list-where NAME=COLUMN=VALUE`: this list's conditions, after `--where`'s.
    pub filters: Vec<crate::columns::Filter>,
    /// The grant settings of this list's own pot where they differ from
    /// the draw's; only a list with `--list-pot` has any.
    pub grant: ListGrant,
}

/// SPEC §17.6: where a list's number of recipients comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListRule {
    /// `--list-recipients NAME=K`.
    Fixed(u64),
    /// The pot: `--list-pot NAME=EUROS` (the amount in cents), or `None`
    /// for a list given no rule flag, paid by `--pot` (with `--recipients`
    /// and the grant flags for both).
    Pot(Option<u64>),
    /// `--companions NAME=OTHER`.
    Companions(String),
}

/// SPEC §17.6: each pot list has its own `pot` object. These are the
/// settings of a list's own pot that differ from the draw's grant flags:
/// `--list-grant-monthly`, `--list-months`, `--list-min`, `--list-max`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListGrant {
    pub monthly_cents: Option<u64>,
    pub months: Option<u64>,
    pub min: Option<u64>,
    pub max: Option<u64>,
}

impl ListGrant {
    /// The policy of a list's own pot of `amount_cents`: the draw's grant
    /// settings, with this list's where it has its own.
    pub fn policy(&self, amount_cents: u64, draw: PotPolicy) -> PotPolicy {
        PotPolicy {
            amount_cents,
            grant_monthly_cents: self.monthly_cents.unwrap_or(draw.grant_monthly_cents),
            grant_months: self.months.unwrap_or(draw.grant_months),
            min_recipients: self.min.unwrap_or(draw.min_recipients),
            max_recipients: self.max.unwrap_or(draw.max_recipients),
        }
    }
}

/// The four per-list grant settings, by flag.
#[derive(Debug, Clone, Copy)]
enum Setting {
    Monthly,
    Months,
    Min,
    Max,
}

impl Setting {
    fn flag(self) -> &'static str {
        match self {
            Setting::Monthly => "list-grant-monthly",
            Setting::Months => "list-months",
            Setting::Min => "list-min",
            Setting::Max => "list-max",
        }
    }

    fn slot(self, g: &mut ListGrant) -> &mut Option<u64> {
        match self {
            Setting::Monthly => &mut g.monthly_cents,
            Setting::Months => &mut g.months,
            Setting::Min => &mut g.min,
            Setting::Max => &mut g.max,
        }
    }
}

/// `--list NAME=FILE` with `--list-recipients`, `--list-pot`,
/// `--list-reserves`, `--companions`, the per-list grant settings, sheets
/// and filters (SPEC §17): one [`ListSpec`] per list, in the order given.
pub fn lists(a: &CommitArgs) -> Result<Vec<ListSpec>> {
    let pair = |flag: &str, text: &str| -> Result<(String, String)> {
        text.split_once('=')
            .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
            .ok_or_else(|| problem!("lists-pair", flag = flag, found = format!("{text:?}")))
    };
    let mut specs: Vec<ListSpec> = Vec::new();
    for text in &a.list {
        let (typed, file) = pair("list", text)?;
        // Issue 28: a list named as people write it ("Reisgenoten Noord")
        // gets the document name made from it and keeps what was typed as
        // its display name (SPEC §19.4).
        let (name, display) = match check_label("--list", &typed) {
            Ok(()) => (typed, None),
            Err(_) => match name_from(&typed) {
                Some(name) => (name, Some(typed)),
                None => return Err(problem!("lists-name", found = format!("{typed:?}"))),
            },
        };
        if specs.iter().any(|s| s.name == name) {
            return Err(problem!("lists-name-twice", name = name));
        }
        specs.push(ListSpec {
            name,
            file: PathBuf::from(file),
            rule: ListRule::Pot(None),
            reserves: a.reserves,
            display,
            sheet: None,
            filters: Vec::new(),
            grant: ListGrant::default(),
        });
    }
    // SPEC §19.4: display names first, so that every other per-list flag
    // may name a list by its display name as well (§19.3).
    let typed: Vec<bool> = specs.iter().map(|s| s.display.is_some()).collect();
    for text in &a.list_display {
        let (name, display) = pair("list-display", text)?;
        let i = asked(&specs, &name)
            .ok_or_else(|| problem!("lists-unknown", flag = "list-display", name = format!("{name:?}")))?;
        if typed[i] {
            // The list was typed as people write it: that is its display name.
            let shown = visible(specs[i].display.as_deref().unwrap_or_default());
            return Err(problem!("lists-display-typed", list = format!("{shown:?}"), found = format!("{text:?}")));
        }
        if specs[i].display.is_some() {
            return Err(problem!(
                "lists-setting-twice",
                flag = "list-display",
                name = specs[i].name,
                found = format!("{text:?}")
            ));
        }
        specs[i].display = Some(display);
    }
    check_displays(&specs)?;
    let find = |flag: &str, name: &str| -> Result<usize> {
        asked(&specs, name).ok_or_else(|| problem!("lists-unknown", flag = flag, name = format!("{name:?}")))
    };
    let number = |flag: &str, text: &str| -> Result<u64> {
        text.parse::<u64>().map_err(|_| problem!("lists-number", flag = flag, found = format!("{text:?}")))
    };
    let mut ruled = Vec::new();
    for text in &a.list_recipients {
        let (name, k) = pair("list-recipients", text)?;
        let i = find("list-recipients", &name)?;
        ruled.push((i, ListRule::Fixed(number("list-recipients", &k)?)));
    }
    for text in &a.list_pot {
        let (name, amount) = pair("list-pot", text)?;
        let i = find("list-pot", &name)?;
        let cents = euros("list-pot", &amount)?;
        ruled.push((i, ListRule::Pot(Some(cents))));
    }
    for text in &a.companions {
        let (name, of) = pair("companions", text)?;
        let i = find("companions", &name)?;
        let of = specs[find("companions", &of)?].name.clone();
        ruled.push((i, ListRule::Companions(of)));
    }
    let mut settings = Vec::new();
    for (setting, texts) in [
        (Setting::Monthly, &a.list_grant_monthly),
        (Setting::Months, &a.list_months),
        (Setting::Min, &a.list_min),
        (Setting::Max, &a.list_max),
    ] {
        for text in texts {
            let flag = setting.flag();
            let (name, value) = pair(flag, text)?;
            let i = find(flag, &name)?;
            let value = match setting {
                Setting::Monthly => euros(flag, &value)?,
                _ => number(flag, &value)?,
            };
            settings.push((i, setting, value, text));
        }
    }
    let mut reserves = Vec::new();
    for text in &a.list_reserves {
        let (name, r) = pair("list-reserves", text)?;
        reserves.push((find("list-reserves", &name)?, number("list-reserves", &r)?));
    }
    let mut sheets = Vec::new();
    for text in &a.list_sheet {
        let (name, sheet) = pair("list-sheet", text)?;
        sheets.push((find("list-sheet", &name)?, sheet));
    }
    let mut filters = Vec::new();
    for text in &a.list_filter {
        let (name, condition) = pair("list-where", text)?;
        filters.push((find("list-where", &name)?, filter("list-where", &condition)?));
    }
    for (i, rule) in ruled {
        if specs[i].rule != ListRule::Pot(None) {
            return Err(problem!("lists-rule-twice", name = specs[i].name));
        }
        specs[i].rule = rule;
    }
    for (i, setting, value, text) in settings {
        let spec = &mut specs[i];
        refuse_without_own_pot(spec, setting.flag(), text)?;
        let slot = setting.slot(&mut spec.grant);
        if slot.is_some() {
            return Err(problem!(
                "lists-setting-twice",
                flag = setting.flag(),
                name = spec.name,
                found = format!("{text:?}")
            ));
        }
        *slot = Some(value);
    }
    for (i, r) in reserves {
        specs[i].reserves = r;
    }
    for (i, sheet) in sheets {
        specs[i].sheet = Some(sheet);
    }
    for (i, f) in filters {
        specs[i].filters.push(f);
    }
    money_is_never_silent(a, &specs)?;
    Ok(specs)
}

/// SPEC §19.2: why a display name typed with `--list-display` cannot be
/// used, in the person's language; the characters nobody can see are named
/// by their code point.
pub fn display_problem(list: &str, display: &str, e: &DisplayError) -> anyhow::Error {
    let lang = Lang::current();
    let why = match *e {
        DisplayError::Length { found } => {
            t!(lang, "lists.display.length", max = potdraw_core::unicode::MAX_DISPLAY_CHARS, found = found)
        }
        DisplayError::Unassigned { position, c } => {
            t!(lang, "lists.display.unassigned", code_point = code_point(c), position = position)
        }
        DisplayError::Invisible { position, c } => {
            t!(lang, "lists.display.invisible", code_point = code_point(c), position = position)
        }
        DisplayError::NotNfc => t!(lang, "lists.display.nfc"),
        DisplayError::Space { position, c } => {
            t!(lang, "lists.display.space", code_point = code_point(c), position = position)
        }
    };
    problem!("lists-display", list = list, display = format!("{:?}", visible(display)), why = why)
}

/// SPEC §19.2–§19.4: the display names typed with `--list-display`,
/// tidied as `commit` writes them, checked before any file is read so that
/// a bad one costs the organiser no wait; the same refusals as the core's.
fn check_displays(specs: &[ListSpec]) -> Result<()> {
    let mut seen: Vec<(&str, String)> = Vec::new();
    for s in specs {
        let Some(typed) = &s.display else { continue };
        let d = tidy_display(typed);
        check_display(&d).map_err(|e| display_problem(&s.name, &d, &e))?;
        seen.push((&s.name, d));
    }
    // A list without a display name is shown by its name (SPEC §19.4).
    let all: Vec<(&str, String)> = specs
        .iter()
        .map(|s| {
            seen.iter().find(|(n, _)| *n == s.name).map_or((s.name.as_str(), s.name.clone()), |(n, d)| (*n, d.clone()))
        })
        .collect();
    if seen.is_empty() {
        return Ok(());
    }
    for (j, (list, d)) in all.iter().enumerate() {
        if let Some((first, first_display)) = all[..j].iter().find(|(_, o)| o.to_lowercase() == d.to_lowercase()) {
            return Err(problem!(
                "lists-display-twice",
                first = first,
                first_display = format!("{:?}", visible(first_display)),
                list = list,
                display = format!("{:?}", visible(d))
            ));
        }
    }
    Ok(())
}

/// The document name (SPEC §17.2's syntax) of a list typed as people write
/// it: letters without their accents and in lower case, digits kept, every
/// other run of characters one `-`: "Reisgenoten Noord" is
/// `reisgenoten-noord`, "Zuid – Rivierenwijk" `zuid-rivierenwijk`. `None`
/// when nothing of it is left, or more than 64 characters.
fn name_from(typed: &str) -> Option<String> {
    use unicode_normalization::UnicodeNormalization;
    let mut name = String::new();
    for c in typed.nfd() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if unicode_normalization::char::is_combining_mark(c) {
            continue;
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_end_matches('-').to_string();
    check_label("--list", &name).is_ok().then_some(name)
}

/// The list a person named (SPEC §19.3): by its name, else by its display
/// name as typed with `--list-display`, trimmed and in any case.
fn asked(specs: &[ListSpec], asked: &str) -> Option<usize> {
    if let Some(i) = specs.iter().position(|s| s.name == asked) {
        return Some(i);
    }
    let wanted = potdraw_core::unicode::tidy_display(asked).to_lowercase();
    specs.iter().position(|s| {
        s.display.as_deref().is_some_and(|d| potdraw_core::unicode::tidy_display(d).to_lowercase() == wanted)
    })
}

/// A grant setting per list belongs to a list with its own pot
/// (`--list-pot NAME=EUROS`): a fixed list and travel companions receive
/// no grant from a pot of this draw, and the list `--pot` pays has the
/// draw's grant flags as its own. Said, never ignored.
fn refuse_without_own_pot(spec: &ListSpec, flag: &str, text: &str) -> Result<()> {
    let lang = Lang::current();
    let what = match &spec.rule {
        ListRule::Pot(Some(_)) => return Ok(()),
        ListRule::Pot(None) => t!(lang, "lists.not-own-pot.plain"),
        ListRule::Fixed(_) => t!(lang, "lists.not-own-pot.fixed"),
        ListRule::Companions(of) => t!(lang, "lists.not-own-pot.companions", of = of),
    };
    Err(problem!("lists-setting-no-pot", flag = flag, found = format!("{text:?}"), name = spec.name, what = what))
}

/// Issue 27: the money of a draw with several lists is never silently
/// wrong. One `--pot` pays one list of recipients: with two or more (a pot
/// list beside a fixed one gave 13 grants from a pot that pays 9) each
/// list of recipients needs its own pot (`--list-pot NAME=EUROS`, SPEC
/// §17.6) or a fixed number; and a `--pot` that no list takes is refused,
/// never dropped from the commitment without a word.
fn money_is_never_silent(a: &CommitArgs, specs: &[ListSpec]) -> Result<()> {
    if specs.is_empty() {
        // A single list (`--candidates`): `--pot` is its pot (SPEC §7.2).
        return Ok(());
    }
    let names = |keep: &dyn Fn(&ListRule) -> bool| -> Vec<&str> {
        specs.iter().filter(|s| keep(&s.rule)).map(|s| s.name.as_str()).collect()
    };
    let plain = names(&|r| *r == ListRule::Pot(None));
    // A fixed 0 pays nobody; `commit` refuses it by its own sentence (lists-no-recipients).
    let paid = names(&|r| matches!(r, ListRule::Pot(_)) || matches!(r, ListRule::Fixed(k) if *k > 0));
    let euros = Lang::current().t("lists.euros", &[]);
    let example = |lists: &[&str]| -> String {
        lists.iter().map(|n| format!("--list-pot {n}={euros}")).collect::<Vec<_>>().join(" ")
    };
    if let Some(pot) = &a.pot {
        if plain.is_empty() {
            return Err(problem!("lists-pot-unused", pot = format!("{pot:?}")));
        }
        if paid.len() > 1 {
            return Err(problem!(
                "lists-pot-several",
                pot = format!("{pot:?}"),
                names = paid.join(", "),
                example = example(&paid)
            ));
        }
    }
    if plain.len() > 1 {
        return Err(problem!("lists-pot-twice", names = plain.join(", "), example = example(&plain)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::name_from;

    #[test]
    fn a_list_typed_as_people_write_it_gets_a_document_name() {
        let cases = [
            ("Noord", Some("noord")),
            ("Reisgenoten Noord", Some("reisgenoten-noord")),
            ("Zuid – Rivierenwijk", Some("zuid-rivierenwijk")),
            ("  Café De Kroeg!  ", Some("cafe-de-kroeg")),
            ("Wijk 3 (oost)", Some("wijk-3-oost")),
            ("Daniëlsbuurt", Some("danielsbuurt")),
            ("— Noord", Some("noord")),
            ("Север", None),
            ("", None),
        ];
        for (typed, want) in cases {
            assert_eq!(name_from(typed).as_deref(), want, "{typed:?}");
        }
        assert_eq!(name_from(&"Noord ".repeat(13)), None, "more than 64 characters");
    }
}
