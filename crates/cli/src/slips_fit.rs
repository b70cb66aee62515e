//! Whether a slip's text fits its 89 mm at a readable size (issue 29: a
//! fixed box hid the last sentence of a slip with a two-line date).
//!
//! WHY estimated here and not measured by the browser: the slips page loads
//! and runs nothing (no script), so the size of the type is chosen when the
//! page is written. Each slip gets a scale between 1 and [`MIN_SCALE`]: the
//! largest at which every field, wrapped at word boundaries with a generous
//! width per character (DejaVu Sans, among the widest fonts a browser may
//! pick), fits the slip's height. Below that scale the type is no longer
//! readable on paper, so `slips` refuses, naming the field that takes the
//! room. A browser test prints the longest cases to an A4 PDF and checks
//! every sentence is there.

/// The smallest scale: explanations at 7.2 pt, values at 8.5 pt.
pub const MIN_SCALE: f64 = 0.85;

/// Type sizes at scale 1, in points (the stylesheet in `slips.rs` uses them).
pub const KICKER_PT: f64 = 7.5;
pub const TITLE_PT: f64 = 10.5;
pub const LABEL_PT: f64 = 8.5;
pub const VALUE_PT: f64 = 10.0;
pub const ID_PT: f64 = 13.0;
pub const CODE_PT: f64 = 12.0;
pub const EXPLAIN_PT: f64 = 8.5;
pub const LINE: f64 = 1.3;

const MM_PER_PT: f64 = 0.3528;
/// The text's width: 182 mm of the page less the slip's padding.
const WIDTH_MM: f64 = 174.0;
/// The QR code's column and the gap beside it.
const QR_MM: f64 = 34.0 + 4.0;
/// The height for text: 89 mm less the padding (4 mm and 3 mm) and 1 mm to spare.
const HEIGHT_MM: f64 = 89.0 - 7.0 - 1.0;
/// Average widths of a character, in em: proportional (bold a little wider) and monospace.
const SANS_EM: f64 = 0.62;
const BOLD_EM: f64 = 0.68;
const MONO_EM: f64 = 0.66;

/// What a value is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Value,
    Id,
    Code,
}

/// One row of the slip's list: its label, its value and how it is set.
pub struct Row<'a> {
    /// The field, as the refusal names it.
    pub field: String,
    pub label: &'a str,
    pub value: &'a str,
    pub kind: Kind,
    /// The most lines it may take at the smallest scale.
    pub max_lines: usize,
}

/// The slip's text.
pub struct Slip<'a> {
    pub kicker: &'a str,
    pub title: &'a str,
    pub rows: Vec<Row<'a>>,
    /// "Your ticket on the screen: DA7D-21C5", a line of its own under the rows.
    pub screen: &'a str,
    pub explains: Vec<&'a str>,
    pub qr: bool,
}

/// The field that does not fit: its name, and about how many characters would.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooLong {
    pub field: String,
    pub max_chars: usize,
}

/// Lines `text` takes at `cpl` characters a line, wrapped at spaces.
fn lines(text: &str, cpl: usize) -> usize {
    let cpl = cpl.max(1);
    let (mut n, mut used) = (1, 0usize);
    for word in text.split_whitespace() {
        let len = word.chars().count();
        let need = if used == 0 { len } else { used + 1 + len };
        if need <= cpl {
            used = need;
        } else if used == 0 {
            // A word longer than the line breaks anywhere (overflow-wrap).
            n += (len - 1) / cpl;
            used = len % cpl;
        } else {
            n += 1 + (len.saturating_sub(1)) / cpl;
            used = if len > cpl { len % cpl } else { len };
        }
    }
    n
}

fn cpl(width_mm: f64, pt: f64, em: f64) -> usize {
    (width_mm / (pt * MM_PER_PT * em)).floor().max(1.0) as usize
}

fn mm(pt: f64, n: usize) -> f64 {
    pt * LINE * MM_PER_PT * n as f64
}

impl Slip<'_> {
    fn value_pt(kind: Kind) -> (f64, f64) {
        match kind {
            Kind::Value => (VALUE_PT, SANS_EM),
            Kind::Id => (ID_PT, MONO_EM),
            Kind::Code => (CODE_PT, MONO_EM),
        }
    }

    /// The width of the values' column at `s`, in mm.
    fn value_width(&self, s: f64) -> f64 {
        let body = if self.qr { WIDTH_MM - QR_MM } else { WIDTH_MM };
        let label = self.rows.iter().map(|r| r.label.chars().count()).max().unwrap_or(0) as f64;
        body - label * LABEL_PT * s * MM_PER_PT * BOLD_EM - 3.0
    }

    fn row_lines(&self, r: &Row<'_>, s: f64) -> usize {
        let (pt, em) = Self::value_pt(r.kind);
        lines(r.value, cpl(self.value_width(s), pt * s, em))
    }

    /// The slip's height at scale `s`, in mm.
    fn height(&self, s: f64) -> f64 {
        let title = lines(self.title, cpl(WIDTH_MM, TITLE_PT * s, BOLD_EM));
        let rows: f64 = self
            .rows
            .iter()
            .map(|r| mm(Self::value_pt(r.kind).0 * s, self.row_lines(r, s)).max(mm(LABEL_PT * s, 1)) + 0.5)
            .sum();
        let body_width = if self.qr { WIDTH_MM - QR_MM } else { WIDTH_MM };
        let screen = mm(VALUE_PT * s, lines(self.screen, cpl(body_width, VALUE_PT * s, BOLD_EM))) + 1.0;
        let body = if self.qr { (rows + screen).max(34.0) } else { rows + screen };
        let explain: f64 = self
            .explains
            .iter()
            .map(|e| mm(EXPLAIN_PT * s, lines(e, cpl(WIDTH_MM, EXPLAIN_PT * s, SANS_EM))) + 0.6)
            .sum();
        mm(KICKER_PT * s, 1) + mm(TITLE_PT * s, title) + 1.5 + body + 1.5 + explain
    }

    /// The largest scale (in steps of 0.05 from 1 to [`MIN_SCALE`]) at which
    /// the slip fits, or the field that keeps it from fitting.
    pub fn scale(&self) -> Result<f64, TooLong> {
        let mut worst: Option<(usize, TooLong)> = None;
        for r in &self.rows {
            let n = self.row_lines(r, MIN_SCALE);
            let (pt, em) = Self::value_pt(r.kind);
            let per_line = cpl(self.value_width(MIN_SCALE), pt * MIN_SCALE, em);
            let too_long = TooLong { field: r.field.clone(), max_chars: per_line * r.max_lines * 9 / 10 };
            if n > r.max_lines {
                return Err(too_long);
            }
            if !matches!(&worst, Some((m, _)) if n <= *m) {
                worst = Some((n, too_long));
            }
        }
        let mut s = 1.0;
        while s >= MIN_SCALE - 1e-9 {
            if self.height(s) <= HEIGHT_MM {
                return Ok((s * 100.0).round() / 100.0);
            }
            s -= 0.05;
        }
        // Everything within its lines, and still too much together: the field
        // with the most lines takes the room (the title is the commitment's,
        // at most three lines, and always fits with short values).
        Err(worst.map(|(_, t)| t).unwrap_or(TooLong { field: "title".into(), max_chars: 0 }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_wrap_at_spaces() {
        assert_eq!(lines("", 10), 1);
        assert_eq!(lines("aaaa bbbb", 9), 1);
        assert_eq!(lines("aaaa bbbbb", 9), 2);
        assert_eq!(lines(&"x".repeat(25), 10), 3);
    }

    fn slip<'a>(title: &'a str, date: &'a str, name: &'a str) -> Slip<'a> {
        let row = |field: &str, label: &'a str, value: &'a str, kind, max_lines| Row {
            field: field.to_string(),
            label,
            value,
            kind,
            max_lines,
        };
        Slip {
            kicker: "Uw deelnamebewijs voor de loting",
            title,
            rows: vec![
                row("--draw-date", "Loting", date, Kind::Value, 2),
                row("name", "Naam", name, Kind::Value, 2),
                row("list", "Lijst", "reisgenoten-noord", Kind::Value, 2),
                row("id", "Uw id", "ZUID-017", Kind::Id, 2),
                row("code", "Uw controlecode", "0M2F-KA3B-11S5-67KA-EBZZ-CXP6-JDGR", Kind::Code, 2),
                row("address", "Uitslag", "buurtpot.example/loting/verify.html", Kind::Value, 2),
            ],
            screen: "Uw lot op het scherm: DA7D-21C5",
            explains: vec![
                "Met uw id en deze controlecode kunt u zelf nagaan dat u meedoet en of u getrokken bent.",
                "Bewaar dit bewijsje en laat de code aan niemand zien: er kan geen nieuw bewijsje gemaakt worden.",
                "Scan na de loting het vierkante plaatje met uw telefoon, of open het adres hierboven en vul uw id en controlecode in. U ziet dan de uitslag voor u.",
            ],
            qr: true,
        }
    }

    #[test]
    fn the_longest_title_and_name_fit_and_a_long_name_is_refused_by_its_field() {
        let title = "T".repeat(200);
        let long_name = "N".repeat(60);
        let s = slip(&title, "zaterdag 12 december 2026, 20.00 uur, in het buurthuis De Linde", &long_name);
        assert!(s.scale().is_ok());
        let name = "Naam ".repeat(60);
        let err = slip("Buurtpot", "zaterdag", &name).scale().unwrap_err();
        assert_eq!(err.field, "name");
        assert!(err.max_chars > 60, "{err:?}");
    }
}
