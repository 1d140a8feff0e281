//! `Actions de masse`: pay the balance or the selection (see `super::pay`),
//! and export the selection or everything the filter matches, as CSV or
//! PDF, made in the browser.
//!
//! "Everything" is fetched page by page from the API with the list's filter
//! and sort, showing "page k of n" and a Cancel button; the file is written
//! in chunks with a pause for the browser between them, so the page never
//! freezes; and it is offered for download only once complete, so a failure
//! or a cancel part-way leaves no half-done file (and says so).

use super::export::{csv_row, csv_writer, export_file_name, pdf_document, pdf_page_label, pdf_row};
use super::list::{api_sort, filter_query};
use super::pay::PayScope;
use super::selection::InvoiceSelection;
use crate::api::models::InvoiceSummary;
use crate::api::models::query::InvoiceQuery;
use crate::api::use_api;
use crate::components::{ActionMenu, Filter, MenuItem, TableSort, error_message};
use crate::export::fetch::{EXPORT_PAGE_SIZE, ExportError, Progress, fetch_all, yield_now};
use crate::i18n::*;
use crate::session::CurrentCustomer;
use leptos::prelude::*;
use web_sys::AbortController;

/// Rows written between two pauses for the browser.
const ROWS_PER_CHUNK: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Pdf,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    Selection,
    Everything,
}

#[derive(Debug, Clone, PartialEq)]
enum ExportState {
    Idle,
    Fetching(Progress),
    Writing,
}

/// How the last export ended, for the live regions.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    Done(String),
    Empty,
    Cancelled,
    Failed(String),
}

#[component]
pub fn BulkActions(
    selection: InvoiceSelection,
    filter: Memo<Filter>,
    sort: Memo<TableSort>,
    /// Asks to pay the balance or the selection.
    pay: Callback<PayScope>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let customer = use_context::<CurrentCustomer>()
        .map(|CurrentCustomer(c)| c.name)
        .unwrap_or_default();
    let state = RwSignal::new(ExportState::Idle);
    let outcome = RwSignal::new(None::<Outcome>);
    let controller = StoredValue::new_local(None::<AbortController>);

    let run = Callback::new(move |(format, scope): (Format, Scope)| {
        if state.get_untracked() != ExportState::Idle {
            return;
        }
        let locale = i18n.get_locale_untracked();
        let Ok(abort) = AbortController::new() else {
            return;
        };
        let signal = abort.signal();
        controller.set_value(Some(abort));
        outcome.set(None);
        state.set(ExportState::Fetching(Progress { page: 1, pages: 1 }));
        let everything = scope == Scope::Everything || selection.all_matching.get_untracked();
        let picked = selection.picked();
        let base = InvoiceQuery {
            sort: Some(api_sort(sort.get_untracked())),
            page_size: Some(EXPORT_PAGE_SIZE),
            ..filter.with_untracked(filter_query)
        };
        let api = api.clone();
        let customer = customer.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let rows: Result<Vec<InvoiceSummary>, ExportError> = if everything {
                fetch_all(
                    |page, cancel| {
                        api.invoices(
                            &InvoiceQuery {
                                page: Some(page),
                                ..base.clone()
                            },
                            cancel,
                        )
                    },
                    &signal,
                    |progress| state.set(ExportState::Fetching(progress)),
                )
                .await
            } else {
                Ok(picked)
            };
            let result = match rows {
                Ok(rows) if rows.is_empty() => Err(Outcome::Empty),
                Ok(rows) => {
                    state.set(ExportState::Writing);
                    write_file(format, &rows, &customer, locale, &signal).await
                }
                Err(ExportError::Cancelled) => Err(Outcome::Cancelled),
                Err(ExportError::Api(error)) => Err(Outcome::Failed(error_message(locale, &error))),
            };
            outcome.set(Some(match result {
                Ok(name) => Outcome::Done(name),
                Err(outcome) => outcome,
            }));
            controller.set_value(None);
            state.set(ExportState::Idle);
        });
    });
    let cancel = move |_| {
        controller.with_value(|c| {
            if let Some(c) = c {
                c.abort();
            }
        });
    };

    let has_selection = Memo::new(move |_| {
        selection.all_matching.get() || selection.ids.with(|ids| !ids.is_empty())
    });
    let menu = move || {
        let mut items = vec![MenuItem::new(
            |l| td_string!(l, invoice_actions.pay_balance),
            move || pay.run(PayScope::Balance),
        )];
        if has_selection.get() {
            items.push(MenuItem::new(
                |l| td_string!(l, invoice_actions.pay_selection),
                move || pay.run(PayScope::Selection),
            ));
            items.push(MenuItem::new(
                |l| td_string!(l, invoice_actions.export_selection_csv),
                move || run.run((Format::Csv, Scope::Selection)),
            ));
            items.push(MenuItem::new(
                |l| td_string!(l, invoice_actions.export_selection_pdf),
                move || run.run((Format::Pdf, Scope::Selection)),
            ));
        }
        items.push(MenuItem::new(
            |l| td_string!(l, invoice_actions.export_all_csv),
            move || run.run((Format::Csv, Scope::Everything)),
        ));
        items.push(MenuItem::new(
            |l| td_string!(l, invoice_actions.export_all_pdf),
            move || run.run((Format::Pdf, Scope::Everything)),
        ));
        view! { <ActionMenu label=|l| td_string!(l, invoice_actions.bulk_menu) items /> }
    };

    let progress = move || match state.get() {
        ExportState::Idle => None,
        ExportState::Fetching(Progress { page, pages }) => Some(
            td_string!(
                i18n.get_locale(),
                invoice_actions.export_progress,
                page = page.to_string(),
                pages = pages.to_string()
            )
            .to_string(),
        ),
        ExportState::Writing => {
            Some(td_string!(i18n.get_locale(), invoice_actions.export_writing).to_string())
        }
    };
    let busy = move || state.get() != ExportState::Idle;
    let progress_value = move || match state.get() {
        ExportState::Fetching(Progress { page, .. }) => page.to_string(),
        ExportState::Writing => "1".to_owned(),
        ExportState::Idle => "0".to_owned(),
    };
    let progress_max = move || match state.get() {
        ExportState::Fetching(Progress { pages, .. }) => pages.to_string(),
        _ => "1".to_owned(),
    };
    let status = move || match outcome.get() {
        Some(Outcome::Done(name)) => Some(
            td_string!(
                i18n.get_locale(),
                invoice_actions.export_done,
                file = name.as_str()
            )
            .to_string(),
        ),
        Some(Outcome::Empty) => {
            Some(td_string!(i18n.get_locale(), invoice_actions.export_empty).to_string())
        }
        Some(Outcome::Cancelled) => {
            Some(td_string!(i18n.get_locale(), invoice_actions.export_cancelled).to_string())
        }
        _ => None,
    };
    let failure = move || match outcome.get() {
        Some(Outcome::Failed(message)) => Some(format!(
            "{} {message}",
            td_string!(i18n.get_locale(), invoice_actions.export_failed)
        )),
        _ => None,
    };

    view! {
        <div class="bulk-actions" data-testid="bulk-actions">
            {menu}
            {move || busy().then(|| view! {
                <div class="bulk-actions__progress" data-testid="export-progress">
                    <progress value=progress_value max=progress_max aria-hidden="true"></progress>
                    <span>{progress}</span>
                    <button type="button" class="button button--ghost" data-testid="export-cancel" on:click=cancel>
                        {move || td_string!(i18n.get_locale(), invoice_actions.export_cancel)}
                    </button>
                </div>
            })}
            <p class="bulk-actions__status" role="status" data-testid="export-status">{status}</p>
            <p class="bulk-actions__error" role="alert" data-testid="export-error">{failure}</p>
        </div>
    }
}

/// Writes the whole file, pausing for the browser between chunks of rows,
/// then offers it; `Ok` holds the file's name.
async fn write_file(
    format: Format,
    rows: &[InvoiceSummary],
    customer: &str,
    locale: Locale,
    cancel: &web_sys::AbortSignal,
) -> Result<String, Outcome> {
    let today = chrono::Local::now().date_naive();
    let (name, mime, bytes) = match format {
        Format::Csv => {
            let mut writer = csv_writer(locale);
            for chunk in rows.chunks(ROWS_PER_CHUNK) {
                for invoice in chunk {
                    writer.push_row(csv_row(invoice, locale));
                }
                yield_now().await;
                if cancel.aborted() {
                    return Err(Outcome::Cancelled);
                }
            }
            (
                export_file_name(locale, today, "csv"),
                crate::export::csv::MIME,
                writer.finish().into_bytes(),
            )
        }
        Format::Pdf => {
            let mut lines = Vec::with_capacity(rows.len());
            for chunk in rows.chunks(ROWS_PER_CHUNK) {
                lines.extend(chunk.iter().map(|invoice| pdf_row(invoice, locale)));
                yield_now().await;
                if cancel.aborted() {
                    return Err(Outcome::Cancelled);
                }
            }
            let document = pdf_document(rows, lines, customer, today, locale);
            // Laying out the pages is the costly part: a chunk at a time too.
            let mut layout = crate::export::pdf::PdfLayout::new(&document);
            loop {
                let more = layout.lay_out_rows(ROWS_PER_CHUNK);
                yield_now().await;
                if cancel.aborted() {
                    return Err(Outcome::Cancelled);
                }
                if !more {
                    break;
                }
            }
            let bytes = layout.finish(&pdf_page_label(locale));
            (
                export_file_name(locale, today, "pdf"),
                crate::export::pdf::MIME,
                bytes,
            )
        }
    };
    if cancel.aborted() {
        return Err(Outcome::Cancelled);
    }
    crate::export::download(&name, mime, &bytes)
        .map(|()| name)
        .map_err(Outcome::Failed)
}
