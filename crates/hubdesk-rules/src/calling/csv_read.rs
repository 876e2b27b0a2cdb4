//! A Control Hub users CSV read back as a spreadsheet saved it: a UTF-8 BOM,
//! `,` or `;` or tab between cells (sniffed from the header), CRLF or LF,
//! quoted cells holding separators, quotes or line breaks, columns in any
//! order (found by their header), and the `'` our export puts in front of a
//! formula (`csv_cell::restore`). Only the email and Phone Number columns
//! are read: the import changes work numbers, nothing else.

use crate::csv_cell::restore;

use super::ch_csv::{EMAIL_HEADER, PHONE_HEADER};

/// The largest file read: a users CSV of 200,000 rows is far smaller.
pub const MOST_BYTES: usize = 50 * 1024 * 1024;
/// The most data rows read (Control Hub's own CSV import stops far lower).
pub const MOST_ROWS: usize = 200_000;

/// Other names a spreadsheet or an older export gives the email column.
const EMAIL_ALIASES: [&str; 3] = [EMAIL_HEADER, "User ID/Email", "Email"];

/// Why the file as a whole cannot be read (a row that cannot is rejected
/// alone, in the plan).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SheetError {
    TooLarge {
        bytes: usize,
    },
    TooManyRows,
    /// No header line: the file is empty.
    Empty,
    MissingColumn {
        header: &'static str,
    },
}

impl SheetError {
    /// What the admin reads, with what to do next.
    pub fn message(&self) -> String {
        match self {
            SheetError::TooLarge { bytes } => format!(
                "The file is {} MB; hubdesk reads users CSV files up to {} MB. Split it, or remove the columns you did not edit.",
                bytes.div_ceil(1024 * 1024),
                MOST_BYTES / (1024 * 1024)
            ),
            SheetError::TooManyRows => {
                format!("The file has more than {MOST_ROWS} rows. Split it into smaller files and import each.")
            }
            SheetError::Empty => "The file is empty. Choose the users CSV you exported and edited.".to_owned(),
            SheetError::MissingColumn { header } => format!(
                "The file has no \"{header}\" column. Keep the header line of the exported file, with that column."
            ),
        }
    }
}

/// One data row: its line in the file (1 is the header) and the two cells
/// the import reads, as restored and trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetRow {
    pub line: u32,
    pub email: String,
    pub phone: String,
    /// More cells than the header has, or an email or number cell holding a
    /// line break (a quote left open swallows the rows after it).
    pub malformed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    pub separator: u8,
    /// Data rows in file order; rows with every cell empty are left out.
    pub rows: Vec<SheetRow>,
}

pub fn read_sheet(bytes: &[u8]) -> Result<Sheet, SheetError> {
    if bytes.len() > MOST_BYTES {
        return Err(SheetError::TooLarge { bytes: bytes.len() });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let separator = sniff_separator(bytes);
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(separator).from_reader(bytes);
    let mut records = reader.byte_records();
    let header = loop {
        match records.next() {
            None => return Err(SheetError::Empty),
            Some(Ok(record)) if record.iter().all(|c| c.trim_ascii().is_empty()) => continue,
            Some(Ok(record)) => break record,
            // Cannot happen with `flexible`; an unreadable header is no header.
            Some(Err(_)) => return Err(SheetError::Empty),
        }
    };
    let names: Vec<String> = header.iter().map(cell_text).collect();
    let find =
        |aliases: &[&str]| aliases.iter().find_map(|alias| names.iter().position(|n| n.eq_ignore_ascii_case(alias)));
    let email_at = find(&EMAIL_ALIASES).ok_or(SheetError::MissingColumn { header: EMAIL_HEADER })?;
    let phone_at = find(&[PHONE_HEADER]).ok_or(SheetError::MissingColumn { header: PHONE_HEADER })?;
    let mut lines = Lines { bytes, at: 0, line: 1 };
    let mut rows = Vec::new();
    for record in records {
        // `flexible` readers fail only on I/O, and a byte slice has none.
        let Ok(record) = record else { continue };
        if record.iter().all(|c| c.trim_ascii().is_empty()) {
            continue;
        }
        if rows.len() == MOST_ROWS {
            return Err(SheetError::TooManyRows);
        }
        let cell = |at: usize| record.get(at).map(cell_text).unwrap_or_default();
        let (email, phone) = (cell(email_at), phone_cell(&cell(phone_at)));
        let extra = record.iter().skip(names.len()).any(|c| !c.trim_ascii().is_empty());
        let broken = |c: &str| c.contains(['\n', '\r']);
        rows.push(SheetRow {
            line: lines.of(record.position().map_or(0, |p| p.byte())),
            malformed: extra || broken(&email) || broken(&phone),
            email,
            phone,
        });
    }
    Ok(Sheet { separator, rows })
}

/// Counts the file's lines up to where each record starts. csv's own line
/// count misses a CR on its own and starts a CRLF file's records on the line
/// before (at the LF); a spreadsheet's line is what the admin looks for.
struct Lines<'a> {
    bytes: &'a [u8],
    at: usize,
    line: u32,
}

impl Lines<'_> {
    /// The line of the first byte at or after `start` that is not a line
    /// break (records only move forward).
    fn of(&mut self, start: u64) -> u32 {
        let mut start = usize::try_from(start).unwrap_or(usize::MAX).min(self.bytes.len());
        while start < self.bytes.len() && matches!(self.bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        let from = self.at.min(start);
        for (i, &b) in self.bytes[from..start].iter().enumerate() {
            let next = self.bytes.get(from + i + 1);
            if b == b'\n' || (b == b'\r' && next != Some(&b'\n')) {
                self.line = self.line.saturating_add(1);
            }
        }
        self.at = start;
        self.line
    }
}

/// The separator the header line uses most: `;` where the decimal comma is
/// usual (Excel's CSV in Denmark, Germany...), a tab from "Text (Tab
/// delimited)", else `,`. Separators inside quotes are not counted.
fn sniff_separator(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in bytes.iter().take(64 * 1024) {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [comma, semicolon, tab] = counts;
    if semicolon > comma && semicolon >= tab {
        b';'
    } else if tab > comma && tab > semicolon {
        b'\t'
    } else {
        b','
    }
}

/// A cell as text (bytes that are not UTF-8 shown as `�`: an email or a
/// number never has them), without the export's formula quote, trimmed.
fn cell_text(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    restore(text.trim()).trim().to_owned()
}

/// A number cell: also without the `'` an admin types in front of `+45...`
/// so that the spreadsheet keeps it as text.
fn phone_cell(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(|c: char| c == '+' || c.is_ascii_digit()) => rest.trim().to_owned(),
        _ => cell.to_owned(),
    }
}
