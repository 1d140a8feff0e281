//! One invoice: reference, dates, order, payment type, the lines with their
//! service periods, the totals, what is left to pay, the payments received,
//! and its HTML and PDF versions.

use crate::api::models::{Invoice, InvoiceLine};
use crate::api::{api_resource, use_api};
use crate::components::{
    AsyncSection, Column, DataTable, DateText, DayText, Document, DocumentLinks,
    InvoiceStatusBadge, MoneyText, Page, SkeletonRows,
};
use crate::format::format_day;
use crate::i18n::*;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

fn period(line: &InvoiceLine) -> AnyView {
    match (line.period_start, line.period_end) {
        (Some(start), Some(end)) => {
            let i18n = use_i18n();
            (move || {
                let locale = i18n.get_locale();
                td_string!(
                    locale,
                    invoices.period_range,
                    start = format_day(&start, locale),
                    end = format_day(&end, locale)
                )
                .to_string()
            })
            .into_any()
        }
        (Some(day), None) | (None, Some(day)) => view! { <DayText day /> }.into_any(),
        (None, None) => ().into_any(),
    }
}

fn line_columns() -> Vec<Column<InvoiceLine>> {
    vec![
        Column::new(
            "description",
            |l| td_string!(l, invoices.description),
            |line: &InvoiceLine| line.description.clone(),
        ),
        Column::new(
            "reference",
            |l| td_string!(l, invoices.service_reference),
            |line: &InvoiceLine| line.service_reference.clone(),
        ),
        Column::new("period", |l| td_string!(l, invoices.period), period),
        Column::new(
            "quantity",
            |l| td_string!(l, invoices.quantity),
            |line: &InvoiceLine| line.quantity.normalize().to_string(),
        )
        .numeric(),
        Column::new(
            "unit",
            |l| td_string!(l, invoices.unit_price_excl_tax),
            |line: &InvoiceLine| {
                view! { <MoneyText money=line.unit_price_excl_tax.clone() /> }
            },
        )
        .numeric(),
        Column::new(
            "total",
            |l| td_string!(l, invoices.total_excl_tax),
            |line: &InvoiceLine| {
                view! { <MoneyText money=line.total_excl_tax.clone() /> }
            },
        )
        .numeric(),
    ]
}

#[component]
fn InvoiceDetail(invoice: Invoice, #[prop(into)] reload: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    // Only http(s) URLs become links (see `crate::safe_url`).
    let documents = vec![
        Document {
            label: |l| td_string!(l, invoices.view_html),
            name: |l| td_string!(l, safe_links.html_version),
            href: api.rendition_url(&invoice.html_url).ok(),
        },
        Document {
            label: |l| td_string!(l, invoices.view_pdf),
            name: |l| td_string!(l, safe_links.pdf_version),
            href: api.rendition_url(&invoice.pdf_url).ok(),
        },
    ];
    let owing = !invoice.balance_due.amount.is_zero();
    view! {
        <section class="card" aria-labelledby="invoice-summary">
            <h2 id="invoice-summary" class="card__title">{t!(i18n, invoices.summary)}</h2>
            <dl class="details">
                <dt>{t!(i18n, invoices.date)}</dt><dd><DateText instant=invoice.date /></dd>
                <dt>{t!(i18n, invoices.due_date)}</dt><dd><DateText instant=invoice.due_date /></dd>
                <dt>{t!(i18n, invoices.order)}</dt>
                <dd><a href=routes::order(&invoice.order_id)>{invoice.order_id.clone()}</a></dd>
                <dt>{t!(i18n, invoices.status)}</dt><dd><InvoiceStatusBadge status=invoice.status /></dd>
                {invoice.payment_type.clone().map(|kind| view! {
                    <dt>{t!(i18n, invoices.payment_type)}</dt><dd>{kind}</dd>
                })}
                <dt>{t!(i18n, invoices.total_excl_tax)}</dt><dd><MoneyText money=invoice.total_excl_tax.clone() /></dd>
                <dt>{t!(i18n, invoices.tax)}</dt><dd><MoneyText money=invoice.tax.clone() /></dd>
                <dt>{t!(i18n, invoices.amount_incl_tax)}</dt><dd><strong><MoneyText money=invoice.total_incl_tax.clone() /></strong></dd>
                <dt>{t!(i18n, invoices.balance_due)}</dt>
                <dd class:amount--due=owing data-testid="invoice-balance"><MoneyText money=invoice.balance_due.clone() /></dd>
            </dl>
            <DocumentLinks documents retry=reload />
        </section>
        <section class="card" aria-labelledby="invoice-lines">
            <h2 id="invoice-lines" class="card__title">{t!(i18n, invoices.lines_caption)}</h2>
            <DataTable columns=line_columns() rows=invoice.lines caption=|l| td_string!(l, invoices.lines_caption)
                testid="invoice-lines" />
        </section>
        // Both ways: the payments that settled it and the credit notes against it.
        <crate::payments::SettledByPayments invoice_id=invoice.id.clone() />
        <crate::credit_notes::CreditNotesAgainst invoice_id=invoice.id.clone() />
    }
}

#[component]
pub fn InvoiceDetailPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let invoice = api_resource(move |cancel| api.invoice(&id(), cancel));
    let invoice_resource = invoice;
    // The heading names the invoice by its reference once it is known.
    let title = Signal::derive(move || {
        let reference = match invoice.get() {
            Some(Ok(invoice)) => invoice.reference,
            _ => id(),
        };
        td_string!(i18n.get_locale(), invoices.detail_title, reference).to_string()
    });
    view! {
        <Page title>
            <p><a href=routes::href(routes::INVOICES)>{t!(i18n, invoices.back)}</a></p>
            <div class="detail">
                <AsyncSection
                    resource=invoice
                    skeleton=|| view! { <SkeletonRows rows=8 columns=2 /> }
                    render=move |invoice: Invoice| view! {
                        <InvoiceDetail invoice reload=move |_| invoice_resource.refetch() />
                    }
                />
            </div>
        </Page>
    }
}
