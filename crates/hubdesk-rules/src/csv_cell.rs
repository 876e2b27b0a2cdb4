//! Spreadsheet-safe CSV cells. Every CSV hubdesk writes goes through
//! [`write_row`], and every CSV it reads back through [`restore`].
//!
//! A spreadsheet opens a cell that starts with `=`, `+`, `-` or `@` as a
//! formula (and a leading tab or carriage return can hide one), so a
//! display name `=HYPERLINK("http://x","y")` synced from Webex would become
//! a live link, or worse, in the admin's spreadsheet (CSV injection).
//! Following OWASP's advice, such a cell is written with a single quote in
//! front, which spreadsheets show as text. A phone number in E.164 form
//! (`+45 33 16 54 04`: a plus, then only digits and spaces) is not a formula
//! and stays readable as it is.
//!
//! A cell that already starts with quotes in front of something dangerous
//! (`'=x`) gets one more, so that [`restore`] undoes exactly what
//! [`neutralise`] did: `restore(neutralise(s)) == s` for every `s`, and a
//! later CSV import reads back what the export wrote.

use std::borrow::Cow;

/// The first characters that make a spreadsheet read a cell as a formula.
const DANGEROUS_FIRST: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as it is safe to write: `'` in front of a formula.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if needs_quote(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cell as it was before [`neutralise`]: the added quote removed, any
/// other cell as it is.
pub fn restore(cell: &str) -> Cow<'_, str> {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote(rest) => Cow::Borrowed(rest),
        _ => Cow::Borrowed(cell),
    }
}

/// Writes one record with every cell neutralised.
pub fn write_row<W, I, S>(out: &mut csv::Writer<W>, cells: I) -> csv::Result<()>
where
    W: std::io::Write,
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    out.write_record(cells.into_iter().map(|cell| neutralise(cell.as_ref()).into_owned()))
}

/// A formula, or quotes in front of one (so the quote `neutralise` adds
/// can always be told apart from a quote that was there).
fn needs_quote(cell: &str) -> bool {
    match cell.chars().next() {
        Some('+') => !is_phone_number(cell),
        Some(c) if DANGEROUS_FIRST.contains(&c) => true,
        Some('\'') => needs_quote(&cell[1..]),
        _ => false,
    }
}

/// `+` then digits and spaces only, with at least one digit.
fn is_phone_number(cell: &str) -> bool {
    let rest = &cell[1..];
    rest.chars().any(|c| c.is_ascii_digit()) && rest.chars().all(|c| c.is_ascii_digit() || c == ' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dangerous_first_character_gets_a_quote() {
        for cell in ["=1+1", "+1+1", "-5", "@SUM(A1:A2)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")"] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
        }
    }

    #[test]
    fn phone_numbers_stay_readable() {
        for cell in ["+45 33 16 54 04", "+4533165404", "+1 555 0100"] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
        }
        for cell in ["+", "+ ", "+1+1", "+45-33", "+1 (555)", "+1e5", "+١٢"] {
            assert_eq!(neutralise(cell), format!("'{cell}"), "not a plain number: {cell:?}");
        }
    }

    #[test]
    fn ordinary_cells_are_left_alone() {
        for cell in ["", "Ann Lee", "ann@x.com", "a=b", " =1", "'quoted", "''", "TRUE", "12", "Doe, \"Jane\""] {
            assert_eq!(neutralise(cell), cell, "{cell:?}");
            assert!(matches!(neutralise(cell), Cow::Borrowed(_)), "no copy for {cell:?}");
        }
    }

    #[test]
    fn quotes_in_front_of_a_formula_get_one_more() {
        assert_eq!(neutralise("'=1"), "''=1");
        assert_eq!(neutralise("''@x"), "'''@x");
        assert_eq!(restore("''=1"), "'=1");
    }

    #[test]
    fn restore_undoes_neutralise_for_any_cell() {
        let starts = ["", "'", "''", "=", "+", "-", "@", "\t", "\r", "a", " ", "1"];
        let rests = ["", "1", "1+1", "45 33", "SUM(A1)", "x'", "'=", "+1"];
        let mut checked = 0;
        for a in starts {
            for b in starts {
                for rest in rests {
                    let cell = format!("{a}{b}{rest}");
                    let written = neutralise(&cell);
                    let first = written.chars().next();
                    let unsafe_first =
                        first.is_some_and(|c| DANGEROUS_FIRST.contains(&c)) && !is_phone_number(&written);
                    assert!(!unsafe_first, "{cell:?} written as {written:?}, a formula");
                    assert_eq!(restore(&written), cell, "{cell:?} written as {written:?}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 12 * 12 * 8);
    }

    #[test]
    fn restore_leaves_cells_neutralise_never_writes() {
        for cell in ["'hello", "'", "'+45 33", "", "=raw"] {
            assert_eq!(restore(cell), cell, "{cell:?}");
        }
    }

    #[test]
    fn a_row_round_trips_through_a_csv_file() {
        let cells = ["=HYPERLINK(\"http://x\",\"y\")", "+45 33 16 54 04", "-5", "@SUM(A1)", "'=1", "Doe, Jane", ""];
        let mut out = csv::Writer::from_writer(Vec::new());
        write_row(&mut out, cells).unwrap();
        let bytes = out.into_inner().unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            text.starts_with("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",+45 33 16 54 04,'-5,'@SUM(A1),''=1,"),
            "{text}"
        );
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(bytes.as_slice());
        let record = reader.records().next().unwrap().unwrap();
        let read: Vec<String> = record.iter().map(|c| restore(c).into_owned()).collect();
        assert_eq!(read, cells);
    }
}
