//! The invoices list, newest first, page by page. The balance due shows in
//! red when something is left to pay, as in the customer's OVHcloud habits.
//! Sorting and filtering are done by the API, so they cover every page, not
//! just this one. The filter in force lives in the URL, beside `?page=`.

use crate::api::models::InvoiceStatus;
use crate::api::models::InvoiceSummary;
use crate::api::models::query::InvoiceQuery;
use crate::api::{api_resource, use_api};
use crate::components::{
    Column, CountLabel, DateText, Filter, FilterBar, InvoiceStatusBadge, MoneyText, NoMatch, Page,
    PagedTable, StatusOption, api_sort, invoice_status_label, newest_first, page_from_query,
};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

const PAGE_SIZE: u32 = 25;

/// The columns of an invoices table. `sortable`: the API sorts (by
/// reference, date, amount incl. tax and balance).
pub fn invoice_columns(sortable: bool) -> Vec<Column<InvoiceSummary>> {
    let sort = |column: Column<InvoiceSummary>| if sortable { column.sortable() } else { column };
    vec![
        sort(Column::new("reference", |l| td_string!(l, invoices.reference), |i: &InvoiceSummary| {
            view! { <a href=crate::routes::invoice(&i.id)>{i.reference.clone()}</a> }
        })
            .row_header()),
        Column::new("order", |l| td_string!(l, invoices.order), |i: &InvoiceSummary| i.order_id.clone()),
        sort(Column::new("date", |l| td_string!(l, invoices.date), |i: &InvoiceSummary| view! { <DateText instant=i.date /> })),
        Column::new("amount-excl-tax", |l| td_string!(l, invoices.amount_excl_tax), |i: &InvoiceSummary| {
            view! { <MoneyText money=i.total_excl_tax.clone() /> }
        })
        .numeric()
        // On a phone card, TTC and the balance come first and large.
        .card(crate::components::CardRole::Secondary),
        sort(
            Column::new("totalInclTax", |l| td_string!(l, invoices.amount_incl_tax), |i: &InvoiceSummary| {
                view! { <MoneyText money=i.total_incl_tax.clone() /> }
            })
            .numeric(),
        ),
        sort(
            Column::new("balanceDue", |l| td_string!(l, invoices.balance), |i: &InvoiceSummary| {
                let owing = !i.balance_due.amount.is_zero();
                view! { <span class:amount--due=owing><MoneyText money=i.balance_due.clone() /></span> }
            })
            .numeric(),
        ),
        Column::new("status", |l| td_string!(l, invoices.status), |i: &InvoiceSummary| {
            view! { <InvoiceStatusBadge status=i.status /> }
        }),
    ]
}

/// The statuses a customer can filter invoices by.
pub fn invoice_status_options() -> Vec<StatusOption> {
    // A `Label` is a plain function, so each status gets its own.
    let labels: [fn(Locale) -> &'static str; 3] = [
        |l| invoice_status_label(l, InvoiceStatus::Paid),
        |l| invoice_status_label(l, InvoiceStatus::Unpaid),
        |l| invoice_status_label(l, InvoiceStatus::Overdue),
    ];
    InvoiceStatus::ALL
        .into_iter()
        .zip(labels)
        .map(|(status, label)| StatusOption {
            key: status.as_str(),
            label,
        })
        .collect()
}

/// The URL's `status` keys that are invoice statuses.
fn invoice_status_key(key: &str) -> Option<&'static str> {
    InvoiceStatus::parse(key).map(|status| status.as_str())
}

/// What the API is asked for a filter (sort and page aside): the text
/// searches the reference, amounts bound the amount incl. tax.
pub fn filter_query(filter: &Filter) -> InvoiceQuery {
    InvoiceQuery {
        reference: (!filter.text.is_empty()).then(|| filter.text.clone()),
        from: filter.from,
        to: filter.to,
        status: filter
            .statuses
            .iter()
            .filter_map(|key| InvoiceStatus::parse(key))
            .collect(),
        min_amount: filter.min_amount,
        max_amount: filter.max_amount,
        ..InvoiceQuery::default()
    }
}

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let page = page_from_query();
    let sort = newest_first();
    let query = use_query_map();
    // The URL is the filter in force; the bar's value follows it both ways.
    let applied = Memo::new(move |_| {
        query.with(|q| Filter::from_query(|key| q.get_str(key), invoice_status_key))
    });
    let value = RwSignal::new(applied.get_untracked());
    let navigate = use_navigate();
    // Applied in the bar: a new URL (a history entry, so Back undoes it), page 1.
    Effect::new(move |_| {
        let wanted = value.get();
        if wanted != applied.get_untracked() {
            let query = wanted.to_query();
            let separator = if query.is_empty() { "" } else { "?" };
            let options = NavigateOptions {
                // The customer is at the bar: leave the page where it is.
                scroll: false,
                ..NavigateOptions::default()
            };
            navigate(
                &format!("{}{separator}{query}", crate::routes::INVOICES),
                options,
            );
        }
    });
    // A new URL (Back, Forward): the bar shows its filter.
    Effect::new(move |_| {
        let current = applied.get();
        if value.with_untracked(|v| *v != current) {
            value.set(current);
        }
    });
    let invoices = api_resource(move |cancel| {
        let query = InvoiceQuery {
            sort: Some(api_sort(sort.get())),
            page: Some(page.get()),
            page_size: Some(PAGE_SIZE),
            ..applied.with(filter_query)
        };
        api.invoices(&query, cancel)
    });
    let no_match = NoMatch {
        filtered: Signal::derive(move || applied.with(Filter::is_active)),
        message: |l| td_string!(l, invoices.no_match),
        clear: Callback::new(move |_| value.set(Filter::default())),
    };
    let count = CountLabel {
        one: |l, count| td_string!(l, invoices.count.one, count).to_string(),
        other: |l, count| td_string!(l, invoices.count.other, count).to_string(),
    };
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), invoices.title).to_owned())>
            <FilterBar value statuses=invoice_status_options() amounts=true
                search_label=|l| td_string!(l, invoices.reference) />
            <PagedTable resource=invoices columns=|| invoice_columns(true) sort count no_match
                caption=|l| td_string!(l, invoices.caption) empty=|l| td_string!(l, invoices.empty)
                testid="invoices-table" />
        </Page>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn a_filter_becomes_the_api_query() {
        let filter = Filter::from_query(
            |key| match key {
                "q" => Some("FA-2026"),
                "from" => Some("2026-01-01"),
                "status" => Some("overdue,unknown,paid"),
                "min" => Some("10,50"),
                _ => None,
            },
            invoice_status_key,
        );
        let query = filter_query(&filter);
        assert_eq!(query.reference.as_deref(), Some("FA-2026"));
        assert_eq!(query.from, "2026-01-01".parse().ok());
        assert_eq!(query.to, None);
        assert_eq!(
            query.status,
            vec![InvoiceStatus::Overdue, InvoiceStatus::Paid]
        );
        assert_eq!(query.min_amount, Some(Decimal::new(1050, 2)));
        assert_eq!(
            query.to_query_string(),
            "reference=FA-2026&from=2026-01-01&status=overdue%2Cpaid&minAmount=10.50"
        );
    }

    #[test]
    fn no_filter_asks_for_everything() {
        assert_eq!(filter_query(&Filter::default()), InvoiceQuery::default());
    }

    #[test]
    fn every_status_is_offered_under_its_own_name() {
        let options = invoice_status_options();
        let keys: Vec<_> = options.iter().map(|o| o.key).collect();
        assert_eq!(keys, ["paid", "unpaid", "overdue"]);
        for option in options {
            let status = InvoiceStatus::parse(option.key).unwrap();
            assert_eq!(
                (option.label)(Locale::en),
                invoice_status_label(Locale::en, status)
            );
        }
    }
}
