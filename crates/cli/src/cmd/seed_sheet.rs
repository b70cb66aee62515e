//! `potdraw seed-sheet`: the secret seed on paper (issue 17).
//!
//! WHY: a seed lost before the draw ends the commitment (the draw cannot be
//! held; a withdrawal and a new commitment must be published). A printed
//! copy kept apart from the computer makes it hard to lose. WHY the pot's
//! title and the commitment's fingerprint on the sheet, and the check
//! against the seed commitment before anything is written: a sheet that
//! belongs to another pot must be impossible to print, and a sheet must say
//! which pot it belongs to. The seed is shown in groups of four characters
//! (`--seed` reads it back with or without the spaces, in either case) and
//! as a QR code. The file holds the secret, so it is written 0600.

use crate::files::{self, Access};
use crate::i18n::Lang;
use crate::report::{esc, qr_svg};
use crate::{render, t, Exit};
use anyhow::Result;
use clap::Args;
use potdraw_core::draw::DrawError;
use potdraw_core::unicode::visible;
use std::fmt::Write;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct SeedSheetArgs {
    /// The commitment as published (public/commitment.json).
    #[arg(long, value_name = "FILE")]
    pub commitment: PathBuf,
    /// The secret seed written by `commit` (private/seed).
    #[arg(long, value_name = "FILE")]
    pub seed: PathBuf,
    /// Where to write the printable page (mode 0600: it holds the secret seed).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Overwrite an existing file.
    #[arg(long)]
    pub force: bool,
}

/// The seed's 64 hexadecimal characters in groups of four.
pub fn grouped(hex: &str) -> String {
    let chars: Vec<char> = hex.chars().collect();
    chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

pub fn run(a: SeedSheetArgs) -> Result<Exit> {
    files::ensure_writable(&a.out, a.force)?;
    // Either layout (issue 27: the draw of several lists had no seed on paper).
    let commitment = crate::ops::documents::AnyCommitment::read(&a.commitment)?;
    let (title, digest, created_at, seed_commitment) = commitment.head();
    let seed = super::read_seed(&a.seed)?;
    let Some(expected) = seed_commitment else {
        return Err(crate::problem!("seed-unexpected", seed = a.seed.display(), file = a.commitment.display()));
    };
    let found = potdraw_core::hash::seed_commitment(&seed);
    if found != expected {
        let e = DrawError::SeedMismatch { expected: hex::encode(expected), found: hex::encode(found) };
        return Err(crate::problem::draw(&a.commitment.display(), &a.seed.display(), &e));
    }
    let lang = Lang::current();
    let page = render_html(title, digest, created_at, &hex::encode(seed), lang);
    files::write(&a.out, page.as_bytes(), Access::Secret, a.force)?;
    println!("{}", t!(lang, "seedsheet.written", file = a.out.display()));
    Ok(Exit::Success)
}

fn render_html(title: &str, digest: &str, created: &str, seed_hex: &str, lang: Lang) -> String {
    let mut h = String::with_capacity(8192);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<meta name=\"potdraw-page\" content=\"seed-sheet\">\n<title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n",
        lang.code(),
        esc(&t!(lang, "seedsheet.title", title = visible(title))),
    );
    let _ = write!(
        h,
        "<p class=\"kicker\">{}</p>\n<h1>{}</h1>\n<p class=\"warning\">{}</p>\n<dl>\n\
         <dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd><code>{}</code></dd>\n</dl>\n",
        esc(&t!(lang, "seedsheet.heading")),
        esc(&visible(title)),
        esc(&t!(lang, "seedsheet.warning")),
        esc(&t!(lang, "seedsheet.created")),
        // Issue 28: the moment in Dutch time; the document keeps UTC.
        esc(&potdraw_core::time::parse_utc(created)
            .map_or_else(|| created.to_string(), |t| crate::localtime::show(lang, t))),
        esc(&t!(lang, "seedsheet.commitment")),
        esc(&render::fingerprint(digest)),
    );
    let _ = writeln!(h, "<p id=\"seed\" class=\"seed\">{}</p>", esc(&grouped(seed_hex)));
    if let Some(svg) = qr_svg(seed_hex) {
        let _ = writeln!(h, "<figure id=\"qr\" data-content=\"{}\">{svg}</figure>", esc(seed_hex));
    }
    let _ = writeln!(h, "<p>{}</p>\n</body>\n</html>", esc(&t!(lang, "seedsheet.use")));
    h
}

const STYLE: &str = "\
:root { color-scheme: light; }
body { margin: 0 auto; max-width: 170mm; font: 12pt/1.45 system-ui, \"Noto Sans\", \"DejaVu Sans\", sans-serif; color: #111; background: #fff; }
.kicker { text-transform: uppercase; letter-spacing: 0.08em; font-size: 9pt; color: #444; margin: 0; }
h1 { font-size: 18pt; margin: 1mm 0 4mm; overflow-wrap: anywhere; }
.warning { font-weight: 700; border: 2px solid #111; padding: 3mm; }
dl { display: grid; grid-template-columns: auto 1fr; gap: 1mm 4mm; }
dt { font-weight: 600; }
dd { margin: 0; }
.seed { font-family: ui-monospace, \"DejaVu Sans Mono\", \"Liberation Mono\", Menlo, Consolas, monospace; font-size: 20pt; font-weight: 700; letter-spacing: 0.05em; word-spacing: 0.4em; line-height: 1.8; }
figure#qr { margin: 4mm 0; }
figure#qr svg { width: 50mm; height: 50mm; display: block; }
@page { size: A4; margin: 18mm; }
";

#[cfg(test)]
mod tests {
    #[test]
    fn the_seed_is_grouped_in_fours() {
        assert_eq!(super::grouped("0123456789abcdef"), "0123 4567 89ab cdef");
    }
}
