//! What an invoices export says: the CSV rows and the PDF recap of a list of
//! invoices, in the customer's language, with totals per currency. The
//! writers themselves (`crate::export`) know nothing of invoices.

use crate::api::models::{Currency, InvoiceSummary};
use crate::components::invoice_status_label;
use crate::export::csv::{Cell, CsvFormat, CsvWriter, iso_date};
use crate::export::pdf::{Align, PdfColumn, PdfDocument};
use crate::format::format_money;
use crate::i18n::*;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The CSV's header row, in the customer's language.
pub fn csv_headers(locale: Locale) -> [&'static str; 9] {
    [
        td_string!(locale, invoices.reference),
        td_string!(locale, invoices.order),
        td_string!(locale, invoices.date),
        td_string!(locale, invoices.amount_excl_tax),
        td_string!(locale, invoices.tax),
        td_string!(locale, invoices.amount_incl_tax),
        td_string!(locale, invoices.balance),
        td_string!(locale, invoices.status),
        td_string!(locale, invoice_actions.currency),
    ]
}

/// One invoice as a CSV row. No document URL goes in: a rendition link can
/// carry a credential in its query.
pub fn csv_row(invoice: &InvoiceSummary, locale: Locale) -> [Cell; 9] {
    [
        Cell::Text(invoice.reference.clone()),
        Cell::Text(invoice.order_id.clone()),
        Cell::Date(invoice.date.date_naive()),
        Cell::Amount(invoice.total_excl_tax.amount),
        Cell::Amount(invoice.tax.amount),
        Cell::Amount(invoice.total_incl_tax.amount),
        Cell::Amount(invoice.balance_due.amount),
        Cell::Text(invoice_status_label(locale, invoice.status).to_owned()),
        Cell::Text(invoice.total_incl_tax.currency.to_string()),
    ]
}

/// A CSV writer with the header row written.
pub fn csv_writer(locale: Locale) -> CsvWriter {
    CsvWriter::new(CsvFormat::for_locale(locale), &csv_headers(locale))
}

/// The totals of some invoices in one currency.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrencyTotal {
    pub currency: Currency,
    pub count: u64,
    pub total_incl_tax: Decimal,
    pub balance_due: Decimal,
}

/// Totals per currency, in the order the currencies first appear: amounts in
/// two currencies never add up.
pub fn totals_per_currency<'a>(
    invoices: impl IntoIterator<Item = &'a InvoiceSummary>,
) -> Vec<CurrencyTotal> {
    let mut totals: Vec<CurrencyTotal> = Vec::new();
    for invoice in invoices {
        let currency = invoice.total_incl_tax.currency;
        let at = match totals.iter().position(|t| t.currency == currency) {
            Some(at) => at,
            None => {
                totals.push(CurrencyTotal {
                    currency,
                    count: 0,
                    total_incl_tax: Decimal::ZERO,
                    balance_due: Decimal::ZERO,
                });
                totals.len() - 1
            }
        };
        let total = &mut totals[at];
        total.count += 1;
        total.total_incl_tax += invoice.total_incl_tax.amount;
        total.balance_due += invoice.balance_due.amount;
    }
    totals
}

fn money(amount: Decimal, currency: Currency, locale: Locale) -> String {
    format_money(&amount, currency.as_str(), locale)
}

/// One invoice's line in the PDF recap. Apart from [`pdf_document`], so a long list can
/// be formatted in chunks with pauses for the browser between them (three amounts a line,
/// each formatted by the browser's Intl).
pub fn pdf_row(i: &InvoiceSummary, locale: Locale) -> Vec<String> {
    vec![
        i.reference.clone(),
        iso_date(i.date.date_naive()),
        money(i.total_excl_tax.amount, i.total_excl_tax.currency, locale),
        money(i.total_incl_tax.amount, i.total_incl_tax.currency, locale),
        money(i.balance_due.amount, i.balance_due.currency, locale),
        invoice_status_label(locale, i.status).to_owned(),
    ]
}

/// The PDF recap: reference, issue date, amounts, balance and status per
/// invoice (`rows`: each invoice's [`pdf_row`]); the customer and the export date on
/// top; totals per currency.
pub fn pdf_document(
    invoices: &[InvoiceSummary],
    rows: Vec<Vec<String>>,
    customer: &str,
    exported: NaiveDate,
    locale: Locale,
) -> PdfDocument {
    let column = |header: &str, weight: f32, align: Align| PdfColumn {
        header: header.to_owned(),
        weight,
        align,
    };
    let closing_lines = totals_per_currency(invoices)
        .into_iter()
        .map(|t| {
            td_string!(
                locale,
                invoice_actions.pdf_total,
                currency = t.currency.to_string(),
                count = t.count.to_string(),
                total = money(t.total_incl_tax, t.currency, locale),
                balance = money(t.balance_due, t.currency, locale)
            )
            .to_string()
        })
        .collect();
    PdfDocument {
        title: td_string!(locale, invoice_actions.pdf_title).to_owned(),
        header_lines: vec![
            td_string!(locale, invoice_actions.pdf_customer, name = customer).to_string(),
            td_string!(
                locale,
                invoice_actions.pdf_exported,
                date = iso_date(exported)
            )
            .to_string(),
        ],
        columns: vec![
            column(td_string!(locale, invoices.reference), 1.3, Align::Left),
            column(td_string!(locale, invoices.date), 1.1, Align::Left),
            column(
                td_string!(locale, invoices.amount_excl_tax),
                1.2,
                Align::Right,
            ),
            column(
                td_string!(locale, invoices.amount_incl_tax),
                1.2,
                Align::Right,
            ),
            column(td_string!(locale, invoices.balance), 1.2, Align::Right),
            column(td_string!(locale, invoices.status), 1.0, Align::Left),
        ],
        rows,
        closing_lines,
    }
}

/// "Page 2 / 5" in the customer's language.
pub fn pdf_page_label(locale: Locale) -> impl Fn(usize, usize) -> String {
    move |page, pages| {
        td_string!(
            locale,
            invoice_actions.pdf_page,
            page = page.to_string(),
            pages = pages.to_string()
        )
        .to_string()
    }
}

/// `factures-2026-11-29.csv`, `fatture-…`, `invoices-…`.
pub fn export_file_name(locale: Locale, day: NaiveDate, extension: &str) -> String {
    crate::export::csv::file_name(
        td_string!(locale, invoice_actions.file_kind),
        day,
        extension,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::{InvoiceCategory, InvoiceStatus, Money};

    fn invoice(
        reference: &str,
        order: &str,
        incl: i64,
        due: i64,
        currency: &str,
    ) -> InvoiceSummary {
        let currency: Currency = currency.parse().unwrap();
        let money = |cents: i64| Money::new(Decimal::new(cents, 2), currency);
        InvoiceSummary {
            id: reference.to_lowercase(),
            reference: reference.into(),
            order_id: order.into(),
            date: "2026-11-03T23:30:00+01:00".parse().unwrap(),
            due_date: "2026-11-13T23:30:00+01:00".parse().unwrap(),
            total_excl_tax: money(incl * 100 / 120),
            tax: money(incl - incl * 100 / 120),
            total_incl_tax: money(incl),
            balance_due: money(due),
            status: if due > 0 {
                InvoiceStatus::Unpaid
            } else {
                InvoiceStatus::Paid
            },
            category: InvoiceCategory::Purchase,
        }
    }

    #[test]
    fn a_french_csv_has_french_headers_separators_and_neutralised_formulas() {
        let mut writer = csv_writer(Locale::fr);
        let rows = [
            invoice("FR0001", "=HYPERLINK(\"x\";\"y\")", 148_148, 148_148, "EUR"),
            invoice("FR0002", "2001", 1200, 0, "GBP"),
        ];
        for row in &rows {
            writer.push_row(csv_row(row, Locale::fr));
        }
        let file = writer.finish();
        let mut lines = file.split("\r\n");
        assert_eq!(
            lines.next().unwrap(),
            "\u{FEFF}Référence;Numéro de la commande;Date d'émission;Montant HT;TVA;Montant TTC;Solde;Statut;Devise"
        );
        assert_eq!(
            lines.next().unwrap(),
            "FR0001;\"'=HYPERLINK(\"\"x\"\";\"\"y\"\")\";2026-11-03;1234,56;246,92;1481,48;1481,48;Impayée;EUR"
        );
        assert_eq!(
            lines.next().unwrap(),
            "FR0002;2001;2026-11-03;10,00;2,00;12,00;0,00;Payée;GBP"
        );
    }

    #[test]
    fn english_uses_commas_and_points() {
        let mut writer = csv_writer(Locale::en);
        writer.push_row(csv_row(&invoice("FR1", "1", 1200, 0, "EUR"), Locale::en));
        assert!(
            writer
                .finish()
                .ends_with("FR1,1,2026-11-03,10.00,2.00,12.00,0.00,Paid,EUR\r\n")
        );
    }

    #[test]
    fn totals_are_per_currency() {
        let rows = [
            invoice("A", "1", 1000, 1000, "EUR"),
            invoice("B", "2", 500, 0, "GBP"),
            invoice("C", "3", 250, 250, "EUR"),
        ];
        let totals = totals_per_currency(&rows);
        assert_eq!(totals.len(), 2);
        assert_eq!(totals[0].currency.to_string(), "EUR");
        assert_eq!(totals[0].count, 2);
        assert_eq!(totals[0].total_incl_tax, Decimal::new(1250, 2));
        assert_eq!(totals[0].balance_due, Decimal::new(1250, 2));
        assert_eq!(totals[1].balance_due, Decimal::ZERO);
    }

    #[test]
    fn the_pdf_names_the_customer_the_day_and_every_total() {
        let rows = [
            invoice("FR1", "1", 1000, 1000, "EUR"),
            invoice("FR2", "2", 500, 0, "GBP"),
        ];
        let lines = rows.iter().map(|i| pdf_row(i, Locale::fr)).collect();
        let doc = pdf_document(
            &rows,
            lines,
            "Élodie",
            "2026-11-29".parse().unwrap(),
            Locale::fr,
        );
        assert_eq!(doc.header_lines[0], "Client : Élodie");
        assert_eq!(doc.header_lines[1], "Exporté le 2026-11-29");
        assert_eq!(doc.rows.len(), 2);
        assert_eq!(doc.closing_lines.len(), 2);
        assert!(doc.closing_lines[0].starts_with("Total EUR"));
        assert_eq!(pdf_page_label(Locale::it)(2, 5), "Pagina 2 / 5");
    }

    #[test]
    fn file_names_are_in_the_customer_language() {
        let day = "2026-11-29".parse().unwrap();
        assert_eq!(
            export_file_name(Locale::fr, day, "csv"),
            "factures-2026-11-29.csv"
        );
        assert_eq!(
            export_file_name(Locale::it, day, "pdf"),
            "fatture-2026-11-29.pdf"
        );
        assert_eq!(
            export_file_name(Locale::en, day, "csv"),
            "invoices-2026-11-29.csv"
        );
    }
}
