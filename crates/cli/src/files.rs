//! Files: read with the file name in every error, write atomically.
//!
//! Every output goes to a temporary file in the destination folder, created
//! with its final mode from the start (0600 for secrets, 0644 for public
//! files), is synced, and is then put into place without replacing an
//! existing file unless the user passed `--force`. A crash or a full disk
//! leaves either the old state or the complete new file, never half a file.
//!
//! On Linux the temporary has no name at all (`O_TMPFILE`): it is linked
//! into place with `linkat`, which fails if the name exists (no clobbering,
//! atomically), and if the process is killed first the kernel frees it —
//! nothing is left for a user to find. Where the folder's file system has no
//! `O_TMPFILE`, a hidden named temporary (`.potdraw-*.tmp`) is used and
//! renamed into place; it is removed when its handle drops, but a SIGKILL in
//! that window can leave one behind.

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

/// A complete file waiting to be put into place.
pub struct Staged {
    file: Temp,
    path: PathBuf,
}

enum Temp {
    /// Linux `O_TMPFILE`: no name until linked.
    #[cfg(target_os = "linux")]
    Unnamed(std::fs::File),
    Named(tempfile::NamedTempFile),
}

impl Temp {
    fn as_file(&self) -> &std::fs::File {
        match self {
            #[cfg(target_os = "linux")]
            Temp::Unnamed(f) => f,
            Temp::Named(f) => f.as_file(),
        }
    }
}

/// An unnamed file in `dir`, or `None` where the file system cannot make one.
#[cfg(target_os = "linux")]
fn unnamed(dir: &Path, mode: u32) -> Option<std::fs::File> {
    use rustix::fs::{Mode, OFlags};
    // linkat needs /proc/self/fd to name the file; without it, use a named temporary.
    if !Path::new("/proc/self/fd").is_dir() {
        return None;
    }
    let flags = OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC;
    rustix::fs::open(dir, flags, Mode::from_raw_mode(mode)).ok().map(std::fs::File::from)
}

#[cfg(not(target_os = "linux"))]
fn unnamed(_: &Path, _: u32) -> Option<std::fs::File> {
    None
}

/// Gives an unnamed file the name `path`; fails with `AlreadyExists` if it is taken.
#[cfg(target_os = "linux")]
fn link(file: &std::fs::File, path: &Path) -> std::io::Result<()> {
    use std::os::fd::AsRawFd;
    let proc = format!("/proc/self/fd/{}", file.as_raw_fd());
    let cwd = rustix::fs::CWD;
    rustix::fs::linkat(cwd, proc.as_str(), cwd, path, rustix::fs::AtFlags::SYMLINK_FOLLOW).map_err(Into::into)
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
    let mut file = match unnamed(&dir, mode) {
        #[cfg(target_os = "linux")]
        Some(f) => Temp::Unnamed(f),
        _ => Temp::Named(named(&dir, mode)?),
    };
    let written = match &mut file {
        #[cfg(target_os = "linux")]
        Temp::Unnamed(f) => f.write_all(bytes).and_then(|_| f.sync_all()),
        Temp::Named(f) => f.write_all(bytes).and_then(|_| f.as_file().sync_all()),
    };
    written.map_err(|e| problem!("file-write", file = path.display(), reason = e))?;
    Ok(Staged { file, path: path.to_path_buf() })
}

fn named(dir: &Path, mode: u32) -> Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(".potdraw-")
        .suffix(".tmp")
        .permissions(Permissions::from_mode(mode))
        .tempfile_in(dir)
        .map_err(|e| problem!("file-temp", folder = dir.display(), reason = e))
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
        .map_err(|e| problem!("file-write", file = path.display(), reason = e))?;
    drop(out);
    Ok(staged)
}

impl Staged {
    /// Renames into place; without `force` an existing file is never replaced.
    pub fn commit(self, force: bool) -> Result<()> {
        let Staged { file, path } = self;
        let result = match file {
            #[cfg(target_os = "linux")]
            Temp::Unnamed(f) if force => {
                // Link under a hidden name, then rename over the old file.
                let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
                let hidden = named(dir, 0o600)?.into_temp_path();
                let keep = hidden.to_path_buf();
                hidden.close().ok();
                link(&f, &keep).and_then(|_| std::fs::rename(&keep, &path)).inspect_err(|_| {
                    let _ = std::fs::remove_file(&keep);
                })
            }
            #[cfg(target_os = "linux")]
            Temp::Unnamed(f) => link(&f, &path),
            Temp::Named(f) if force => f.persist(&path).map(|_| ()).map_err(|e| e.error),
            Temp::Named(f) => f.persist_noclobber(&path).map(|_| ()).map_err(|e| e.error),
        };
        result.map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                problem!("file-exists", file = path.display())
            } else {
                problem!("file-write", file = path.display(), reason = e)
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
    fn staged_files_have_their_final_mode_before_they_have_a_name() {
        let dir = tempfile::tempdir().unwrap();
        for (access, mode) in [(Access::Secret, 0o600), (Access::Public, 0o644)] {
            let staged = stage(&dir.path().join("x"), b"secret", access).unwrap();
            let meta = match &staged.file {
                #[cfg(target_os = "linux")]
                Temp::Unnamed(f) => f.metadata().unwrap(),
                Temp::Named(f) => f.as_file().metadata().unwrap(),
            };
            // umask may only remove bits; none is ever added later.
            assert_eq!(meta.permissions().mode() & 0o777 & !mode, 0, "{access:?}");
            assert_eq!(meta.permissions().mode() & 0o077 & mode, meta.permissions().mode() & 0o077, "{access:?}");
            #[cfg(target_os = "linux")]
            assert!(matches!(staged.file, Temp::Unnamed(_)), "Linux uses O_TMPFILE where the file system has it");
            // Staged but not committed: nothing visible in the folder.
            assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        }
    }

    #[test]
    fn force_replaces_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.json");
        std::fs::write(&p, "old").unwrap();
        assert!(write(&p, b"new", Access::Public, false).is_err());
        write(&p, b"new", Access::Public, true).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn abandoned_stage_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let staged = stage(&dir.path().join("t.json"), b"{}", Access::Public).unwrap();
        drop(staged);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
