//! A clean, printable HTML page; every piece of data goes through [`escape`].

use std::fmt::Write as _;

use super::{Doc, labels};
use crate::seed::catalog::Lang;

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

pub fn render(doc: &Doc) -> String {
    let l = labels(doc.lang);
    let lang = if doc.lang == Lang::Fr { "fr" } else { "it" };
    let mut h = String::new();
    let _ = write!(
        h,
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title}</title><style>\
body{{font-family:system-ui,Helvetica,Arial,sans-serif;color:#111;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.4}}\
header{{display:flex;justify-content:space-between;gap:2rem;flex-wrap:wrap}}address{{font-style:normal}}\
table{{width:100%;border-collapse:collapse;margin:1.5rem 0}}th,td{{padding:.4rem;border-bottom:1px solid #ccc;text-align:left;vertical-align:top;overflow-wrap:anywhere}}\
td.num,th.num{{text-align:right;white-space:nowrap}}dl{{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}}dt{{font-weight:600}}\
.totals{{margin-left:auto;width:auto}}.small{{color:#555;font-size:.9em}}@media print{{button{{display:none}}body{{margin:0}}}}\
</style></head><body><main>",
        title = escape(&doc.title)
    );
    let _ = write!(h, "<header><div><h1>{}</h1><dl>", escape(&doc.title));
    for (k, v) in &doc.meta {
        let _ = write!(h, "<dt>{}</dt><dd>{}</dd>", escape(k), escape(v));
    }
    h.push_str("</dl></div><div><address>");
    h.push_str(
        &doc.seller
            .iter()
            .map(|s| escape(s))
            .collect::<Vec<_>>()
            .join("<br>"),
    );
    let _ = write!(h, "</address><h2>{}</h2><address>", escape(l.billed_to));
    h.push_str(
        &doc.buyer
            .iter()
            .map(|s| escape(s))
            .collect::<Vec<_>>()
            .join("<br>"),
    );
    h.push_str("</address></div></header>");
    if !doc.rows.is_empty() {
        let _ = write!(
            h,
            "<table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th><th scope=\"col\" class=\"num\">{}</th></tr></thead><tbody>",
            escape(l.description),
            escape(l.service),
            escape(l.quantity),
            escape(l.unit_price),
            escape(l.total_excl)
        );
        for r in &doc.rows {
            let period = r
                .period
                .as_ref()
                .map(|p| {
                    format!(
                        "<br><span class=\"small\">{} : {}</span>",
                        escape(l.period),
                        escape(p)
                    )
                })
                .unwrap_or_default();
            let _ = write!(
                h,
                "<tr><td>{}{period}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
                escape(&r.description),
                escape(&r.service),
                escape(&r.quantity),
                escape(&r.unit),
                escape(&r.total)
            );
        }
        h.push_str("</tbody></table>");
    }
    h.push_str("<table class=\"totals\"><tbody>");
    for (k, v) in &doc.totals {
        let _ = write!(
            h,
            "<tr><th scope=\"row\">{}</th><td class=\"num\">{}</td></tr>",
            escape(k),
            escape(v)
        );
    }
    h.push_str("</tbody></table>");
    if let Some(n) = &doc.note {
        let _ = write!(h, "<p class=\"small\">{}</p>", escape(n));
    }
    let _ = write!(
        h,
        "<button type=\"button\" onclick=\"window.print()\">{}</button></main></body></html>",
        escape(l.print)
    );
    h
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup() {
        assert_eq!(
            super::escape("<script>alert('x')</script> & \""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;"
        );
    }
}
