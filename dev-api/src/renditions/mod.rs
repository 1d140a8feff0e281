//! Printable renditions of orders, invoices and credit notes. Both renderers (HTML and PDF)
//! draw the same [`Doc`], so they never disagree on a figure.

pub mod html;
pub mod pdf;

use billing_contract::{CreditNote, Invoice, Order, OrderStatus};
use rust_decimal::Decimal;

use crate::seed::CustomerData;
use crate::seed::catalog::Lang;

pub struct Doc {
    pub lang: Lang,
    pub title: String,
    pub reference: String,
    /// Label/value pairs under the title (dates, order number…).
    pub meta: Vec<(String, String)>,
    pub seller: Vec<String>,
    pub buyer: Vec<String>,
    pub rows: Vec<Row>,
    pub totals: Vec<(String, String)>,
    pub note: Option<String>,
}

pub struct Row {
    pub description: String,
    pub service: String,
    pub period: Option<String>,
    pub quantity: String,
    pub unit: String,
    pub total: String,
}

pub struct Labels {
    pub invoice: &'static str,
    pub order: &'static str,
    pub credit_note: &'static str,
    pub date: &'static str,
    pub due_date: &'static str,
    pub order_number: &'static str,
    pub status: &'static str,
    pub expires: &'static str,
    pub description: &'static str,
    pub service: &'static str,
    pub period: &'static str,
    pub quantity: &'static str,
    pub unit_price: &'static str,
    pub total_excl: &'static str,
    pub vat: &'static str,
    pub total_incl: &'static str,
    pub balance_due: &'static str,
    pub payment_type: &'static str,
    pub original_invoice: &'static str,
    pub amount: &'static str,
    pub billed_to: &'static str,
    pub print: &'static str,
}

pub fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::Fr => Labels {
            invoice: "Facture",
            order: "Bon de commande",
            credit_note: "Avoir",
            date: "Date d'émission",
            due_date: "Date d'échéance",
            order_number: "Commande n°",
            status: "État",
            expires: "Date d'expiration",
            description: "Description",
            service: "Référence du service",
            period: "Période",
            quantity: "Quantité",
            unit_price: "Prix unitaire HT",
            total_excl: "Total HT",
            vat: "TVA",
            total_incl: "Total TTC",
            balance_due: "Solde dû",
            payment_type: "Moyen de paiement",
            original_invoice: "Facture d'origine",
            amount: "Montant TTC",
            billed_to: "Facturé à",
            print: "Imprimer",
        },
        Lang::It => Labels {
            invoice: "Fattura",
            order: "Buono d'ordine",
            credit_note: "Nota di credito",
            date: "Data di emissione",
            due_date: "Data di scadenza",
            order_number: "Ordine n.",
            status: "Stato",
            expires: "Data di scadenza dell'ordine",
            description: "Descrizione",
            service: "Riferimento del servizio",
            period: "Periodo",
            quantity: "Quantità",
            unit_price: "Prezzo unitario IVA esclusa",
            total_excl: "Totale IVA esclusa",
            vat: "IVA",
            total_incl: "Totale IVA inclusa",
            balance_due: "Importo dovuto",
            payment_type: "Metodo di pagamento",
            original_invoice: "Fattura originale",
            amount: "Importo IVA inclusa",
            billed_to: "Intestatario",
            print: "Stampa",
        },
    }
}

/// `1 234,56 €` (fr) or `1.234,56 €` (it).
pub fn money(lang: Lang, amount: Decimal) -> String {
    let s = format!("{:.2}", amount.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let sep = if lang == Lang::Fr { ' ' } else { '.' };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    let sign = if amount.is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    format!("{sign}{grouped},{frac} €")
}

fn date(lang: Lang, d: chrono::NaiveDate) -> String {
    let _ = lang;
    d.format("%d/%m/%Y").to_string()
}

fn seller(lang: Lang) -> Vec<String> {
    let country = if lang == Lang::Fr {
        "France"
    } else {
        "Francia"
    };
    vec![
        "OVH SAS (démo)".into(),
        "2 rue Kellermann".into(),
        format!("59100 Roubaix – {country}"),
    ]
}

fn buyer(cd: &CustomerData) -> Vec<String> {
    let mut v = vec![cd.customer.name.clone()];
    v.extend(cd.contact.address.lines().map(str::to_owned));
    if let Some(vat) = &cd.customer.vat_number {
        v.push(format!(
            "{} {vat}",
            if cd.lang == Lang::Fr {
                "N° TVA"
            } else {
                "P. IVA"
            }
        ));
    }
    v
}

fn status_label(lang: Lang, s: OrderStatus) -> &'static str {
    use OrderStatus::*;
    match (lang, s) {
        (Lang::Fr, NotPaid) => "Non payée",
        (Lang::Fr, Checking) => "En cours de vérification",
        (Lang::Fr, DocumentsRequested) => "Documents demandés",
        (Lang::Fr, Delivering) => "En cours de livraison",
        (Lang::Fr, Delivered) => "Livrée",
        (Lang::Fr, Cancelling) => "Annulation en cours",
        (Lang::Fr, Cancelled) => "Annulée",
        (Lang::Fr, Expired) => "Expirée",
        (Lang::It, NotPaid) => "Non pagato",
        (Lang::It, Checking) => "In verifica",
        (Lang::It, DocumentsRequested) => "Documenti richiesti",
        (Lang::It, Delivering) => "In consegna",
        (Lang::It, Delivered) => "Consegnato",
        (Lang::It, Cancelling) => "Annullamento in corso",
        (Lang::It, Cancelled) => "Annullato",
        (Lang::It, Expired) => "Scaduto",
        (_, Unknown) => "—",
    }
}

pub fn invoice_doc(cd: &CustomerData, inv: &Invoice) -> Doc {
    let lang = cd.lang;
    let l = labels(lang);
    let mut meta = vec![
        (l.date.to_owned(), date(lang, inv.date.date_naive())),
        (l.due_date.to_owned(), date(lang, inv.due_date.date_naive())),
        (l.order_number.to_owned(), inv.order_id.clone()),
    ];
    if let Some(pt) = &inv.payment_type {
        meta.push((l.payment_type.to_owned(), pt.clone()));
    }
    let rate = (cd.vat_rate * Decimal::ONE_HUNDRED).normalize();
    Doc {
        lang,
        title: format!("{} {}", l.invoice, inv.reference),
        reference: inv.reference.clone(),
        meta,
        seller: seller(lang),
        buyer: buyer(cd),
        rows: inv
            .lines
            .iter()
            .map(|line| Row {
                description: line.description.clone(),
                service: line.service_reference.clone(),
                period: match (line.period_start, line.period_end) {
                    (Some(s), Some(e)) => Some(format!("{} – {}", date(lang, s), date(lang, e))),
                    _ => None,
                },
                quantity: line.quantity.to_string(),
                unit: money(lang, line.unit_price_excl_tax.amount),
                total: money(lang, line.total_excl_tax.amount),
            })
            .collect(),
        totals: vec![
            (
                l.total_excl.to_owned(),
                money(lang, inv.total_excl_tax.amount),
            ),
            (format!("{} {rate} %", l.vat), money(lang, inv.tax.amount)),
            (
                l.total_incl.to_owned(),
                money(lang, inv.total_incl_tax.amount),
            ),
            (
                l.balance_due.to_owned(),
                money(lang, inv.balance_due.amount),
            ),
        ],
        note: None,
    }
}

pub fn order_doc(cd: &CustomerData, o: &Order) -> Doc {
    let lang = cd.lang;
    let l = labels(lang);
    Doc {
        lang,
        title: format!("{} {}", l.order, o.id),
        reference: o.id.clone(),
        meta: vec![
            (l.date.to_owned(), date(lang, o.date.date_naive())),
            (
                l.expires.to_owned(),
                date(lang, o.expiration_date.date_naive()),
            ),
            (l.status.to_owned(), status_label(lang, o.status).to_owned()),
        ],
        seller: seller(lang),
        buyer: {
            let mut b = vec![o.billing_contact.name.clone()];
            b.extend(o.billing_contact.address.lines().map(str::to_owned));
            b.push(o.billing_contact.email.clone());
            b
        },
        rows: o
            .lines
            .iter()
            .map(|line| Row {
                description: line.description.clone(),
                service: line.service_reference.clone(),
                period: None,
                quantity: line.quantity.to_string(),
                unit: money(lang, line.unit_price_excl_tax.amount),
                total: money(lang, line.total_excl_tax.amount),
            })
            .collect(),
        totals: vec![
            (
                l.total_excl.to_owned(),
                money(lang, o.total_excl_tax.amount),
            ),
            (l.vat.to_owned(), money(lang, o.tax.amount)),
            (
                l.total_incl.to_owned(),
                money(lang, o.total_incl_tax.amount),
            ),
        ],
        note: None,
    }
}

pub fn credit_note_doc(cd: &CustomerData, cn: &CreditNote) -> Doc {
    let lang = cd.lang;
    let l = labels(lang);
    Doc {
        lang,
        title: format!("{} {}", l.credit_note, cn.reference),
        reference: cn.reference.clone(),
        meta: vec![
            (l.date.to_owned(), date(lang, cn.date.date_naive())),
            (
                l.original_invoice.to_owned(),
                cn.original_invoice_reference.clone(),
            ),
        ],
        seller: seller(lang),
        buyer: buyer(cd),
        rows: Vec::new(),
        totals: vec![(l.amount.to_owned(), money(lang, cn.amount.amount))],
        note: cn.reason.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_formats() {
        assert_eq!(money(Lang::Fr, Decimal::new(123456, 2)), "1 234,56 €");
        assert_eq!(
            money(Lang::It, Decimal::new(123456789, 2)),
            "1.234.567,89 €"
        );
        assert_eq!(money(Lang::Fr, Decimal::new(5, 1)), "0,50 €");
    }
}
