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
//!
//! A command with several outputs (`commit`: seed, receipts, commitment;
//! `ceremony`: transcript and report) publishes them as one set with
//! [`publish`]: every target is checked first, and a failure half way puts
//! the old files back, so the folder holds the old set or the new one.

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
///
/// WHY through `Read::take`: the size the file system reports is a hint,
/// not a bound. A pipe (`<(yes ' ')`), a FIFO or a device (`/dev/zero`)
/// reports 0 bytes and never ends; a file can grow while it is read. So at
/// most `limit + 1` bytes are ever read, and one byte more than the limit
/// is a refusal (SPEC §7.7). The reported size only refuses a regular file
/// early, with its exact size, and sizes the buffer.
pub fn read(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let handle = std::fs::File::open(path)
        .map_err(|e| problem!("file-read", file = path.display(), reason = crate::os::reason(&e)))?;
    read_opened(handle, path, limit)
}

/// Opens `path` for reading only if it is a regular file and not a
/// symbolic link, in one step: `O_NOFOLLOW` refuses a link (even one that
/// replaced the file after a check), `O_NONBLOCK` keeps a FIFO from
/// blocking the open, and the type is checked on the opened handle.
/// `None` when it is anything else or cannot be opened. WHY: a hostile
/// folder (SPEC §16.4) may hold links to /dev/zero, FIFOs, or links out of
/// the folder where a signature or document is expected (issue 20, finding 6).
pub fn open_regular_no_follow(path: &Path) -> Option<std::fs::File> {
    use rustix::fs::{Mode, OFlags};
    let flags = OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC;
    let file = std::fs::File::from(rustix::fs::open(path, flags, Mode::empty()).ok()?);
    file.metadata().ok().filter(|m| m.is_file()).map(|_| file)
}

/// [`read`] of a file the caller opened (and so could name the failure to
/// open it in its own words, as `--seed` does). Opened once: a FIFO gives its
/// bytes to one reader only.
pub fn read_opened(handle: std::fs::File, path: &Path, limit: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let file = path.display();
    let meta = handle.metadata().map_err(|e| problem!("file-read", file = file, reason = crate::os::reason(&e)))?;
    if meta.is_dir() {
        return Err(problem!("file-folder", file = file));
    }
    if meta.is_file() && meta.len() > limit {
        return Err(problem!("file-too-large", file = file, max = limit, found = meta.len()));
    }
    let hint = if meta.is_file() { meta.len().min(limit) } else { 0 };
    let mut bytes = Vec::with_capacity(usize::try_from(hint).unwrap_or(0).saturating_add(1));
    handle
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| problem!("file-read", file = file, reason = crate::os::reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(problem!("file-too-large-stream", file = file, max = limit));
    }
    Ok(bytes)
}

/// Refuses to go on if `path` exists and `force` is off, or is a folder
/// (checked before any work is done; [`publish`] checks again).
pub fn ensure_writable(path: &Path, force: bool) -> Result<()> {
    check_target(path, force)
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
    written.map_err(|e| problem!("file-write", file = path.display(), reason = crate::os::reason(&e)))?;
    Ok(Staged { file, path: path.to_path_buf() })
}

fn named(dir: &Path, mode: u32) -> Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(".potdraw-")
        .suffix(".tmp")
        .permissions(Permissions::from_mode(mode))
        .tempfile_in(dir)
        .map_err(|e| problem!("file-temp", folder = dir.display(), reason = crate::os::reason(&e)))
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
        .map_err(|e| problem!("file-write", file = path.display(), reason = crate::os::reason(&e)))?;
    drop(out);
    Ok(staged)
}

impl Staged {
    /// Puts the file into place ([`publish`] of this one file); without
    /// `force` an existing file is never replaced.
    pub fn commit(self, force: bool) -> Result<()> {
        publish(vec![self], force)
    }
}

/// A complete file ready to be put at its target by [`publish`].
enum Ready {
    /// Under a hidden name (`.potdraw-*.tmp`) beside its target.
    Hidden(PathBuf),
    /// Linux, without `--force`: still unnamed, linked straight to its
    /// target, so that a kill leaves nothing behind.
    #[cfg(target_os = "linux")]
    Unnamed(std::fs::File),
}

impl Ready {
    /// Removes the hidden name, if there is one (the file was not published).
    fn discard(&self) {
        if let Ready::Hidden(h) = self {
            let _ = std::fs::remove_file(h);
        }
    }
}

impl Staged {
    /// Makes the file ready for [`publish`]: a hidden name beside its target
    /// where it will replace a file (`force`) or has a name already.
    fn ready(self, force: bool) -> std::io::Result<(Ready, PathBuf)> {
        let Staged { file, path } = self;
        let ready = match file {
            #[cfg(target_os = "linux")]
            Temp::Unnamed(f) if !force => Ready::Unnamed(f),
            #[cfg(target_os = "linux")]
            Temp::Unnamed(f) => {
                let name = hidden_name(&path)?;
                link(&f, &name)?;
                Ready::Hidden(name)
            }
            Temp::Named(f) => Ready::Hidden(f.into_temp_path().keep().map_err(|e| e.error)?),
        };
        Ok((ready, path))
    }
}

/// A fresh hidden name in the folder of `target` (nothing is left under it).
fn hidden_name(target: &Path) -> std::io::Result<PathBuf> {
    let dir = target.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temp = tempfile::Builder::new().prefix(".potdraw-").suffix(".tmp").tempfile_in(dir)?.into_temp_path();
    let name = temp.to_path_buf();
    temp.close()?;
    Ok(name)
}

/// Whether `path` can take a new file: not a folder, and not an existing
/// file unless `force`.
fn check_target(path: &Path, force: bool) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => Err(problem!("file-folder", file = path.display())),
        Ok(_) if !force => Err(problem!("file-exists", file = path.display())),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(problem!("file-write", file = path.display(), reason = crate::os::reason(&e))),
    }
}

/// Puts one hidden file at `target`; returns the hidden name of the file it
/// replaced (kept until the whole set is in place), if any.
fn put(ready: &Ready, target: &Path, force: bool) -> std::io::Result<Option<PathBuf>> {
    #[cfg(test)]
    tests::fail_here(target)?;
    let hidden = match ready {
        // Fails with AlreadyExists if the name is taken: no clobbering, atomically.
        #[cfg(target_os = "linux")]
        Ready::Unnamed(f) => return link(f, target).map(|()| None),
        Ready::Hidden(h) => h.as_path(),
    };
    if !force {
        // No clobbering, atomically (renameat2 NOREPLACE, or link and unlink).
        tempfile::TempPath::try_from_path(hidden)?.persist_noclobber(target).map_err(|e| {
            let _ = e.path.keep();
            e.error
        })?;
        return Ok(None);
    }
    let old = match std::fs::symlink_metadata(target) {
        Ok(_) => {
            let name = hidden_name(target)?;
            // A second name for the old file: it stays in place until the rename replaces it.
            std::fs::hard_link(target, &name).or_else(|_| std::fs::rename(target, &name))?;
            Some(name)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    if let Err(e) = std::fs::rename(hidden, target) {
        if let Some(name) = &old {
            // A second name goes; a moved old file comes back.
            let _ = match std::fs::symlink_metadata(target) {
                Ok(_) => std::fs::remove_file(name),
                Err(_) => std::fs::rename(name, target),
            };
        }
        return Err(e);
    }
    Ok(old)
}

/// Publishes a set of staged files together: all of them, or none.
///
/// WHY: `commit --force` into a folder whose `commitment.json` was a folder
/// used to put the new seed and receipts in place and then fail, leaving a
/// seed that belongs to no commitment beside the old one (issue 15). Here
/// (1) every target is checked before anything is named — a folder is
/// refused, an existing file without `force` too; (2) every new file that
/// will replace one gets a hidden name beside its target; (3) they are put
/// in place in order
/// (the public file last), each old file kept under a hidden name. If any
/// step fails, every file already placed is removed or its old file put
/// back, and every hidden name is removed: the folder holds the old set.
pub fn publish(staged: Vec<Staged>, force: bool) -> Result<()> {
    for s in &staged {
        check_target(&s.path, force)?;
    }
    let mut ready: Vec<(Ready, PathBuf)> = Vec::with_capacity(staged.len());
    for s in staged {
        let target = s.path.clone();
        match s.ready(force) {
            Ok(r) => ready.push(r),
            Err(e) => {
                ready.iter().for_each(|(r, _)| r.discard());
                return Err(problem!("file-write", file = target.display(), reason = crate::os::reason(&e)));
            }
        }
    }
    let mut placed: Vec<(&Path, Option<PathBuf>)> = Vec::with_capacity(ready.len());
    for (i, (r, target)) in ready.iter().enumerate() {
        match put(r, target, force) {
            Ok(old) => placed.push((target, old)),
            Err(e) => {
                for (t, old) in placed.iter().rev() {
                    let _ = match old {
                        Some(old) => std::fs::rename(old, t),
                        None => std::fs::remove_file(t),
                    };
                }
                ready[i..].iter().for_each(|(r, _)| r.discard());
                return Err(if e.kind() == std::io::ErrorKind::AlreadyExists {
                    problem!("file-exists", file = target.display())
                } else {
                    problem!("file-write", file = target.display(), reason = crate::os::reason(&e))
                });
            }
        }
    }
    for (t, old) in &placed {
        if let Some(old) = old {
            let _ = std::fs::remove_file(old);
        }
        if let Some(dir) = t.parent().filter(|d| !d.as_os_str().is_empty()) {
            // Make the renames durable; failure to sync a folder is not fatal.
            let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
        }
    }
    Ok(())
}

/// Stages and publishes one file.
pub fn write(path: &Path, bytes: &[u8], access: Access, force: bool) -> Result<()> {
    publish(vec![stage(path, bytes, access)?], force)
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

    /// Issue 15: a device or a pipe that never ends is refused after
    /// `limit + 1` bytes, whatever size the file system reports.
    #[test]
    fn reads_are_bounded_for_devices_and_pipes() {
        let zero = read(Path::new("/dev/zero"), 4096).unwrap_err().to_string();
        assert!(zero.contains("/dev/zero") && zero.contains("4096"), "{zero}");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        rustix::fs::mknodat(rustix::fs::CWD, &fifo, rustix::fs::FileType::Fifo, 0o600.into(), 0).unwrap();
        let writer = {
            let fifo = fifo.clone();
            // Writes until the reader goes away (then the write fails: EPIPE).
            std::thread::spawn(move || {
                let mut f = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
                let chunk = [b' '; 4096];
                while f.write_all(&chunk).is_ok() {}
            })
        };
        let err = read(&fifo, 100_000).unwrap_err().to_string();
        assert!(err.contains("100000"), "{err}");
        writer.join().unwrap();
        // A regular file at the limit is read; one byte more is refused with its size.
        let f = dir.path().join("f");
        std::fs::write(&f, [7u8; 10]).unwrap();
        assert_eq!(read(&f, 10).unwrap(), [7u8; 10]);
        let big = read(&f, 9).unwrap_err().to_string();
        assert!(big.contains("10") && big.contains('9'), "{big}");
        assert!(read(dir.path(), 10).unwrap_err().to_string().contains("folder"));
    }

    thread_local! {
        /// The target whose publishing fails, in a test of [`publish`].
        static FAIL: std::cell::RefCell<Option<PathBuf>> = const { std::cell::RefCell::new(None) };
    }

    pub(super) fn fail_here(target: &Path) -> std::io::Result<()> {
        match FAIL.with(|f| f.borrow().as_deref() == Some(target)) {
            true => Err(std::io::Error::other("injected failure")),
            false => Ok(()),
        }
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        v.sort();
        v
    }

    /// Issue 15: a set of files is published whole or not at all; the old
    /// set stays as it was, and no hidden file is left behind.
    #[test]
    fn a_set_is_published_whole_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let [a, b, c] = ["seed", "receipts.jsonl", "commitment.json"].map(|n| dir.path().join(n));
        let stage_all = |tag: &str| {
            [&a, &b, &c].map(|p| stage(p, format!("{tag} {}", p.display()).as_bytes(), Access::Secret).unwrap()).into()
        };
        let read = |p: &PathBuf| std::fs::read_to_string(p).unwrap();
        publish(stage_all("old"), false).unwrap();
        assert_eq!(names(dir.path()), ["commitment.json", "receipts.jsonl", "seed"]);
        // Without --force nothing is replaced, not even the files that do not exist yet.
        std::fs::remove_file(&a).unwrap();
        assert!(publish(stage_all("new"), false).unwrap_err().to_string().contains("already exists"));
        assert_eq!(names(dir.path()), ["commitment.json", "receipts.jsonl"]);
        publish(vec![stage(&a, format!("old {}", a.display()).as_bytes(), Access::Secret).unwrap()], false).unwrap();
        // A folder where a file goes is refused before anything is named.
        std::fs::remove_file(&c).unwrap();
        std::fs::create_dir(&c).unwrap();
        let e = publish(stage_all("new"), true).unwrap_err().to_string();
        assert!(e.contains("folder") && e.contains("commitment.json"), "{e}");
        assert!(read(&a).starts_with("old") && read(&b).starts_with("old"));
        assert_eq!(names(dir.path()), ["commitment.json", "receipts.jsonl", "seed"]);
        std::fs::remove_dir(&c).unwrap();
        std::fs::write(&c, format!("old {}", c.display())).unwrap();
        // A failure at the last file, or at the middle one, with --force:
        // the files already placed get their old contents back.
        let fail_at = |target: Option<&PathBuf>| FAIL.with(|f| *f.borrow_mut() = target.cloned());
        for fail in [&c, &b] {
            fail_at(Some(fail));
            let e = publish(stage_all("new"), true).unwrap_err().to_string();
            fail_at(None);
            assert!(e.contains("injected failure"), "{e}");
            for p in [&a, &b, &c] {
                assert_eq!(read(p), format!("old {}", p.display()), "failing at {fail:?}");
            }
            assert_eq!(names(dir.path()), ["commitment.json", "receipts.jsonl", "seed"]);
        }
        // Without --force nothing was there: the files already placed are removed.
        for p in [&a, &b, &c] {
            std::fs::remove_file(p).unwrap();
        }
        fail_at(Some(&c));
        assert!(publish(stage_all("new"), false).is_err());
        fail_at(None);
        assert!(names(dir.path()).is_empty(), "{:?}", names(dir.path()));
        publish(stage_all("old"), false).unwrap();
        publish(stage_all("new"), true).unwrap();
        for p in [&a, &b, &c] {
            assert_eq!(read(p), format!("new {}", p.display()));
            assert_eq!(std::fs::metadata(p).unwrap().permissions().mode() & 0o777, 0o600);
        }
        assert_eq!(names(dir.path()), ["commitment.json", "receipts.jsonl", "seed"]);
    }

    #[test]
    fn abandoned_stage_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let staged = stage(&dir.path().join("t.json"), b"{}", Access::Public).unwrap();
        drop(staged);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
