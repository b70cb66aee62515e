//! An `.xls` file (BIFF8 in an OLE compound file), bounded before calamine
//! opens it (issue 26, part 4).
//!
//! calamine reads the whole workbook when it opens an `.xls`: the OLE
//! container, the `Workbook` stream, the shared strings (SST) and the dense
//! range of every sheet. On the way it allocates by numbers the file claims
//! (the container's FAT and directory sizes, a stream's length, a sheet's
//! DIMENSIONS record) and follows sector chains without checking for loops.
//! A 5.6 KB file with cells at A1 and IV65536 made it take 1.06 GB before
//! anything could refuse it.
//!
//! So [`check`] walks the file the way calamine 0.30 does (its `cfb.rs` and
//! `xls.rs`), and refuses it before calamine sees it when calamine would
//! allocate by a claim or build ranges beyond the limits:
//!
//! - the container: every claimed count that calamine reserves memory for
//!   must fit the file; every sector it would follow must be in the file,
//!   and each chain visits a sector once (a loop would grow a vector
//!   without end). We mirror calamine rather than use another OLE reader,
//!   so that the stream checked is the stream calamine reads: two readers
//!   can disagree on a hostile file (orphan directory entries, duplicate
//!   names), and the check is worth only what it checks;
//! - the `Workbook` stream at most [`MAX_XLS_STREAM`] bytes; no record
//!   followed by more than [`MAX_CONTINUES`] CONTINUE records (calamine
//!   takes each from the front of a vector: quadratic time);
//! - the SST: its strings counted as calamine reads them (not as the record
//!   claims), at most [`MAX_SHARED_STRINGS`], in at most [`MAX_XLS_SST`]
//!   bytes;
//! - each sheet (as BoundSheet records locate them, the way calamine finds
//!   them: two records naming one sheet build it twice): the used range of
//!   the cells calamine keeps (BLANK and MULBLANK it drops, so they are not
//!   counted), all sheets together at most [`MAX_CELLS`]; a DIMENSIONS
//!   record claiming more than that (calamine reserves it) is refused too;
//! - the text of the cells that name a shared string: calamine copies the
//!   string into each, so a million cells naming one long string would
//!   be a million copies; all together at most [`MAX_XLS_TEXT`];
//! - the cell records: calamine keeps each one it reads, so the same record
//!   repeated at one position would be kept again and again within the
//!   used range. A cell record at the position of the one before it is
//!   refused (Excel and LibreOffice never write that), and the cell
//!   records of all sheets are counted, at most [`MAX_CELLS`].
//!
//! Workbooks with macros are refused: calamine decompresses their VBA
//! project when it opens the file, and that path is not bounded here.

use super::limits::{Bounds, Limit, Refused, MAX_CELLS, MAX_SHARED_STRINGS};

/// The `Workbook` stream, as calamine copies it into memory.
pub const MAX_XLS_STREAM: u64 = 32 << 20;
/// The shared strings (SST record and its CONTINUE records), in bytes.
pub const MAX_XLS_SST: u64 = 16 << 20;
/// The text calamine copies from the SST into the cells of all sheets
/// (UTF-8, counted at 3 bytes a character: what it may take at most).
pub const MAX_XLS_TEXT: u64 = 64 << 20;
/// CONTINUE records after one record (Excel needs a few thousand for a full SST).
pub const MAX_CONTINUES: usize = 8_192;

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
const RESERVED_SECTORS: u32 = 0xFFFF_FFFA;
const DIFSECT: u32 = 0xFFFF_FFFC;

fn damaged(why: impl Into<String>) -> Refused {
    Refused::Damaged(why.into())
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn claim(field: &str, claimed: u64, max: u64) -> Result<(), Refused> {
    if claimed > max {
        return Err(Limit::XlsClaim { field: field.to_string(), claimed, max }.into());
    }
    Ok(())
}

/// The sectors of the container, as calamine numbers them (sector 0 follows the header).
struct Sectors<'a> {
    bytes: &'a [u8],
    size: usize,
    count: u32,
}

impl<'a> Sectors<'a> {
    fn get(&self, id: u32) -> Result<&'a [u8], Refused> {
        if id >= self.count {
            return Err(damaged(format!("sector {id} is beyond the file's {} sectors", self.count)));
        }
        let start = (id as usize + 1) * self.size;
        Ok(&self.bytes[start..(start + self.size).min(self.bytes.len())])
    }

    /// The chain from `id` through `fat`, each sector once, as calamine's `get_chain`.
    fn chain(&self, mut id: u32, fat: &[u32], len: u64, what: &str) -> Result<Vec<u8>, Refused> {
        claim(what, len, self.bytes.len() as u64)?; // calamine reserves `len` bytes
        let mut seen = vec![false; self.count as usize];
        let mut out = Vec::new();
        while id != ENDOFCHAIN {
            out.extend_from_slice(self.get(id)?);
            if std::mem::replace(&mut seen[id as usize], true) {
                return Err(damaged(format!("the chain of {what} runs in a loop")));
            }
            id = *fat.get(id as usize).ok_or_else(|| damaged(format!("the chain of {what} leaves the FAT")))?;
        }
        if len > 0 {
            out.truncate(len as usize);
        }
        Ok(out)
    }
}

fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
    b.chunks_exact(4).map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

/// The `Workbook` (or `Book`) stream, read as calamine reads it, with every
/// claim calamine allocates by checked first.
fn workbook(bytes: &[u8]) -> Result<Vec<u8>, Refused> {
    let h = bytes.get(..512).ok_or_else(|| damaged("shorter than an OLE header"))?;
    if h[..8] != *b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" {
        return Err(damaged("not an OLE file"));
    }
    let size = match u16_at(h, 30) {
        Some(9) => 512,
        Some(12) => 4096,
        _ => return Err(damaged("an OLE sector size other than 512 or 4096")),
    };
    let count = u32::try_from((bytes.len().saturating_sub(size)).div_ceil(size)).unwrap_or(u32::MAX);
    let s = Sectors { bytes, size, count };
    let field = |at| u64::from(u32_at(h, at).unwrap_or(0));
    // calamine reserves these as counts of 4-byte entries. Its DIFAT count
    // is read at offset 62, across the mini FAT's start and length: a
    // well-formed file gives (mini FAT sectors << 16) + up to 65,535. Up to
    // 255 mini FAT sectors (32,640 small streams) is 64 MiB reserved and
    // never touched; a hostile value would be gigabytes.
    claim("OLE DIFAT count", field(62), (255 << 16) + 0xFFFF)?;
    claim("OLE FAT sector count", field(44), u64::from(count))?;
    let mut difat: Vec<u32> = u32s(&h[76..512]).collect();
    let mut id = u32_at(h, 68).unwrap_or(ENDOFCHAIN);
    let mut seen = vec![false; count as usize];
    while id < RESERVED_SECTORS {
        difat.extend(u32s(s.get(id)?));
        if std::mem::replace(&mut seen[id as usize], true) {
            return Err(damaged("the DIFAT chain runs in a loop"));
        }
        id = difat.pop().unwrap_or(ENDOFCHAIN);
    }
    let mut fat = Vec::new();
    for id in difat.into_iter().filter(|id| *id < DIFSECT) {
        fat.extend(u32s(s.get(id)?));
        // A FAT sector named twice would grow the FAT beyond the file.
        claim("OLE FAT", fat.len() as u64, u64::from(count) + (size / 4) as u64)?;
    }
    let dirs = s.chain(u32_at(h, 48).unwrap_or(ENDOFCHAIN), &fat, field(40) * size as u64, "the OLE directory")?;
    // Each directory entry: its name (UTF-16, to the first NUL), first sector and length.
    let entry = |c: &[u8]| -> Option<(String, u32, u64)> {
        let units: Vec<u16> = c.get(..64)?.chunks_exact(2).map(|u| u16::from_le_bytes([u[0], u[1]])).collect();
        let name = String::from_utf16_lossy(&units);
        let name = name.split('\0').next().unwrap_or_default().to_string();
        let len = if size == 512 {
            u64::from(u32_at(c, 120)?)
        } else {
            u64::from_le_bytes(c.get(120..128)?.try_into().ok()?)
        };
        Some((name, u32_at(c, 116)?, len))
    };
    let entries: Vec<(String, u32, u64)> = dirs.chunks(128).map_while(entry).collect();
    let Some(root) = entries.first().cloned() else { return Err(damaged("an empty OLE directory")) };
    if entries.iter().any(|(n, ..)| n == "_VBA_PROJECT_CUR") {
        return Err(Limit::XlsMacros.into());
    }
    let (mut minifat, mut ministream) = (Vec::new(), Vec::new());
    if field(64) > 0 {
        ministream = s.chain(root.1, &fat, root.2, "the OLE mini stream")?;
        let raw = s.chain(u32_at(h, 60).unwrap_or(ENDOFCHAIN), &fat, field(64) * size as u64, "the OLE mini FAT")?;
        minifat = u32s(&raw).collect();
    }
    let find = |name: &str| entries.iter().find(|(n, ..)| n == name).cloned();
    let Some((_, start, len)) = find("Workbook").or_else(|| find("Book")) else {
        return Err(damaged("no Workbook stream"));
    };
    if len > MAX_XLS_STREAM {
        return Err(Limit::XlsStream { size: len }.into());
    }
    if len >= 4096 {
        return s.chain(start, &fat, len, "the Workbook stream");
    }
    let mini = Sectors { bytes: &ministream, size: 64, count: (ministream.len() / 64) as u32 };
    // Mini sectors are numbered from 0 (no header): shift by one sector.
    let mut id = start;
    let mut out = Vec::new();
    let mut seen = vec![false; mini.count as usize];
    while id != ENDOFCHAIN {
        if id >= mini.count || std::mem::replace(&mut seen[id as usize], true) {
            return Err(damaged("the Workbook stream's mini chain leaves the mini stream or loops"));
        }
        let at = id as usize * 64;
        out.extend_from_slice(&ministream[at..at + 64]);
        id = *minifat.get(id as usize).ok_or_else(|| damaged("the mini chain leaves the mini FAT"))?;
    }
    if len > 0 {
        out.truncate(len as usize);
    }
    Ok(out)
}

/// A BIFF record and the data of the CONTINUE records after it, as
/// calamine's `RecordIter` gives them; `None` where calamine stops with an error.
fn records(mut stream: &[u8]) -> impl Iterator<Item = Result<(u16, Vec<&[u8]>), Refused>> {
    std::iter::from_fn(move || {
        let typ = u16_at(stream, 0)?;
        let len = usize::from(u16_at(stream, 2)?);
        let data = stream.get(4..4 + len)?;
        stream = &stream[4 + len..];
        let mut parts = vec![data];
        while stream.len() > 4 && u16_at(stream, 0) == Some(0x003C) {
            let len = usize::from(u16_at(stream, 2)?);
            parts.push(stream.get(4..4 + len)?);
            stream = &stream[4 + len..];
            if parts.len() > MAX_CONTINUES + 1 {
                return Some(Err(Limit::XlsContinues { count: parts.len() as u64 - 1 }.into()));
            }
        }
        Some(Ok((typ, parts)))
    })
}

/// The strings of an SST record, counted as calamine reads them: the UTF-8
/// length each may take (3 bytes a character at most). `None` where calamine
/// stops with an error (it then opens nothing).
fn sst(parts: &[&[u8]]) -> Result<Option<Vec<u32>>, Refused> {
    let bytes: u64 = parts.iter().map(|p| p.len() as u64).sum();
    if bytes > MAX_XLS_SST {
        return Err(Limit::SharedBytes { part: "SST".into(), size: bytes }.into());
    }
    let mut parts = parts.iter().copied();
    let Some(first) = parts.next() else { return Ok(None) };
    let Some(mut data) = first.get(8..) else { return Ok(None) };
    let mut lens = Vec::new();
    loop {
        if data.is_empty() {
            match parts.next() {
                Some(p) => data = p,
                None => return Ok(Some(lens)),
            }
            continue;
        }
        let (Some(cch), Some(&flags)) = (u16_at(data, 0), data.get(2)) else { return Ok(None) };
        data = &data[3..];
        let mut skip = 0usize;
        if flags & 0x8 != 0 {
            let Some(runs) = u16_at(data, 0) else { return Ok(None) };
            skip += usize::from(runs) * 4;
            data = &data[2..];
        }
        if flags & 0x4 != 0 {
            let Some(ext) = u32_at(data, 0) else { return Ok(None) };
            skip += ext as i32 as usize;
            data = &data[4..];
        }
        let (mut left, mut wide) = (usize::from(cch), flags & 0x1 != 0);
        while left > 0 {
            let took = if wide { (data.len() / 2).min(left) } else { data.len().min(left) };
            data = &data[if wide { 2 * took } else { took }..];
            left -= took;
            if left > 0 {
                let Some(next) = parts.next() else { return Ok(None) };
                let Some(&f) = next.first() else { return Ok(None) };
                (data, wide) = (&next[1..], f & 0x1 != 0);
            }
        }
        while skip > 0 {
            if data.is_empty() {
                let Some(next) = parts.next() else { return Ok(None) };
                data = next;
                continue;
            }
            let n = skip.min(data.len());
            (data, skip) = (&data[n..], skip - n);
        }
        lens.push(u32::from(cch) * 3);
        if lens.len() as u64 > MAX_SHARED_STRINGS {
            return Err(Limit::SharedStrings { count: lens.len() as u64 }.into());
        }
    }
}

/// A BoundSheet record's sheet name (for messages only): a short string after 6 bytes.
fn sheet_name(d: &[u8]) -> String {
    let (Some(&cch), Some(&flags)) = (d.get(6), d.get(7)) else { return String::new() };
    let chars = d.get(8..).unwrap_or_default();
    if flags & 0x1 != 0 {
        let units: Vec<u16> =
            chars.chunks_exact(2).take(cch.into()).map(|u| u16::from_le_bytes([u[0], u[1]])).collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(cch.into()).map(|&b| char::from(b)).collect()
    }
}

/// A sheet's number cells shown through a format: row, column, index into `codes`.
pub type Numbers = Vec<(u32, u32, u32)>;

/// The number cells of each sheet that a number format other than General
/// shows (issue 26, part 5a: an id stored as 1 but shown as 001): per sheet
/// (by name), sorted (row, column, index into `codes`), and the format codes.
#[derive(Debug, Default)]
pub struct Formatted {
    pub sheets: Vec<(String, Numbers)>,
    pub codes: Vec<String>,
}

/// Refuses an `.xls` that calamine would read beyond the limits (see the
/// module's doc); else its formatted number cells ([`Formatted`]).
pub fn check(bytes: &[u8]) -> Result<Formatted, Refused> {
    walk(&workbook(bytes)?)
}

/// The code of a built-in number format (ECMA-376 §18.8.30, as BIFF8 uses
/// them), or `#N` for one this table does not name.
fn builtin_code(ifmt: u16) -> String {
    let code = match ifmt {
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        12 => "# ?/?",
        13 => "# ??/??",
        49 => "@",
        // Dates and times (issue 28); 14, the short date, is `#14`: what it
        // shows depends on the reader's machine.
        _ => match super::dates::builtin(u32::from(ifmt)) {
            Some(code) => code,
            None => return format!("#{ifmt}"),
        },
    };
    code.to_string()
}

/// A FORMAT record's code: an XLUnicodeString after the 2-byte index.
fn format_code(d: &[u8]) -> Option<String> {
    let cch = usize::from(u16_at(d, 2)?);
    let flags = *d.get(4)?;
    let chars = d.get(5..)?;
    Some(if flags & 0x1 != 0 {
        let units: Vec<u16> = chars.chunks_exact(2).take(cch).map(|u| u16::from_le_bytes([u[0], u[1]])).collect();
        String::from_utf16_lossy(&units)
    } else {
        chars.iter().take(cch).map(|&b| char::from(b)).collect()
    })
}

/// The records of a Workbook stream: the globals up to their EOF, then each sheet.
fn walk(stream: &[u8]) -> Result<Formatted, Refused> {
    let mut sheets: Vec<(u32, String)> = Vec::new();
    let mut strings: Vec<u32> = Vec::new();
    let mut custom: std::collections::HashMap<u16, String> = std::collections::HashMap::new();
    let mut xfs: Vec<u16> = Vec::new();
    let mut formatted = Formatted::default();
    let mut code_of: std::collections::HashMap<u16, u32> = std::collections::HashMap::new();
    for record in records(stream) {
        let (typ, parts) = record?;
        match typ {
            0x041E => {
                if let (Some(ifmt), Some(code)) = (u16_at(parts[0], 0), format_code(parts[0])) {
                    custom.insert(ifmt, code);
                }
            }
            // XF: its number format's index at offset 2; XF n is the n-th record.
            0x00E0 => xfs.push(u16_at(parts[0], 2).unwrap_or(0)),
            0x00FC => match sst(&parts)? {
                Some(lens) => strings = lens,
                None => return Ok(formatted), // calamine refuses the file
            },
            0x0085 => {
                let Some(pos) = u32_at(parts[0], 0) else { return Ok(formatted) };
                sheets.push((pos, sheet_name(parts[0])));
            }
            0x000A => break,
            _ => {}
        }
    }
    let (mut used, mut text, mut count) = (0u64, 0u64, 0u64);
    for (pos, name) in &sheets {
        let Some(sheet) = stream.get(*pos as usize..) else { return Ok(formatted) };
        let plain = name.trim_matches(char::from(0)).to_string();
        let name = super::reference_name(&plain);
        let mut bounds = Bounds::within(MAX_CELLS.saturating_sub(used));
        let mut last = None;
        // A cell record: in the range, not at the position of the one before, counted.
        let mut take = |row: u16, col: u32| -> Result<(), Refused> {
            bounds.take(&name, u32::from(row), col)?;
            if last.replace((row, col)) == Some((row, col)) {
                let cell = format!("{name}!{}{}", super::letters(col), u32::from(row) + 1);
                return Err(Limit::Repeated { cell }.into());
            }
            count += 1;
            if count > MAX_CELLS {
                return Err(Limit::CellCount { sheet: name.clone(), max: MAX_CELLS }.into());
            }
            Ok(())
        };
        let mut numbers: Vec<(u32, u32, u32)> = Vec::new();
        // A number cell (NUMBER, RK, MULRK, FORMULA) and its XF: kept when
        // the XF's number format is not General (index 0).
        let mut note = |row: u16, col: u32, xf: Option<u16>| {
            let Some(ifmt) = xf.and_then(|x| xfs.get(usize::from(x))).copied().filter(|&f| f != 0) else { return };
            let next = code_of.len() as u32;
            let i = *code_of.entry(ifmt).or_insert(next);
            if i == next {
                formatted.codes.push(custom.get(&ifmt).cloned().unwrap_or_else(|| builtin_code(ifmt)));
            }
            numbers.push((u32::from(row), col, i));
        };
        for record in records(sheet) {
            let (typ, parts) = record?;
            let d = parts[0];
            let (row, col) = (u16_at(d, 0), u16_at(d, 2).map(u32::from));
            match (typ, row, col) {
                (0x0200, ..) => {
                    let (r0, r1, c0, c1) = match d.len() {
                        10 => (u16_at(d, 0).map(u32::from), u16_at(d, 2).map(u32::from), u16_at(d, 4), u16_at(d, 6)),
                        14 => (u32_at(d, 0), u32_at(d, 4), u16_at(d, 8), u16_at(d, 10)),
                        _ => return Ok(formatted),
                    };
                    let (Some(r0), Some(r1), Some(c0), Some(c1)) = (r0, r1, c0, c1) else { return Ok(formatted) };
                    let c0 = if c0 > 0xFF || c1 < c0 { 0 } else { c0 };
                    if r1 >= 1 && c1 >= 1 {
                        let rows = (i64::from(r1) - 1 - i64::from(r0) + 1).unsigned_abs().max(1);
                        let cols = (i64::from(c1) - 1 - i64::from(c0) + 1).unsigned_abs().max(1);
                        claim("DIMENSIONS", rows.saturating_mul(cols), MAX_CELLS)?;
                    }
                }
                (0x0203 | 0x027E, Some(r), Some(c)) => {
                    take(r, c)?;
                    note(r, c, u16_at(d, 4));
                }
                // FORMULA: a number result unless its last two bytes are FFFF.
                (0x0006, Some(r), Some(c)) => {
                    take(r, c)?;
                    if d.get(12..14) != Some(&[0xFF, 0xFF][..]) {
                        note(r, c, u16_at(d, 4));
                    }
                }
                (0x0204 | 0x0205, Some(r), Some(c)) => take(r, c)?,
                (0x00FD, Some(r), Some(c)) => {
                    let i = u32_at(d, 6).map_or(usize::MAX, |i| i as usize);
                    if let Some(&n) = strings.get(i).filter(|&&n| n > 0) {
                        take(r, c)?;
                        // calamine copies the string into every cell that names it.
                        text += u64::from(n);
                        if text > MAX_XLS_TEXT {
                            return Err(Limit::XlsText { size: text }.into());
                        }
                    }
                }
                (0x00BD, Some(r), Some(c)) if d.len() >= 6 => {
                    let n = (d.len() - 6) / 6;
                    for k in 0..n.max(1) {
                        take(r, c + k as u32)?;
                    }
                    for k in 0..n {
                        note(r, c + k as u32, u16_at(d, 4 + 6 * k));
                    }
                }
                (0x000A, ..) => break,
                _ => {}
            }
        }
        used += bounds.cells();
        numbers.sort_unstable();
        formatted.sheets.push((plain, numbers));
    }
    Ok(formatted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    /// LABEL (inline string "x") at a cell.
    fn label(row: u16, col: u16) -> Vec<u8> {
        let mut d = [row.to_le_bytes(), col.to_le_bytes(), [0, 0], [1, 0]].concat();
        d.extend([0, b'x']);
        record(0x0204, &d)
    }

    /// A Workbook stream: globals (with `extra` records), one sheet holding `cells`.
    fn book(extra: &[Vec<u8>], cells: &[Vec<u8>]) -> Vec<u8> {
        let bof = record(0x0809, &[0, 6, 0x10, 0]);
        let eof = record(0x000A, &[]);
        let name = [5u8, 0, b'B', b'l', b'a', b'd', b'1'];
        let sheet_len = 10 + name.len(); // BOUNDSHEET: 4-byte header, 4-byte position, 2 bytes, name
        let globals = bof.len() + extra.iter().map(Vec::len).sum::<usize>() + sheet_len + eof.len();
        let boundsheet = record(0x0085, &[&(globals as u32).to_le_bytes()[..], &[0, 0], &name].concat());
        let mut s = [bof.clone(), extra.concat(), boundsheet, eof.clone(), bof].concat();
        s.extend(cells.concat());
        s.extend(eof);
        s
    }

    #[test]
    fn the_used_range_of_an_xls_comes_from_the_cells_present() {
        // No DIMENSIONS record: the range is the cells'.
        let near = book(&[], &[label(0, 0), label(65_535, 31)]);
        assert!(walk(&near).is_ok());
        let far = book(&[], &[label(0, 0), label(65_535, 255)]);
        match walk(&far) {
            Err(Refused::Limit(Limit::Cells { last, rows: 65_536, columns: 256, .. })) => assert_eq!(last, "IV65536"),
            other => panic!("{other:?}"),
        }
        // A DIMENSIONS record claiming more than the limit is refused even with no far cell.
        let dims = record(0x0200, &[0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0]);
        match walk(&book(&[], &[dims, label(0, 0)])) {
            Err(Refused::Limit(Limit::XlsClaim { claimed: 16_777_216, .. })) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn shared_strings_and_continue_records_are_counted_as_present() {
        // An SST claiming 1 string but holding 3 (one across a CONTINUE record).
        let mut sst = [1u32.to_le_bytes(), 1u32.to_le_bytes()].concat();
        sst.extend([1, 0, 0, b'a', 2, 0, 0, b'b']);
        let cont = record(0x003C, &[0, b'c', 0, 0, 0]);
        let (strings, _) = (book(&[record(0x00FC, &sst), cont.clone()], &[]), ());
        assert!(walk(&strings).is_ok());
        let parts: Vec<&[u8]> = vec![&sst, &cont[4..]];
        assert_eq!(sst_lens(&parts), vec![3, 6, 0]);
        // Too many CONTINUE records after one record.
        let many = [record(0x00FC, &sst), cont.repeat(MAX_CONTINUES + 1)].concat();
        match walk(&book(&[many], &[])) {
            Err(Refused::Limit(Limit::XlsContinues { .. })) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_cell_record_repeated_at_one_position_is_refused() {
        // calamine keeps every cell record: the same one repeated would be kept each time.
        let again = book(&[], &[label(0, 0), label(1, 0), label(1, 0)]);
        match walk(&again) {
            Err(Refused::Limit(Limit::Repeated { cell })) => assert_eq!(cell, "Blad1!A2"),
            other => panic!("{other:?}"),
        }
        assert!(walk(&book(&[], &[label(0, 0), label(1, 0), label(1, 1)])).is_ok());
    }

    fn sst_lens(parts: &[&[u8]]) -> Vec<u32> {
        sst(parts).unwrap().unwrap()
    }
}
