//! What the reference API does server-side and OVHcloud's API cannot
//! (filter by status or amount, sort, page, add up), done in the browser over
//! the items the adapter loaded, with the reference API's rules: pages ask
//! the same questions whichever adapter answers.

use billing_contract::query::{CreditNoteQuery, InvoiceQuery, OrderQuery, PaymentQuery};
use billing_contract::*;
use chrono::NaiveDate;
use std::cmp::Ordering;

const DEFAULT_PAGE_SIZE: u32 = 25;
const MAX_PAGE_SIZE: u32 = 200;

fn page_of<T: Clone>(items: Vec<&T>, page: Option<u32>, size: Option<u32>) -> Page<T> {
    let page = page.unwrap_or(1).max(1);
    let size = size.unwrap_or(DEFAULT_PAGE_SIZE).clamp(1, MAX_PAGE_SIZE);
    let start = ((page - 1) as usize).saturating_mul(size as usize);
    Page {
        total: items.len() as u64,
        items: items
            .into_iter()
            .skip(start)
            .take(size as usize)
            .cloned()
            .collect(),
        page,
        page_size: size,
    }
}

fn in_range(date: NaiveDate, from: Option<NaiveDate>, to: Option<NaiveDate>) -> bool {
    from.is_none_or(|f| date >= f) && to.is_none_or(|t| date <= t)
}

fn contains_folded(haystack: &str, needle: &Option<String>) -> bool {
    needle
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .is_none_or(|n| haystack.to_lowercase().contains(&n.to_lowercase()))
}

fn directed(order: Ordering, sort: &Sort) -> Ordering {
    if sort.descending {
        order.reverse()
    } else {
        order
    }
}

pub fn orders(all: &[OrderSummary], query: &OrderQuery) -> Page<OrderSummary> {
    let rank = |s: OrderStatus| {
        OrderStatus::ALL
            .iter()
            .position(|x| *x == s)
            .unwrap_or(usize::MAX)
    };
    let sort = query.sort.clone().unwrap_or_else(|| Sort::desc("date"));
    let mut items: Vec<&OrderSummary> = all
        .iter()
        .filter(|o| query.status.is_empty() || query.status.contains(&o.status))
        .filter(|o| in_range(o.date.date_naive(), query.from, query.to))
        .filter(|o| contains_folded(&o.id, &query.id))
        .collect();
    items.sort_by(|a, b| {
        let o = match sort.field.as_str() {
            "id" => a.id.cmp(&b.id),
            "totalInclTax" => a.total_incl_tax.amount.cmp(&b.total_incl_tax.amount),
            "status" => rank(a.status).cmp(&rank(b.status)),
            _ => Ordering::Equal,
        }
        .then(a.date.cmp(&b.date));
        directed(o, &sort).then(a.id.cmp(&b.id))
    });
    page_of(items, query.page, query.page_size)
}

fn matching_invoices<'a>(
    all: &'a [InvoiceSummary],
    query: &InvoiceQuery,
) -> Vec<&'a InvoiceSummary> {
    all.iter()
        .filter(|i| contains_folded(&i.reference, &query.reference))
        .filter(|i| contains_folded(&i.order_id, &query.order_id))
        .filter(|i| in_range(i.date.date_naive(), query.from, query.to))
        .filter(|i| query.status.is_empty() || query.status.contains(&i.status))
        .filter(|i| {
            query
                .min_amount
                .is_none_or(|m| i.total_incl_tax.amount >= m)
        })
        .filter(|i| {
            query
                .max_amount
                .is_none_or(|m| i.total_incl_tax.amount <= m)
        })
        .collect()
}

pub fn invoices(all: &[InvoiceSummary], query: &InvoiceQuery) -> Page<InvoiceSummary> {
    let sort = query.sort.clone().unwrap_or_else(|| Sort::desc("date"));
    let mut items = matching_invoices(all, query);
    items.sort_by(|a, b| {
        let o = match sort.field.as_str() {
            "reference" => a.reference.cmp(&b.reference),
            "orderId" => a.order_id.cmp(&b.order_id),
            "totalExclTax" => a.total_excl_tax.amount.cmp(&b.total_excl_tax.amount),
            "totalInclTax" => a.total_incl_tax.amount.cmp(&b.total_incl_tax.amount),
            "balanceDue" => a.balance_due.amount.cmp(&b.balance_due.amount),
            "status" => a.status.as_str().cmp(b.status.as_str()),
            _ => Ordering::Equal,
        }
        .then(a.date.cmp(&b.date));
        directed(o, &sort).then(a.id.cmp(&b.id))
    });
    page_of(items, query.page, query.page_size)
}

/// Per currency, in the order currencies first appear (newest invoice first).
pub fn invoice_totals(all: &[InvoiceSummary], query: &InvoiceQuery) -> InvoiceTotals {
    let mut items = matching_invoices(all, query);
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
    let mut totals = InvoiceTotals::default();
    for invoice in items {
        totals.add_invoice(&invoice.balance_due, invoice.status);
    }
    totals
}

pub fn payments(all: &[Payment], query: &PaymentQuery) -> Page<Payment> {
    let sort = query.sort.clone().unwrap_or_else(|| Sort::desc("date"));
    let mut items: Vec<&Payment> = all
        .iter()
        .filter(|p| query.id.as_deref().is_none_or(|id| p.id == id))
        .filter(|p| {
            query
                .invoice_id
                .as_deref()
                .is_none_or(|inv| p.invoices.iter().any(|s| s.id == inv))
        })
        .filter(|p| {
            query.reference.as_deref().map(str::trim).is_none_or(|r| {
                p.invoices
                    .iter()
                    .any(|s| s.reference.to_lowercase().contains(&r.to_lowercase()))
            })
        })
        .filter(|p| in_range(p.date.date_naive(), query.from, query.to))
        .filter(|p| query.kind.is_empty() || query.kind.contains(&p.payment_method.kind))
        .filter(|p| query.min_amount.is_none_or(|m| p.amount.amount >= m))
        .filter(|p| query.max_amount.is_none_or(|m| p.amount.amount <= m))
        .collect();
    items.sort_by(|a, b| {
        let o = match sort.field.as_str() {
            "amount" => a.amount.amount.cmp(&b.amount.amount),
            _ => Ordering::Equal,
        }
        .then(a.date.cmp(&b.date));
        directed(o, &sort).then(a.id.cmp(&b.id))
    });
    page_of(items, query.page, query.page_size)
}

pub fn credit_notes(all: &[CreditNote], query: &CreditNoteQuery) -> Page<CreditNote> {
    let mut items: Vec<&CreditNote> = all
        .iter()
        .filter(|c| query.id.as_deref().is_none_or(|id| c.id == id))
        .filter(|c| {
            query
                .invoice_id
                .as_deref()
                .is_none_or(|inv| c.original_invoice_id == inv)
        })
        .filter(|c| in_range(c.date.date_naive(), query.from, query.to))
        .collect();
    items.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
    page_of(items, query.page, query.page_size)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn invoice(
        id: &str,
        date: &str,
        total: &str,
        due: &str,
        status: InvoiceStatus,
    ) -> InvoiceSummary {
        let at = DateTimeOffset::parse_from_rfc3339(date).unwrap();
        let eur = |a: &str| Money::new(Decimal::from_str_exact(a).unwrap(), Currency::EUR);
        InvoiceSummary {
            id: id.into(),
            reference: format!("FR{id}"),
            order_id: "1".into(),
            date: at,
            due_date: at,
            total_excl_tax: eur(total),
            tax: eur("0"),
            total_incl_tax: eur(total),
            balance_due: eur(due),
            status,
            category: InvoiceCategory::Purchase,
        }
    }

    fn sample() -> Vec<InvoiceSummary> {
        vec![
            invoice(
                "1",
                "2026-01-01T00:00:00+01:00",
                "10.10",
                "0",
                InvoiceStatus::Paid,
            ),
            invoice(
                "2",
                "2026-02-01T00:00:00+01:00",
                "20.20",
                "20.20",
                InvoiceStatus::Overdue,
            ),
            invoice(
                "3",
                "2026-03-01T00:00:00+01:00",
                "0.30",
                "0.10",
                InvoiceStatus::Unpaid,
            ),
        ]
    }

    #[test]
    fn invoices_filter_sort_and_page_like_the_reference_api() {
        let all = sample();
        let page = invoices(&all, &InvoiceQuery::default());
        let ids: Vec<_> = page.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["3", "2", "1"], "newest first by default");
        assert_eq!((page.page, page.page_size, page.total), (1, 25, 3));

        let unpaid = InvoiceQuery {
            status: vec![InvoiceStatus::Unpaid, InvoiceStatus::Overdue],
            sort: Some(Sort::asc("totalInclTax")),
            ..Default::default()
        };
        let ids: Vec<_> = invoices(&all, &unpaid)
            .items
            .into_iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(ids, ["3", "2"]);

        let second_page = InvoiceQuery {
            page: Some(2),
            page_size: Some(2),
            ..Default::default()
        };
        let page = invoices(&all, &second_page);
        assert_eq!(page.items.len(), 1);
        assert_eq!(page.total, 3);

        let by_reference = InvoiceQuery {
            reference: Some("fr2".into()),
            min_amount: Some(Decimal::new(20, 0)),
            ..Default::default()
        };
        assert_eq!(invoices(&all, &by_reference).total, 1);
    }

    #[test]
    fn totals_add_up_balances_to_the_cent() {
        let totals = invoice_totals(&sample(), &InvoiceQuery::default());
        assert_eq!(totals.count, 3);
        let eur = &totals.currencies[0];
        assert_eq!(eur.balance_due.to_string(), "20.30");
        assert_eq!(eur.unpaid_count, 2);
        assert_eq!(eur.overdue.to_string(), "20.20");
    }
}
