//! The pages `potdraw publish` writes besides the documents (issue 29): the
//! draw's own page, `index.html`, in two languages on one page, and the
//! folder's `README.txt`.
//!
//! What the page shows is what the verified documents hold, nothing from
//! `private/`: the title, when the commitment was made, its full hash and
//! how to compare it (with the fingerprint the projector showed), the public
//! randomness, the drawn tickets by the fingerprint the room saw (place,
//! role, and for a travel companion the place they travel with), the
//! substitutions, and a link to every file. Like the report it loads
//! nothing and runs no script (a Content-Security-Policy says so).

use crate::i18n::Lang;
use crate::ops::amendments::Checked;
use crate::render::fingerprint;
use crate::report::esc;
use crate::t;
use potdraw_core::entropy::PlanEntry;
use potdraw_core::model::Role;
use potdraw_core::unicode::visible;
use potdraw_verify::Drawn;
use std::fmt::Write;

/// What the page says of the commitment, drawn or not.
pub struct Head {
    pub title: String,
    /// The commitment digest (hex).
    pub digest: String,
    pub transcript_digest: Option<String>,
    /// `created_at` of the commitment (Unix seconds).
    pub created: u64,
    pub plan: Vec<PlanEntry>,
    /// The values revealed at the draw (label, value); empty before it.
    pub revealed: Vec<(String, String)>,
}

/// A published document with its signature and time stamps.
pub struct Listed {
    pub name: String,
    pub signature: Option<String>,
    pub stamps: Vec<String>,
}

/// Everything on the draw's page.
pub struct Index<'a> {
    pub head: &'a Head,
    pub drawn: Option<&'a Drawn>,
    /// The substitutions section in the first and the second language.
    pub substitutions: &'a [Option<String>; 2],
    pub documents: &'a [Listed],
    /// The tool's pages in the folder (report.html, verify.html).
    pub extra: Vec<&'a str>,
    /// The verifier page's address, when known.
    pub url: Option<&'a str>,
}

const STYLE: &str = "\
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 52rem; padding: 1rem; font: 16px/1.5 system-ui, -apple-system, \"Segoe UI\", Roboto, \"Noto Sans\", \"DejaVu Sans\", sans-serif; color: #111; background: #fff; }
h1 { font-size: 1.7rem; margin: 0.2rem 0 0.5rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 1.8rem 0 0.5rem; padding-bottom: 0.2rem; border-bottom: 2px solid #111; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.85rem; color: #444; }
.lead { font-weight: 600; font-size: 1.1rem; padding: 0.6rem 0.8rem; border: 2px solid #1a6b2f; background: #eef7f0; color: #124d22; }
.lead.waiting { border-color: #555; background: #f4f4f4; color: #222; }
nav a, a.button { display: inline-block; min-height: 44px; padding: 0.6rem 0.9rem; border: 2px solid #0b4f8a; border-radius: 6px; color: #0b4f8a; font-weight: 600; text-decoration: none; }
a { color: #0b4f8a; }
table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
caption { text-align: left; font-weight: 700; font-size: 1.05rem; text-transform: none; letter-spacing: 0; color: #111; padding: 0.3rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border-bottom: 1px solid #ccc; }
code { font-family: ui-monospace, \"DejaVu Sans Mono\", \"Liberation Mono\", Menlo, Consolas, monospace; }
code.hash { word-break: break-all; overflow-wrap: anywhere; font-size: 0.92em; }
code.fp { font-size: 1.1em; font-weight: 700; white-space: nowrap; }
ul.files { padding-left: 1.2rem; }
ul.files li { margin: 0.2rem 0; }
ul.files a { display: inline-block; min-height: 44px; padding: 0.55rem 0; }
.note { font-size: 0.95em; color: #333; border-left: 4px solid #999; padding-left: 0.6rem; }
article + article { margin-top: 3rem; border-top: 4px double #111; }
";

/// The substitutions of a verified record, as the report shows them, for
/// the page in `lang` (ids made unique per language).
pub fn substitutions(lang: Lang, checked: &Checked) -> Option<String> {
    const MARK: &str = "<section id=\"verify\">";
    let html = match checked {
        Checked::One(r) => crate::report_amend::with_amendments(MARK.to_string(), lang, r.outcome.as_ref().ok()?),
        Checked::Lists(r, names) => {
            crate::report_amend::with_lists_amendments(MARK.to_string(), lang, r.outcome.as_ref().ok()?, names)
        }
    };
    let section = html.strip_suffix(MARK).unwrap_or(&html);
    Some(section.replace(" id=\"", &format!(" id=\"{}-", lang.code())))
}

/// `index.html`: the draw's page in `first`, then in `second`.
pub fn render_index(index: &Index<'_>, first: Lang, second: Lang) -> String {
    let title = visible(&index.head.title);
    let mut h = String::with_capacity(32 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"potdraw-page\" content=\"index\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        first.code(),
        esc(&title),
    );
    let _ = writeln!(
        h,
        "<nav aria-label=\"{}\"><a href=\"#{}\" lang=\"{}\" hreflang=\"{}\">{}</a></nav>\n<main>",
        esc(&t!(first, "site.languages")),
        second.code(),
        second.code(),
        second.code(),
        esc(&t!(second, "site.this-language"))
    );
    for (i, lang) in [first, second].into_iter().enumerate() {
        article(&mut h, index, lang, index.substitutions[i].as_deref());
    }
    h.push_str("</main>\n</body>\n</html>\n");
    h
}

fn article(h: &mut String, index: &Index<'_>, lang: Lang, substitutions: Option<&str>) {
    let head = index.head;
    let code = lang.code();
    let _ = writeln!(h, "<article lang=\"{code}\" id=\"{code}\" aria-labelledby=\"{code}-title\">");
    let _ = writeln!(
        h,
        "<header>\n<p class=\"kicker\">{}</p>\n<h1 id=\"{code}-title\">{}</h1>",
        esc(&t!(lang, "site.kicker")),
        esc(&visible(&head.title))
    );
    let created = crate::localtime::show(lang, head.created);
    let _ = writeln!(h, "<p>{}</p>", esc(&t!(lang, "site.created", date = created)));
    match index.drawn {
        Some(_) => {
            let _ =
                writeln!(h, "<p class=\"lead\">{}</p>", esc(&crate::tn!(lang, "site.verified", index.head.plan.len())));
        }
        None => {
            let _ = writeln!(h, "<p class=\"lead waiting\">{}</p>", esc(&t!(lang, "site.waiting")));
        }
    }
    h.push_str("</header>\n");
    if let Some(drawn) = index.drawn {
        result(h, drawn, lang);
    }
    if let Some(s) = substitutions {
        h.push_str(s);
    }
    // Check it yourself: the verifier page in this folder.
    let _ = writeln!(
        h,
        "<section aria-labelledby=\"{code}-check\">\n<h2 id=\"{code}-check\">{}</h2>\n<p>{}</p>\n<p><a class=\"button\" href=\"verify.html#lang={code}\">{}</a></p>",
        esc(&t!(lang, "site.check.heading")),
        esc(&t!(lang, "site.check.explain")),
        esc(&t!(lang, "site.check.open"))
    );
    if let Some(url) = index.url {
        let _ = writeln!(h, "<p>{}</p>", esc(&t!(lang, "site.check.address", url = url)));
    }
    h.push_str("</section>\n");
    commitment(h, head, lang);
    randomness(h, head, lang, index.drawn.is_some());
    files(h, index, lang);
    h.push_str("</article>\n");
}

/// The drawn tickets, list by list, by the fingerprint the room saw.
fn result(h: &mut String, drawn: &Drawn, lang: Lang) {
    let code = lang.code();
    let _ = writeln!(
        h,
        "<section aria-labelledby=\"{code}-result\">\n<h2 id=\"{code}-result\">{}</h2>\n<p>{}</p>",
        esc(&t!(lang, "site.result.heading")),
        esc(&t!(lang, "site.result.explain"))
    );
    for list in drawn.lists() {
        // SPEC §19.3: the caption shows the list as people call it; data-list keeps the name.
        let caption = match list.shown() {
            Some(shown) => t!(lang, "report.lists.heading", list = crate::shown::isolated(visible(shown))),
            None => t!(lang, "site.result.heading"),
        };
        let _ = write!(
            h,
            "<table class=\"picks\" data-list=\"{}\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            esc(list.name.unwrap_or("")),
            esc(&caption),
            esc(&t!(lang, "site.result.role")),
            esc(&t!(lang, "site.result.ticket")),
            esc(&t!(lang, "site.result.pair")),
        );
        let of = list.companions_of();
        for p in list.result {
            let role = match (p.role, of) {
                (Role::Recipient, Some(_)) => t!(lang, "verify.role.companion"),
                (role, _) => crate::render::role_word(lang, role),
            };
            let pair = match (p.role, of) {
                (Role::Recipient, Some(of)) => {
                    t!(lang, "verify.lists.pair", place = p.rank, of = crate::shown::isolated(visible(drawn.shown(of))))
                }
                _ => String::new(),
            };
            let leaf = hex::encode(p.leaf);
            let _ = write!(
                h,
                "<tr data-role=\"{}\" data-rank=\"{}\" data-leaf=\"{}\"><td>{} {}</td><td><code class=\"fp\">{}</code></td><td>{}</td></tr>",
                p.role.name(),
                p.rank,
                leaf,
                esc(&role),
                p.rank,
                fingerprint(&leaf),
                esc(&pair)
            );
        }
        h.push_str("</tbody></table>\n");
    }
    h.push_str("</section>\n");
}

fn commitment(h: &mut String, head: &Head, lang: Lang) {
    let code = lang.code();
    let _ = writeln!(
        h,
        "<section aria-labelledby=\"{code}-commitment\">\n<h2 id=\"{code}-commitment\">{}</h2>\n<p>{}</p>\n<p><code class=\"hash\" id=\"{code}-digest\">{}</code></p>\n<p>{}</p>",
        esc(&t!(lang, "site.commitment.heading")),
        esc(&crate::tn!(lang, "site.commitment.explain", head.plan.len())),
        esc(&head.digest),
        esc(&t!(lang, "site.commitment.compare", fingerprint = fingerprint(&head.digest)))
    );
    if let Some(t) = &head.transcript_digest {
        let _ = writeln!(
            h,
            "<p>{}</p>\n<p><code class=\"hash\">{}</code></p>",
            esc(&t!(lang, "site.transcript.digest", fingerprint = fingerprint(t))),
            esc(t)
        );
    }
    h.push_str("</section>\n");
}

fn randomness(h: &mut String, head: &Head, lang: Lang, drawn: bool) {
    let code = lang.code();
    let _ = writeln!(
        h,
        "<section aria-labelledby=\"{code}-entropy\">\n<h2 id=\"{code}-entropy\">{}</h2>\n<p>{}</p>",
        esc(&t!(lang, "site.entropy.heading")),
        esc(&if drawn { t!(lang, "site.entropy.explain") } else { t!(lang, "site.entropy.planned") })
    );
    let _ = write!(
        h,
        "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        esc(&t!(lang, "report.entropy.label")),
        esc(&t!(lang, "report.entropy.kind")),
        esc(&t!(lang, "report.entropy.value"))
    );
    for (i, plan) in head.plan.iter().enumerate() {
        let value = head.revealed.get(i).map(|(_, v)| visible(v)).unwrap_or_default();
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
            esc(&visible(&plan.label)),
            esc(&crate::report::source_kind(lang, &plan.kind)),
            esc(&value)
        );
    }
    h.push_str("</tbody></table>\n</section>\n");
}

fn files(h: &mut String, index: &Index<'_>, lang: Lang) {
    let code = lang.code();
    let _ = writeln!(
        h,
        "<section aria-labelledby=\"{code}-files\">\n<h2 id=\"{code}-files\">{}</h2>\n<p>{}</p>\n<ul class=\"files\">",
        esc(&t!(lang, "site.files.heading")),
        esc(&t!(lang, "site.files.explain"))
    );
    let link = |name: &str| format!("<a href=\"{0}\">{0}</a>", esc(name));
    for d in index.documents {
        let what = match d.name.as_str() {
            crate::ops::publish::TRANSCRIPT => t!(lang, "site.files.transcript"),
            crate::ops::publish::COMMITMENT => t!(lang, "site.files.commitment"),
            crate::ops::publish::RECORD => t!(lang, "site.files.record"),
            _ => t!(lang, "site.files.key"),
        };
        let _ = write!(h, "<li>{}: {}", esc(&what), link(&d.name));
        if let Some(sig) = &d.signature {
            let _ = write!(h, "; {} {}", esc(&t!(lang, "site.files.signature")), link(sig));
        }
        for stamp in &d.stamps {
            let _ = write!(h, "; {} {}", esc(&t!(lang, "site.files.stamp")), link(stamp));
        }
        h.push_str("</li>\n");
    }
    for page in &index.extra {
        let what = match *page {
            "report.html" => t!(lang, "site.files.report"),
            _ => t!(lang, "site.files.verifier"),
        };
        let _ = writeln!(h, "<li>{}: {}</li>", esc(&what), link(page));
    }
    h.push_str("</ul>\n</section>\n");
}

/// `README.txt`: in one sentence, where the folder goes.
pub fn readme(lang: Lang, url: Option<&str>) -> Vec<u8> {
    let text = match url {
        Some(url) => t!(lang, "site.readme.url", url = url),
        None => t!(lang, "site.readme"),
    };
    format!("{text}\n").into_bytes()
}
