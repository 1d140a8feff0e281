//! The invoices list, page by page. The balance due shows in red when
//! something is left to pay, as in the customer's OVHcloud habits. Sorting
//! and filtering are done by the API, so they cover every page, not just this
//! one. The filter, the sort and the page live in the URL
//! (`?q=…&order=…&sort=-balanceDue&page=2`): a reload or a shared link comes
//! back to the same list.
//!
//! Above the table: what the filter matches (balance due, unpaid, overdue,
//! per currency), then the selection and the `Actions de masse`.

use super::bulk::BulkActions;
use super::pay::{InvoicePayments, PayScope};
use super::selection::{InvoiceSelection, SelectionBar};
use super::summary::FilterSummary;
use crate::api::models::query::{InvoiceQuery, Sort};
use crate::api::models::{InvoiceStatus, InvoiceSummary, Page as ListPage};
use crate::api::{Api, Progress, api_resource, use_api};
use crate::components::{
    ActionMenu, Button, Column, CountLabel, DataTable, DateText, Filter, FilterBar,
    InvoiceStatusBadge, Label, MenuItem, MoneyText, Page, Pagination, StatusOption, TableSort,
    TableState, invoice_status_label, page_from_query,
};
use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

const PAGE_SIZE: u32 = 25;

/// The sortable columns, by their API sort field (also their `data-column`).
pub const SORT_KEYS: [&str; 7] = [
    "reference",
    "orderId",
    "date",
    "totalExclTax",
    "totalInclTax",
    "balanceDue",
    "status",
];

/// The list's order when the customer has not chosen: newest first.
pub const DEFAULT_SORT: TableSort = TableSort {
    key: "date",
    ascending: false,
};

/// The sort in `?sort=` (`balanceDue`, `-date`…); the default for anything
/// else, since a URL can be typed by anyone.
pub fn sort_from_query(text: Option<&str>) -> TableSort {
    text.and_then(Sort::parse)
        .and_then(|sort| {
            SORT_KEYS
                .into_iter()
                .find(|key| *key == sort.field)
                .map(|key| TableSort {
                    key,
                    ascending: !sort.descending,
                })
        })
        .unwrap_or(DEFAULT_SORT)
}

/// `sort=-balanceDue` for the URL; nothing for the default order, so the
/// plain list keeps its plain address.
pub fn sort_to_query(sort: TableSort) -> Option<String> {
    (sort != DEFAULT_SORT).then(|| {
        let sign = if sort.ascending { "" } else { "-" };
        format!("sort={sign}{}", sort.key)
    })
}

/// The list's address for a filter and a sort (page 1: a new filter or a
/// new order starts at the top).
pub fn list_url(filter: &Filter, sort: TableSort) -> String {
    let query: Vec<String> = [Some(filter.to_query()), sort_to_query(sort)]
        .into_iter()
        .flatten()
        .filter(|part| !part.is_empty())
        .collect();
    if query.is_empty() {
        crate::routes::INVOICES.to_owned()
    } else {
        format!("{}?{}", crate::routes::INVOICES, query.join("&"))
    }
}

/// The columns of an invoices table. `sortable`: the API sorts, on every
/// column.
pub fn invoice_columns(sortable: bool) -> Vec<Column<InvoiceSummary>> {
    let sort = |column: Column<InvoiceSummary>| if sortable { column.sortable() } else { column };
    vec![
        sort(Column::new("reference", |l| td_string!(l, invoices.reference), |i: &InvoiceSummary| {
            view! { <a href=crate::routes::invoice(&i.id)>{i.reference.clone()}</a> }
        })
            .row_header()),
        sort(Column::new("orderId", |l| td_string!(l, invoices.order), |i: &InvoiceSummary| i.order_id.clone())),
        sort(Column::new("date", |l| td_string!(l, invoices.date), |i: &InvoiceSummary| view! { <DateText instant=i.date /> })),
        sort(
            Column::new("totalExclTax", |l| td_string!(l, invoices.amount_excl_tax), |i: &InvoiceSummary| {
                view! { <MoneyText money=i.total_excl_tax.clone() /> }
            })
            .numeric()
            // On a phone card, TTC and the balance come first and large.
            .card(crate::components::CardRole::Secondary),
        ),
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
        sort(Column::new("status", |l| td_string!(l, invoices.status), |i: &InvoiceSummary| {
            view! { <InvoiceStatusBadge status=i.status /> }
        })),
    ]
}

/// The `...` of a row: the HTML version in a new tab, the PDF version, and
/// paying this invoice when it has a balance due.
fn row_actions_column(api: Api, pay: Option<Callback<InvoiceSummary>>) -> Column<InvoiceSummary> {
    Column::new(
        "actions",
        |l| td_string!(l, invoice_actions.row_menu),
        move |invoice: &InvoiceSummary| {
            let html = api.invoice_rendition_url(&invoice.id, false);
            let pdf = api.invoice_rendition_url(&invoice.id, true);
            let mut items = vec![
                MenuItem::new(
                    |l| td_string!(l, invoices.view_html),
                    move || open_in_new_tab(&html),
                ),
                MenuItem::new(
                    |l| td_string!(l, invoices.view_pdf),
                    move || open_in_new_tab(&pdf),
                ),
            ];
            if let Some(pay) =
                pay.filter(|_| invoice.balance_due.amount > rust_decimal::Decimal::ZERO)
            {
                let invoice = invoice.clone();
                items.push(MenuItem::new(
                    |l| td_string!(l, invoice_actions.pay_now),
                    move || pay.run(invoice.clone()),
                ));
            }
            view! { <ActionMenu label=|l| td_string!(l, invoice_actions.row_menu) items class="action-menu__button--dots" /> }
        },
    )
}

/// Opens a document in a new tab (the menu item is the customer's click, so
/// no pop-up blocker objects). `noopener`: the document cannot reach back.
fn open_in_new_tab(url: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.open_with_url_and_target_and_features(url, "_blank", "noopener");
    }
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
/// searches the reference, the order field the order number, amounts bound
/// the amount incl. tax.
pub fn filter_query(filter: &Filter) -> InvoiceQuery {
    InvoiceQuery {
        reference: (!filter.text.is_empty()).then(|| filter.text.clone()),
        order_id: (!filter.order.is_empty()).then(|| filter.order.clone()),
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

/// The API's sort for the table's.
pub fn api_sort(sort: TableSort) -> Sort {
    if sort.ascending {
        Sort::asc(sort.key)
    } else {
        Sort::desc(sort.key)
    }
}

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let page = page_from_query();
    let query = use_query_map();
    // The URL is the filter and the sort in force; the bar and the headers
    // follow it both ways.
    let applied = Memo::new(move |_| {
        query.with(|q| Filter::from_query(|key| q.get_str(key), invoice_status_key))
    });
    let applied_sort = Memo::new(move |_| query.with(|q| sort_from_query(q.get_str("sort"))));
    let value = RwSignal::new(applied.get_untracked());
    let sort = RwSignal::new(Some(applied_sort.get_untracked()));
    let navigate = use_navigate();
    // Applied in the bar or a header clicked: a new URL (a history entry, so
    // Back undoes it), page 1.
    Effect::new(move |_| {
        let wanted = value.get();
        let wanted_sort = sort.get().unwrap_or(DEFAULT_SORT);
        if wanted != applied.get_untracked() || wanted_sort != applied_sort.get_untracked() {
            let options = NavigateOptions {
                // The customer is at the bar or the header: leave the page where it is.
                scroll: false,
                ..NavigateOptions::default()
            };
            navigate(&list_url(&wanted, wanted_sort), options);
        }
    });
    // A new URL (Back, Forward): the bar and the headers show it.
    Effect::new(move |_| {
        let current = applied.get();
        if value.with_untracked(|v| *v != current) {
            value.set(current);
        }
        let current_sort = Some(applied_sort.get());
        if sort.get_untracked() != current_sort {
            sort.set(current_sort);
        }
    });

    let selection = InvoiceSelection::new();
    // A new filter clears the selection, and says so.
    let cleared_notice = RwSignal::new(false);
    Effect::new(move |previous: Option<Filter>| {
        let current = applied.get();
        if previous.is_some_and(|p| p != current) && selection.is_active_untracked() {
            selection.clear();
            cleared_notice.set(true);
        }
        current
    });
    // A new selection makes the note old news.
    Effect::new(move |_| {
        if selection.ids.with(|ids| !ids.is_empty()) && cleared_notice.get_untracked() {
            cleared_notice.set(false);
        }
    });

    // A backend that reads invoices one by one shows the rows read so far
    // (with how many of how many) until the whole answer is in; each new
    // query forgets the previous one's.
    let arriving = RwSignal::new(None::<(ListPage<InvoiceSummary>, Progress)>);
    let asked = StoredValue::new(0_u64);
    let invoices = api_resource({
        let api = api.clone();
        move |cancel| {
            let query = InvoiceQuery {
                sort: Some(api_sort(applied_sort.get())),
                page: Some(page.get()),
                page_size: Some(PAGE_SIZE),
                ..applied.with(filter_query)
            };
            let this_ask = asked.get_value() + 1;
            asked.set_value(this_ask);
            arriving.set(None);
            let arrival =
                std::rc::Rc::new(move |page: ListPage<InvoiceSummary>, progress: Progress| {
                    if asked.try_get_value() == Some(this_ask) {
                        arriving.try_set(Some((page, progress)));
                    }
                });
            api.invoices_as_they_arrive(&query, cancel, arrival)
        }
    });
    let totals = api_resource({
        let api = api.clone();
        move |cancel| api.invoice_totals(&applied.with(filter_query), cancel)
    });
    // The rows on screen: the selection remembers the ones it holds, and
    // "all matching" ticks every page as it is shown.
    let rows = Memo::new(move |_| match invoices.get() {
        Some(Ok(page)) => page.items,
        _ => Vec::new(),
    });
    Effect::new(move |_| rows.with(|rows| selection.see(rows)));

    let clear_filter = Callback::new(move |_| value.set(Filter::default()));
    let count = CountLabel {
        one: |l, count| td_string!(l, invoices.count.one, count).to_string(),
        other: |l, count| td_string!(l, invoices.count.other, count).to_string(),
    };
    // Paying: the bulk menu and the rows ask, `InvoicePayments` works out
    // what will be paid and opens the checkout.
    let pay_request = RwSignal::new(None::<PayScope>);
    let pay = Some(Callback::new(move |invoice: InvoiceSummary| {
        pay_request.set(Some(PayScope::One(invoice)));
    }));
    let paid = Callback::new(move |_| {
        selection.clear();
        invoices.refetch();
        totals.refetch();
    });
    let columns = {
        let api = api.clone();
        move || {
            let mut columns = invoice_columns(true);
            columns.push(row_actions_column(api.clone(), pay));
            columns
        }
    };
    let caption: Label = |l| td_string!(l, invoices.caption);
    let table = move || {
        match invoices.get() {
        None => match arriving.get() {
            None => view! {
                <DataTable columns=columns() rows=Vec::new() caption sort state=TableState::Loading />
            }
            .into_any(),
            Some((ListPage { items, .. }, progress)) => view! {
                <p class="list-summary" role="status" data-testid="invoices-arriving">
                    {move || arriving_text(i18n.get_locale(), progress)}
                </p>
                <DataTable columns=columns() rows=items caption sort
                    selection=selection.ids row_id=|i: &InvoiceSummary| i.id.clone()
                    testid="invoices-table" />
            }
            .into_any(),
        },
        Some(Err(error)) => view! {
            <DataTable columns=columns() rows=Vec::new() caption sort
                state=TableState::Failed(error, Callback::new(move |_| invoices.refetch())) />
        }
        .into_any(),
        Some(Ok(ListPage { items, page, page_size, total })) => {
            let filtered = applied.with_untracked(Filter::is_active);
            let empty: Label = if filtered {
                |l| td_string!(l, invoices.no_match)
            } else {
                |l| td_string!(l, invoices.empty)
            };
            let empty_action = filtered.then(|| {
                ViewFn::from(move || {
                    view! {
                        <Button on_click=clear_filter>{t!(i18n, filters.reset)}</Button>
                    }
                })
            });
            view! {
                <p class="list-summary">{move || count_text(count, i18n.get_locale(), total)}</p>
                <SelectionBar selection totals page_rows=rows page_total=total />
                <DataTable columns=columns() rows=items caption sort empty empty_action
                    selection=selection.ids row_id=|i: &InvoiceSummary| i.id.clone()
                    testid="invoices-table" />
                <Pagination page page_size total />
            }
            .into_any()
        }
    }
    };
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), invoices.title).to_owned())>
            <FilterBar value statuses=invoice_status_options() amounts=true
                search_label=|l| td_string!(l, invoices.reference)
                order_label=|l| td_string!(l, invoice_actions.filter_order) />
            <FilterSummary totals />
            <p class="list-note" role="status" data-testid="selection-cleared">
                {move || cleared_notice.get().then(|| td_string!(i18n.get_locale(), invoice_actions.selection_cleared))}
            </p>
            <BulkActions selection filter=applied sort=applied_sort
                pay=Callback::new(move |scope| pay_request.set(Some(scope))) />
            <InvoicePayments request=pay_request selection filter=applied on_paid=paid />
            {table}
        </Page>
    }
}

/// "Chargement : 120 factures sur 1 000…".
fn arriving_text(locale: Locale, progress: Progress) -> String {
    let loaded = crate::format::format_count(progress.loaded as u64, locale);
    let total = crate::format::format_count(progress.total as u64, locale);
    td_string!(
        locale,
        invoices_arriving.progress,
        loaded = loaded.as_str(),
        total = total.as_str()
    )
    .to_string()
}

fn count_text(count: CountLabel, locale: Locale, total: u64) -> String {
    let formatted = crate::format::format_count(total, locale);
    match crate::format::plural_category(locale, total) {
        crate::format::PluralCategory::One => (count.one)(locale, &formatted),
        crate::format::PluralCategory::Other => (count.other)(locale, &formatted),
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
                "order" => Some("2001"),
                "from" => Some("2026-01-01"),
                "status" => Some("overdue,unknown,paid"),
                "min" => Some("10,50"),
                _ => None,
            },
            invoice_status_key,
        );
        let query = filter_query(&filter);
        assert_eq!(query.reference.as_deref(), Some("FA-2026"));
        assert_eq!(query.order_id.as_deref(), Some("2001"));
        assert_eq!(query.from, "2026-01-01".parse().ok());
        assert_eq!(query.to, None);
        assert_eq!(
            query.status,
            vec![InvoiceStatus::Overdue, InvoiceStatus::Paid]
        );
        assert_eq!(query.min_amount, Some(Decimal::new(1050, 2)));
        assert_eq!(
            query.to_query_string(),
            "reference=FA-2026&orderId=2001&from=2026-01-01&status=overdue%2Cpaid&minAmount=10.50"
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

    #[test]
    fn every_column_sorts_and_the_sort_survives_its_url() {
        for key in SORT_KEYS {
            for ascending in [true, false] {
                let sort = TableSort { key, ascending };
                let url = sort_to_query(sort);
                let text = url.as_deref().map(|q| q.trim_start_matches("sort="));
                assert_eq!(sort_from_query(text), sort, "{key} {ascending}");
                assert_eq!(api_sort(sort).to_string(), text.unwrap_or("-date"));
            }
        }
        // The default order keeps a plain address; nonsense falls back to it.
        assert_eq!(sort_to_query(DEFAULT_SORT), None);
        assert_eq!(sort_from_query(Some("-password")), DEFAULT_SORT);
        assert_eq!(sort_from_query(Some("")), DEFAULT_SORT);
        assert_eq!(sort_from_query(None), DEFAULT_SORT);
    }

    #[test]
    fn the_url_carries_the_filter_and_the_sort() {
        let filter = Filter {
            text: "FR".into(),
            order: "2001".into(),
            ..Filter::default()
        };
        let sort = TableSort {
            key: "balanceDue",
            ascending: false,
        };
        assert_eq!(
            list_url(&filter, sort),
            "/invoices?q=FR&order=2001&sort=-balanceDue"
        );
        assert_eq!(list_url(&Filter::default(), DEFAULT_SORT), "/invoices");
        assert_eq!(
            list_url(
                &Filter::default(),
                TableSort {
                    key: "status",
                    ascending: true
                }
            ),
            "/invoices?sort=status"
        );
    }
}
