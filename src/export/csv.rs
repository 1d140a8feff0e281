//! CSV files a spreadsheet opens right in the customer's country.
//!
//! Generic: a header row and rows of typed [`Cell`]s. The locale decides the
//! separators, the way Excel opens a double-clicked file there: in French and
//! Italian `;` between cells and `,` before decimals (no thousands separator),
//! in English `,` and `.`. The file starts with a UTF-8 byte-order mark (Excel
//! reads accents wrong without it), lines end in CRLF and cells are quoted as
//! RFC 4180 says. Text that a spreadsheet would run as a formula (starting
//! with `=`, `+`, `-`, `@`, tab or carriage return) is neutralised with a
//! leading `'`, OWASP's CSV-injection rule. Dates are ISO `YYYY-MM-DD`.
//!
//! A small writer rather than the `csv` crate: the crate (with `csv-core`,
//! `itoa`, `ryu`, `memchr` and serde's `Serializer` glue) handles neither the
//! BOM, the decimal comma nor the injection rule, which are most of the work
//! here, and would cost tens of KB of wasm for RFC 4180 quoting that takes
//! twenty lines.

use crate::i18n::Locale;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

/// The UTF-8 byte-order mark every file starts with.
pub const BOM: char = '\u{FEFF}';

/// The MIME type a CSV download is offered as.
pub const MIME: &str = "text/csv;charset=utf-8";

/// One cell, typed so the writer formats it the locale's way.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Free text (from the API or the customer): quoted when needed and
    /// neutralised when a spreadsheet would take it for a formula.
    Text(String),
    /// An exact amount, written with the locale's decimal mark, at least two
    /// decimals, no thousands separator, never through a float.
    Amount(Decimal),
    /// A calendar date, ISO `YYYY-MM-DD` in every language.
    Date(NaiveDate),
    /// A whole number.
    Count(u64),
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

/// The separators of one locale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvFormat {
    /// Between cells.
    pub separator: char,
    /// Before the decimals of an amount.
    pub decimal_mark: char,
}

impl CsvFormat {
    pub fn for_locale(locale: Locale) -> Self {
        match locale {
            Locale::fr | Locale::it => CsvFormat {
                separator: ';',
                decimal_mark: ',',
            },
            Locale::en => CsvFormat {
                separator: ',',
                decimal_mark: '.',
            },
        }
    }
}

/// Builds a file row by row, so a long export can hand the page back to the
/// browser between chunks of rows.
#[derive(Debug, Clone)]
pub struct CsvWriter {
    format: CsvFormat,
    out: String,
    rows: usize,
}

impl CsvWriter {
    /// A file holding the BOM and the header row.
    pub fn new<H: AsRef<str>>(format: CsvFormat, headers: &[H]) -> Self {
        let mut writer = CsvWriter {
            format,
            out: String::with_capacity(4096),
            rows: 0,
        };
        writer.out.push(BOM);
        writer.push_line(headers.iter().map(|h| Cell::Text(h.as_ref().to_owned())));
        writer
    }

    /// Appends one row.
    pub fn push_row<I: IntoIterator<Item = Cell>>(&mut self, cells: I) {
        self.push_line(cells);
        self.rows += 1;
    }

    /// Data rows written so far (the header aside).
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// The whole file, BOM included.
    pub fn finish(self) -> String {
        self.out
    }

    fn push_line<I: IntoIterator<Item = Cell>>(&mut self, cells: I) {
        for (index, cell) in cells.into_iter().enumerate() {
            if index > 0 {
                self.out.push(self.format.separator);
            }
            write_cell(&mut self.out, &cell, self.format);
        }
        self.out.push_str("\r\n");
    }
}

/// A whole file at once: the BOM, the headers, then the rows.
pub fn write_csv<H, R>(locale: Locale, headers: &[H], rows: R) -> String
where
    H: AsRef<str>,
    R: IntoIterator,
    R::Item: IntoIterator<Item = Cell>,
{
    let mut writer = CsvWriter::new(CsvFormat::for_locale(locale), headers);
    for row in rows {
        writer.push_row(row);
    }
    writer.finish()
}

fn write_cell(out: &mut String, cell: &Cell, format: CsvFormat) {
    match cell {
        Cell::Text(text) => write_text(out, text, format.separator),
        Cell::Amount(amount) => out.push_str(&amount_text(*amount, format.decimal_mark)),
        Cell::Date(date) => out.push_str(&iso_date(*date)),
        Cell::Count(count) => out.push_str(&count.to_string()),
    }
}

/// `YYYY-MM-DD`, written by hand: chrono's `format()` machinery costs ~8 KB
/// of wasm.
pub fn iso_date(date: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// `1234.5` → `1234,50` (fr, it) or `1234.50` (en). A negative amount (a
/// credit) keeps its `-`: it is a number the writer made, not text a
/// spreadsheet could run.
pub fn amount_text(amount: Decimal, decimal_mark: char) -> String {
    let mut amount = amount;
    if amount.scale() < 2 {
        amount.rescale(2);
    }
    let text = amount.to_string();
    if decimal_mark == '.' {
        text
    } else {
        text.replace('.', &decimal_mark.to_string())
    }
}

/// Whether a spreadsheet would read this text as a formula (OWASP).
pub fn is_formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

fn write_text(out: &mut String, text: &str, separator: char) {
    let neutralised = is_formula_like(text);
    let needs_quotes = neutralised
        || text.contains(separator)
        || text.contains(['"', '\r', '\n'])
        // Leading or trailing spaces survive a round trip only when quoted.
        || text.starts_with(' ')
        || text.ends_with(' ');
    if needs_quotes {
        out.push('"');
    }
    if neutralised {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if needs_quotes {
        out.push('"');
    }
}

/// `factures-2026-11-29.csv`: the kind of document (in the customer's
/// language, given by the caller), the day and the extension.
pub fn file_name(kind: &str, day: NaiveDate, extension: &str) -> String {
    format!("{kind}-{}.{extension}", iso_date(day))
}

/// Offers a finished CSV file (from [`write_csv`] or [`CsvWriter::finish`])
/// to the customer as a download named `file_name`. Nothing is written until
/// the whole file exists, so a failed export never leaves half a file.
pub fn download(file_name: &str, contents: &str) -> Result<(), String> {
    super::download(file_name, MIME, contents.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn sample(locale: Locale) -> String {
        write_csv(
            locale,
            &["Référence", "Montant"],
            [vec![
                Cell::from("FR123"),
                Cell::Amount(Decimal::new(123456, 2)),
            ]],
        )
    }

    #[test]
    fn french_and_italian_use_semicolons_and_decimal_commas() {
        for locale in [Locale::fr, Locale::it] {
            assert_eq!(
                sample(locale),
                "\u{FEFF}Référence;Montant\r\nFR123;1234,56\r\n"
            );
        }
    }

    #[test]
    fn english_uses_commas_and_decimal_points() {
        assert_eq!(
            sample(Locale::en),
            "\u{FEFF}Référence,Montant\r\nFR123,1234.56\r\n"
        );
    }

    #[test]
    fn the_file_starts_with_a_utf8_bom() {
        let file = write_csv(Locale::en, &["a"], Vec::<Vec<Cell>>::new());
        assert!(file.as_bytes().starts_with(&[0xEF, 0xBB, 0xBF]));
        assert_eq!(file, "\u{FEFF}a\r\n");
    }

    #[test]
    fn amounts_are_exact_with_two_decimals_at_least_and_no_grouping() {
        assert_eq!(amount_text(Decimal::new(5, 0), ','), "5,00");
        assert_eq!(amount_text(Decimal::new(10, 1), '.'), "1.00");
        assert_eq!(amount_text(Decimal::new(1234567891, 2), ','), "12345678,91");
        assert_eq!(amount_text(Decimal::new(1234, 3), ','), "1,234");
        assert_eq!(amount_text(Decimal::new(-1250, 2), ','), "-12,50");
        assert_eq!(amount_text(Decimal::ZERO, '.'), "0.00");
    }

    #[test]
    fn dates_are_iso_in_every_language() {
        for locale in [Locale::fr, Locale::it, Locale::en] {
            let file = write_csv(locale, &["d"], [vec![Cell::Date(date("2026-01-05"))]]);
            assert!(file.ends_with("\r\n2026-01-05\r\n"), "{file:?}");
        }
    }

    #[test]
    fn cells_are_quoted_as_rfc_4180_says() {
        let file = write_csv(
            Locale::fr,
            &["a", "b", "c", "d", "e"],
            [vec![
                Cell::from("a;b"),
                Cell::from("say \"hi\""),
                Cell::from("two\nlines"),
                Cell::from("a,b"),
                Cell::from(" padded "),
            ]],
        );
        assert_eq!(
            file,
            "\u{FEFF}a;b;c;d;e\r\n\"a;b\";\"say \"\"hi\"\"\";\"two\nlines\";a,b;\" padded \"\r\n"
        );
        // In English the comma is the separator and gets quoted instead.
        let file = write_csv(Locale::en, &["x"], [vec![Cell::from("a,b;c")]]);
        assert_eq!(file, "\u{FEFF}x\r\n\"a,b;c\"\r\n");
    }

    #[test]
    fn formulas_are_neutralised() {
        let attempts = [
            "=HYPERLINK(\"http://evil.example\";\"x\")",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "\tcmd",
            "\rcmd",
        ];
        for attempt in attempts {
            let file = write_csv(Locale::fr, &["x"], [vec![Cell::from(attempt)]]);
            let cell = file.strip_prefix("\u{FEFF}x\r\n").unwrap();
            let escaped = attempt.replace('"', "\"\"");
            assert_eq!(cell, format!("\"'{escaped}\"\r\n"), "{attempt:?}");
        }
        // The same characters later in the text are harmless.
        let file = write_csv(Locale::en, &["x"], [vec![Cell::from("a=b-c")]]);
        assert_eq!(file, "\u{FEFF}x\r\na=b-c\r\n");
        // A negative amount is a number, not text: it stays a number.
        let file = write_csv(Locale::en, &["x"], [vec![Cell::Amount(Decimal::new(-5, 0))]]);
        assert_eq!(file, "\u{FEFF}x\r\n-5.00\r\n");
    }

    #[test]
    fn headers_follow_the_same_rules() {
        let file = write_csv(Locale::fr, &["=x", "a;b"], Vec::<Vec<Cell>>::new());
        assert_eq!(file, "\u{FEFF}\"'=x\";\"a;b\"\r\n");
    }

    #[test]
    fn the_writer_counts_rows_and_streams() {
        let mut writer = CsvWriter::new(CsvFormat::for_locale(Locale::it), &["n"]);
        for n in 0..3 {
            writer.push_row([Cell::Count(n)]);
        }
        assert_eq!(writer.rows(), 3);
        assert_eq!(writer.finish(), "\u{FEFF}n\r\n0\r\n1\r\n2\r\n");
    }

    #[test]
    fn file_names_carry_the_kind_and_the_day() {
        assert_eq!(
            file_name("factures", date("2026-11-29"), "csv"),
            "factures-2026-11-29.csv"
        );
        assert_eq!(
            file_name("fatture", date("2026-01-02"), "pdf"),
            "fatture-2026-01-02.pdf"
        );
    }
}
