//! Input and usage errors for people (exit 2): a stable class id and a
//! message from the catalogue, in the user's language.
//!
//! Why a class: a script, a test or a help desk can tell `csv-duplicate-id`
//! from `json-truncated` without parsing a sentence in some language; the
//! sentence is for the person. The class is printed as
//! `potdraw: error: … [error code: csv-duplicate-id]` and is the `class` member of the
//! `--json` answer for unusable input. Each class `c` has the catalogue key
//! `errors.c` (crates/cli/locales/*.txt, section `## errors`).
//!
//! The libraries stay language-free: they return typed errors
//! ([`FieldError`] with its [`FieldKind`], [`CsvError`] with its
//! [`CsvKind`], [`CodeError`], …) and this module says them in words.

use crate::candidates::{CsvError, CsvKind, SheetPlace};
use crate::i18n::Lang;
use potdraw_core::code::CodeError;
use potdraw_core::commit::{CommitError, PotError};
use potdraw_core::draw::DrawError;
use potdraw_core::error::{FieldError, FieldKind};
use potdraw_core::parse::ParseError;
use potdraw_core::unicode::{code_point, visible, IdError};
use std::fmt::{self, Display};

/// An error for a person: its class and its message in the user's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub class: &'static str,
    pub message: String,
}

impl Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Problem {}

impl Problem {
    /// The message of catalogue key `errors.<class>` in the language of this run.
    ///
    /// This is the one place where values reach an error message, so every
    /// value is shown through [`visible`] (SPEC §2.4): a member name, an id,
    /// a path or a text read from a file cannot move the cursor, clear the
    /// screen or colour a terminal, and an invisible character shows as
    /// `⟨U+200B⟩`.
    pub fn new(class: &'static str, args: &[(&str, &dyn Display)]) -> Problem {
        let shown: Vec<String> = args.iter().map(|(_, v)| visible(&v.to_string())).collect();
        let args: Vec<(&str, &dyn Display)> =
            args.iter().zip(&shown).map(|((name, _), v)| (*name, v as &dyn Display)).collect();
        Problem { class, message: Lang::current().t(&format!("errors.{class}"), &args) }
    }
}

/// `problem!("file-exists", file = path.display())`: an `anyhow::Error`
/// holding a [`Problem`] of that class.
#[macro_export]
macro_rules! problem {
    ($class:literal $(, $name:ident = $value:expr)* $(,)?) => {
        ::anyhow::Error::new($crate::problem::Problem::new(
            $class,
            &[$((stringify!($name), &$value as &dyn ::std::fmt::Display)),*],
        ))
    };
}

/// The class and the message of any error: a [`Problem`] anywhere in the
/// chain gives both; anything else is `internal` (a defect, not bad input).
pub fn describe(e: &anyhow::Error) -> (&'static str, String) {
    match e.chain().find_map(|c| c.downcast_ref::<Problem>()) {
        Some(p) => (p.class, p.message.clone()),
        None => ("internal", visible(&format!("{e:#}"))),
    }
}

/// A field of a document or value: `file` says where it came from (a path,
/// `--entropy`, a path with a line number).
pub fn field(file: &dyn Display, e: &FieldError) -> anyhow::Error {
    // A seed, salt or code is never repeated back, not even when malformed:
    // error messages end up in logs and screenshots.
    let secret = e.field == "seed" || e.field.ends_with(".salt") || e.field.ends_with(".code");
    let hidden = Lang::current().t("errors.secret-hidden", &[]);
    let found: &String = if secret { &hidden } else { &e.found };
    let f = &e.field;
    anyhow::Error::new(match &e.kind {
        FieldKind::Hex { chars, found_chars } => Problem::new(
            "field-hex",
            &[("file", file), ("field", f), ("chars", chars), ("found_chars", found_chars), ("found", found)],
        ),
        FieldKind::Version { versions } => {
            Problem::new("field-version", &[("file", file), ("field", f), ("versions", versions), ("found", found)])
        }
        FieldKind::MemberRequired { method } => {
            Problem::new("field-member-required", &[("file", file), ("field", f), ("method", method)])
        }
        FieldKind::MemberForbidden { method } => {
            Problem::new("field-member-forbidden", &[("file", file), ("field", f), ("method", method)])
        }
        FieldKind::Title { max } => {
            Problem::new("field-title", &[("file", file), ("field", f), ("max", max), ("found", found)])
        }
        FieldKind::Time => Problem::new("field-time", &[("file", file), ("field", f), ("found", found)]),
        FieldKind::Label => Problem::new("field-label", &[("file", file), ("field", f), ("found", found)]),
        FieldKind::LabelReused => Problem::new("field-label-reused", &[("file", file), ("field", f), ("found", found)]),
        FieldKind::PlanEmpty => Problem::new("field-plan-empty", &[("file", file), ("field", f)]),
        FieldKind::PlanSize { max } => {
            Problem::new("field-plan-size", &[("file", file), ("field", f), ("max", max), ("found", found)])
        }
        FieldKind::DiceCount { max } => {
            Problem::new("field-dice-count", &[("file", file), ("field", f), ("max", max), ("found", found)])
        }
        FieldKind::Faces => Problem::new("field-faces", &[("file", file), ("field", f), ("found", found)]),
        FieldKind::DiceMember => Problem::new("field-dice-member", &[("file", file), ("field", f)]),
        FieldKind::FacesMember => Problem::new("field-faces-member", &[("file", file), ("field", f)]),
        FieldKind::NoDiceFaces { kind } => {
            Problem::new("field-no-dice-faces", &[("file", file), ("field", f), ("kind", kind)])
        }
        FieldKind::PlanKind { allowed } => {
            Problem::new("field-plan-kind", &[("file", file), ("field", f), ("allowed", allowed), ("found", found)])
        }
        FieldKind::Weight { max } => {
            Problem::new("field-weight", &[("file", file), ("field", f), ("max", max), ("found", found)])
        }
        FieldKind::UnweightedMethod => {
            Problem::new("field-unweighted", &[("file", file), ("field", f), ("found", found)])
        }
        FieldKind::Decimal => Problem::new("field-decimal", &[("file", file), ("field", f), ("found", found)]),
        FieldKind::CommitmentFormat { want } => {
            Problem::new("field-commitment-format", &[("file", file), ("field", f), ("want", want), ("found", found)])
        }
        FieldKind::Role => Problem::new("field-role", &[("file", file), ("field", f), ("found", found)]),
        FieldKind::Key { max } => {
            Problem::new("field-key", &[("file", file), ("field", f), ("max", max), ("found", found)])
        }
        FieldKind::Picks { max } => {
            Problem::new("field-picks", &[("file", file), ("field", f), ("max", max), ("found", found)])
        }
        FieldKind::LeafOfSalt => Problem::new("field-leaf-of-salt", &[("file", file), ("field", f)]),
        FieldKind::ReceiptId { max } => {
            Problem::new("field-receipt-id", &[("file", file), ("field", f), ("max", max), ("found", found)])
        }
        FieldKind::ReceiptCode { .. } => {
            Problem::new("field-receipt-code", &[("file", file), ("field", f), ("found", found)])
        }
        FieldKind::DiceDigit { count, lo, hi, position } => Problem::new(
            "field-dice-digit",
            &[
                ("file", file),
                ("field", f),
                ("count", count),
                ("lo", lo),
                ("hi", hi),
                ("position", position),
                ("found", found),
            ],
        ),
        FieldKind::DiceLength { count, lo, hi } => Problem::new(
            "field-dice-length",
            &[("file", file), ("field", f), ("count", count), ("lo", lo), ("hi", hi), ("found", found)],
        ),
        FieldKind::Text { max } => {
            Problem::new("field-text", &[("file", file), ("field", f), ("max", max), ("found", found)])
        }
        FieldKind::Unassigned { code_point, position } => Problem::new(
            "field-unassigned",
            &[
                ("file", file),
                ("field", f),
                ("version", &potdraw_core::unicode::VERSION),
                ("code_point", &format!("U+{code_point:04X}")),
                ("position", position),
                ("found", found),
            ],
        ),
        FieldKind::Numbers { max_numbers, max_digits } => Problem::new(
            "field-numbers",
            &[("file", file), ("field", f), ("max_numbers", max_numbers), ("max_digits", max_digits), ("found", found)],
        ),
        FieldKind::CountedNumbers { count, max_digits } => Problem::new(
            "field-counted-numbers",
            &[("file", file), ("field", f), ("count", count), ("max_digits", max_digits), ("found", found)],
        ),
        FieldKind::NumbersCount { count } => {
            Problem::new("field-numbers-count", &[("file", file), ("field", f), ("count", count), ("found", found)])
        }
        FieldKind::NumbersCanonical { canonical } => Problem::new(
            "field-numbers-canonical",
            &[("file", file), ("field", f), ("canonical", canonical), ("found", found)],
        ),
        FieldKind::NumbersPlanCount { max } => {
            Problem::new("field-numbers-plan-count", &[("file", file), ("field", f), ("max", max), ("found", found)])
        }
        FieldKind::Date => Problem::new("field-date", &[("file", file), ("field", f), ("found", found)]),
        FieldKind::Reason => Problem::new("field-reason", &[("file", file), ("field", f), ("found", found)]),
        FieldKind::EventMembers => {
            Problem::new("field-event-members", &[("file", file), ("field", f), ("found", found)])
        }
        FieldKind::EventMembersV2 => {
            Problem::new("field-event-members-v2", &[("file", file), ("field", f), ("found", found)])
        }
        FieldKind::Other => {
            Problem::new("field", &[("file", file), ("field", f), ("expected", &e.expected), ("found", found)])
        }
    })
}

type Args<'a> = Vec<(&'a str, &'a dyn Display)>;

fn join<'a>(a: &[(&'a str, &'a dyn Display)], b: &[(&'a str, &'a dyn Display)]) -> Args<'a> {
    a.iter().chain(b).copied().collect()
}

/// A JSON document that cannot be read: syntax (with line and column) or a field.
pub fn parse(file: &dyn Display, e: &ParseError) -> anyhow::Error {
    let (line, column, message) = match e {
        ParseError::Field(f) => return field(file, f),
        ParseError::Json { line, column, message } => (line, column, message.as_str()),
    };
    // serde_json's messages are English; the class and the member name are
    // taken from them so the person reads a sentence in their language.
    let name = message.split('`').nth(1).unwrap_or_default();
    let at: [(&str, &dyn Display); 3] = [("file", file), ("line", line), ("column", column)];
    let p = if message.starts_with("EOF while parsing") {
        Problem::new("json-truncated", &at)
    } else if message.starts_with("trailing characters") {
        Problem::new("json-trailing", &at)
    } else if message.starts_with("duplicate field") {
        Problem::new("json-duplicate-member", &join(&at, &[("name", &name)]))
    } else if message.starts_with("unknown field") {
        Problem::new("json-unknown-member", &join(&at, &[("name", &name)]))
    } else if message.starts_with("missing field") {
        Problem::new("json-missing-member", &join(&at, &[("name", &name)]))
    } else if message.starts_with("receipt column") {
        // From wire::Columns: "receipt column `NAME` holds `JSON`".
        let found = message.split('`').nth(3).unwrap_or_default();
        Problem::new("json-column", &join(&at, &[("name", &name), ("found", &found)]))
    } else if message.starts_with("recursion limit exceeded") {
        Problem::new("json-too-deep", &at)
    } else if message.contains("floating point") || message.contains("integer `-") {
        Problem::new("json-number", &join(&at, &[("found", &name)]))
    } else if message.starts_with("invalid type") || message.starts_with("invalid value") {
        let said = crate::parser_words::json_type(Lang::current(), message);
        Problem::new("json-type", &join(&at, &[("detail", &said)]))
    } else if message.starts_with("number out of range") {
        Problem::new("json-number-range", &at)
    } else {
        let said = crate::parser_words::json_syntax(Lang::current(), message);
        Problem::new("json-syntax", &join(&at, &[("detail", &said)]))
    };
    anyhow::Error::new(p)
}

/// Where in the list, as a person sees it: `line 4, column 2 (weight)` in
/// a CSV file, `cell Blad1!C7 (Gewicht)` in a spreadsheet (issue 16).
pub fn place(e: &CsvError) -> String {
    let lang = Lang::current();
    let column = e.column.as_deref();
    match e.sheet.as_deref() {
        Some(SheetPlace { cell: Some(cell), .. }) => {
            crate::t!(lang, "list.place-cell", cell = cell, column = column.unwrap_or_default())
        }
        Some(SheetPlace { sheet, cell: None }) => crate::t!(lang, "list.place-row", sheet = sheet, line = e.line),
        None => match column {
            Some(column) => crate::t!(lang, "list.place-line-column", line = e.line, column = column),
            None => crate::t!(lang, "list.place-line", line = e.line),
        },
    }
}

/// The line a person reads for an error: the sentence first, then the
/// error's code in their words (issue 28: "fout[csv-no-id-column]: …" put an
/// English code before every Dutch sentence). The code stays the same in
/// every language, for searching and for `--json`.
pub fn error_line(lang: Lang, class: &str, message: &str) -> String {
    crate::t!(lang, "general.error-line", message = message, class = class)
}

/// The candidate list.
pub fn csv(file: &dyn Display, e: &CsvError) -> anyhow::Error {
    let lang = Lang::current();
    let none = String::new();
    let column = e.column.as_ref().unwrap_or(&none);
    let place = place(e);
    let at: [(&str, &dyn Display); 6] = [
        ("file", file),
        ("line", &e.line),
        ("column", column),
        ("found", &e.found),
        ("place", &place),
        ("expected", &e.expected),
    ];
    let class = e.kind.class();
    let (byte_hex, cp);
    let version = potdraw_core::unicode::VERSION;
    let used;
    let (what, kind_of_file, why);
    let args = match &e.kind {
        CsvKind::HeaderDuplicate { first } => join(&at, &[("first", first)]),
        CsvKind::FieldCount { expected, found } => join(&at, &[("expected", expected), ("count", found)]),
        CsvKind::NotUtf8 { byte, at: offset } => {
            byte_hex = format!("{byte:02x}");
            join(&at, &[("byte", &byte_hex), ("at", offset)])
        }
        CsvKind::IdTooLong { max, found } => join(&at, &[("max", max), ("bytes", found)]),
        CsvKind::IdUnassigned { code_point, position } | CsvKind::IdInvisible { code_point, position } => {
            cp = format!("U+{code_point:04X}");
            join(&at, &[("code_point", &cp), ("position", position), ("version", &version)])
        }
        CsvKind::DuplicateId { first } | CsvKind::DuplicateIdNfc { first } => join(&at, &[("first", first)]),
        CsvKind::Weight { max } => join(&at, &[("max", max)]),
        CsvKind::FieldTooLong { max, found } => join(&at, &[("max", max), ("bytes", found)]),
        CsvKind::TooMany { max } => join(&at, &[("max", max)]),
        CsvKind::NoSuchColumn { weight, name } => {
            let flag = if *weight { &"--weight-column" } else { &"--id-column" };
            join(&at, &[("flag", flag), ("name", name)])
        }
        CsvKind::WeightLike { used: w } => {
            used = match w {
                Some(w) => crate::t!(lang, "list.weight-used", column = potdraw_core::error::quote(w)),
                None => lang.t("list.weight-used-none", &[]),
            };
            join(&at, &[("used", &used)])
        }
        CsvKind::SheetMissing { name } | CsvKind::FilterColumn { name } => join(&at, &[("name", name)]),
        CsvKind::SheetOpen => {
            why = crate::parser_words::sheet_open(lang, &e.found);
            join(&at, &[("found", &why)])
        }
        CsvKind::SheetTooLarge(limit) => {
            why = crate::sheet::limits::describe(lang, limit);
            join(&at, &[("found", &why)])
        }
        CsvKind::IdNumberFormat { format, shown } => {
            why = if *shown {
                crate::t!(lang, "list.id-format-shown", format = format)
            } else {
                crate::t!(lang, "list.id-format-code", format = format)
            };
            join(&at, &[("how", &why)])
        }
        CsvKind::FlagNotForFile { flag, spreadsheet } => {
            (what, kind_of_file) = if *spreadsheet {
                (lang.t("list.csv-file", &[]), lang.t("list.spreadsheet", &[]))
            } else {
                (lang.t("list.spreadsheet", &[]), lang.t("list.csv-file", &[]))
            };
            join(&at, &[("flag", flag), ("expected", &what), ("found", &kind_of_file)])
        }
        _ => join(&at, &[]),
    };
    // Later values of a name win: join puts the kind's own after the common ones.
    let args: Args<'_> = args.iter().rev().fold(Vec::new(), |mut acc, (n, v)| {
        if !acc.iter().any(|(m, _): &(&str, &dyn Display)| m == n) {
            acc.push((*n, *v));
        }
        acc
    });
    anyhow::Error::new(Problem::new(class, &args))
}

/// The candidate list against the commit parameters.
pub fn commit(file: &dyn Display, e: &CommitError) -> anyhow::Error {
    match e {
        CommitError::Pot(p) => pot(p),
        CommitError::TooFewCandidates { needed, recipients, reserves, found } => crate::problem!(
            "csv-too-few",
            file = file,
            needed = needed,
            recipients = recipients,
            reserves = reserves,
            found = found
        ),
        CommitError::DuplicateId { id, line, first_line } => crate::problem!(
            "csv-duplicate-id",
            file = file,
            place = crate::t!(Lang::current(), "list.place-line-column", line = line, column = "id"),
            found = potdraw_core::error::quote(id),
            first = first_line
        ),
        CommitError::Weight { line, weight } => crate::problem!(
            "csv-weight",
            file = file,
            place = crate::t!(Lang::current(), "list.place-line-column", line = line, column = "weight"),
            found = weight,
            max = potdraw_core::model::MAX_WEIGHT
        ),
        CommitError::TotalOverflow => crate::problem!("csv-total-overflow", file = file),
        CommitError::Weighted { line, weight } => {
            crate::problem!("csv-weighted-rfc3797", file = file, line = line, found = weight)
        }
        CommitError::EmptyPlan => crate::problem!("entropy-plan-empty"),
        CommitError::NotNumbers { label, kind } => crate::problem!("entropy-not-numbers", label = label, kind = kind),
        CommitError::TooManyPicks { picks } => {
            crate::problem!("rfc3797-too-many-picks", max = potdraw_core::rfc3797::MAX_PICKS, found = picks)
        }
        CommitError::PlanTooLarge { sources } => {
            crate::problem!("entropy-plan-size", max = potdraw_core::entropy::MAX_PLAN_SOURCES, found = sources)
        }
        CommitError::PicksOverflow { recipients, reserves } => {
            crate::problem!("picks-overflow", recipients = recipients, reserves = reserves)
        }
        CommitError::LeafCollision => crate::problem!("internal", detail = e),
    }
}

/// The pot's problems in euros, in the user's number format.
pub fn pot(e: &PotError) -> anyhow::Error {
    let lang = Lang::current();
    match *e {
        PotError::Grant { monthly_cents, months } => {
            crate::problem!("pot-grant", monthly = lang.money(monthly_cents), months = months)
        }
        PotError::Bounds { min, max } => crate::problem!("pot-bounds", min = min, max = max),
        PotError::TooSmall { pot_cents, grant_cents, affordable, min, missing_cents } => crate::problem!(
            "pot-too-small",
            pot = lang.money(pot_cents),
            grant = lang.money(grant_cents),
            affordable = crate::render::counted(lang, crate::render::Noun::Grants, affordable),
            min = min,
            missing = lang.money(missing_cents)
        ),
        PotError::OutOfBounds { k, min, max } => {
            crate::problem!("pot-recipients-range", found = k, min = min, max = max)
        }
        PotError::Unaffordable { k, needed_cents, pot_cents } => crate::problem!(
            "pot-unaffordable",
            found = k,
            needed = lang.money(needed_cents),
            pot = lang.money(pot_cents)
        ),
        PotError::TooManyGrants { grants, grant_cents, of } => crate::problem!(
            "pot-too-many-grants",
            flag = if of == "min_recipients" { "--min" } else { "--recipients" },
            found = grants,
            grant = lang.money(grant_cents),
            max = lang.money(potdraw_core::money::MAX_CENTS)
        ),
    }
}

/// An id typed by a participant (`check --id`) that breaks a rule of SPEC §4.1.
pub fn id(e: &IdError, typed: &str) -> anyhow::Error {
    let found = potdraw_core::error::quote(typed.trim());
    let version = potdraw_core::unicode::VERSION;
    match *e {
        IdError::Empty => crate::problem!("id-empty"),
        IdError::Control { position, c } => {
            crate::problem!("id-control", code_point = code_point(c), position = position, found = found)
        }
        IdError::Unassigned { position, c } => crate::problem!(
            "id-unassigned",
            code_point = code_point(c),
            position = position,
            found = found,
            version = version
        ),
        IdError::Invisible { position, c } => {
            crate::problem!("id-invisible", code_point = code_point(c), position = position, found = found)
        }
        IdError::NoVisible => crate::problem!("id-no-visible", found = found),
        IdError::TooLong { max, found } => crate::problem!("id-too-long", max = max, bytes = found),
    }
}

/// A receipt code typed by a participant (`--code`).
pub fn code(e: &CodeError) -> anyhow::Error {
    match e {
        CodeError::BadCharacter { position, found } => {
            crate::problem!("code-character", position = position, found = format!("{found:?}"))
        }
        CodeError::Length { found } => crate::problem!("code-length", found = found),
        CodeError::Range => crate::problem!("code-range"),
        CodeError::Check => crate::problem!("code-check"),
    }
}

/// A drand round that does not verify (SPEC §13): the rejection's reason in
/// the user's language, with the expected and found values; any other
/// beacon error as drand input.
pub fn beacon(label: &str, round: u64, chain: &str, e: &potdraw_beacon::BeaconError) -> anyhow::Error {
    let lang = Lang::current();
    match e.rejection() {
        Some(r) => crate::problem!(
            "drand-rejected",
            label = format!("{label:?}"),
            round = round,
            chain = chain,
            id = r.id(),
            reason = lang.t(&format!("errors.drand-reason.{}", r.id()), &[]),
            field = e.field(),
            expected = e.expected(),
            found = e.found()
        ),
        None => crate::problem!(
            "drand-input",
            detail = crate::ops::drand::source_problem(label, &crate::ops::drand::describe(e))
        ),
    }
}

/// The values given at the draw (`--entropy`, `--seed`).
pub fn draw(commitment: &dyn Display, seed: &dyn Display, e: &DrawError) -> anyhow::Error {
    match e {
        DrawError::SeedMismatch { expected, found } => {
            crate::problem!("seed-mismatch", file = seed, expected = expected, found = found)
        }
        DrawError::Unannounced { label, announced } => {
            crate::problem!("entropy-unannounced", label = format!("{label:?}"), announced = announced)
        }
        DrawError::Repeated { label } => crate::problem!("entropy-repeated", label = format!("{label:?}")),
        DrawError::Missing { label, kind } => {
            crate::problem!("entropy-missing", label = format!("{label:?}"), kind = kind)
        }
        DrawError::Value(f) => {
            // The core names the field `entropy "LABEL"`; people gave it as `--entropy LABEL=…`.
            let mut f = f.clone();
            if let Some(label) = f.field.strip_prefix("entropy ") {
                f.field = crate::t!(Lang::current(), "draw.entropy-field", label = label);
            }
            field(&"--entropy", &f)
        }
        DrawError::MissingBeacon { label } => {
            crate::problem!("entropy-missing", label = format!("{label:?}"), kind = "drand")
        }
        DrawError::WrongMethod { expected, found } => {
            crate::problem!("draw-method", file = commitment, expected = expected, found = found)
        }
        DrawError::Rfc3797(potdraw_core::rfc3797::Rfc3797Error::KeyTooLong { bytes }) => {
            crate::problem!("entropy-key-too-long", max = potdraw_core::rfc3797::MAX_KEY_BYTES, found = bytes)
        }
        DrawError::Select(_) | DrawError::Rfc3797(_) => {
            crate::problem!("draw-commitment", file = commitment, detail = e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{parse as parse_catalogue, CATALOGUES};

    /// Every reason a drand round is refused for has its sentence.
    #[test]
    fn every_drand_rejection_has_a_reason_in_every_language() {
        for lang in Lang::all() {
            for r in potdraw_beacon::Rejection::ALL {
                let key = format!("errors.drand-reason.{}", r.id());
                assert_ne!(lang.t(&key, &[]), key, "{lang} lacks {key}");
            }
        }
    }

    /// Every class the code can raise has its message in every language
    /// (dynamic keys escape the scan of tests/catalogue.rs, so they are listed here).
    #[test]
    fn every_class_has_a_message_in_every_language() {
        let mut classes: Vec<String> = Vec::new();
        let src = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut stack = vec![std::path::PathBuf::from(src)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for marker in ["problem!(\"", "Problem::new(\n            \"", "Problem::new(\""] {
                    for (at, _) in text.match_indices(marker) {
                        let rest = &text[at + marker.len()..];
                        classes.push(rest[..rest.find('"').unwrap()].to_string());
                    }
                }
            }
        }
        let kinds = [
            FieldKind::Hex { chars: 0, found_chars: 0 },
            FieldKind::Version { versions: String::new() },
            FieldKind::MemberRequired { method: "" },
            FieldKind::MemberForbidden { method: "" },
            FieldKind::Title { max: 0 },
            FieldKind::Time,
            FieldKind::Label,
            FieldKind::LabelReused,
            FieldKind::PlanEmpty,
            FieldKind::PlanSize { max: 0 },
            FieldKind::DiceCount { max: 0 },
            FieldKind::Faces,
            FieldKind::DiceMember,
            FieldKind::FacesMember,
            FieldKind::NoDiceFaces { kind: "" },
            FieldKind::PlanKind { allowed: "" },
            FieldKind::Weight { max: 0 },
            FieldKind::UnweightedMethod,
            FieldKind::Decimal,
            FieldKind::CommitmentFormat { want: "" },
            FieldKind::Role,
            FieldKind::Key { max: 0 },
            FieldKind::Picks { max: 0 },
            FieldKind::LeafOfSalt,
            FieldKind::ReceiptCode { code: String::new() },
            FieldKind::DiceDigit { count: 0, lo: '0', hi: '0', position: 0 },
            FieldKind::DiceLength { count: 0, lo: '0', hi: '0' },
            FieldKind::Text { max: 0 },
            FieldKind::Unassigned { code_point: 0, position: 0 },
            FieldKind::Numbers { max_numbers: 0, max_digits: 0 },
            FieldKind::Other,
        ];
        classes.extend(kinds.iter().map(|k| k.class().to_string()));
        let csv = [
            CsvKind::Empty,
            CsvKind::NoIdColumn,
            CsvKind::HeaderEmpty,
            CsvKind::HeaderDuplicate { first: 0 },
            CsvKind::FieldCount { expected: 0, found: 0 },
            CsvKind::NotUtf8 { byte: 0, at: 0 },
            CsvKind::EmptyId,
            CsvKind::ControlCharacter,
            CsvKind::IdTooLong { max: 0, found: 0 },
            CsvKind::IdUnassigned { code_point: 0, position: 0 },
            CsvKind::IdInvisible { code_point: 0, position: 0 },
            CsvKind::IdNoVisible,
            CsvKind::DuplicateId { first: 0 },
            CsvKind::DuplicateIdNfc { first: 0 },
            CsvKind::Weight { max: 0 },
            CsvKind::Syntax,
            CsvKind::NoRows,
            CsvKind::FieldTooLong { max: 0, found: 0 },
            CsvKind::TooMany { max: 0 },
            CsvKind::NoSuchColumn { weight: false, name: String::new() },
            CsvKind::WeightLike { used: None },
            CsvKind::Separator,
            CsvKind::EncodingIsUtf8,
            CsvKind::SheetOpen,
            CsvKind::SheetMissing { name: String::new() },
            CsvKind::CellError,
            CsvKind::Formula,
            CsvKind::SheetTooLarge(Box::new(crate::sheet::limits::Limit::Inflated)),
            CsvKind::IdNumberFormat { format: String::new(), shown: false },
            CsvKind::FlagNotForFile { flag: "", spreadsheet: false },
        ];
        classes.extend(csv.iter().map(|k| k.class().to_string()));
        for c in ["json-truncated", "json-trailing", "json-duplicate-member", "json-unknown-member", "json-type"] {
            classes.push(c.into());
        }
        assert!(classes.len() > 60, "the scan found only {} classes", classes.len());
        let mut missing = Vec::new();
        for (code, text) in CATALOGUES {
            let map = parse_catalogue(code, text).unwrap();
            for c in &classes {
                if !map.contains_key(format!("errors.{c}").as_str()) {
                    missing.push(format!("{code}: errors.{c}"));
                }
            }
        }
        assert!(missing.is_empty(), "missing messages:\n{}", missing.join("\n"));
    }

    /// SPEC §2.4: no value reaches a message raw, whichever way the problem is made.
    #[test]
    fn values_in_messages_cannot_drive_a_terminal() {
        let name = "\u{1b}[2J\u{1b}[32mVERIFIED\u{200B}";
        let shown = "⟨U+001B⟩[2J⟨U+001B⟩[32mVERIFIED⟨U+200B⟩";
        let p =
            Problem::new("json-unknown-member", &[("file", &"t.json"), ("line", &1), ("column", &2), ("name", &name)]);
        assert!(p.message.contains(shown) && !p.message.contains('\u{1b}'), "{}", p.message);
        let e = crate::problem!("receipt-no-id", file = "r\u{7}.jsonl", id = name);
        assert!(describe(&e).1.contains(shown) && describe(&e).1.contains("r⟨U+0007⟩.jsonl"), "{}", describe(&e).1);
        assert_eq!(describe(&anyhow::anyhow!("io: {name}")).1, format!("io: {shown}"));
    }

    #[test]
    fn describe_finds_the_class_anywhere_in_the_chain() {
        let e = crate::problem!("code-check").context("while checking");
        assert_eq!(describe(&e).0, "code-check");
        assert_eq!(describe(&anyhow::anyhow!("boom")), ("internal", "boom".to_string()));
    }
}
