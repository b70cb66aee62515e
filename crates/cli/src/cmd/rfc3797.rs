//! `potdraw rfc3797`: replays an RFC 3797 selection from the inputs as the
//! RFC presents them (a pool numbered 1 to N, the number to select, the
//! sources in their announced order) and prints every step like the RFC's
//! reference program: the key string, then for each selection its index,
//! the MD5 value in hex, the divisor and the item selected (SPEC §12.6).

use crate::args::Rfc3797Args;
use crate::i18n::Lang;
use crate::{t, Exit};
use anyhow::Result;
use potdraw_core::rfc3797;

pub fn run(a: Rfc3797Args) -> Result<Exit> {
    if a.pool == 0 {
        return Err(crate::problem!("rfc3797-pool"));
    }
    if a.select > a.pool {
        return Err(crate::problem!("rfc3797-select-pool", max = a.pool, found = a.select));
    }
    if a.select > rfc3797::MAX_PICKS {
        return Err(crate::problem!("rfc3797-select-max", max = rfc3797::MAX_PICKS, found = a.select));
    }
    let normalised: Vec<String> = a.source.iter().map(|s| crate::config::normalise_numbers(s)).collect();
    let mut sources = Vec::with_capacity(normalised.len());
    for (i, (raw, n)) in a.source.iter().zip(&normalised).enumerate() {
        let numbers = rfc3797::parse_numbers(&format!("--source #{} {raw:?}", i + 1), n).map_err(|e| {
            let (_, said) = crate::problem::describe(&crate::problem::field(&"rfc3797", &e));
            crate::problem!("rfc3797-source", detail = said)
        })?;
        sources.push(numbers);
    }
    // SPEC §12.1: the key's limit bounds the MD5 work, as it does for a transcript.
    let key_bytes = rfc3797::key(&sources).len();
    if key_bytes > rfc3797::MAX_KEY_BYTES {
        return Err(crate::problem!("rfc3797-key-too-long", max = rfc3797::MAX_KEY_BYTES, found = key_bytes));
    }
    print!("{}", report(Lang::current(), a.pool, a.select, &sources)?);
    Ok(Exit::Success)
}

/// log2(P! / (N! (P − N)!)): the bits of entropy needed to select N of P (RFC 3797 §3.3).
pub fn entropy_bits(n: u64, p: u64) -> f64 {
    if n == 0 || n >= p {
        return 0.0;
    }
    let ln: f64 =
        ((p - n + 1)..=p).map(|i| (i as f64).ln()).sum::<f64>() - (2..=n).map(|i| (i as f64).ln()).sum::<f64>();
    ln / std::f64::consts::LN_2
}

/// The replay as text, in the layout of the RFC's reference program; the
/// sentences around the RFC's own lines in `lang`. "Key is:" and the table
/// header stay as the RFC prints them, so the lines can be compared with RFC 3797 §6.
pub fn report(lang: Lang, pool: u64, select: u64, sources: &[Vec<&str>]) -> Result<String> {
    let key = rfc3797::key(sources);
    let steps = rfc3797::select(&key, pool, select)?;
    let mut s = if pool == 1 {
        t!(lang, "verify.rfc3797.pool.one", pool = pool, select = select)
    } else {
        t!(lang, "verify.rfc3797.pool.other", pool = pool, select = select)
    };
    s.push('\n');
    if select == pool {
        s.push_str(&t!(lang, "verify.rfc3797.all"));
        s.push('\n');
    } else {
        s.push_str(&t!(
            lang,
            "verify.rfc3797.bits",
            bits = format!("{:.1}", entropy_bits(select, pool)).replace('.', &t!(lang, "verify.decimal-point"))
        ));
        s.push('\n');
    }
    for (i, numbers) in sources.iter().enumerate() {
        let mut sorted: Vec<&str> = numbers.iter().map(|n| rfc3797::canonical(n)).collect();
        sorted.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
        s.push_str(&t!(lang, "verify.rfc3797.source", n = i + 1, numbers = sorted.join(" ")));
        s.push('\n');
    }
    s.push_str(&format!("Key is:\n {key}\n"));
    s.push_str("index        hex value of MD5        div  selected\n");
    for step in &steps {
        s.push_str(&format!(
            "{:2}  {}  {:2}  -> {:2} <-\n",
            u32::from(step.counter) + 1,
            hex::encode_upper(step.md5),
            step.remaining,
            step.index + 1
        ));
    }
    let picked: Vec<String> = steps.iter().map(|st| (st.index + 1).to_string()).collect();
    s.push('\n');
    s.push_str(&t!(lang, "verify.rfc3797.selected", picks = picked.join(", ")));
    s.push('\n');
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entropy_matches_rfc_3797_section_3_3() {
        // RFC 3797 §3.3's table: 10 selected from 25 needs 22 bits (rounded up).
        assert_eq!(entropy_bits(10, 25).ceil() as u64, 22);
        assert_eq!(entropy_bits(10, 120).ceil() as u64, 47);
        assert_eq!(entropy_bits(3, 3), 0.0);
    }
}
