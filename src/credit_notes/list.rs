//! The credit notes list: reference, original invoice, date, amount, reason,
//! and the HTML and PDF versions; `?note=` narrows it to the one a payment
//! names.

use crate::api::models::CreditNote;
use crate::api::models::query::CreditNoteQuery;
use crate::api::{api_resource, use_api};
use crate::components::{
    Column, CountLabel, DateText, MoneyText, NoMatch, Page, PagedTable, TableSort, page_from_query,
};
use crate::i18n::*;
use crate::payments::PaymentsTabs;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

const PAGE_SIZE: u32 = 25;

/// The HTML · PDF links of a credit note, each naming it for screen readers.
fn documents(note: &CreditNote) -> AnyView {
    let i18n = use_i18n();
    let api = use_api();
    let reference = note.reference.clone();
    // Only URLs the rule accepts become links (see `crate::safe_url`).
    let html = note.html_url.as_deref().and_then(|url| api.rendition_url(url).ok()).map(|href| {
        let reference = reference.clone();
        view! {
            <a href=href target="_blank" rel="noopener noreferrer" data-testid="credit-note-html"
                aria-label=move || td_string!(i18n.get_locale(), credit_notes.html_of, reference = reference.as_str()).to_string()>
                {t!(i18n, credit_notes.view_html)}
            </a>
            " · "
        }
    });
    let pdf = match api.rendition_url(&note.pdf_url) {
        Ok(href) => view! {
            <a href=href target="_blank" rel="noopener noreferrer" data-testid="credit-note-pdf"
                aria-label=move || td_string!(i18n.get_locale(), credit_notes.pdf_of, reference = reference.as_str()).to_string()>
                {t!(i18n, credit_notes.view_pdf)}
            </a>
        }
        .into_any(),
        Err(_) => view! {
            <span>{move || {
                let locale = i18n.get_locale();
                td_string!(locale, safe_links.unavailable, document = td_string!(locale, safe_links.pdf_version)).to_string()
            }}</span>
        }
        .into_any(),
    };
    view! {
        {html}
        {pdf}
    }
    .into_any()
}

/// The columns of a credit notes table (the list, and an invoice's).
pub fn credit_note_columns() -> Vec<Column<CreditNote>> {
    vec![
        Column::new(
            "reference",
            |l| td_string!(l, credit_notes.reference),
            |n: &CreditNote| n.reference.clone(),
        )
        .row_header(),
        Column::new(
            "invoice",
            |l| td_string!(l, credit_notes.original_invoice),
            |n: &CreditNote| {
                view! {
                    <a href=routes::invoice(&n.original_invoice_id)>{n.original_invoice_reference.clone()}</a>
                }
            },
        ),
        Column::new(
            "date",
            |l| td_string!(l, credit_notes.date),
            |n: &CreditNote| view! { <DateText instant=n.date /> },
        ),
        Column::new(
            "amount",
            |l| td_string!(l, credit_notes.amount),
            |n: &CreditNote| view! { <MoneyText money=n.amount.clone() /> },
        )
        .numeric(),
        Column::new(
            "reason",
            |l| td_string!(l, credit_notes.reason),
            |n: &CreditNote| n.reason.clone().unwrap_or_default(),
        ),
        Column::new(
            "documents",
            |l| td_string!(l, credit_notes.documents),
            documents,
        ),
    ]
}

#[component]
pub fn CreditNotesPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let page = page_from_query();
    let query = use_query_map();
    // `?note=<id>`: the credit note a payment named.
    let only = Memo::new(move |_| {
        query.with(|q| {
            q.get_str("note")
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_owned)
        })
    });
    // The API lists credit notes newest first; there is no other order to pick.
    let sort = RwSignal::new(None::<TableSort>);
    let notes = api_resource(move |cancel| {
        let query = CreditNoteQuery {
            id: only.get(),
            page: Some(page.get()),
            page_size: Some(PAGE_SIZE),
            ..CreditNoteQuery::default()
        };
        api.credit_notes(&query, cancel)
    });
    let navigate = use_navigate();
    let no_match = NoMatch {
        filtered: Signal::derive(move || only.with(Option::is_some)),
        message: |l| td_string!(l, credit_notes.empty),
        clear: Callback::new(move |_| navigate(routes::CREDIT_NOTES, Default::default())),
    };
    let count = CountLabel {
        one: |l, count| td_string!(l, credit_notes.count.one, count).to_string(),
        other: |l, count| td_string!(l, credit_notes.count.other, count).to_string(),
    };
    let single = move || {
        only.get()?;
        let reference = match notes.get() {
            Some(Ok(page)) => page.items.first().map(|n| n.reference.clone()),
            _ => None,
        }
        .unwrap_or_default();
        Some(view! {
            <p class="banner banner--info" data-testid="single-credit-note">
                {move || td_string!(i18n.get_locale(), credit_notes.only_one, reference = reference.as_str()).to_string()}
                " "
                <a href=routes::href(routes::CREDIT_NOTES)>{t!(i18n, credit_notes.show_all)}</a>
            </p>
        })
    };
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), credit_notes.title).to_owned())>
            <PaymentsTabs />
            <p data-testid="credit-notes-explanation">{t!(i18n, credit_notes.explanation)}</p>
            {single}
            <PagedTable resource=notes columns=credit_note_columns sort count no_match
                caption=|l| td_string!(l, credit_notes.caption) empty=|l| td_string!(l, credit_notes.empty)
                testid="credit-notes-table" />
        </Page>
    }
}
