//! The payments list: date, amount, method, and which invoices each settled
//! (a credit note applied explains a payment lower than its invoices).
//! Sorting (date, amount) is done by the API, so it covers every page.

use crate::api::models::Payment;
use crate::api::models::query::{PaymentQuery, Sort};
use crate::api::{api_resource, use_api};
use crate::components::Label;
use crate::components::{
    Column, DataTable, DateText, MoneyText, Page, Pagination, TableSort, TableState,
    page_from_query,
};
use crate::i18n::*;
use crate::payment_methods::payment_method_type_label;
use leptos::prelude::*;

const PAGE_SIZE: u32 = 25;

fn payment_columns() -> Vec<Column<Payment>> {
    vec![
        Column::new(
            "date",
            |l| td_string!(l, payments.date),
            |p: &Payment| view! { <DateText instant=p.date /> },
        )
        .sortable(),
        Column::new(
            "amount",
            |l| td_string!(l, payments.amount),
            |p: &Payment| view! { <MoneyText money=p.amount.clone() /> },
        )
        .numeric()
        .sortable(),
        Column::new(
            "method",
            |l| td_string!(l, payments.method),
            |p: &Payment| {
                let i18n = use_i18n();
                let kind = p.payment_method.kind;
                let label = p.payment_method.label.clone();
                view! { {move || payment_method_type_label(i18n.get_locale(), kind)} " · " {label} }
            },
        ),
        Column::new(
            "invoices",
            |l| td_string!(l, payments.invoices),
            |p: &Payment| {
                p.invoices
                    .iter()
                    .map(|settled| settled.reference.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
        ),
    ]
}

#[component]
pub fn PaymentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let page = page_from_query();
    let sort = RwSignal::new(Some(TableSort {
        key: "date",
        ascending: false,
    }));
    let payments = api_resource(move |cancel| {
        let sort = match sort.get() {
            Some(TableSort {
                key,
                ascending: true,
            }) => Sort::asc(key),
            Some(TableSort {
                key,
                ascending: false,
            }) => Sort::desc(key),
            None => Sort::desc("date"),
        };
        let query = PaymentQuery {
            sort: Some(sort),
            page: Some(page.get()),
            page_size: Some(PAGE_SIZE),
            ..PaymentQuery::default()
        };
        api.payments(&query, cancel)
    });
    let caption: Label = |l| td_string!(l, payments.caption);
    let empty: Label = |l| td_string!(l, payments.empty);
    let content = move || {
        match payments.get() {
        None => view! { <DataTable columns=payment_columns() rows=Vec::new() caption sort state=TableState::Loading /> }
            .into_any(),
        Some(Err(error)) => view! {
            <DataTable columns=payment_columns() rows=Vec::new() caption sort
                state=TableState::Failed(error, Callback::new(move |_| payments.refetch())) />
        }
        .into_any(),
        Some(Ok(result)) => view! {
            <DataTable columns=payment_columns() rows=result.items caption sort empty testid="payments-table" />
            <Pagination page=result.page page_size=result.page_size total=result.total />
        }
        .into_any(),
    }
    };
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), payments.title).to_owned())>
            {content}
        </Page>
    }
}
