//! Spreadsheets made at test time with the `zip` crate (issue 26): the
//! bombs are too big to commit (2 GiB inflated), so `tests/sheet_limits.rs`
//! and the `generate:` cases of `fixtures/bad/` build them here.

#![allow(dead_code)]

use std::io::Write;
use std::path::Path;
use zip::write::SimpleFileOptions;

/// Writes a part's XML.
pub type Writer<'a> = &'a mut dyn FnMut(&mut dyn Write);

/// The workbook parts every xlsx needs, around the sheet and the shared strings given.
pub fn xlsx(path: &Path, sheet: Writer<'_>, shared: Option<Writer<'_>>) {
    xlsx_with(path, sheet, shared, &[]);
}

/// The same, with more parts (name, XML): `xl/styles.xml`.
pub fn xlsx_with(path: &Path, sheet: Writer<'_>, shared: Option<Writer<'_>>, extra: &[(&str, &str)]) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let opts = SimpleFileOptions::default().compression_level(Some(1)).large_file(false);
    let part = |name: &str, text: &str, zip: &mut zip::ZipWriter<std::fs::File>| {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    };
    part(
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
        &mut zip,
    );
    part(
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
        &mut zip,
    );
    part(
        "xl/workbook.xml",
        r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
        &mut zip,
    );
    part(
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#,
        &mut zip,
    );
    for (name, text) in extra {
        part(name, text, &mut zip);
    }
    if let Some(shared) = shared {
        zip.start_file("xl/sharedStrings.xml", opts).unwrap();
        shared(&mut zip);
    }
    zip.start_file("xl/worksheets/sheet1.xml", opts).unwrap();
    sheet(&mut zip);
    zip.finish().unwrap();
}

pub const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:A2"/><sheetData>"#;
pub const SHEET_END: &str = "</sheetData></worksheet>";

pub fn inline(cell: &str, text: &str) -> String {
    format!(r#"<c r="{cell}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// 2 GiB of whitespace in the sheet, from a file of about 2 MB.
pub fn whitespace_bomb(path: &Path) {
    let spaces = vec![b' '; 1 << 20];
    xlsx(
        path,
        &mut |w| {
            write!(w, r#"{SHEET_START}<row r="1">{}</row>"#, inline("A1", "id")).unwrap();
            for _ in 0..2048 {
                w.write_all(&spaces).unwrap();
            }
            write!(w, "{SHEET_END}").unwrap();
        },
        None,
    );
}

/// 2 million shared strings of 1,000 characters each (2 GB), from about 5 MB.
pub fn shared_strings_bomb(path: &Path) {
    let one = format!("<si><t>{}</t></si>", "x".repeat(1000));
    xlsx(
        path,
        &mut |w| write!(w, r#"{SHEET_START}<row r="1"><c r="A1" t="s"><v>0</v></c></row>{SHEET_END}"#).unwrap(),
        Some(&mut |w| {
            write!(w, r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>id</t></si>"#).unwrap();
            for _ in 0..2_000_000 {
                w.write_all(one.as_bytes()).unwrap();
            }
            write!(w, "</sst>").unwrap();
        }),
    );
}

/// One cell at A1 (`id`) and one at `far` (an A1 reference), the declared dimension A1:A2.
pub fn far_cell(path: &Path, far: &str) {
    let row: String = far.chars().filter(char::is_ascii_digit).collect();
    xlsx(
        path,
        &mut |w| {
            let (a, z) = (inline("A1", "id"), inline(far, "x"));
            write!(w, r#"{SHEET_START}<row r="1">{a}</row><row r="{row}">{z}</row>{SHEET_END}"#).unwrap();
        },
        None,
    );
}

/// An .ods with the given `<table:table>` elements in its content.xml.
pub fn ods(path: &Path, tables: &mut dyn FnMut(&mut dyn Write)) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
    let opts = SimpleFileOptions::default().compression_level(Some(1));
    zip.start_file("META-INF/manifest.xml", opts).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.start_file("content.xml", opts).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.2"><office:body><office:spreadsheet>"#).unwrap();
    tables(&mut zip);
    zip.write_all(b"</office:spreadsheet></office:body></office:document-content>").unwrap();
    zip.finish().unwrap();
}

/// An .ods cell holding the text `t`, `n` times across.
pub fn ods_cell(t: &str, n: u32) -> String {
    format!(
        r#"<table:table-cell office:value-type="string" table:number-columns-repeated="{n}"><text:p>{t}</text:p></table:table-cell>"#
    )
}

/// The reviewer's xlsx/mk2.py: `n` copies of `<c r="A3" t="s">` naming one shared string of 1,000,000 characters.
pub fn repeated_cell(path: &Path, n: usize) {
    xlsx(
        path,
        &mut |w| {
            write!(
                w,
                r#"{SHEET_START}<row r="1">{}</row><row r="2">{}</row><row r="3">"#,
                inline("A1", "id"),
                inline("A2", "X1")
            )
            .unwrap();
            w.write_all(r#"<c r="A3" t="s"><v>0</v></c>"#.repeat(n).as_bytes()).unwrap();
            write!(w, "</row>{SHEET_END}").unwrap();
        },
        Some(&mut |w| write!(w, "<sst><si><t>{}</t></si></sst>", "A".repeat(1_000_000)).unwrap()),
    );
}

/// The reviewer's ods/mk.py: one cell of 1,000,000 characters repeated across `rep` columns.
pub fn ods_repeated_text(path: &Path, rep: u32) {
    let cell =
        |t: &str| format!(r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#);
    ods(path, &mut |w| {
        write!(
            w,
            r#"<table:table table:name="Blad1"><table:table-row>{}{}</table:table-row><table:table-row>{}"#,
            cell("id"),
            cell("naam"),
            cell("X1")
        )
        .unwrap();
        write!(w, r#"<table:table-cell office:value-type="string" table:number-columns-repeated="{rep}"><text:p>{}</text:p></table:table-cell></table:table-row></table:table>"#, "A".repeat(1_000_000)).unwrap();
    });
}
