//! `potdraw audit DIR [--key PUBLIC] [--tsa-roots FILE] [--json]`: an organiser's whole
//! history at once (SPEC §16.4). The walk is [`crate::ops::audit`]; this
//! command says what it found.

use crate::args::AuditArgs;
use crate::{published, Exit};
use anyhow::Result;

pub fn run(a: AuditArgs) -> Result<Exit> {
    let key = a.key.as_deref().map(published::public_key).transpose()?;
    let roots = a.tsa_roots.as_deref().map(|p| crate::timestamps::roots(Some(p))).transpose()?;
    let (counts, h) = crate::ops::audit::examine(&a.dir, key.as_ref(), roots.as_ref())?;
    let out = crate::render_audit::Audit {
        folder: &a.dir,
        key: key.as_ref(),
        counts,
        history: &h,
        tsa_roots: roots.is_some(),
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(&out.json())?);
    } else {
        print!("{}", out.text(crate::i18n::Lang::current()));
    }
    Ok(if h.is_clean() { Exit::Success } else { Exit::Failed })
}
