//! Issue 26: the reviewer's attack on the order-2 key, end to end through
//! `OrganiserKey`.
mod forge;

use potdraw_verify::signature::OrganiserKey;

const REVIEWER_KEY: &str = "RWQBI0VniavN7+z///////////////////////////////////////9/";

#[test]
fn a_forged_signature_for_the_order_2_key_is_refused() {
    let file = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../fixtures/example/transcript.json")).unwrap();
    let mut point = [0xffu8; 32];
    point[0] = 0xec;
    point[31] = 0x7f;
    let id = [0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef];
    assert_eq!(forge::key_line(&id, &point), REVIEWER_KEY);
    let minisig = forge::forged_minisig(&id, &point, &file, "potdraw file:transcript.json").unwrap();
    let accepted = OrganiserKey::parse(REVIEWER_KEY).map(|k| k.verify(&file, &minisig));
    assert!(!matches!(accepted, Ok(Ok(_))), "the forgery passes: {accepted:?}\n{minisig}");
}
