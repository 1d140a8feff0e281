//! On an invoice: the credit notes issued against it.

use super::list::credit_note_columns;
use crate::api::models::query::CreditNoteQuery;
use crate::api::models::{CreditNote, Page};
use crate::api::{api_resource, use_api};
use crate::components::{AsyncSection, DataTable, SkeletonRows};
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn CreditNotesAgainst(invoice_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let query = CreditNoteQuery {
        invoice_id: Some(invoice_id),
        page_size: Some(200),
        ..CreditNoteQuery::default()
    };
    let notes = api_resource(move |cancel| api.credit_notes(&query, cancel));
    view! {
        <section class="card" aria-labelledby="invoice-credit-notes">
            <h2 id="invoice-credit-notes" class="card__title">{t!(i18n, credit_notes.against_title)}</h2>
            <AsyncSection
                resource=notes
                skeleton=|| view! { <SkeletonRows rows=1 columns=5 /> }
                render={move |page: Page<CreditNote>| view! {
                    <DataTable columns=credit_note_columns() rows=page.items
                        caption=|l| td_string!(l, credit_notes.against_title)
                        empty=|l| td_string!(l, credit_notes.against_empty) testid="invoice-credit-notes" />
                }}
            />
        </section>
    }
}
