//! A hand-written PDF 1.4: catalog, page tree, pages, one Helvetica font (WinAnsiEncoding)
//! and one content stream per page, with an exact cross-reference table. No dependency, and
//! small enough to audit: the tests check every xref offset.

use std::fmt::Write as _;

use super::{Doc, labels};

const PAGE_W: f32 = 595.0; // A4 in points
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 50.0;
const LINE: f32 = 13.0;

/// Maps a character to its WinAnsiEncoding byte; anything else is transliterated.
fn win_ansi(c: char, out: &mut Vec<u8>) {
    let code = c as u32;
    let b = match c {
        '€' => 0x80,
        '‚' => 0x82,
        '„' => 0x84,
        '…' => 0x85,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '™' => 0x99,
        'Œ' => 0x8C,
        'œ' => 0x9C,
        'Š' => 0x8A,
        'š' => 0x9A,
        'Ž' => 0x8E,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        '\u{202F}' | '\u{2009}' => 0xA0,
        _ if (0x20..0x7F).contains(&code) || (0xA0..=0xFF).contains(&code) => code as u8,
        '\t' | '\n' | '\r' => b' ',
        _ => {
            // Outside WinAnsi: a close ASCII stand-in, or '?'.
            let t = match c {
                'ł' => "l",
                'Ł' => "L",
                'ő' | 'ø' => "o",
                'ű' => "u",
                'ć' | 'č' => "c",
                'ś' => "s",
                '→' => "->",
                '≤' => "<=",
                '≥' => ">=",
                _ => "?",
            };
            out.extend_from_slice(t.as_bytes());
            return;
        }
    };
    out.push(b);
}

/// A PDF literal string: WinAnsi bytes with `(`, `)` and `\` escaped.
fn literal(s: &str) -> Vec<u8> {
    let mut raw = Vec::new();
    for c in s.chars() {
        win_ansi(c, &mut raw);
    }
    let mut out = Vec::with_capacity(raw.len() + 2);
    out.push(b'(');
    for b in raw {
        if matches!(b, b'(' | b')' | b'\\') {
            out.push(b'\\');
        }
        out.push(b);
    }
    out.push(b')');
    out
}

/// Greedy word wrap by character count (Helvetica at 9 pt: ~2 chars per 10 pt of width).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_owned();
        while word.chars().count() > width {
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            if !cur.is_empty() {
                lines.push(std::mem::take(&mut cur));
            }
            lines.push(head);
        }
        if !cur.is_empty() && cur.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(&word);
    }
    if !cur.is_empty() || lines.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Lays text out top-down, starting a new page when the bottom margin is reached.
struct Layout {
    pages: Vec<Vec<u8>>,
    y: f32,
}

impl Layout {
    fn new() -> Self {
        Layout {
            pages: vec![Vec::new()],
            y: PAGE_H - MARGIN,
        }
    }

    fn ensure(&mut self, height: f32) {
        if self.y - height < MARGIN {
            self.pages.push(Vec::new());
            self.y = PAGE_H - MARGIN;
        }
    }

    fn text(&mut self, x: f32, size: f32, bold: bool, s: &str) {
        let page = self.pages.last_mut().expect("at least one page");
        let font = if bold { "F2" } else { "F1" };
        page.extend_from_slice(format!("BT /{font} {size} Tf {x:.1} {:.1} Td ", self.y).as_bytes());
        page.extend_from_slice(&literal(s));
        page.extend_from_slice(b" Tj ET\n");
    }

    fn right(&mut self, right_x: f32, size: f32, bold: bool, s: &str) {
        // Helvetica digits are 0.556 em wide; close enough for right-aligned amounts.
        let w = s.chars().count() as f32 * size * 0.52;
        self.text(right_x - w, size, bold, s);
    }

    fn rule(&mut self) {
        let page = self.pages.last_mut().expect("at least one page");
        let y = self.y + 4.0;
        page.extend_from_slice(
            format!(
                "0.7 G {MARGIN} {y:.1} m {:.1} {y:.1} l S 0 G\n",
                PAGE_W - MARGIN
            )
            .as_bytes(),
        );
    }

    fn down(&mut self, dy: f32) {
        self.y -= dy;
    }
}

pub fn render(doc: &Doc) -> Vec<u8> {
    let l = labels(doc.lang);
    let mut p = Layout::new();
    p.text(MARGIN, 18.0, true, &doc.title);
    p.down(26.0);
    let top = p.y;
    for s in &doc.seller {
        p.text(MARGIN, 9.0, false, s);
        p.down(LINE);
    }
    let after_seller = p.y;
    p.y = top;
    p.text(330.0, 9.0, true, l.billed_to);
    p.down(LINE);
    for s in &doc.buyer {
        p.text(330.0, 9.0, false, s);
        p.down(LINE);
    }
    p.y = p.y.min(after_seller) - 8.0;
    for (k, v) in &doc.meta {
        p.text(MARGIN, 9.0, true, k);
        p.text(170.0, 9.0, false, v);
        p.down(LINE);
    }
    p.down(10.0);
    if !doc.rows.is_empty() {
        let header = |p: &mut Layout| {
            p.text(MARGIN, 8.0, true, l.description);
            p.right(405.0, 8.0, true, l.quantity);
            p.right(475.0, 8.0, true, l.unit_price);
            p.right(PAGE_W - MARGIN, 8.0, true, l.total_excl);
            p.down(LINE);
            p.rule();
        };
        header(&mut p);
        for r in &doc.rows {
            let mut lines = wrap(&r.description, 62);
            lines.push(format!("{} : {}", l.service, r.service));
            if let Some(period) = &r.period {
                lines.push(format!("{} : {period}", l.period));
            }
            for (i, line) in lines.iter().enumerate() {
                if p.y - LINE < MARGIN {
                    p.ensure(LINE);
                    header(&mut p);
                }
                p.text(MARGIN, 9.0, false, line);
                if i == 0 {
                    p.right(405.0, 9.0, false, &r.quantity);
                    p.right(475.0, 9.0, false, &r.unit);
                    p.right(PAGE_W - MARGIN, 9.0, false, &r.total);
                }
                p.down(LINE);
            }
            p.down(3.0);
            p.rule();
        }
        p.down(8.0);
    }
    for (k, v) in &doc.totals {
        p.ensure(LINE);
        p.text(330.0, 10.0, true, k);
        p.right(PAGE_W - MARGIN, 10.0, true, v);
        p.down(LINE + 2.0);
    }
    if let Some(n) = &doc.note {
        for line in wrap(n, 90) {
            p.ensure(LINE);
            p.text(MARGIN, 8.0, false, &line);
            p.down(LINE);
        }
    }
    assemble(&p.pages, &doc.title)
}

/// Writes the objects and the xref table. Object numbers: 1 catalog, 2 page tree, 3 and 4
/// fonts, 5 info, then a (page, content) pair per page.
fn assemble(contents: &[Vec<u8>], title: &str) -> Vec<u8> {
    let n = contents.len();
    let page_ids: Vec<usize> = (0..n).map(|i| 6 + 2 * i).collect();
    let mut objects: Vec<Vec<u8>> = Vec::new();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    let kids: Vec<String> = page_ids.iter().map(|id| format!("{id} 0 R")).collect();
    objects.push(format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")).into_bytes());
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    objects.push(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
            .to_vec(),
    );
    let mut info = b"<< /Producer (billing-dev-api) /Title ".to_vec();
    info.extend_from_slice(&literal(title));
    info.extend_from_slice(b" >>");
    objects.push(info);
    for (i, content) in contents.iter().enumerate() {
        objects.push(
            format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W} {PAGE_H}] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents {} 0 R >>",
                page_ids[i] + 1
            )
            .into_bytes(),
        );
        let mut stream = format!("<< /Length {} >>\nstream\n", content.len()).into_bytes();
        stream.extend_from_slice(content);
        stream.extend_from_slice(b"\nendstream");
        objects.push(stream);
    }
    // The header's second line has bytes > 127 so tools treat the file as binary.
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::with_capacity(objects.len());
    for (i, obj) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(obj);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for off in offsets {
        let _ = writeln!(table, "{off:010} 00000 n ");
    }
    let _ = write!(
        table,
        "trailer\n<< /Size {} /Root 1 0 R /Info 5 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out.extend_from_slice(table.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_transliterates() {
        assert_eq!(literal("a(b)c\\"), b"(a\\(b\\)c\\\\)".to_vec());
        assert_eq!(literal("é€•"), vec![b'(', 0xE9, 0x80, 0x95, b')']);
        assert_eq!(literal("ł→"), b"(l->)".to_vec());
        assert_eq!(literal("日"), b"(?)".to_vec());
    }

    #[test]
    fn wraps_long_words_and_text() {
        let w = wrap(&"x".repeat(130), 62);
        assert_eq!(w.len(), 3);
        assert!(wrap("a b c", 3).len() == 2);
    }
}
