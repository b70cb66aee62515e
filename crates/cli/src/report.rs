//! The printable report of a verified draw: one self-contained HTML page for
//! the room and the record (`potdraw report`, and the end of `potdraw ceremony`).
//!
//! Why HTML and not PDF: every phone and computer opens it, a browser prints
//! it on A4 with the stylesheet below, and it is plain text an auditor can
//! read in ten years. Why self-contained: it must open offline and must not
//! leak who reads it, so there are no fonts, scripts or images from anywhere
//! (the QR code is inline SVG, the style is inline CSS) and the page carries
//! a Content-Security-Policy that forbids loading anything.
//!
//! What it may show: only what the verified transcript holds. A transcript
//! has no names (SPEC §4: the list is of salted ticket hashes), so neither
//! does the report. It takes a [`Verified<Draw>`], so a report of a draw that
//! did not verify cannot be made. Every sentence comes from the message
//! catalogue (`report.*`), every value is HTML-escaped by [`esc`].

use crate::i18n::Lang;
use crate::render::{detail_text, fingerprint, role_word, short, skipped_text};
use crate::t;
use potdraw_core::entropy::SourceKind;
use potdraw_core::model::{Method, Replay};
use potdraw_core::unicode::visible;
use potdraw_verify::{Draw, Verified};
use std::fmt::Write;

/// The print and screen style: A4 pages, no external fonts.
pub(crate) const STYLE: &str = include_str!("report.css");

/// HTML-escapes text for element content and quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The QR code of `text` as inline SVG (black on white, with its quiet zone),
/// or nothing if the text is too long for a QR code (a digest never is).
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .quiet_zone(true)
        .module_dimensions(4, 4)
        .dark_color(qrcode::render::svg::Color("#000"))
        .light_color(qrcode::render::svg::Color("#fff"))
        .build();
    // Inline SVG in HTML takes no XML declaration.
    let start = svg.find("<svg")?;
    Some(svg[start..].to_string())
}

/// A `<tr>` of a label and a value.
pub(crate) fn row(out: &mut String, label: &str, value_html: &str) {
    let _ = write!(out, "<tr><th scope=\"row\">{}</th><td>{value_html}</td></tr>", esc(label));
}

/// A full digest in a monospace block that may break anywhere, so 64 characters fit on paper.
pub(crate) fn hash_html(hex: &str) -> String {
    format!("<code class=\"hash\">{}</code>", esc(hex))
}

/// How a planned source is described: "10 dice with 6 faces", "a published text", …
pub(crate) fn source_kind(lang: Lang, kind: &SourceKind) -> String {
    #[allow(unreachable_patterns)] // a later source kind prints its name until it has a sentence
    match kind {
        SourceKind::Dice { count, faces } => t!(lang, "report.source.dice", count = count, faces = faces),
        SourceKind::Text => t!(lang, "report.source.text"),
        SourceKind::Numbers => t!(lang, "report.source.numbers"),
        SourceKind::CountedNumbers { count } => t!(lang, "report.source.counted-numbers", count = count),
        other => other.name().to_string(),
    }
}

/// The method as the verifier page names it (web/src/page.js, `method`):
/// by the format's version, so a v3 draw is never called "v1" (issue 29).
pub(crate) fn method_name(lang: Lang, method: Method, version: potdraw_core::model::Version) -> String {
    use potdraw_core::model::Version;
    match (method, version) {
        (Method::PotdrawV1, Version::V1) => t!(lang, "report.method.v1"),
        (Method::PotdrawV1, Version::V2) => t!(lang, "report.method.v2"),
        (Method::PotdrawV1, Version::V3) => t!(lang, "report.method.v3"),
        (Method::Rfc3797, Version::V1) => t!(lang, "report.method.rfc3797"),
        (Method::Rfc3797, _) => t!(lang, "report.method.rfc3797-v2"),
    }
}

/// The report of a verified draw as one HTML document, in `lang`.
pub fn render_html(verified: &Verified<Draw>, lang: Lang) -> String {
    let draw = verified.get();
    let t = &draw.transcript;
    let c = &t.commitment;
    let d = &c.doc;
    let p = &d.pot;
    let transcript_digest = hex::encode(draw.transcript_digest);
    let mut h = String::with_capacity(16 * 1024 + 512 * t.result.len());

    // SPEC §2.4: the title and the values on paper with invisible characters marked.
    let page_title = format!("{}: {}", t!(lang, "report.title"), visible(&d.title));
    let generator = match crate::version::commit() {
        Some(commit) => format!("potdraw {} {commit}", crate::version::VERSION),
        None => format!("potdraw {}", crate::version::VERSION),
    };
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"{}\">\n<meta name=\"potdraw-page\" content=\"report\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        esc(lang.code()),
        esc(&generator),
        esc(&page_title)
    );

    // The heading and the verdict.
    let _ = write!(
        h,
        "<header>\n<p class=\"kicker\">{}</p>\n<h1 id=\"draw-title\">{}</h1>\n\
         <p class=\"verdict\" id=\"verdict\">{}</p>\n<p>{}</p>\n<p class=\"method\" id=\"method\">{}</p>\n</header>\n",
        esc(&t!(lang, "report.title")),
        esc(&visible(&d.title)),
        esc(&crate::tn!(lang, "report.verdict", d.entropy_plan.len())),
        esc(&t!(
            lang,
            "report.summary",
            recipients = crate::render::counted(lang, crate::render::Noun::Recipients, d.recipients),
            reserves = crate::render::counted(lang, crate::render::Noun::Reserves, d.reserves),
            tickets = crate::render::counted(lang, crate::render::Noun::Tickets, d.candidates.count),
            total_weight = &d.candidates.total_weight
        )),
        esc(&format!("{}: {}", t!(lang, "report.commitment.method"), method_name(lang, c.method, c.version)))
    );

    // The result first, in drawn order (SPEC §6): on the first page, before
    // the details that show how it came about (issue 29).
    h.push_str("<section id=\"result\">\n");
    let _ = write!(
        h,
        "<h2>{}</h2>\n<p>{}</p>\n<table class=\"list\" id=\"picks\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(&t!(lang, "report.result.heading")),
        esc(&t!(lang, "report.result.explain")),
        esc(&t!(lang, "report.result.position")),
        esc(&t!(lang, "report.result.role")),
        esc(&t!(lang, "report.result.weight")),
        esc(&t!(lang, "report.result.ticket")),
        esc(&t!(lang, "report.result.full"))
    );
    for r in &t.result {
        let leaf = hex::encode(r.leaf);
        let _ = write!(
            h,
            "<tr class=\"{}\" data-role=\"{}\" data-rank=\"{}\" data-leaf=\"{}\"><td>{}</td><td>{} {}</td><td>{}</td>\
             <td><code class=\"short\">{}</code></td><td>{}</td></tr>",
            r.role.name(),
            r.role.name(),
            r.rank,
            esc(&leaf),
            r.position,
            esc(&role_word(lang, r.role)),
            r.rank,
            r.weight,
            esc(&short(&leaf)),
            hash_html(&leaf)
        );
    }
    h.push_str("</tbody></table>\n</section>\n");

    // The pot and its arithmetic (SPEC §7.2).
    let paid = d.recipients.saturating_mul(p.grant_cents);
    h.push_str("<section id=\"pot\">\n");
    let _ = write!(h, "<h2>{}</h2>\n<table class=\"facts\">", esc(&t!(lang, "report.pot.heading")));
    row(&mut h, &t!(lang, "report.pot.amount"), &esc(&lang.money(p.amount_cents)));
    row(
        &mut h,
        &t!(lang, "report.pot.grant"),
        &esc(&t!(
            lang,
            "report.pot.grant-value",
            grant = lang.money(p.grant_cents),
            monthly = lang.money(p.grant_monthly_cents),
            months = p.grant_months
        )),
    );
    row(
        &mut h,
        &t!(lang, "report.pot.paid"),
        &esc(&format!("{} × {} = {}", d.recipients, lang.money(p.grant_cents), lang.money(paid))),
    );
    row(&mut h, &t!(lang, "report.pot.surplus"), &esc(&lang.money(p.surplus_cents)));
    row(
        &mut h,
        &t!(lang, "report.pot.policy"),
        &esc(&t!(lang, "report.pot.policy-value", min = p.min_recipients, max = p.max_recipients)),
    );
    row(&mut h, &t!(lang, "report.pot.reserves"), &esc(&d.reserves.to_string()));
    h.push_str("</table>\n</section>\n");

    // The commitment: what it records, and what only the publication can prove.
    h.push_str("<section id=\"commitment\">\n");
    let _ = write!(
        h,
        "<h2>{}</h2>\n<p>{}</p>\n<table class=\"facts\">",
        esc(&t!(lang, "report.commitment.heading")),
        esc(&crate::tn!(lang, "report.commitment.explain", d.entropy_plan.len()))
    );
    row(&mut h, &t!(lang, "report.commitment.method"), &esc(&method_name(lang, c.method, c.version)));
    row(
        &mut h,
        &t!(lang, "report.commitment.digest"),
        &format!(
            "{} <span class=\"fp\">{}</span>",
            hash_html(&d.digest),
            esc(&t!(lang, "report.fingerprint", fingerprint = fingerprint(&d.digest)))
        ),
    );
    row(&mut h, &t!(lang, "report.commitment.created"), &esc(&crate::localtime::show_utc(lang, &d.created_at)));
    row(
        &mut h,
        &t!(lang, "report.commitment.tickets"),
        &esc(&t!(
            lang,
            "report.commitment.tickets-value",
            count = crate::render::counted(lang, crate::render::Noun::Tickets, d.candidates.count),
            total_weight = &d.candidates.total_weight
        )),
    );
    if let Some(sc) = &d.seed_commitment {
        row(&mut h, &t!(lang, "report.commitment.seed-commitment"), &hash_html(sc));
    }
    h.push_str("</table>\n");
    let _ = write!(h, "<p class=\"note\">{}</p>\n</section>\n", esc(&t!(lang, "report.commitment.honest")));

    // The seed and the public randomness (SPEC §5, §12.4).
    h.push_str("<section id=\"randomness\">\n");
    let _ = writeln!(h, "<h2>{}</h2>", esc(&t!(lang, "report.randomness.heading")));
    match &t.replay {
        Replay::PotdrawV1 { seed, entropy_digest, draw_seed } => {
            let _ = write!(h, "<p>{}</p>\n<table class=\"facts\">", esc(&t!(lang, "report.seed.explain")));
            row(&mut h, &t!(lang, "report.seed.seed"), &hash_html(&hex::encode(seed)));
            row(&mut h, &t!(lang, "report.seed.entropy-digest"), &hash_html(&hex::encode(entropy_digest)));
            row(&mut h, &t!(lang, "report.seed.draw-seed"), &hash_html(&hex::encode(draw_seed)));
            h.push_str("</table>\n");
        }
        Replay::Rfc3797 { key } => {
            let _ = write!(h, "<p>{}</p>\n<table class=\"facts\">", esc(&t!(lang, "report.seed.none")));
            row(&mut h, &t!(lang, "report.seed.key"), &format!("<code class=\"hash\">{}</code>", esc(key)));
            h.push_str("</table>\n");
        }
    }
    let _ = write!(
        h,
        "<p>{}</p>\n<table class=\"list\" id=\"entropy\"><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        esc(&crate::tn!(lang, "report.entropy.explain", d.entropy_plan.len())),
        esc(&t!(lang, "report.entropy.label")),
        esc(&t!(lang, "report.entropy.kind")),
        esc(&t!(lang, "report.entropy.value"))
    );
    for (plan, revealed) in c.plan.iter().zip(&t.entropy) {
        let _ = write!(
            h,
            "<tr><td>{}</td><td>{}</td><td><code class=\"value\">{}</code></td></tr>",
            esc(&visible(&plan.label)),
            esc(&source_kind(lang, &plan.kind)),
            esc(&visible(&revealed.value))
        );
    }
    h.push_str("</tbody></table>\n");
    // SPEC §9.3 and §9.8: what this plan leaves open, said on the paper too.
    for note in crate::render::plan_notes(&c.plan) {
        let _ = writeln!(h, "<p class=\"note\" id=\"note-{note}\">{}</p>", esc(&crate::render::note_text(lang, note)));
    }
    h.push_str("</section>\n");

    // How anyone can check it, with the QR code of the transcript digest.
    h.push_str("<section id=\"verify\">\n");
    let _ = write!(h, "<h2>{}</h2>\n<div class=\"verify\">\n<div>\n", esc(&t!(lang, "report.verify.heading")));
    let _ = write!(
        h,
        "<p>{}</p>\n<pre id=\"verify-command\">potdraw verify transcript.json --commitment commitment.json</pre>\n\
         <p>{}</p>\n<pre>potdraw check transcript.json --id ID --code CODE</pre>\n<p>{}</p>\n<pre>potdraw web --out verify.html</pre>\n",
        esc(&t!(lang, "report.verify.command")),
        esc(&t!(lang, "report.verify.check")),
        esc(&t!(lang, "report.verify.web"))
    );
    let _ = write!(
        h,
        "<p>{}</p>\n<p>{} <span class=\"fp\">{}</span></p>\n</div>\n",
        esc(&t!(lang, "report.verify.digest")),
        hash_html(&transcript_digest),
        esc(&t!(lang, "report.fingerprint", fingerprint = fingerprint(&transcript_digest)))
    );
    if let Some(svg) = qr_svg(&transcript_digest) {
        let _ = writeln!(
            h,
            "<figure id=\"qr\" data-content=\"{}\">{svg}<figcaption>{}</figcaption></figure>",
            esc(&transcript_digest),
            esc(&t!(lang, "report.verify.qr"))
        );
    }
    h.push_str("</div>\n</section>\n");

    // Every check, as `potdraw verify` reports it.
    h.push_str("<section id=\"checks\">\n");
    let _ = write!(h, "<h2>{}</h2>\n<ul class=\"checks\">", esc(&t!(lang, "report.checks.heading")));
    for check in potdraw_verify::Check::ALL {
        let text = match (draw.passed.iter().find(|p| p.check == check), draw.skipped.iter().find(|k| k.check == check))
        {
            (Some(p), _) => detail_text(lang, &p.detail),
            (None, Some(k)) => skipped_text(lang, k),
            (None, None) => continue,
        };
        let _ = write!(h, "<li data-check=\"{0}\"><strong>{0}</strong> {1}</li>", esc(check.id()), esc(&text));
    }
    h.push_str("</ul>\n");
    if !draw.passed.iter().any(|p| p.check == potdraw_verify::Check::PublishedCommitment) {
        let _ = writeln!(h, "<p class=\"note\">{}</p>", esc(&t!(lang, "report.checks.note")));
    }
    h.push_str("</section>\n");

    let _ = write!(
        h,
        "<footer><p>{}</p></footer>\n</body>\n</html>\n",
        esc(&t!(
            lang,
            "report.footer",
            version = crate::version::VERSION,
            commit = crate::version::commit_or_unknown(lang)
        ))
    );
    h
}
