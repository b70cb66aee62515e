//! Files: read with the file name in every error, write atomically.
//!
//! Every output goes to a temporary file in the destination folder, created
//! with its final mode from the start (0600 for secrets, tempfile's default;
//! 0644 for public files), is synced, and is then renamed into place — with
//! `persist_noclobber` unless the user passed `--force`. A crash or a full
//! disk leaves either the old state or the complete new file, never half a
//! file; an abandoned temporary is removed when its handle drops.

use crate::problem;
use anyhow::Result;
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
    let file = path.display();
    let meta = std::fs::metadata(path).map_err(|e| problem!("file-read", file = file, reason = e))?;
    if meta.is_dir() {
        return Err(problem!("file-folder", file = file));
    }
    if meta.len() > limit {
        return Err(problem!("file-too-large", file = file, max = limit, found = meta.len()));
    }
    std::fs::read(path).map_err(|e| problem!("file-read", file = file, reason = e))
}

/// Refuses to go on if `path` exists and `force` is off (checked before any work is done).
pub fn ensure_writable(path: &Path, force: bool) -> Result<()> {
    if !force && path.exists() {
        return Err(problem!("file-exists", file = path.display()));
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
        .map_err(|e| problem!("file-temp", folder = dir.display(), reason = e))?;
    file.write_all(bytes)
        .and_then(|_| file.as_file().sync_all())
        .map_err(|e| problem!("file-write", file = path.display(), reason = e))?;
    Ok(Staged { file, path: path.to_path_buf() })
}

impl Staged {
    /// Renames into place; without `force` an existing file is never replaced.
    pub fn commit(self, force: bool) -> Result<()> {
        let Staged { file, path } = self;
        let result = if force { file.persist(&path).map(|_| ()) } else { file.persist_noclobber(&path).map(|_| ()) };
        result.map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                problem!("file-exists", file = path.display())
            } else {
                problem!("file-write", file = path.display(), reason = e.error)
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
