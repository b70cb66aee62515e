//! `potdraw draw` of a commitment with several lists (SPEC §17.5): every
//! list from the one draw seed.

use crate::config::DrawConfig;
use crate::files::{self, Access};
use crate::i18n::Lang;
use crate::{problem, t, Exit};
use anyhow::Result;
use potdraw_core::unicode::visible;

/// `potdraw draw` of a v4 commitment: every list from the one draw seed.
pub fn draw(cfg: DrawConfig) -> Result<Exit> {
    files::ensure_writable(&cfg.out, cfg.force)?;
    let commitment =
        match potdraw_verify::verify_lists_commitment(crate::ops::documents::read_lists_commitment(&cfg.commitment)?)
            .outcome
        {
            Ok(v) => v,
            Err(f) => {
                let lang = crate::i18n::Lang::current();
                let said = t!(lang, "draw.refused", file = visible(&cfg.commitment.display().to_string()));
                eprintln!("potdraw: {said}\n{}", crate::render::failure_lines(lang, &f));
                return Ok(Exit::Failed);
            }
        };
    let c = commitment.get();
    let Some(seed_path) = cfg.seed.as_deref() else {
        return Err(problem!("seed-required", file = cfg.commitment.display()));
    };
    let seed = crate::cmd::read_seed(seed_path)?;
    let (drand_values, beacons) = crate::ops::drawing::drand_rounds(&cfg, &c.plan)?;
    let given: Vec<(String, String)> = cfg
        .entropy
        .iter()
        .filter(|(label, _)| !drand_values.iter().any(|(l, _)| l == label))
        .cloned()
        .chain(drand_values.iter().cloned())
        .collect();
    let (doc, bytes) = crate::ops::drawing::lists_transcript(c, &cfg.commitment, (seed_path, &seed), &given, &beacons)?;
    files::stage(&cfg.out, &bytes, Access::Public)?.commit(cfg.force)?;
    print!("{}", crate::render_lists::draw_summary(Lang::current(), &doc, &cfg.out));
    Ok(Exit::Success)
}
