//! `potdraw draw`: at the event (SPEC §5, §6, §7.3; §17.5 for several
//! lists). The operation is [`crate::ops::drawing::draw`], for a commitment
//! of any version.

use crate::config::DrawConfig;
use crate::{render, Exit};
use anyhow::Result;
use potdraw_core::unicode::visible;

pub fn run(cfg: DrawConfig) -> Result<Exit> {
    let lang = crate::i18n::Lang::current();
    match crate::ops::drawing::draw(&cfg, &super::read_seed)? {
        Ok(drew) => {
            print!("{}", crate::render_lists::drew_text(lang, &drew, &cfg.out));
            Ok(Exit::Success)
        }
        Err(f) => {
            let said = crate::t!(lang, "draw.refused", file = visible(&cfg.commitment.display().to_string()));
            eprintln!("potdraw: {said}\n{}", render::failure_lines(lang, &f));
            Ok(Exit::Failed)
        }
    }
}
