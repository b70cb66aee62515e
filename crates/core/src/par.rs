//! Two independent pieces of work on the machine's two cores.
//!
//! WHY one function: the two digests of a transcript, and the commands'
//! self-checks beside their file writes, each run one piece on a second
//! thread. Where no thread can be made (a process limit), the work must
//! still be done, in turn on this thread; that fallback is written once.

use std::sync::Mutex;

/// Runs `a` on a second thread and `b` on this one, and returns both
/// results; `a` runs here after `b` when no thread can be made. A panic in
/// `a` continues on this thread, as if `a` had run here.
pub fn join<A: Send, B>(a: impl FnOnce() -> A + Send, b: impl FnOnce() -> B) -> (A, B) {
    // `a` waits here until a thread takes it; if none is made, it is still here.
    let slot = Mutex::new(Some(a));
    let take = || slot.lock().unwrap_or_else(|e| e.into_inner()).take();
    std::thread::scope(|s| {
        let there = std::thread::Builder::new().spawn_scoped(s, || take().map(|a| a()));
        let b = b();
        let a = match there.map(|h| h.join()) {
            Ok(Ok(Some(a))) => a,
            Ok(Err(panic)) => std::panic::resume_unwind(panic),
            Ok(Ok(None)) | Err(_) => take().expect("`a` runs once")(),
        };
        (a, b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_run_and_return_in_order() {
        let (a, b) = join(|| (1..=100u64).sum::<u64>(), || "here");
        assert_eq!((a, b), (5050, "here"));
        let here = std::thread::current().id();
        let (there, _) = join(|| std::thread::current().id(), || ());
        assert_ne!(there, here, "`a` runs on another thread");
    }

    #[test]
    fn a_panic_in_a_continues_here() {
        let caught = std::panic::catch_unwind(|| join(|| panic!("in a"), || 1));
        let message = caught.unwrap_err();
        assert_eq!(message.downcast_ref::<&str>(), Some(&"in a"));
    }
}
