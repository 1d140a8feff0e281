//! A list the API sorts and pages (orders, invoices, payments): an optional
//! count ("1 234 factures"), the table with its own loading and error states,
//! and the pagination. The pages only say what to load and how to show a row.

use super::{Button, Column, DataTable, Label, Pagination, TableSort, TableState};
use crate::api::ApiResource;
use crate::api::models::Page;
use crate::api::models::query::Sort;
use crate::format::{PluralCategory, format_count, plural_category};
use crate::i18n::*;
use leptos::prelude::*;

/// The API's sort for a table's: the column key, `-key` when descending;
/// newest first when the customer has not chosen.
pub fn api_sort(sort: Option<TableSort>) -> Sort {
    match sort {
        Some(TableSort {
            key,
            ascending: true,
        }) => Sort::asc(key),
        Some(TableSort {
            key,
            ascending: false,
        }) => Sort::desc(key),
        None => Sort::desc("date"),
    }
}

/// A table's initial sort: newest first, as the API does by default.
pub fn newest_first() -> RwSignal<Option<TableSort>> {
    RwSignal::new(Some(TableSort {
        key: "date",
        ascending: false,
    }))
}

/// "1 facture" / "2 factures": the two forms, each given the formatted count.
#[derive(Clone, Copy)]
pub struct CountLabel {
    pub one: fn(Locale, &str) -> String,
    pub other: fn(Locale, &str) -> String,
}

impl CountLabel {
    fn text(self, locale: Locale, total: u64) -> String {
        let count = format_count(total, locale);
        match plural_category(locale, total) {
            PluralCategory::One => (self.one)(locale, &count),
            PluralCategory::Other => (self.other)(locale, &count),
        }
    }
}

/// A list the customer can filter: when the filters leave nothing, the table
/// says so (rather than "nothing yet") and offers to clear them.
#[derive(Clone, Copy)]
pub struct NoMatch {
    /// Whether a filter is in force.
    pub filtered: Signal<bool>,
    pub message: Label,
    pub clear: Callback<()>,
}

#[component]
pub fn PagedTable<T>(
    resource: ApiResource<Page<T>>,
    columns: fn() -> Vec<Column<T>>,
    sort: RwSignal<Option<TableSort>>,
    caption: Label,
    empty: Label,
    testid: &'static str,
    #[prop(optional)] count: Option<CountLabel>,
    #[prop(optional)] no_match: Option<NoMatch>,
    /// A checkbox per row (see [`DataTable`]): the ids of the rows ticked.
    #[prop(optional)]
    selection: Option<RwSignal<std::collections::HashSet<String>>>,
    #[prop(optional)] row_id: Option<fn(&T) -> String>,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    // Keeps the summary line's height while loading, so the table does not jump.
    let placeholder =
        move || count.map(|_| view! { <p class="list-summary" aria-hidden="true">"\u{a0}"</p> });
    move || match resource.get() {
        None => view! {
            {placeholder()}
            <DataTable columns=columns() rows=Vec::new() caption sort state=TableState::Loading />
        }
        .into_any(),
        Some(Err(error)) => view! {
            {placeholder()}
            <DataTable columns=columns() rows=Vec::new() caption sort
                state=TableState::Failed(error, Callback::new(move |_| resource.refetch())) />
        }
        .into_any(),
        Some(Ok(result)) => {
            let total = result.total;
            // Untracked: this branch re-renders when the answer to the new
            // filter arrives, not as soon as the filter changes.
            let no_match = no_match.filter(|n| n.filtered.get_untracked());
            let empty = no_match.map_or(empty, |n| n.message);
            let empty_action = no_match.map(|n| {
                ViewFn::from(move || {
                    view! {
                        <Button on_click=n.clear>{t!(i18n, filters.reset)}</Button>
                    }
                })
            });
            view! {
                {count.map(|count| view! {
                    <p class="list-summary">{move || count.text(i18n.get_locale(), total)}</p>
                })}
                {match (selection, row_id) {
                    (Some(selection), Some(row_id)) => view! {
                        <DataTable columns=columns() rows=result.items caption sort empty empty_action testid
                            selection row_id />
                    }.into_any(),
                    _ => view! {
                        <DataTable columns=columns() rows=result.items caption sort empty empty_action testid />
                    }.into_any(),
                }}
                <Pagination page=result.page page_size=result.page_size total=result.total />
            }
            .into_any()
        }
    }
}
