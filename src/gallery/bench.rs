//! The gallery's bench page (`_gallery/?bench=10000`): the design system's
//! DataTable fed many real invoices at once, with a filter box that filters in
//! the browser at every keystroke. `billing-e2e bench` times it; a designer can
//! open it too, signed in to the billing API.
//!
//! The rows come from the API (real references, amounts and dates, as many as
//! asked, 200 a request, one request after the other), then go to the table in
//! one `Vec`. The page says how long the requests took, so the time to first
//! rows can be split between the network and the table.

use crate::api::models::InvoiceSummary;
use crate::api::models::query::InvoiceQuery;
use crate::api::{Api, ApiResult, api_resource};
use crate::components::{DataTable, ErrorPanel, Label};
use crate::i18n::*;
use leptos::prelude::*;
use std::sync::Arc;

/// The API's largest page.
const PAGE_SIZE: u32 = 200;
/// More than this is not a table anyone scrolls; it would only exhaust the tab.
const MAX_ROWS: usize = 100_000;

/// How many rows `?bench=N` asks for; None when the URL asks for no bench.
pub fn bench_rows(search: &str) -> Option<usize> {
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("bench="))
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|n| (1..=MAX_ROWS).contains(n))
}

/// The first `wanted` invoices, newest first, page after page.
async fn fetch_invoices(
    api: Api,
    wanted: usize,
    cancel: web_sys::AbortSignal,
) -> ApiResult<Fetched> {
    let started = js_sys::Date::now();
    let mut rows = Vec::with_capacity(wanted);
    let mut page = 1;
    while rows.len() < wanted {
        let query = InvoiceQuery {
            page: Some(page),
            page_size: Some(PAGE_SIZE),
            ..InvoiceQuery::default()
        };
        let answer = api.invoices(&query, &cancel).await?;
        let last = answer.items.len() < PAGE_SIZE as usize;
        rows.extend(answer.items);
        if last {
            break;
        }
        page += 1;
    }
    rows.truncate(wanted);
    Ok(Fetched {
        // Lower-cased once, so a keystroke only compares.
        keys: rows.iter().map(|i| i.reference.to_lowercase()).collect(),
        rows,
        ms: js_sys::Date::now() - started,
    })
}

struct Fetched {
    rows: Vec<InvoiceSummary>,
    keys: Vec<String>,
    ms: f64,
}

#[component]
pub fn DataTableBench(api: Api, rows: usize) -> impl IntoView {
    let i18n = use_i18n();
    let fetched = api_resource(move |cancel| {
        let (api, cancel) = (api.clone(), cancel.clone());
        Box::pin(async move { fetch_invoices(api, rows, cancel).await.map(Arc::new) })
    });
    let text = RwSignal::new(String::new());
    let caption: Label = |l| td_string!(l, invoices.caption);
    let table = move || match fetched.get() {
        None => view! { <p role="status">{t!(i18n, gallery.bench_loading)}</p> }.into_any(),
        Some(Err(error)) => {
            view! { <ErrorPanel error retry=Callback::new(move |_| fetched.refetch()) /> }
                .into_any()
        }
        Some(Ok(fetched)) => {
            let needle = text.get().to_lowercase();
            // A new table per keystroke: DataTable takes its rows whole, as a
            // page hands them over, which is what this bench measures.
            let shown: Vec<InvoiceSummary> = fetched
                .rows
                .iter()
                .zip(&fetched.keys)
                .filter(|(_, key)| key.contains(&needle))
                .map(|(row, _)| row.clone())
                .collect();
            let (count, ms) = (fetched.rows.len(), format!("{:.0}", fetched.ms));
            let summary = {
                let ms = ms.clone();
                move || {
                    let locale = i18n.get_locale();
                    td_string!(
                        locale,
                        gallery.bench_fetched,
                        count = count,
                        ms = ms.as_str()
                    )
                    .to_string()
                }
            };
            view! {
                <p class="list-summary" data-testid="gallery-bench-fetched"
                    data-fetch-ms=ms>{summary}</p>
                <DataTable columns=super::local_invoice_columns() rows=shown caption
                    testid="gallery-bench-table" />
            }
            .into_any()
        }
    };
    view! {
        <section class="card gallery__section">
            <h2 class="card__title">{t!(i18n, gallery.bench_title)}</h2>
            <div class="field">
                <label class="field__label" for="gallery-bench-filter">{t!(i18n, gallery.bench_filter)}</label>
                <input class="field__input" type="search" id="gallery-bench-filter"
                    data-testid="gallery-bench-filter" autocomplete="off"
                    on:input=move |event| text.set(event_target_value(&event)) />
            </div>
            {table}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::bench_rows;

    #[test]
    fn only_a_sensible_count_opens_the_bench() {
        assert_eq!(bench_rows("?bench=10000"), Some(10_000));
        assert_eq!(bench_rows("?lang=fr&bench=100"), Some(100));
        assert_eq!(bench_rows(""), None);
        assert_eq!(bench_rows("?bench=0"), None);
        assert_eq!(bench_rows("?bench=lots"), None);
        assert_eq!(bench_rows("?bench=1000000"), None);
    }
}
