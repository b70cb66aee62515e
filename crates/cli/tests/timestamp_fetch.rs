//! `potdraw timestamp` (issue 30, feature `fetch`) against a local
//! time-stamp authority: a tiny HTTP server on 127.0.0.1 (std's TcpListener)
//! that answers each POST with `openssl ts -reply`, from a test CA and TSA
//! made at test time. No other network: CI runs this with `--features fetch`.
#![cfg(feature = "fetch")]

#[path = "../../timestamp/tests/common/tsa.rs"]
mod tsa;

use assert_cmd::Command;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn openssl_present() -> bool {
    if Path::new("/usr/bin/openssl").exists() {
        return true;
    }
    assert!(std::env::var_os("POTDRAW_CI").is_none(), "openssl is missing, and CI needs it");
    eprintln!("skipping: /usr/bin/openssl is missing");
    false
}

/// What the server does with a request.
#[derive(Clone, Copy)]
enum Answer {
    /// `openssl ts -reply` to the request.
    Reply,
    /// The first reply it ever made, again (an old reply: another nonce).
    Replay,
}

/// A local TSA over HTTP: answers up to `max` requests, then its thread
/// ends. Returns its URL and the content types it was sent.
fn serve(tsa: tsa::Tsa, answer: Answer, max: usize) -> (String, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://127.0.0.1:{}/tsr", listener.local_addr().unwrap().port());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    std::thread::spawn(move || {
        let mut first: Option<Vec<u8>> = None;
        for stream in listener.incoming().take(max) {
            let Ok(mut stream) = stream else { return };
            stream.set_read_timeout(Some(std::time::Duration::from_secs(20))).unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let (mut length, mut content_type) = (0usize, String::new());
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(v) = lower.strip_prefix("content-length:") {
                    length = v.trim().parse().unwrap_or(0);
                }
                if let Some(v) = lower.strip_prefix("content-type:") {
                    content_type = v.trim().to_string();
                }
            }
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            log.lock().unwrap().push(content_type);
            let reply = match (answer, &first) {
                (Answer::Replay, Some(old)) => old.clone(),
                _ => tsa.reply(&body),
            };
            first.get_or_insert_with(|| reply.clone());
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/timestamp-reply\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                reply.len()
            );
            let _ = stream.write_all(head.as_bytes()).and_then(|_| stream.write_all(&reply));
        }
    });
    (url, seen)
}

fn potdraw(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("potdraw").unwrap();
    cmd.current_dir(dir).env_remove("LC_ALL").env_remove("LC_MESSAGES").env_remove("LANG").arg("--lang").arg("en");
    cmd
}

/// The example draw published in `dir`: public/commitment.json and transcript.json.
fn publish(dir: &Path, fixture: &str) -> PathBuf {
    let public = dir.join("public");
    std::fs::create_dir_all(&public).unwrap();
    std::fs::copy(root().join(fixture), public.join("commitment.json")).unwrap();
    public.join("commitment.json")
}

#[test]
fn tokens_from_two_authorities_are_checked_written_and_then_verified() {
    if !openssl_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let a = tsa::make(&dir.path().join("a"), "alpha", &tsa::Options::default());
    let b_opts = tsa::Options { tsa_key: tsa::Key::P256, ca_key: tsa::Key::P256, ..tsa::Options::default() };
    let b = tsa::make(&dir.path().join("b"), "beta", &b_opts);
    let roots = dir.path().join("roots.pem");
    let pem = [std::fs::read(&a.root).unwrap(), std::fs::read(&b.root).unwrap()].concat();
    std::fs::write(&roots, pem).unwrap();
    let (url_a, seen_a) = serve(a, Answer::Reply, 2);
    let (url_b, _) = serve(b, Answer::Reply, 2);
    let commitment = publish(dir.path(), "fixtures/example/commitment.json");
    std::fs::copy(root().join("fixtures/example/transcript.json"), dir.path().join("public/transcript.json")).unwrap();

    let out = potdraw(dir.path())
        .arg("timestamp")
        .arg(&commitment)
        .args(["--tsa", &url_a, "--tsa", &url_b, "--tsa-roots"])
        .arg(&roots)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{said}\n{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(seen_a.lock().unwrap().as_slice(), ["application/timestamp-query"]);
    let port = |u: &str| u.split(':').nth(2).unwrap().split('/').next().unwrap().to_string();
    let file_a = dir.path().join(format!("public/commitment.json.127.0.0.1-{}.tsr", port(&url_a)));
    let file_b = dir.path().join(format!("public/commitment.json.127.0.0.1-{}.tsr", port(&url_b)));
    assert!(file_a.is_file() && file_b.is_file(), "{said}");
    assert!(said.contains("checked and written") && said.contains("a root you chose"), "{said}");

    // verify finds both beside the commitment: trusted, and published-before
    // names the plan's sources without a date (dice and a published text).
    let v = potdraw(dir.path())
        .args(["verify", "public/transcript.json", "--commitment", "public/commitment.json", "--tsa-roots"])
        .arg(&roots)
        .arg("--json")
        .output()
        .unwrap();
    assert_eq!(v.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&v.stdout).unwrap();
    let statuses: Vec<_> = json["timestamps"].as_array().unwrap().iter().map(|t| t["status"].clone()).collect();
    assert_eq!(statuses, ["trusted", "trusted"], "{json}");
    assert_eq!(json["published_before"]["status"], "not-decidable");

    // Again without --force: refused before anything is sent, the tokens kept.
    let before = std::fs::read(&file_a).unwrap();
    let again = potdraw(dir.path()).arg("timestamp").arg(&commitment).args(["--tsa", &url_a]).output().unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("[error code: file-exists]"));
    assert_eq!(seen_a.lock().unwrap().len(), 1, "nothing was sent");
    assert_eq!(std::fs::read(&file_a).unwrap(), before);
    // With --force, a new token replaces it; without --tsa-roots it is not proof yet.
    let forced =
        potdraw(dir.path()).arg("timestamp").arg(&commitment).args(["--tsa", &url_a, "--force"]).output().unwrap();
    assert_eq!(forced.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&forced.stdout).contains("not in the token"));
    assert_ne!(std::fs::read(&file_a).unwrap(), before);
}

#[test]
fn a_replayed_reply_and_a_token_after_the_round_are_never_written() {
    if !openssl_present() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let t = tsa::make(&dir.path().join("t"), "gamma", &tsa::Options::default());
    let (url, seen) = serve(t, Answer::Replay, 3);
    let commitment = publish(dir.path(), "fixtures/example/commitment.json");
    // The first request gets its own reply, written.
    let first = potdraw(dir.path()).arg("timestamp").arg(&commitment).args(["--tsa", &url]).output().unwrap();
    assert_eq!(first.status.code(), Some(0), "{}", String::from_utf8_lossy(&first.stderr));
    // The second gets the first reply again: its nonce is another request's.
    let file = dir.path().join(format!(
        "public/commitment.json.127.0.0.1-{}.tsr",
        url.split(':').nth(2).unwrap().trim_end_matches("/tsr")
    ));
    let kept = std::fs::read(&file).unwrap();
    let replay =
        potdraw(dir.path()).arg("timestamp").arg(&commitment).args(["--tsa", &url, "--force"]).output().unwrap();
    let said = String::from_utf8_lossy(&replay.stdout);
    assert_eq!(replay.status.code(), Some(1), "{said}");
    assert!(said.contains("nothing was written") && said.contains("does not answer the request"), "{said}");
    assert_eq!(std::fs::read(&file).unwrap(), kept);
    assert_eq!(seen.lock().unwrap().len(), 2);

    // A commitment whose drand round (quicknet 30662982, July 2026) is
    // already out: a token made now proves nothing and is not written.
    let dir = tempfile::tempdir().unwrap();
    let t = tsa::make(&dir.path().join("t"), "delta", &tsa::Options::default());
    let (url, _) = serve(t, Answer::Reply, 1);
    let commitment = publish(dir.path(), "fixtures/v2/commitment.json");
    let late = potdraw(dir.path()).arg("timestamp").arg(&commitment).args(["--tsa", &url]).output().unwrap();
    let said = String::from_utf8_lossy(&late.stdout);
    assert_eq!(late.status.code(), Some(1), "{said}");
    assert!(said.contains("not before the first unpredictable value") && said.contains("30662982"), "{said}");
    let written: Vec<_> = std::fs::read_dir(dir.path().join("public")).unwrap().filter_map(|e| e.ok()).collect();
    assert_eq!(written.len(), 1, "only the commitment");
}

#[test]
fn an_address_that_is_not_http_and_an_authority_that_cannot_be_reached_are_unusable() {
    let dir = tempfile::tempdir().unwrap();
    let commitment = publish(dir.path(), "fixtures/example/commitment.json");
    let bad =
        potdraw(dir.path()).arg("timestamp").arg(&commitment).args(["--tsa", "ftp://tsa.example/"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("[error code: tsa-url]"));
    // A port nobody listens on (bound, then closed).
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/");
    let down = potdraw(dir.path()).arg("timestamp").arg(&commitment).args(["--tsa", &url]).output().unwrap();
    assert_eq!(down.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&down.stderr).contains("[error code: tsa-request]"));
    assert_eq!(std::fs::read_dir(dir.path().join("public")).unwrap().count(), 1);
}
