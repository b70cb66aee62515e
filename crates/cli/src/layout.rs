//! The organiser's folder: `public/` and `private/` (issue 17).
//!
//! WHY two folders: when the commitment, the transcript and the report lay
//! beside the seed and the receipts, "upload the folder to the website"
//! leaked every code and the seed. Now `commit --out DIR` writes
//!
//! ```text
//! DIR/public/commitment.json   (then transcript.json, report.html)
//! DIR/public/README.txt        what may be published: everything here
//! DIR/private/seed             0600
//! DIR/private/receipts.jsonl   0600
//! DIR/private/README.txt       never publish; keep the seed offline too
//! ```
//!
//! `private/` is created with mode 0700 (by `mkdir` itself, never widened
//! and then narrowed by a `chmod`: no window in which it is readable).
//!
//! WHY [`refuse_drawn`]: `commit --force` in a folder that already held a
//! drawn pot replaced its seed and receipts without a word, and the finished
//! transcript then matched nothing private. A transcript made from the
//! existing commitment makes the folder final; no flag overrides that.

use crate::files::{self, Access};
use crate::i18n::Lang;
use crate::{problem, t};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// The paths of `commit --out DIR`.
pub struct Outputs {
    pub public: PathBuf,
    pub private: PathBuf,
    pub commitment: PathBuf,
    pub seed: PathBuf,
    pub receipts: PathBuf,
    pub public_readme: PathBuf,
    pub private_readme: PathBuf,
}

pub fn outputs(dir: &Path) -> Outputs {
    let public = dir.join("public");
    let private = dir.join("private");
    Outputs {
        commitment: public.join("commitment.json"),
        public_readme: public.join("README.txt"),
        seed: private.join("seed"),
        receipts: private.join("receipts.jsonl"),
        private_readme: private.join("README.txt"),
        public,
        private,
    }
}

/// Creates `DIR/public` (0755, as umask allows) and `DIR/private` (0700 from
/// creation). An existing `private/` that others may read is refused: the
/// seed would land in it readable by the folder's group.
pub fn create(out: &Outputs) -> Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    std::fs::create_dir_all(&out.public)
        .map_err(|e| problem!("folder-create", folder = out.public.display(), reason = crate::os::reason(&e)))?;
    match std::fs::symlink_metadata(&out.private) {
        Ok(m) if !m.is_dir() => {
            return Err(problem!("folder-create", folder = out.private.display(), reason = crate::os::not_a_folder()))
        }
        Ok(m) if m.permissions().mode() & 0o077 != 0 => {
            return Err(problem!(
                "private-folder-open",
                folder = out.private.display(),
                mode = format!("{:o}", m.permissions().mode() & 0o777)
            ))
        }
        Ok(_) => {}
        Err(_) => std::fs::DirBuilder::new()
            .mode(0o700)
            .create(&out.private)
            .map_err(|e| problem!("folder-create", folder = out.private.display(), reason = crate::os::reason(&e)))?,
    }
    Ok(())
}

/// The two README.txt files, staged in the user's language.
pub fn readmes(out: &Outputs) -> Result<Vec<files::Staged>> {
    let lang = Lang::current();
    let public = t!(lang, "layout.readme-public") + "\n";
    let private = t!(lang, "layout.readme-private") + "\n";
    Ok(vec![
        files::stage(&out.private_readme, private.as_bytes(), Access::Secret)?,
        files::stage(&out.public_readme, public.as_bytes(), Access::Public)?,
    ])
}

/// Refuses to replace a commitment from which a draw has been made: a
/// `*.json` in `DIR/public/` (or in `DIR` itself, the layout before issue 17)
/// whose `commitment.digest` is the existing commitment's digest.
///
/// Files are read as a stream into a struct of that one member (serde skips
/// the rest without building it), so a transcript of a million entries costs
/// a pass over its bytes, not its size in memory several times over.
pub fn refuse_drawn(dir: &Path, commitment: &Path) -> Result<()> {
    let Some(digest) = digest_in(commitment, false) else { return Ok(()) };
    for folder in [dir.join("public"), dir.to_path_buf()] {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for e in entries.flatten() {
            let path = e.path();
            if !path.extension().is_some_and(|x| x == "json") || path == commitment || !path.is_file() {
                continue;
            }
            if digest_in(&path, true).as_deref() == Some(digest.as_str()) {
                return Err(problem!(
                    "commit-drawn",
                    folder = dir.display(),
                    transcript = path.display(),
                    commitment = commitment.display()
                ));
            }
        }
    }
    Ok(())
}

/// The `digest` of a commitment, or the `commitment.digest` of a transcript;
/// `None` for anything else or anything unreadable.
fn digest_in(path: &Path, transcript: bool) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Commitment {
        digest: String,
    }
    #[derive(serde::Deserialize)]
    struct Transcript {
        commitment: Commitment,
    }
    let reader = std::io::BufReader::new(std::fs::File::open(path).ok()?);
    if transcript {
        serde_json::from_reader::<_, Transcript>(reader).ok().map(|t| t.commitment.digest)
    } else {
        serde_json::from_reader::<_, Commitment>(reader).ok().map(|c| c.digest)
    }
}
