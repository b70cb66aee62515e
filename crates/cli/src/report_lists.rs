//! The printable report of a draw with several lists (SPEC §17): the same
//! page as for one list ([`crate::report`]) — verdict, commitment, seed and
//! public randomness, how to check it, the checks — with one section per
//! list: its rule, its pot where it has one, and its result, a travel
//! companion shown with the place they travel with.

use crate::i18n::Lang;
use crate::render::{fingerprint, short};
use crate::report::{esc, hash_html, qr_svg, row, STYLE};
use crate::shown;
use crate::t;
use potdraw_core::unicode::visible;
use potdraw_verify::{ListsDraw, Verified};
use std::fmt::Write;

pub fn render_html(verified: &Verified<ListsDraw>, lang: Lang) -> String {
    let draw = verified.get();
    let t = &draw.transcript;
    let d = &t.commitment.doc;
    let transcript_digest = hex::encode(draw.transcript_digest);
    let mut h = String::with_capacity(16 * 1024);
    let page_title = format!("{}: {}", t!(lang, "report.title"), visible(&d.title));
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"potdraw-page\" content=\"report\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        esc(lang.code()),
        esc(&page_title)
    );
    let _ = write!(
        h,
        "<header>\n<p class=\"kicker\">{}</p>\n<h1 id=\"draw-title\">{}</h1>\n<p class=\"verdict\" id=\"verdict\">{}</p>\n<p>{}</p>\n<p class=\"method\" id=\"method\">{}: {}</p>\n</header>\n",
        esc(&t!(lang, "report.title")),
        esc(&visible(&d.title)),
        esc(&crate::tn!(lang, "report.verdict", d.entropy_plan.len())),
        esc(&t!(lang, "report.lists.summary", lists = d.lists.len())),
        esc(&t!(lang, "report.commitment.method")),
        esc(&if d.format == potdraw_core::lists::COMMITMENT_V5 { t!(lang, "report.method.v5") } else { t!(lang, "report.method.v4") })
    );

    // The result first (issue 29): each list's drawn tickets on the first
    // page, before the rules and the numbers that show how they came about.
    for (i, (l, r)) in d.lists.iter().zip(&t.doc.lists).enumerate() {
        let _ = writeln!(h, "<section class=\"list\" id=\"list-{}\" data-list=\"{}\">", i + 1, esc(&l.name));
        // SPEC §19.3: the heading shows the list as people call it; data-list keeps the name.
        let list = shown::isolated(shown::list(&d.lists, &l.name));
        let of = l.companions_of.as_deref().map(|of| shown::isolated(shown::list(&d.lists, of)));
        let _ = writeln!(h, "<h2>{}</h2>", esc(&t!(lang, "report.lists.heading", list = list)));
        let _ = write!(
            h,
            "<table class=\"list picks\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(&t!(lang, "report.result.position")),
            esc(&t!(lang, "report.result.role")),
            esc(&t!(lang, "report.result.weight")),
            esc(&t!(lang, "report.result.ticket")),
            esc(&t!(lang, "report.result.full"))
        );
        for p in &r.result {
            let role = crate::render::list_role_word(lang, &p.role, l.companions_of.is_some());
            let pair = match (&of, p.role.as_str()) {
                (Some(of), "recipient") => format!(" ({})", t!(lang, "verify.lists.pair", place = p.rank, of = of)),
                _ => String::new(),
            };
            let _ = write!(
                h,
                "<tr class=\"{0}\" data-role=\"{0}\" data-rank=\"{1}\" data-leaf=\"{2}\"><td>{3}</td><td>{4} {1}{5}</td><td>{6}</td>\
                 <td><code class=\"short\">{7}</code></td><td>{8}</td></tr>",
                esc(&p.role),
                p.rank,
                esc(&p.leaf),
                p.position,
                esc(&role),
                esc(&pair),
                p.weight,
                esc(&short(&p.leaf)),
                hash_html(&p.leaf)
            );
        }
        h.push_str("</tbody></table>\n</section>\n");
    }

    // Then each list's rule, pot and seed.
    let _ = writeln!(h, "<section id=\"lists-rules\">\n<h2>{}</h2>", esc(&t!(lang, "report.lists.rules-heading")));
    for (l, r) in d.lists.iter().zip(&t.doc.lists) {
        let _ = writeln!(
            h,
            "<h3 data-rules=\"{}\">{}</h3>",
            esc(&l.name),
            esc(&t!(lang, "report.lists.heading", list = shown::isolated(shown::list(&d.lists, &l.name))))
        );
        let rule = match (&l.companions_of, &l.pot) {
            (Some(of), _) => {
                t!(
                    lang,
                    "report.lists.rule-companions",
                    of = shown::isolated(shown::list(&d.lists, of)),
                    recipients = l.recipients
                )
            }
            (None, Some(_)) => t!(lang, "report.lists.rule-pot", recipients = l.recipients),
            (None, None) => t!(lang, "report.lists.rule-fixed", recipients = l.recipients),
        };
        h.push_str("<table class=\"facts\">");
        // A travel companion is never called a recipient (issue 27).
        let label = match l.companions_of {
            Some(_) => t!(lang, "report.lists.rule-companions-label"),
            None => t!(lang, "report.lists.rule"),
        };
        row(&mut h, &label, &esc(&rule));
        row(&mut h, &t!(lang, "report.pot.reserves"), &esc(&l.reserves.to_string()));
        row(
            &mut h,
            &t!(lang, "report.commitment.tickets"),
            &esc(&t!(
                lang,
                "report.commitment.tickets-value",
                count = l.candidates.count,
                total_weight = l.candidates.total_weight
            )),
        );
        if let Some(p) = &l.pot {
            row(&mut h, &t!(lang, "report.pot.amount-list"), &esc(&lang.money(p.amount_cents)));
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
            row(&mut h, &t!(lang, "report.pot.surplus"), &esc(&lang.money(p.surplus_cents)));
            row(
                &mut h,
                &t!(lang, "report.pot.policy"),
                &esc(&t!(lang, "report.pot.policy-value", min = p.min_recipients, max = p.max_recipients)),
            );
        }
        row(&mut h, &t!(lang, "report.lists.list-seed"), &hash_html(&r.list_seed));
        h.push_str("</table>\n");
    }
    h.push_str("</section>\n");

    h.push_str("<section id=\"commitment\">\n");
    let _ = write!(
        h,
        "<h2>{}</h2>\n<p>{}</p>\n<table class=\"facts\">",
        esc(&t!(lang, "report.commitment.heading")),
        esc(&crate::tn!(lang, "report.commitment.explain", d.entropy_plan.len()))
    );
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
    row(&mut h, &t!(lang, "report.commitment.seed-commitment"), &hash_html(&d.seed_commitment));
    row(&mut h, &t!(lang, "report.seed.seed"), &hash_html(&t.doc.seed));
    row(&mut h, &t!(lang, "report.seed.draw-seed"), &hash_html(&t.doc.draw_seed));
    h.push_str("</table>\n");
    let _ = writeln!(h, "<p class=\"note\">{}</p>", esc(&t!(lang, "report.commitment.honest")));
    let _ = write!(
        h,
        "<p>{}</p>\n<table class=\"list\" id=\"entropy\"><tbody>",
        esc(&crate::tn!(lang, "report.entropy.explain", d.entropy_plan.len()))
    );
    for e in &t.doc.entropy {
        let _ = write!(
            h,
            "<tr><td>{}</td><td><code class=\"value\">{}</code></td></tr>",
            esc(&visible(&e.label)),
            esc(&visible(&e.value))
        );
    }
    h.push_str("</tbody></table>\n</section>\n");

    h.push_str("<section id=\"verify\">\n");
    let _ = write!(
        h,
        "<h2>{}</h2>\n<p>{}</p>\n<pre id=\"verify-command\">potdraw verify transcript.json --commitment commitment.json</pre>\n<p>{}</p>\n<pre>potdraw check transcript.json --id ID --code CODE</pre>\n<p>{}</p>\n<p>{} <span class=\"fp\">{}</span></p>\n",
        esc(&t!(lang, "report.verify.heading")),
        esc(&t!(lang, "report.verify.command")),
        esc(&t!(lang, "report.verify.check")),
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
    h.push_str("</section>\n<section id=\"checks\">\n");
    let _ = write!(h, "<h2>{}</h2>\n<ul class=\"checks\">", esc(&t!(lang, "report.checks.heading")));
    for p in &draw.passed {
        let _ = write!(
            h,
            "<li data-check=\"{0}\"><strong>{0}</strong> {1}</li>",
            esc(p.check.id()),
            esc(&crate::render::detail_named(lang, &p.detail, &shown::Names::of_docs(&d.lists)))
        );
    }
    h.push_str("</ul>\n</section>\n");
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
