//! The invoices list, newest first, page by page. The balance due shows in
//! red when something is left to pay, as in the customer's OVHcloud habits.

use crate::api::models::InvoiceSummary;
use crate::api::models::query::{InvoiceQuery, Sort};
use crate::api::{api_resource, use_api};
use crate::components::{AsyncSection, DateText, InvoiceStatusBadge, MoneyText, Page, Pagination, SkeletonRows, page_from_query};
use crate::format::{PluralCategory, format_count, plural_category};
use crate::i18n::*;
use leptos::prelude::*;

const PAGE_SIZE: u32 = 25;

#[component]
fn InvoiceRow(invoice: InvoiceSummary) -> impl IntoView {
    let owing = !invoice.balance_due.amount.is_zero();
    view! {
        <tr>
            <th scope="row" data-column="reference">{invoice.reference}</th>
            <td data-column="order">{invoice.order_id}</td>
            <td data-column="date"><DateText instant=invoice.date /></td>
            <td data-column="amount-excl-tax" class="data-table__numeric"><MoneyText money=invoice.total_excl_tax /></td>
            <td data-column="amount-incl-tax" class="data-table__numeric"><MoneyText money=invoice.total_incl_tax /></td>
            <td data-column="balance" class="data-table__numeric" class:amount--due=owing><MoneyText money=invoice.balance_due /></td>
            <td data-column="status"><InvoiceStatusBadge status=invoice.status /></td>
        </tr>
    }
}

#[component]
pub fn InvoicesPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let page = page_from_query();
    let invoices = api_resource(move |cancel| {
        let query = InvoiceQuery {
            sort: Some(Sort::desc("date")),
            page: Some(page.get()),
            page_size: Some(PAGE_SIZE),
            ..InvoiceQuery::default()
        };
        api.invoices(&query, cancel)
    });
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), invoices.title).to_owned())>
            <AsyncSection
                resource=invoices
                skeleton=|| view! { <SkeletonRows rows=8 columns=7 /> }
                render=move |result| {
                    let total = result.total;
                    let count = move || {
                        let locale = i18n.get_locale();
                        let count = format_count(total, locale);
                        match plural_category(locale, total) {
                            PluralCategory::One => td_string!(locale, invoices.count.one, count).to_string(),
                            PluralCategory::Other => td_string!(locale, invoices.count.other, count).to_string(),
                        }
                    };
                    let rows = result.items.clone();
                    view! {
                        <p class="list-summary">{count}</p>
                        {if rows.is_empty() {
                            view! { <p class="empty-state">{t!(i18n, invoices.empty)}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-scroll">
                                    <table class="data-table" data-testid="invoices-table">
                                        <caption class="visually-hidden">{t!(i18n, invoices.caption)}</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">{t!(i18n, invoices.reference)}</th>
                                                <th scope="col">{t!(i18n, invoices.order)}</th>
                                                <th scope="col">{t!(i18n, invoices.date)}</th>
                                                <th scope="col" class="data-table__numeric">{t!(i18n, invoices.amount_excl_tax)}</th>
                                                <th scope="col" class="data-table__numeric">{t!(i18n, invoices.amount_incl_tax)}</th>
                                                <th scope="col" class="data-table__numeric">{t!(i18n, invoices.balance)}</th>
                                                <th scope="col">{t!(i18n, invoices.status)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {rows.into_iter().map(|invoice| view! { <InvoiceRow invoice /> }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }.into_any()
                        }}
                        <Pagination page=result.page page_size=result.page_size total=result.total />
                    }
                }
            />
        </Page>
    }
}
