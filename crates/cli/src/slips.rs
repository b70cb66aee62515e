//! The printable slips for residents (`potdraw slips`, issue 17): one
//! self-contained HTML file, A4, three slips a page with cut lines.
//!
//! WHY paper: each resident must get their id and code, and a volunteer
//! cannot print `receipts.jsonl`. WHY HTML as for the report
//! ([`crate::report`]): any browser prints it; it loads nothing (inline CSS,
//! QR codes as inline SVG, a Content-Security-Policy that forbids loading),
//! so opening the file tells nobody that slips are being printed.
//!
//! What a slip shows: the pot's title, the planned date of the draw, the
//! resident's name, the id and the code in large monospace type (the code
//! is Crockford base 32 in groups of four: no I, L, O or U to misread), and
//! three sentences from the catalogue (`slips.*`). With a page address, a QR
//! code of `URL#id=…&code=…`: the part after `#` is never sent to a server,
//! and the verifier page fills in its fields from it.

use crate::i18n::Lang;
use crate::report::{esc, qr_svg};
use crate::t;
use potdraw_core::model::Receipt;
use potdraw_core::unicode::visible;
use std::fmt::Write;

/// Slips on one A4 page: 3 × 89 mm fits within the page margins.
pub const PER_PAGE: usize = 3;

/// The stylesheet: the slip's type sizes are those of [`crate::slips_fit`]
/// times the slip's own `--s` (its scale, chosen so its text fits).
fn style() -> String {
    use crate::slips_fit::*;
    format!(
        "\
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0 auto; max-width: 182mm; font: 10pt/{LINE} system-ui, \"Segoe UI\", Roboto, \"Noto Sans\", \"DejaVu Sans\", sans-serif; color: #111; background: #fff; }}
h1.sheet {{ font-size: 14pt; margin: 0 0 4mm; }}
section.page {{ break-after: page; page-break-after: always; }}
section.page:last-of-type {{ break-after: auto; page-break-after: auto; }}
article.slip {{ --s: 1; height: 89mm; padding: 4mm 4mm 3mm; border-bottom: 1px dashed #555; position: relative; break-inside: avoid; page-break-inside: avoid; line-height: {LINE}; }}
.cut {{ position: absolute; right: 2mm; bottom: -0.45em; background: #fff; padding: 0 1mm; font-size: 7pt; line-height: 1; color: #444; }}
.kicker {{ margin: 0; text-transform: uppercase; letter-spacing: 0.06em; font-size: calc({KICKER_PT}pt * var(--s)); color: #333; }}
h2 {{ margin: 0 0 1.5mm; font-size: calc({TITLE_PT}pt * var(--s)); overflow-wrap: anywhere; }}
.body {{ display: flex; gap: 4mm; }}
.body > div {{ flex: 1; min-width: 0; }}
dl {{ display: grid; grid-template-columns: auto 1fr; gap: 0.5mm 3mm; margin: 0; align-items: baseline; }}
dt {{ font-weight: 600; font-size: calc({LABEL_PT}pt * var(--s)); }}
dd {{ margin: 0; font-size: calc({VALUE_PT}pt * var(--s)); overflow-wrap: anywhere; }}
.mono {{ font-family: ui-monospace, \"DejaVu Sans Mono\", \"Liberation Mono\", Menlo, Consolas, monospace; font-weight: 700; letter-spacing: 0.03em; overflow-wrap: anywhere; }}
dd.id {{ font-size: calc({ID_PT}pt * var(--s)); }}
dd.code {{ font-size: calc({CODE_PT}pt * var(--s)); }}
p.screen {{ margin: 1mm 0 0; font-size: calc({VALUE_PT}pt * var(--s)); font-weight: 600; }}
p.explain {{ margin: 0.6mm 0 0; font-size: calc({EXPLAIN_PT}pt * var(--s)); }}
figure.qr {{ margin: 0; flex: 0 0 34mm; }}
figure.qr svg {{ width: 34mm; height: 34mm; display: block; }}
@page {{ size: A4; margin: 12mm 14mm; }}
@media screen {{ body {{ padding: 1rem; }} }}
@media print {{ h1.sheet {{ display: none; }} }}
"
    )
}

/// What every slip shares.
pub struct Sheet<'a> {
    pub title: &'a str,
    pub draw_date: &'a str,
    pub name_column: Option<&'a str>,
    pub page_url: Option<&'a str>,
    /// The draw's lists as people call them (SPEC §19.3); empty for one list.
    pub names: &'a crate::shown::Names,
}

/// The address in a slip's QR code: the verifier page with the id and code
/// in the fragment (percent-encoded, so an id with `&` or `#` survives).
/// The page's address with the slip's id, code and language after `#` (the
/// part a browser never sends): the page answers in the slip's language
/// whatever the phone's (issue 29).
pub fn fragment_url(page: &str, id: &str, code: &str, lang: &str) -> String {
    format!("{page}#id={}&code={}&lang={}", percent(id), percent(code), percent(lang))
}

/// RFC 3986 percent-encoding of everything but the unreserved characters.
fn percent(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The page's address as a person types it: without `https://` (issue 29:
/// the address was only in the QR code, and a resident without a
/// smartphone was stuck).
pub fn short_address(url: &str) -> &str {
    url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).unwrap_or(url)
}

/// The whole page of slips, in the order of the receipts (the list's order);
/// refused, naming the field, when a slip's text cannot fit at a readable size.
pub fn render_html(sheet: &Sheet<'_>, receipts: &[Receipt], lang: Lang) -> anyhow::Result<String> {
    let title = visible(sheet.title);
    let mut h = String::with_capacity(2048 + 6 * 1024 * receipts.len());
    let heading = t!(lang, "slips.title", title = title);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<meta name=\"potdraw-page\" content=\"slips\">\n<title>{}</title>\n<style>\n{}</style>\n</head>\n<body>\n<main>\n<h1 class=\"sheet\">{}</h1>\n",
        lang.code(),
        esc(&heading),
        style(),
        esc(&heading),
    );
    for page in receipts.chunks(PER_PAGE) {
        h.push_str("<section class=\"page\">\n");
        for r in page {
            slip(&mut h, sheet, r, lang)?;
        }
        h.push_str("</section>\n");
    }
    h.push_str("</main>\n</body>\n</html>\n");
    Ok(h)
}

fn slip(h: &mut String, sheet: &Sheet<'_>, r: &Receipt, lang: Lang) -> anyhow::Result<()> {
    use crate::slips_fit::{Kind, Row, Slip};
    let d = &r.doc;
    let name = visible(sheet.name_column.and_then(|c| d.columns.get(c)).unwrap_or(""));
    let (title, date, id) = (visible(sheet.title), visible(sheet.draw_date), visible(&d.id));
    let labels = [
        t!(lang, "slips.date"),
        t!(lang, "slips.name"),
        t!(lang, "slips.list"),
        t!(lang, "slips.id"),
        t!(lang, "slips.code"),
        t!(lang, "slips.address"),
    ];
    fn row<'a>(field: String, label: &'a str, value: &'a str, kind: Kind, max_lines: usize) -> Row<'a> {
        Row { field, label, value, kind, max_lines }
    }
    let mut rows = vec![row("--draw-date".into(), &labels[0], &date, Kind::Value, 2)];
    if let Some(column) = sheet.name_column {
        rows.push(row(t!(lang, "slips.field.name", column = column, id = id), &labels[1], &name, Kind::Value, 2));
    }
    // SPEC §17.8: in a draw with several lists, the slip names the person's list.
    let list = d.list.as_deref().map(|l| crate::shown::isolated(sheet.names.shown(l)));
    if let Some(list) = &list {
        rows.push(row(t!(lang, "slips.field.list", list = list), &labels[2], list, Kind::Value, 2));
    }
    rows.push(row(t!(lang, "slips.field.id", id = id), &labels[3], &id, Kind::Id, 2));
    rows.push(row("code".into(), &labels[4], &d.code, Kind::Code, 2));
    let address = sheet.page_url.map(short_address).unwrap_or("");
    if sheet.page_url.is_some() {
        rows.push(row("--page-url".into(), &labels[5], address, Kind::Value, 2));
    }
    // The ticket as the projector shows it, so the room recognises it being drawn.
    let screen = t!(lang, "slips.screen", fingerprint = crate::render::fingerprint(&d.leaf));
    let check = if sheet.page_url.is_some() { "slips.explain-check-qr" } else { "slips.explain-check" };
    let explains: Vec<String> =
        ["slips.explain-code", "slips.explain-keep", check].iter().map(|k| lang.t(k, &[])).collect();
    let kicker = t!(lang, "slips.heading");
    let fit = Slip {
        kicker: &kicker,
        title: &title,
        rows,
        screen: &screen,
        explains: explains.iter().map(String::as_str).collect(),
        qr: sheet.page_url.is_some(),
    };
    let scale = fit.scale().map_err(|e| crate::problem!("slips-too-long", field = e.field, max = e.max_chars))?;
    let _ = write!(
        h,
        "<article class=\"slip\" style=\"--s: {scale}\" data-id=\"{}\" data-code=\"{}\" data-screen=\"{}\">\n<p class=\"kicker\">{}</p>\n<h2>{}</h2>\n<div class=\"body\">\n<div>\n<dl>\n",
        esc(&d.id),
        esc(&d.code),
        esc(&crate::render::fingerprint(&d.leaf)),
        esc(&kicker),
        esc(&title),
    );
    for r in &fit.rows {
        let class = match r.kind {
            Kind::Id => "mono id",
            Kind::Code => "mono code",
            Kind::Value => "",
        };
        let _ = writeln!(h, "<dt>{}</dt><dd class=\"{class}\">{}</dd>", esc(r.label), esc(r.value));
    }
    let _ = writeln!(h, "</dl>\n<p class=\"screen\">{}</p>\n</div>", esc(&screen));
    if let Some(svg) = sheet.page_url.map(|u| fragment_url(u, &d.id, &d.code, lang.code())).and_then(|u| {
        let svg = qr_svg(&u)?;
        Some(format!("<figure class=\"qr\" data-content=\"{}\">{svg}</figure>\n", esc(&u)))
    }) {
        h.push_str(&svg);
    }
    h.push_str("</div>\n");
    for e in &explains {
        let _ = writeln!(h, "<p class=\"explain\">{}</p>", esc(e));
    }
    let _ = writeln!(
        h,
        "<span class=\"cut\" aria-hidden=\"true\">&#9986; {}</span>\n</article>",
        esc(&t!(lang, "slips.cut"))
    );
    Ok(())
}

/// The mail-merge table: id, name, code, then every other private column
/// (the name column is already `name`; a mail merge wants unique headers).
/// The header, how many of its first names are the tool's own (id, name,
/// code, and the list with, in version 5, its display name), and the rows.
pub fn csv_rows(
    receipts: &[Receipt],
    name_column: Option<&str>,
    names: &crate::shown::Names,
) -> (Vec<String>, usize, Vec<Vec<String>>) {
    let mut columns = crate::handouts::column_names(receipts);
    columns.retain(|c| Some(c.as_str()) != name_column);
    let mut header = vec!["id".to_string(), "name".to_string(), "code".to_string()];
    // A draw with several lists (SPEC §17.8) has a column naming each person's list.
    let lists = receipts.iter().any(|r| r.doc.list.is_some());
    if lists {
        header.push("list".to_string());
    }
    // SPEC §19.3: beside the name, the display name a letter should show.
    let displays = lists && names.has_displays();
    if displays {
        header.push("display".to_string());
    }
    let own = header.len();
    header.extend(columns.iter().cloned());
    let rows = receipts
        .iter()
        .map(|r| {
            let d = &r.doc;
            let name = name_column.and_then(|c| d.columns.get(c)).unwrap_or("").to_string();
            let mut row = vec![d.id.clone(), name, d.code.clone()];
            if lists {
                row.push(d.list.clone().unwrap_or_default());
            }
            if displays {
                let list = d.list.as_deref().unwrap_or_default();
                row.push(names.display(list).unwrap_or(list).to_string());
            }
            row.extend(columns.iter().map(|c| d.columns.get(c).unwrap_or("").to_string()));
            row
        })
        .collect();
    (header, own, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fragment_survives_any_id() {
        assert_eq!(
            fragment_url("https://x.nl/verify.html", "A&B #1", "0K3F-AB", "nl"),
            "https://x.nl/verify.html#id=A%26B%20%231&code=0K3F-AB&lang=nl"
        );
        assert_eq!(fragment_url("https://x.nl/v", "René", "X", "en"), "https://x.nl/v#id=Ren%C3%A9&code=X&lang=en");
    }
}
