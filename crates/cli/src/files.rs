//! Files: read with the file name in every error, write atomically.
//!
//! Every output goes to a temporary file in the destination folder, created
//! with its final mode from the start (0600 for secrets, tempfile's default;
//! 0644 for public files), is synced, and is then renamed into place — with
//! `persist_noclobber` unless the user passed `--force`. A crash or a full
//! disk leaves either the old state or the complete new file, never half a
//! file; an abandoned temporary is removed when its handle drops.

use anyhow::{bail, Context, Result};
use std::fs::Permissions;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

/// Who may read a file we write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Published: 0644.
    Public,
    /// The seed and receipts: 0600 from creation.
    Secret,
}

/// Reads a whole file, refusing anything above `limit` bytes.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).with_context(|| format!("{}: cannot read", path.display()))?;
    if meta.is_dir() {
        bail!("{}: expected a file, found a folder", path.display());
    }
    if meta.len() > limit {
        bail!("{}: expected at most {limit} bytes, found {} bytes", path.display(), meta.len());
    }
    std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))
}

/// Refuses to go on if `path` exists and `force` is off (checked before any work is done).
pub fn ensure_writable(path: &Path, force: bool) -> Result<()> {
    if !force && path.exists() {
        bail!("{}: already exists; refusing to overwrite it (use --force to replace it)", path.display());
    }
    Ok(())
}

/// A complete file waiting to be renamed into place.
pub struct Staged {
    file: tempfile::NamedTempFile,
    path: PathBuf,
}

/// Writes `bytes` to a synced temporary file beside `path`.
pub fn stage(path: &Path, bytes: &[u8], access: Access) -> Result<Staged> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mode = match access {
        Access::Public => 0o644,
        Access::Secret => 0o600,
    };
    let mut file = tempfile::Builder::new()
        .prefix(".potdraw-")
        .suffix(".tmp")
        .permissions(Permissions::from_mode(mode))
        .tempfile_in(&dir)
        .with_context(|| format!("{}: cannot create a temporary file in this folder", dir.display()))?;
    file.write_all(bytes)
        .and_then(|_| file.as_file().sync_all())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    Ok(Staged { file, path: path.to_path_buf() })
}

/// [`stage`] for an output too large to hold in memory twice (the receipts
/// of a million candidates): `write` streams it through a buffer.
pub fn stage_streamed(
    path: &Path,
    access: Access,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<Staged> {
    let staged = stage(path, b"", access)?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, staged.file.as_file());
    write(&mut out)
        .and_then(|_| out.flush())
        .and_then(|_| staged.file.as_file().sync_all())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    drop(out);
    Ok(staged)
}

impl Staged {
    /// Renames into place; without `force` an existing file is never replaced.
    pub fn commit(self, force: bool) -> Result<()> {
        let Staged { file, path } = self;
        let result = if force { file.persist(&path).map(|_| ()) } else { file.persist_noclobber(&path).map(|_| ()) };
        result.map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                anyhow::anyhow!(
                    "{}: already exists; refusing to overwrite it (use --force to replace it)",
                    path.display()
                )
            } else {
                anyhow::Error::new(e.error).context(format!("{}: cannot write", path.display()))
            }
        })?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            // Make the rename itself durable; failure to sync a folder is not fatal.
            let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(())
    }
}

/// Stages and commits one file.
pub fn write(path: &Path, bytes: &[u8], access: Access, force: bool) -> Result<()> {
    stage(path, bytes, access)?.commit(force)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_files_are_0600_and_never_clobbered() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("seed");
        write(&p, b"one", Access::Secret, false).unwrap();
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o600);
        let err = write(&p, b"two", Access::Secret, false).unwrap_err().to_string();
        assert!(err.contains("already exists"), "{err}");
        assert_eq!(std::fs::read(&p).unwrap(), b"one");
        write(&p, b"two", Access::Public, true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o644);
        let leftovers: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()).map(|e| e.file_name()).collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    }

    #[test]
    fn abandoned_stage_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let staged = stage(&dir.path().join("t.json"), b"{}", Access::Public).unwrap();
        drop(staged);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
