//! The payments list: date, amount, method, and which invoices each settled
//! (a credit note applied explains a payment lower than its invoices).

use crate::api::models::Payment;
use crate::api::models::query::{PaymentQuery, Sort};
use crate::api::{api_resource, use_api};
use crate::components::{AsyncSection, DateText, MoneyText, Page, Pagination, SkeletonRows, page_from_query};
use crate::i18n::*;
use crate::payment_methods::payment_method_type_label;
use leptos::prelude::*;

const PAGE_SIZE: u32 = 25;

#[component]
fn PaymentRow(payment: Payment) -> impl IntoView {
    let i18n = use_i18n();
    let kind = payment.payment_method.kind;
    let references = payment
        .invoices
        .iter()
        .map(|settled| settled.reference.clone())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <tr>
            <td data-column="date"><DateText instant=payment.date /></td>
            <td data-column="amount" class="data-table__numeric"><MoneyText money=payment.amount /></td>
            <td data-column="method">
                {move || payment_method_type_label(i18n.get_locale(), kind)} " · " {payment.payment_method.label}
            </td>
            <td data-column="invoices">{references}</td>
        </tr>
    }
}

#[component]
pub fn PaymentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let page = page_from_query();
    let payments = api_resource(move |cancel| {
        let query = PaymentQuery {
            sort: Some(Sort::desc("date")),
            page: Some(page.get()),
            page_size: Some(PAGE_SIZE),
            ..PaymentQuery::default()
        };
        api.payments(&query, cancel)
    });
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), payments.title).to_owned())>
            <AsyncSection
                resource=payments
                skeleton=|| view! { <SkeletonRows rows=8 columns=4 /> }
                render=move |result| {
                    let rows = result.items.clone();
                    view! {
                        {if rows.is_empty() {
                            view! { <p class="empty-state">{t!(i18n, payments.empty)}</p> }.into_any()
                        } else {
                            view! {
                                <div class="table-scroll">
                                    <table class="data-table" data-testid="payments-table">
                                        <caption class="visually-hidden">{t!(i18n, payments.caption)}</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">{t!(i18n, payments.date)}</th>
                                                <th scope="col" class="data-table__numeric">{t!(i18n, payments.amount)}</th>
                                                <th scope="col">{t!(i18n, payments.method)}</th>
                                                <th scope="col">{t!(i18n, payments.invoices)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {rows.into_iter().map(|payment| view! { <PaymentRow payment /> }).collect_view()}
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
