//! Walks fixtures/drand/*.txt (SPEC §13.6): real rounds of mainnet and
//! quicknet, copied from the source each file names, and tampered variants
//! with the rejection each must produce.

use potdraw_beacon::{builtin, parse_beacon, verify_beacon, Rejection};
use potdraw_core::vector::{parse, Expect};
use std::path::PathBuf;

#[test]
fn every_drand_vector_gets_its_stated_outcome() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/drand");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let (mut verified, mut rejected) = (std::collections::BTreeSet::new(), 0);
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let v = parse(&std::fs::read_to_string(path).unwrap()).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(v.header("kind"), Some("drand-beacon"), "{name}");
        assert!(v.header("source").is_some_and(|s| !s.is_empty()), "{name}: every round names its source");
        let chain_name = v.header("chain").unwrap_or_else(|| panic!("{name}: no chain"));
        let chain = builtin(chain_name).unwrap_or_else(|| panic!("{name}: unknown chain {chain_name}"));
        let beacon = parse_beacon(v.body.trim()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let outcome = verify_beacon(&chain, &beacon, None);
        match &v.expect {
            Expect::Verified => {
                let r = outcome.unwrap_or_else(|e| panic!("{name}: a genuine round was refused: {e}"));
                assert_eq!(r, potdraw_beacon::randomness(&beacon.signature), "{name}");
                verified.insert(chain.beacon_id.clone());
            }
            Expect::Rejected(id) => {
                let want = Rejection::from_id(id).unwrap_or_else(|| panic!("{name}: unknown rejection {id}"));
                let e = outcome.expect_err(&format!("{name}: a tampered beacon verified"));
                assert_eq!(e.rejection(), Some(want), "{name}: {e}");
                rejected += 1;
            }
            other => panic!("{name}: expect {other:?} is not for drand vectors"),
        }
    }
    assert!(verified.contains("default") && verified.contains("quicknet"), "real rounds of both chains");
    assert!(files.len() >= 20 && rejected >= 8, "{} files, {rejected} rejected", files.len());
}
