//! "Mes commandes": the orders, newest first, page by page, found by number,
//! status and creation date, sorted by any column. Everything the customer
//! chose lives in the URL (`?q=…&status=…&from=…&to=…&expired=shown&sort=…&page=…`),
//! so a reload, Back and a shared link show the same rows. Sorting and
//! filtering are done by the API, so they cover every page, not just this one.
//!
//! Expired orders are hidden by default, as in the customer's OVHcloud
//! habits ("les bons de commande expirés n'apparaîtront plus"); a toggle
//! shows them.

use super::actions::{OrderRowActions, tracking_path};
use super::status::OrderStatusInfo;
use crate::api::models::query::{OrderQuery, Sort};
use crate::api::models::{OrderStatus, OrderSummary};
use crate::api::{api_resource, use_api};
use crate::components::{
    Column, CountLabel, DataTable, DateText, Filter, FilterBar, MoneyText, NoMatch, Page,
    PagedTable, StatusOption, TableSort, api_sort, order_status_label, page_from_query,
};
use crate::i18n::*;
use crate::routes;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};

const PAGE_SIZE: u32 = 25;

/// The columns the API can sort by, as the URL and the table name them.
pub const SORT_KEYS: [&str; 4] = ["date", "id", "status", "totalInclTax"];

/// `?expired=shown`: expired orders are listed too.
const EXPIRED_PARAM: &str = "expired";
const EXPIRED_SHOWN: &str = "shown";

/// The columns of an orders table; `sortable` lets the API sort by each one.
pub fn order_columns(sortable: bool) -> Vec<Column<OrderSummary>> {
    let sort = |column: Column<OrderSummary>| if sortable { column.sortable() } else { column };
    vec![
        sort(Column::new(
            "date",
            |l| td_string!(l, orders.date),
            |o: &OrderSummary| view! { <DateText instant=o.date /> },
        )),
        sort(
            Column::new(
                "id",
                |l| td_string!(l, orders.number),
                |o: &OrderSummary| view! { <a href=crate::routes::order(&o.id)>{o.id.clone()}</a> },
            )
            .row_header(),
        ),
        sort(Column::new(
            "status",
            |l| td_string!(l, orders.status),
            |o: &OrderSummary| {
                view! { <OrderStatusInfo status=o.status expires=o.expiration_date /> }
            },
        )),
        sort(
            Column::new(
                "totalInclTax",
                |l| td_string!(l, orders.amount_incl_tax),
                |o: &OrderSummary| {
                    view! { <MoneyText money=o.total_incl_tax.clone() /> }
                },
            )
            .numeric(),
        ),
    ]
}

/// The list page's columns: the sortable ones and each row's actions.
fn page_columns() -> Vec<Column<OrderSummary>> {
    let mut columns = order_columns(true);
    columns.push(Column::new(
        "actions",
        |l| td_string!(l, actions.label),
        |o: &OrderSummary| view! { <OrderRowActions order=o.clone() /> },
    ));
    columns
}

/// A plain orders table (the dashboard's latest orders), each row with a
/// way to its tracking.
#[component]
pub fn OrdersTable(
    orders: Vec<OrderSummary>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let mut columns = order_columns(false);
    columns.push(Column::new(
        "tracking",
        |l| td_string!(l, orders.follow_up),
        |o: &OrderSummary| {
            let i18n = use_i18n();
            view! {
                <a href=routes::href(&tracking_path(&o.id)) data-testid="order-tracking-link">
                    {t!(i18n, actions.follow_up)}
                </a>
            }
        },
    ));
    view! {
        <DataTable columns rows=orders caption=|l| td_string!(l, orders.caption)
            empty=|l| td_string!(l, dashboard.no_orders) testid=testid.unwrap_or("orders-table") />
    }
}

/// The statuses offered in the filter: all but "expired", which has its own toggle.
pub fn order_status_options() -> Vec<StatusOption> {
    let labels: [fn(Locale) -> &'static str; 7] = [
        |l| order_status_label(l, OrderStatus::NotPaid),
        |l| order_status_label(l, OrderStatus::Checking),
        |l| order_status_label(l, OrderStatus::DocumentsRequested),
        |l| order_status_label(l, OrderStatus::Delivering),
        |l| order_status_label(l, OrderStatus::Delivered),
        |l| order_status_label(l, OrderStatus::Cancelling),
        |l| order_status_label(l, OrderStatus::Cancelled),
    ];
    OrderStatus::ALL
        .into_iter()
        .filter(|s| *s != OrderStatus::Expired)
        .zip(labels)
        .map(|(status, label)| StatusOption {
            key: status.as_str(),
            label,
        })
        .collect()
}

/// The URL's `status` keys that the filter offers.
fn order_status_key(key: &str) -> Option<&'static str> {
    OrderStatus::parse(key)
        .filter(|s| *s != OrderStatus::Expired)
        .map(|status| status.as_str())
}

/// Everything the list shows, as read from and written to the URL.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListState {
    pub filter: Filter,
    pub show_expired: bool,
    /// `None`: newest first.
    pub sort: Option<TableSort>,
}

impl ListState {
    pub fn from_query<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Self {
        let sort = get("sort").and_then(Sort::parse).and_then(|sort| {
            SORT_KEYS
                .into_iter()
                .find(|key| *key == sort.field)
                .map(|key| TableSort {
                    key,
                    ascending: !sort.descending,
                })
        });
        ListState {
            filter: Filter::from_query(&get, order_status_key),
            show_expired: get(EXPIRED_PARAM) == Some(EXPIRED_SHOWN),
            // Newest first is the default: the same rows whether or not the URL says so.
            sort: sort.filter(|s| s.key != "date" || s.ascending),
        }
    }

    /// The URL query (no `?`, no page: a new choice starts on page 1).
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        let filter = self.filter.to_query();
        if !filter.is_empty() {
            parts.push(filter);
        }
        if self.show_expired {
            parts.push(format!("{EXPIRED_PARAM}={EXPIRED_SHOWN}"));
        }
        if let Some(sort) = self.sort {
            parts.push(format!("sort={}", api_sort(Some(sort))));
        }
        parts.join("&")
    }

    /// What the API is asked (page aside).
    pub fn api_query(&self) -> OrderQuery {
        let mut status: Vec<OrderStatus> = self
            .filter
            .statuses
            .iter()
            .filter_map(|key| OrderStatus::parse(key))
            .collect();
        if status.is_empty() {
            if !self.show_expired {
                status = OrderStatus::ALL
                    .into_iter()
                    .filter(|s| *s != OrderStatus::Expired)
                    .collect();
            }
        } else if self.show_expired {
            status.push(OrderStatus::Expired);
        }
        let text = self.filter.text.trim();
        OrderQuery {
            id: (!text.is_empty()).then(|| text.to_owned()),
            status,
            from: self.filter.from,
            to: self.filter.to,
            sort: Some(api_sort(self.sort)),
            ..OrderQuery::default()
        }
    }
}

#[component]
pub fn OrdersPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let page = page_from_query();
    let query = use_query_map();
    // The URL is the state in force; the bar, the toggle and the headers follow it both ways.
    let applied = Memo::new(move |_| query.with(|q| ListState::from_query(|key| q.get_str(key))));
    let start = applied.get_untracked();
    let filter = RwSignal::new(start.filter.clone());
    let show_expired = RwSignal::new(start.show_expired);
    let sort = RwSignal::new(Some(start.sort.unwrap_or(TableSort {
        key: "date",
        ascending: false,
    })));
    let navigate = use_navigate();
    // A choice made on the page: a new URL (a history entry, so Back undoes it), page 1.
    Effect::new(move |_| {
        let wanted = ListState {
            filter: filter.get(),
            show_expired: show_expired.get(),
            sort: sort.get().filter(|s| s.key != "date" || s.ascending),
        };
        if wanted != applied.get_untracked() {
            let query = wanted.to_query();
            let separator = if query.is_empty() { "" } else { "?" };
            let options = NavigateOptions {
                scroll: false,
                ..NavigateOptions::default()
            };
            navigate(&format!("{}{separator}{query}", routes::ORDERS), options);
        }
    });
    // A new URL (Back, Forward, a link): the page shows its state.
    Effect::new(move |_| {
        let current = applied.get();
        if filter.with_untracked(|f| *f != current.filter) {
            filter.set(current.filter.clone());
        }
        if show_expired.get_untracked() != current.show_expired {
            show_expired.set(current.show_expired);
        }
        let wanted_sort = Some(current.sort.unwrap_or(TableSort {
            key: "date",
            ascending: false,
        }));
        if sort.get_untracked() != wanted_sort {
            sort.set(wanted_sort);
        }
    });
    let orders = api_resource(move |cancel| {
        let query = OrderQuery {
            page: Some(page.get()),
            page_size: Some(PAGE_SIZE),
            ..applied.with(ListState::api_query)
        };
        api.orders(&query, cancel)
    });
    let no_match = NoMatch {
        filtered: Signal::derive(move || applied.with(|s| s.filter.is_active())),
        message: |l| td_string!(l, orders_list.no_match),
        clear: Callback::new(move |_| filter.set(Filter::default())),
    };
    let count = CountLabel {
        one: |l, count| td_string!(l, orders.count.one, count).to_string(),
        other: |l, count| td_string!(l, orders.count.other, count).to_string(),
    };
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), orders.title).to_owned())>
            <FilterBar value=filter statuses=order_status_options()
                search_label=|l| td_string!(l, orders.number) />
            <label class="checkbox-field orders__expired">
                <input type="checkbox" class="checkbox" data-testid="show-expired"
                    prop:checked=move || show_expired.get()
                    on:change=move |event| show_expired.set(event_target_checked(&event)) />
                <span>{t!(i18n, orders_list.show_expired)}</span>
            </label>
            <PagedTable resource=orders columns=page_columns sort count no_match
                caption=|l| td_string!(l, orders.caption) empty=|l| td_string!(l, orders.empty)
                testid="orders-table" />
        </Page>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(pairs: &[(&str, &str)]) -> ListState {
        ListState::from_query(|key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v))
    }

    #[test]
    fn the_url_round_trips() {
        let read = state(&[
            ("q", "2120"),
            ("status", "notPaid,checking,expired,bogus"),
            ("from", "2026-01-01"),
            ("to", "2026-03-31"),
            ("expired", "shown"),
            ("sort", "-totalInclTax"),
        ]);
        assert_eq!(read.filter.statuses, ["notPaid", "checking"]);
        assert!(read.show_expired);
        assert_eq!(
            read.sort,
            Some(TableSort {
                key: "totalInclTax",
                ascending: false
            })
        );
        let query = read.to_query();
        assert_eq!(
            query,
            "q=2120&from=2026-01-01&to=2026-03-31&status=notPaid,checking&expired=shown&sort=-totalInclTax"
        );
        let pairs: Vec<(&str, &str)> = query
            .split('&')
            .map(|p| p.split_once('=').unwrap())
            .collect();
        assert_eq!(state(&pairs), read);
    }

    #[test]
    fn expired_orders_are_left_out_unless_shown() {
        let hidden = state(&[]).api_query();
        assert_eq!(hidden.status.len(), 7);
        assert!(!hidden.status.contains(&OrderStatus::Expired));
        assert_eq!(hidden.sort, Some(Sort::desc("date")));
        assert!(state(&[("expired", "shown")]).api_query().status.is_empty());
        let chosen = state(&[("status", "delivered"), ("expired", "shown")]).api_query();
        assert_eq!(
            chosen.status,
            [OrderStatus::Delivered, OrderStatus::Expired]
        );
        let searched = state(&[("q", " 2120 "), ("sort", "id")]).api_query();
        assert_eq!(searched.id.as_deref(), Some("2120"));
        assert_eq!(searched.sort, Some(Sort::asc("id")));
    }

    #[test]
    fn unknown_or_default_sorts_read_as_newest_first() {
        assert_eq!(state(&[("sort", "-date")]).sort, None);
        assert_eq!(state(&[("sort", "bogus")]).sort, None);
        assert_eq!(state(&[("sort", "<script>")]).sort, None);
    }
}
