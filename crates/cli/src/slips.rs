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

/// Slips on one A4 page: 3 × 90 mm fits within the page margins.
pub const PER_PAGE: usize = 3;

const STYLE: &str = "\
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 182mm; font: 11pt/1.4 system-ui, \"Segoe UI\", Roboto, \"Noto Sans\", \"DejaVu Sans\", sans-serif; color: #111; background: #fff; }
section.page { break-after: page; page-break-after: always; }
section.page:last-of-type { break-after: auto; page-break-after: auto; }
article.slip { height: 89mm; padding: 5mm 4mm 3mm; border-bottom: 1px dashed #555; position: relative; display: flex; gap: 5mm; break-inside: avoid; page-break-inside: avoid; overflow: hidden; }
article.slip > div { flex: 1; min-width: 0; }
.cut { position: absolute; right: 2mm; bottom: -0.4em; background: #fff; padding: 0 1mm; font-size: 7pt; color: #555; }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: 0.08em; font-size: 8pt; color: #444; }
h2 { margin: 0.5mm 0 1.5mm; font-size: 13pt; overflow-wrap: anywhere; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 0.5mm 3mm; margin: 0 0 1.5mm; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: anywhere; }
.big { font-family: ui-monospace, \"DejaVu Sans Mono\", \"Liberation Mono\", Menlo, Consolas, monospace; font-size: 15pt; font-weight: 700; letter-spacing: 0.06em; overflow-wrap: anywhere; }
p.explain { margin: 0.6mm 0; font-size: 9pt; }
figure.qr { margin: 0; flex: 0 0 38mm; }
figure.qr svg { width: 38mm; height: 38mm; display: block; }
@page { size: A4; margin: 12mm 14mm; }
@media screen { body { padding: 1rem; } }
";

/// What every slip shares.
pub struct Sheet<'a> {
    pub title: &'a str,
    pub draw_date: &'a str,
    pub name_column: Option<&'a str>,
    pub page_url: Option<&'a str>,
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

/// The whole page of slips, in the order of the receipts (the list's order).
pub fn render_html(sheet: &Sheet<'_>, receipts: &[Receipt], lang: Lang) -> String {
    let title = visible(sheet.title);
    let mut h = String::with_capacity(2048 + 6 * 1024 * receipts.len());
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<meta name=\"potdraw-page\" content=\"slips\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        lang.code(),
        esc(&t!(lang, "slips.title", title = title)),
    );
    for page in receipts.chunks(PER_PAGE) {
        h.push_str("<section class=\"page\">\n");
        for r in page {
            slip(&mut h, sheet, r, lang);
        }
        h.push_str("</section>\n");
    }
    h.push_str("</body>\n</html>\n");
    h
}

fn slip(h: &mut String, sheet: &Sheet<'_>, r: &Receipt, lang: Lang) {
    let d = &r.doc;
    let name = sheet.name_column.and_then(|c| d.columns.get(c)).unwrap_or("");
    let _ = write!(
        h,
        "<article class=\"slip\" data-id=\"{}\" data-code=\"{}\">\n<div>\n<p class=\"kicker\">{}</p>\n<h2>{}</h2>\n<dl>\n",
        esc(&d.id),
        esc(&d.code),
        esc(&t!(lang, "slips.heading")),
        esc(&visible(sheet.title)),
    );
    let mut item = |label: &str, value: &str, class: &str| {
        let _ = writeln!(h, "<dt>{}</dt><dd class=\"{class}\">{}</dd>", esc(label), esc(value));
    };
    item(&t!(lang, "slips.date"), &visible(sheet.draw_date), "date");
    if sheet.name_column.is_some() {
        item(&t!(lang, "slips.name"), &visible(name), "name");
    }
    // SPEC §17.8: in a draw with several lists, the slip names the person's list.
    if let Some(list) = &d.list {
        item(&t!(lang, "slips.list"), list, "list");
    }
    item(&t!(lang, "slips.id"), &visible(&d.id), "big id");
    item(&t!(lang, "slips.code"), &d.code, "big code");
    h.push_str("</dl>\n");
    let check = if sheet.page_url.is_some() { "slips.explain-check-qr" } else { "slips.explain-check" };
    for key in ["slips.explain-code", "slips.explain-keep", check] {
        let _ = writeln!(h, "<p class=\"explain\">{}</p>", esc(&lang.t(key, &[])));
    }
    h.push_str("</div>\n");
    if let Some(svg) = sheet.page_url.map(|u| fragment_url(u, &d.id, &d.code, lang.code())).and_then(|u| {
        let svg = qr_svg(&u)?;
        Some(format!("<figure class=\"qr\" data-content=\"{}\">{svg}</figure>\n", esc(&u)))
    }) {
        h.push_str(&svg);
    }
    let _ = writeln!(h, "<span class=\"cut\">&#9986; {}</span>\n</article>", esc(&t!(lang, "slips.cut")));
}

/// The mail-merge table: id, name, code, then every other private column
/// (the name column is already `name`; a mail merge wants unique headers).
pub fn csv_rows(receipts: &[Receipt], name_column: Option<&str>) -> (Vec<String>, Vec<Vec<String>>) {
    let mut columns = crate::handouts::column_names(receipts);
    columns.retain(|c| Some(c.as_str()) != name_column);
    let mut header = vec!["id".to_string(), "name".to_string(), "code".to_string()];
    // A draw with several lists (SPEC §17.8) has a column naming each person's list.
    let lists = receipts.iter().any(|r| r.doc.list.is_some());
    if lists {
        header.push("list".to_string());
    }
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
            row.extend(columns.iter().map(|c| d.columns.get(c).unwrap_or("").to_string()));
            row
        })
        .collect();
    (header, rows)
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
