//! `potdraw key generate`: the organiser's signing key (SPEC §16.1).
//!
//! WHY minisign's format: Debian's `minisign` and other tools read the same
//! files, so an auditor can check a signature without potdraw. WHY the
//! secret key is not password-protected: volunteers hand the role on and
//! forget passwords, and a lost password is a lost key and a broken chain of
//! signatures. The key is protected like the seed instead: mode 0600 from
//! creation, in `DIR/private/` (0700), never printed. Whoever wants a
//! password can make the key with `minisign -G` and sign with it here.

use crate::args::{KeyCommand, KeyGenerateArgs};
use crate::files::{self, Access};
use crate::i18n::Lang;
use crate::{problem, t, Exit};
use anyhow::Result;

pub fn run(c: KeyCommand) -> Result<Exit> {
    match c {
        KeyCommand::Generate(a) => generate(a),
    }
}

/// minisign's key id as minisign prints it: 16 uppercase hex digits.
pub fn key_id(keynum: &[u8]) -> String {
    let mut le = [0u8; 8];
    le.copy_from_slice(&keynum[..8]);
    format!("{:016X}", u64::from_le_bytes(le))
}

fn generate(a: KeyGenerateArgs) -> Result<Exit> {
    let out = crate::layout::outputs(&a.out);
    let public = out.public.join("potdraw.pub");
    let secret = out.private.join("potdraw.key");
    files::ensure_writable(&public, a.force)?;
    files::ensure_writable(&secret, a.force)?;
    crate::layout::create(&out)?;
    let pair = minisign::KeyPair::generate_unencrypted_keypair()
        .map_err(|e| problem!("key-generate", reason = e.to_string()))?;
    let id = key_id(pair.pk.keynum());
    // SPEC §16.1: a key potdraw would refuse is never published (a random
    // seed gives one with probability about 2^-250; the check costs nothing).
    potdraw_verify::signature::OrganiserKey::parse(&pair.pk.to_base64())
        .map_err(|e| problem!("key-generate", reason = e.to_string()))?;
    let pk_box = pair.pk.to_box().map_err(|e| problem!("key-generate", reason = e.to_string()))?;
    let sk_box = pair
        .sk
        .to_box(Some(&format!("potdraw secret key {id}: keep it private")))
        .map_err(|e| problem!("key-generate", reason = e.to_string()))?;
    files::publish(
        vec![
            files::stage(&secret, sk_box.into_string().as_bytes(), Access::Secret)?,
            files::stage(&public, pk_box.into_string().as_bytes(), Access::Public)?,
        ],
        a.force,
    )?;
    let lang = Lang::current();
    println!("{}", t!(lang, "key.made", key_id = id));
    println!("  {}", t!(lang, "key.public", file = public.display(), line = pair.pk.to_base64()));
    println!("  {}", t!(lang, "key.secret", file = secret.display()));
    Ok(Exit::Success)
}
