//! Tests of the candidate list validator (kept apart so that
//! candidates.rs stays readable).

use super::*;

fn ids(text: &str) -> Vec<(String, u64, u64)> {
    parse(text.as_bytes()).unwrap().into_iter().map(|c| (c.id, c.weight, c.line)).collect()
}

#[test]
fn reads_bom_crlf_quotes_and_extra_columns() {
    let got =
        parse("\u{feff}id,weight,name\r\nA-1,2,\"Jansen, Piet\"\r\n B-2 ,1,\"two\nlines\"\r\n".as_bytes()).unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!((got[0].id.as_str(), got[0].weight, got[0].line), ("A-1", 2, 2));
    assert_eq!(got[0].columns, vec![("name".to_string(), "Jansen, Piet".to_string())]);
    assert_eq!((got[1].id.as_str(), got[1].line), ("B-2", 3));
    assert_eq!(got[1].columns[0].1, "two\nlines");
}

#[test]
fn fields_are_limited_exactly_at_the_maximum() {
    let at = |n: usize| format!("id,note\nA,{}\n", "x".repeat(n));
    assert!(parse(at(MAX_FIELD_BYTES).as_bytes()).is_ok());
    let e = parse(at(MAX_FIELD_BYTES + 1).as_bytes()).unwrap_err();
    assert_eq!(e.kind, CsvKind::FieldTooLong { max: MAX_FIELD_BYTES, found: MAX_FIELD_BYTES + 1 });
    assert_eq!((e.line, e.column.as_deref()), (2, Some("2")));
    let header = format!("id,{}\nA,1\n", "h".repeat(MAX_FIELD_BYTES + 1));
    assert_eq!(parse(header.as_bytes()).unwrap_err().line, 1);
}

#[test]
fn weight_defaults_to_one_and_ids_are_nfc() {
    assert_eq!(ids("id\nRe\u{301}ne\n\nX\n"), vec![("R\u{e9}ne".into(), 1, 2), ("X".into(), 1, 4)]);
}

#[test]
fn errors_name_line_and_column() {
    let e = parse(b"id,weight\nA,1\nB,0\n").unwrap_err();
    assert_eq!((e.line, e.column.as_deref(), e.found.as_str()), (3, Some("2 (weight)"), "\"0\""));
    for list in ["id\nRen\u{e9}\nRene\u{301}\n", "id\nRene\u{301}\nRen\u{e9}\n"] {
        let e = parse(list.as_bytes()).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.expected.contains("after Unicode normalisation (NFC) is on line 2"), "{e}");
    }
    assert!(parse(b"id\nA\n A \n").unwrap_err().expected.contains("(the same id is on line 2)"));
    let e = parse(b"name\nA\n").unwrap_err();
    assert!(e.expected.contains("\"id\" column"), "{e}");
    let e = parse(b"id\nJos\xe9\n").unwrap_err();
    assert!(e.found.contains("0xe9"), "{e}");
    let e = parse(b"id,weight\nA,1,x\n").unwrap_err();
    assert_eq!(e.found, "3 fields");
    assert_eq!(parse(b"id\n \n").unwrap_err().found, "no rows");
    // A row with nothing in it holds nobody: skipped, in every format (issue 28).
    assert_eq!(parse(b"id\n\"\"\n").unwrap_err().found, "no rows");
    assert_eq!(parse(b"id,weight\nA,1\n,\n \t, \nB,2\n").unwrap().len(), 2);
    assert_eq!(parse(b"id,weight\n,1\n").unwrap_err().found, "an empty cell");
    assert!(parse(b"id,weight\nA,4294967296\n").is_err());
    assert!(parse(b"id,weight\nA,-1\n").is_err());
    assert!(parse(b"id,weight\nA,+1\n").is_err());
    assert!(parse(b"id\nA\x07\n").is_err());
    assert_eq!(parse(b"").unwrap_err().found, "an empty file");
}

/// Issue 28: every cell read is trimmed as the id is ("Ilse Kramer  " from a
/// sheet reached the slips), and rows with nothing in them are skipped and
/// counted, whatever the format.
#[test]
fn cells_are_trimmed_and_blank_rows_counted() {
    let list = parse_with(b"id,naam\nA,  Ilse Kramer  \n,\n , \nB,Bram\n", &Options::default()).unwrap();
    assert_eq!(list.candidates[0].columns, [("naam".to_string(), "Ilse Kramer".to_string())]);
    assert_eq!(list.candidates.len(), 2);
    assert_eq!(list.blank_rows, 2, "',' and ' , ' hold nothing");
}
