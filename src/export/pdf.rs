//! A recap document as a real PDF, made in the browser: a title, header lines
//! (the customer, the export date), a table over as many A4 pages as it
//! needs with the header row repeated, closing lines (totals per currency)
//! and "page k of n" at the foot of every page.
//!
//! Hand-written PDF 1.4 rather than a crate: the standard Helvetica fonts
//! with WinAnsiEncoding cover French and Italian accents and `€` without
//! embedding a font, and the whole writer (objects, content streams, an
//! exact cross-reference table) is a few hundred lines, a few KB of wasm,
//! where `pdf-writer` brings its own object model for features we do not
//! use. Text stays text: `pdftotext` reads every reference back.

use std::fmt::Write as _;

pub const MIME: &str = "application/pdf";

const PAGE_W: f32 = 595.0; // A4, in points
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 40.0;
const BODY_SIZE: f32 = 8.5;
const ROW_H: f32 = 13.0;
const FOOTER_Y: f32 = 24.0;

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    /// Amounts: right-aligned, so the decimals line up.
    Right,
}

/// One column: its header, its share of the page width, its alignment.
#[derive(Debug, Clone)]
pub struct PdfColumn {
    pub header: String,
    /// Relative width; the columns share the width between the margins.
    pub weight: f32,
    pub align: Align,
}

/// Everything the document says, already translated and formatted.
#[derive(Debug, Clone, Default)]
pub struct PdfDocument {
    pub title: String,
    /// Under the title on the first page (the customer, the export date).
    pub header_lines: Vec<String>,
    pub columns: Vec<PdfColumn>,
    pub rows: Vec<Vec<String>>,
    /// After the table (the totals per currency), in bold.
    pub closing_lines: Vec<String>,
}

/// The document as PDF bytes, in one go. `page_label(k, n)` writes the foot
/// of page `k` of `n` ("Page 2 / 5").
pub fn write_pdf(doc: &PdfDocument, page_label: &dyn Fn(usize, usize) -> String) -> Vec<u8> {
    let mut layout = PdfLayout::new(doc);
    while layout.lay_out_rows(usize::MAX) {}
    layout.finish(page_label)
}

/// Lays a document out a few rows at a time, so that the browser can take a
/// turn between chunks: 10,000 rows in one go held the page for ~200 ms.
/// Chunked or not, the bytes come out the same.
pub struct PdfLayout<'a> {
    doc: &'a PdfDocument,
    widths: Vec<f32>,
    /// The finished pages' content streams, footers aside.
    pages: Vec<String>,
    page: String,
    /// Where the next line's baseline goes on `page`.
    y: f32,
    next_row: usize,
}

impl<'a> PdfLayout<'a> {
    /// The first page's title, header lines and table header.
    pub fn new(doc: &'a PdfDocument) -> Self {
        let width = PAGE_W - 2.0 * MARGIN;
        let total_weight: f32 = doc.columns.iter().map(|c| c.weight).sum::<f32>().max(1.0);
        let widths = doc
            .columns
            .iter()
            .map(|c| width * c.weight / total_weight)
            .collect();
        let mut layout = Self {
            doc,
            widths,
            pages: Vec::new(),
            page: String::new(),
            y: PAGE_H - MARGIN - 16.0,
            next_row: 0,
        };
        text_at(&mut layout.page, "F2", 16.0, MARGIN, layout.y, &doc.title);
        layout.y -= 8.0;
        for line in &doc.header_lines {
            layout.y -= 14.0;
            text_at(&mut layout.page, "F1", 10.0, MARGIN, layout.y, line);
        }
        layout.y -= 24.0;
        if !doc.columns.is_empty() {
            layout.header_row();
        }
        layout
    }

    /// Lays out up to `count` more rows; `true` while rows remain.
    pub fn lay_out_rows(&mut self, count: usize) -> bool {
        let doc = self.doc;
        let end = self.next_row.saturating_add(count).min(doc.rows.len());
        for row in &doc.rows[self.next_row..end] {
            if self.y < BOTTOM {
                self.new_page();
                self.header_row();
            }
            write_row(
                &mut self.page,
                "F1",
                &doc.columns,
                &self.widths,
                row.iter().map(String::as_str),
                self.y,
            );
            self.y -= ROW_H;
        }
        self.next_row = end;
        end < doc.rows.len()
    }

    /// The closing lines, every page's footer, and the file.
    pub fn finish(mut self, page_label: &dyn Fn(usize, usize) -> String) -> Vec<u8> {
        self.y -= 8.0;
        for line in &self.doc.closing_lines {
            if self.y < BOTTOM {
                self.new_page();
            }
            text_at(&mut self.page, "F2", 10.0, MARGIN, self.y, line);
            self.y -= 15.0;
        }
        let mut pages = self.pages;
        pages.push(self.page);
        let count = pages.len();
        for (index, page) in pages.iter_mut().enumerate() {
            let label = page_label(index + 1, count);
            text_at(
                page,
                "F1",
                BODY_SIZE,
                PAGE_W - MARGIN - text_width(&label, BODY_SIZE),
                FOOTER_Y,
                &label,
            );
        }
        assemble(&pages)
    }

    fn new_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.page));
        self.y = PAGE_H - MARGIN - BODY_SIZE;
    }

    /// The column headers in bold, a rule under them, and room for the first row.
    fn header_row(&mut self) {
        let doc = self.doc;
        write_row(
            &mut self.page,
            "F2",
            &doc.columns,
            &self.widths,
            doc.columns.iter().map(|c| c.header.as_str()),
            self.y,
        );
        let rule = self.y - 4.0;
        let _ = writeln!(
            self.page,
            "0.5 w {MARGIN:.1} {rule:.1} m {:.1} {rule:.1} l S",
            PAGE_W - MARGIN,
        );
        self.y -= ROW_H + 2.0;
    }
}

/// No row starts below this line: the footer lives there.
const BOTTOM: f32 = MARGIN + ROW_H;

fn write_row<'a>(
    page: &mut String,
    font: &str,
    columns: &[PdfColumn],
    widths: &[f32],
    cells: impl Iterator<Item = &'a str>,
    y: f32,
) {
    let mut x = MARGIN;
    for ((cell, column), width) in cells.zip(columns).zip(widths) {
        let room = width - 6.0;
        let text = fit(cell, room, BODY_SIZE);
        let at = match column.align {
            Align::Left => x,
            Align::Right => x + room - text_width(&text, BODY_SIZE),
        };
        text_at(page, font, BODY_SIZE, at, y, &text);
        x += width;
    }
}

/// The text, cut with `…` when wider than `room`.
fn fit(text: &str, room: f32, size: f32) -> String {
    if text_width(text, size) <= room {
        return text.to_owned();
    }
    let mut cut = String::new();
    for c in text.chars() {
        cut.push(c);
        if text_width(&cut, size) + text_width("…", size) > room {
            cut.pop();
            break;
        }
    }
    cut.push('…');
    cut
}

fn text_at(page: &mut String, font: &str, size: f32, x: f32, y: f32, text: &str) {
    let _ = writeln!(
        page,
        "BT /{font} {size:.1} Tf {x:.2} {y:.2} Td ({}) Tj ET",
        pdf_string(text)
    );
}

/// Helvetica's advance widths (per 1000 em) for ASCII 32–126; other
/// characters count as a digit's width. Enough to right-align amounts.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278,
    278, // space–/
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0–9
    278, 278, 584, 584, 584, 556, 1015, // :–@
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667,
    611, 722, 667, 944, 667, 667, 611, // A–Z
    278, 278, 278, 469, 556, 333, // [–`
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500,
    278, 556, 500, 722, 500, 500, 500, // a–z
    334, 260, 334, 584, // {–~
];

/// The width of `text` in points at `size` (regular Helvetica).
pub fn text_width(text: &str, size: f32) -> f32 {
    let units: u32 = text
        .chars()
        .map(|c| match c as u32 {
            code @ 32..=126 => u32::from(HELVETICA[(code - 32) as usize]),
            0xA0 | 0x202F | 0x2009 => 278,
            _ => 556,
        })
        .sum();
    units as f32 * size / 1000.0
}

/// A PDF literal string in WinAnsiEncoding: parentheses and backslashes
/// escaped, every byte outside ASCII as an octal escape (the content stream
/// stays ASCII).
fn pdf_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in win_ansi(text) {
        match byte {
            b'(' | b')' | b'\\' => {
                out.push('\\');
                out.push(byte as char);
            }
            0x20..=0x7E => out.push(byte as char),
            _ => {
                let _ = write!(out, "\\{byte:03o}");
            }
        }
    }
    out
}

/// WinAnsiEncoding (Windows-1252) bytes for the text; a character it lacks
/// becomes `?`.
pub fn win_ansi(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '€' => 0x80,
            '‚' => 0x82,
            'ƒ' => 0x83,
            '„' => 0x84,
            '…' => 0x85,
            '†' => 0x86,
            '‡' => 0x87,
            'ˆ' => 0x88,
            '‰' => 0x89,
            'Š' => 0x8A,
            '‹' => 0x8B,
            'Œ' => 0x8C,
            'Ž' => 0x8E,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            '˜' => 0x98,
            '™' => 0x99,
            'š' => 0x9A,
            '›' => 0x9B,
            'œ' => 0x9C,
            'ž' => 0x9E,
            'Ÿ' => 0x9F,
            // The narrow no-break space French numbers are grouped with.
            '\u{202F}' | '\u{2009}' => 0xA0,
            '\t' | '\n' | '\r' => b' ',
            c if (c as u32) < 0x7F && (c as u32) >= 0x20 => c as u8,
            c if (0xA0..=0xFF).contains(&(c as u32)) => c as u32 as u8,
            _ => b'?',
        })
        .collect()
}

/// Catalog, page tree, two fonts, then a page and its content per page, and
/// the cross-reference table with every object's exact byte offset.
fn assemble(contents: &[String]) -> Vec<u8> {
    let pages = contents.len();
    // 1 catalog, 2 page tree, 3 Helvetica, 4 Helvetica-Bold, then pairs.
    let page_id = |index: usize| 5 + 2 * index;
    let mut objects: Vec<Vec<u8>> = Vec::with_capacity(4 + 2 * pages);
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", page_id(i))).collect();
    objects.push(
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        )
        .into_bytes(),
    );
    for font in ["Helvetica", "Helvetica-Bold"] {
        objects.push(
            format!(
                "<< /Type /Font /Subtype /Type1 /BaseFont /{font} /Encoding /WinAnsiEncoding >>"
            )
            .into_bytes(),
        );
    }
    for (index, content) in contents.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] \
                 /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                page_id(index) + 1
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(content.as_bytes());
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }
    let mut out: Vec<u8> = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (index, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", index + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        let _ = writeln!(table, "{offset:010} 00000 n ");
    }
    let _ = writeln!(
        table,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF",
        objects.len() + 1
    );
    out.extend_from_slice(table.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(rows: usize) -> PdfDocument {
        PdfDocument {
            title: "Récapitulatif des factures".into(),
            header_lines: vec![
                "Client : Élodie Fèvre-Çaçà".into(),
                "Exporté le 2026-11-29".into(),
            ],
            columns: vec![
                PdfColumn {
                    header: "Référence".into(),
                    weight: 2.0,
                    align: Align::Left,
                },
                PdfColumn {
                    header: "Montant TTC".into(),
                    weight: 1.0,
                    align: Align::Right,
                },
            ],
            rows: (0..rows)
                .map(|n| vec![format!("FR{n:08}"), "1\u{202F}234,56 €".into()])
                .collect(),
            closing_lines: vec!["Total EUR : 2\u{202F}469,12 €".into()],
        }
    }

    fn label(k: usize, n: usize) -> String {
        format!("Page {k} / {n}")
    }

    /// The bytes as text, one char per byte (offsets stay byte offsets).
    fn ascii(bytes: &[u8]) -> String {
        bytes
            .iter()
            .map(|&b| if b.is_ascii() { b as char } else { '?' })
            .collect()
    }

    #[test]
    fn the_structure_is_valid_and_every_offset_exact() {
        let bytes = write_pdf(&document(3), &label);
        let text = ascii(&bytes);
        assert!(text.starts_with("%PDF-1.4\n"));
        assert!(text.ends_with("%%EOF\n"));
        let startxref: usize = text
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        assert!(text[startxref..].starts_with("xref\n"));
        let entries: Vec<usize> = text[startxref..]
            .lines()
            .skip(3)
            .take_while(|l| l.ends_with(" n "))
            .map(|l| l[..10].parse().unwrap())
            .collect();
        assert_eq!(entries.len(), 6);
        for (index, offset) in entries.into_iter().enumerate() {
            assert!(
                text[offset..].starts_with(&format!("{} 0 obj\n", index + 1)),
                "object {}",
                index + 1
            );
        }
        // Each stream's /Length is its exact length.
        for part in text.split("<< /Length ").skip(1) {
            let (length, rest) = part.split_once(" >>\nstream\n").unwrap();
            let length: usize = length.parse().unwrap();
            assert!(rest[length..].starts_with("\nendstream"));
        }
    }

    #[test]
    fn chunked_layout_writes_the_same_bytes_as_one_go() {
        let doc = document(200);
        let mut layout = PdfLayout::new(&doc);
        let mut chunks = 1;
        while layout.lay_out_rows(7) {
            chunks += 1;
        }
        assert_eq!(chunks, 200_usize.div_ceil(7));
        assert_eq!(layout.finish(&label), write_pdf(&doc, &label));
    }

    #[test]
    fn accents_and_the_euro_are_win_ansi() {
        assert_eq!(win_ansi("é€è"), vec![0xE9, 0x80, 0xE8]);
        assert_eq!(win_ansi("1\u{202F}234"), vec![b'1', 0xA0, b'2', b'3', b'4']);
        assert_eq!(win_ansi("→"), b"?".to_vec());
        assert_eq!(pdf_string("(a)\\"), "\\(a\\)\\\\");
        assert_eq!(pdf_string("é€"), "\\351\\200");
    }

    #[test]
    fn a_long_list_takes_several_pages_with_their_numbers() {
        let bytes = write_pdf(&document(200), &label);
        let text = ascii(&bytes);
        let pages = text.matches("/Type /Page ").count();
        assert!(pages >= 4, "{pages} pages");
        assert!(text.contains(&format!("(Page 1 / {pages})")));
        assert!(text.contains(&format!("(Page {pages} / {pages})")));
        // The header row is repeated on every page.
        assert_eq!(text.matches("(R\\351f\\351rence)").count(), pages);
    }

    #[test]
    fn long_cells_are_cut_to_their_column() {
        let cut = fit(&"W".repeat(100), 50.0, BODY_SIZE);
        assert!(cut.ends_with('…'));
        assert!(text_width(&cut, BODY_SIZE) <= 50.0);
        assert_eq!(fit("FR1", 50.0, BODY_SIZE), "FR1");
    }

    /// The real test of a PDF: poppler reads the text back, accents and `€`
    /// included. Skipped (with a note) where `pdftotext` is not installed.
    #[test]
    fn pdftotext_reads_every_row_accents_and_euros_back() {
        let dir = std::env::temp_dir().join(format!("export-pdf-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("recap.pdf");
        std::fs::write(&path, write_pdf(&document(120), &label)).unwrap();
        let output = match std::process::Command::new("pdftotext")
            .args(["-layout", "-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
        {
            Ok(output) => output,
            Err(error) => {
                eprintln!("pdftotext not available ({error}): skipped");
                return;
            }
        };
        assert!(output.status.success(), "{output:?}");
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.contains("Récapitulatif des factures"), "{text}");
        assert!(text.contains("Client : Élodie Fèvre-Çaçà"));
        for n in 0..120 {
            assert!(text.contains(&format!("FR{n:08}")), "row {n} missing");
        }
        assert!(text.contains("234,56 €"));
        assert!(text.contains("Total EUR"));
        assert!(text.contains("Page 1 / "));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
