mod common;

use axum::http::StatusCode;
use billing_contract::*;
use common::*;

/// Checks the structure a PDF reader relies on: header, trailer, and every xref offset.
fn assert_valid_pdf(bytes: &[u8]) {
    assert!(bytes.starts_with(b"%PDF-1.4\n"));
    assert!(bytes.ends_with(b"%%EOF\n"));
    let text = String::from_utf8_lossy(bytes);
    let startxref: usize = text
        .rsplit("startxref\n")
        .next()
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(
        bytes[startxref..].starts_with(b"xref\n"),
        "startxref points at the table"
    );
    let table = String::from_utf8_lossy(&bytes[startxref..]);
    let mut lines = table.lines().skip(1);
    let count: usize = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    assert!(lines.next().unwrap().ends_with(" f "), "object 0 is free");
    for n in 1..count {
        let entry = lines.next().unwrap();
        assert_eq!(
            entry.len(),
            19,
            "xref entries are 20 bytes with the newline: {entry:?}"
        );
        let off: usize = entry[..10].parse().unwrap();
        let expected = format!("{n} 0 obj");
        assert!(
            bytes[off..].starts_with(expected.as_bytes()),
            "object {n} at {off}"
        );
    }
    assert!(table.contains(&format!("/Size {count}")));
}

fn pdftotext(bytes: &[u8]) -> Option<String> {
    let dir = std::env::temp_dir().join(format!("billing-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let file = dir.join(format!("{}.pdf", bytes.len()));
    std::fs::write(&file, bytes).ok()?;
    let out = std::process::Command::new("pdftotext")
        .arg("-enc")
        .arg("UTF-8")
        .arg(&file)
        .arg("-")
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[tokio::test]
async fn invoice_and_order_pdfs_are_valid() {
    let app = app();
    for demo in ["fr-consumer", "it-business"] {
        let c = Client::sign_in(&app, demo).await;
        let page: Page<InvoiceSummary> =
            serde_json::from_slice(&c.get("/api/v1/invoices").await.body).unwrap();
        for inv in page.items.iter().take(5) {
            let r = c
                .get(&format!("/api/v1/invoices/{}/invoice.pdf", inv.id))
                .await;
            assert_eq!(r.status, StatusCode::OK);
            assert_eq!(r.header("content-type"), Some("application/pdf"));
            assert!(
                r.header("content-disposition")
                    .unwrap()
                    .contains(&format!("{}.pdf", inv.reference))
            );
            assert_valid_pdf(&r.body);
            if let Some(text) = pdftotext(&r.body) {
                assert!(text.contains(&inv.reference), "{text}");
                assert!(text.contains(if demo == "fr-consumer" {
                    "Facture"
                } else {
                    "Fattura"
                }));
            }
        }
        let orders: Page<OrderSummary> =
            serde_json::from_slice(&c.get("/api/v1/orders").await.body).unwrap();
        for o in &orders.items {
            let r = c.get(&format!("/api/v1/orders/{}/order.pdf", o.id)).await;
            assert_eq!(r.status, StatusCode::OK);
            assert_valid_pdf(&r.body);
        }
        let cns: Page<CreditNote> =
            serde_json::from_slice(&c.get("/api/v1/credit-notes").await.body).unwrap();
        assert!(!cns.items.is_empty());
        for cn in &cns.items {
            let r = c.get(&cn.pdf_url).await;
            assert_eq!(r.status, StatusCode::OK);
            assert_valid_pdf(&r.body);
        }
    }
}

#[tokio::test]
async fn long_descriptions_span_pages_and_text_is_escaped() {
    let app = app();
    let c = Client::sign_in(&app, "fr-consumer").await;
    let orders: Page<OrderSummary> =
        serde_json::from_slice(&c.get("/api/v1/orders").await.body).unwrap();
    let mut saw_script = false;
    for o in &orders.items {
        let order: Order =
            serde_json::from_slice(&c.get(&format!("/api/v1/orders/{}", o.id)).await.body).unwrap();
        let html = c.get(&order.html_url).await;
        assert_eq!(html.status, StatusCode::OK);
        let text = html.text();
        assert!(text.starts_with("<!doctype html><html lang=\"fr\""));
        assert!(!text.contains("<script>"), "data is escaped");
        saw_script |= text.contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        let pdf = c.get(&order.pdf_url).await;
        assert_valid_pdf(&pdf.body);
        let long = order
            .lines
            .iter()
            .any(|l| l.description.chars().count() >= 2000);
        if long && let Some(t) = pdftotext(&pdf.body) {
            assert!(t.contains("Configuration sur mesure"), "{t}");
        }
    }
    assert!(saw_script);
    let it = Client::sign_in(&app, "it-business").await;
    let page: Page<InvoiceSummary> =
        serde_json::from_slice(&it.get("/api/v1/invoices").await.body).unwrap();
    let html = it
        .get(&format!(
            "/api/v1/invoices/{}/invoice.html",
            page.items[0].id
        ))
        .await
        .text();
    assert!(
        html.contains("lang=\"it\"")
            && html.contains("Totale IVA inclusa")
            && html.contains(&page.items[0].reference)
    );
}
