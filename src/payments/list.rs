//! The payments list ("Suivi des paiements"): date, amount, method, status,
//! the invoices each settled (links), and the credit note that lowered it.
//! Filtering and sorting (date, amount) are done by the API, so they cover
//! every page; the filter and the sort in force live in the URL.

use super::view::PaymentsView;
use crate::api::models::{Payment, PaymentMethodType, PaymentStatus};
use crate::api::{api_resource, use_api};
use crate::components::{
    Column, CountLabel, DateText, FilterBar, MoneyText, NoMatch, Page, PagedTable, StatusOption,
    page_from_query,
};
use crate::format::format_money;
use crate::i18n::*;
use crate::payment_methods::payment_method_type_label;
use crate::routes;
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::collections::HashSet;

const PAGE_SIZE: u32 = 25;

pub fn payment_status_label(locale: Locale, status: PaymentStatus) -> &'static str {
    match status {
        PaymentStatus::Succeeded => td_string!(locale, payment_tracking.status_succeeded),
        PaymentStatus::Pending => td_string!(locale, payment_tracking.status_pending),
        PaymentStatus::Failed => td_string!(locale, payment_tracking.status_failed),
        PaymentStatus::Unknown => td_string!(locale, payment_tracking.status_unknown),
    }
}

/// A payment's status with the colours of the matching invoice / method states.
#[component]
pub fn PaymentStatusBadge(status: PaymentStatus) -> impl IntoView {
    let i18n = use_i18n();
    let class = match status {
        PaymentStatus::Succeeded => "badge badge--paid",
        PaymentStatus::Pending => "badge badge--pending",
        PaymentStatus::Failed => "badge badge--failed",
        PaymentStatus::Unknown => "badge badge--unknown",
    };
    view! { <span class=class>{move || payment_status_label(i18n.get_locale(), status)}</span> }
}

/// "Carte bancaire · Visa •••• 4242".
pub fn method_text(locale: Locale, kind: PaymentMethodType, label: &str) -> String {
    format!("{} · {label}", payment_method_type_label(locale, kind))
}

/// "Un avoir de 10,00 € a diminué ce paiement.", when one did.
pub fn credit_explanation(locale: Locale, payment: &Payment) -> Option<String> {
    let credit = payment.credit_applied.as_ref()?;
    let amount = format_money(&credit.amount, credit.currency.as_str(), locale);
    Some(td_string!(locale, payment_tracking.credit_lowered, amount).to_string())
}

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
                move || method_text(i18n.get_locale(), kind, &label)
            },
        ),
        Column::new(
            "status",
            |l| td_string!(l, payment_tracking.status),
            |p: &Payment| view! { <PaymentStatusBadge status=p.status /> },
        ),
        Column::new(
            "invoices",
            |l| td_string!(l, payments.invoices),
            |p: &Payment| {
                let links = p
                    .invoices
                    .iter()
                    .enumerate()
                    .map(|(n, settled)| {
                        view! {
                            {(n > 0).then_some(", ")}
                            <a href=routes::invoice(&settled.id)>{settled.reference.clone()}</a>
                        }
                    })
                    .collect_view();
                view! { <span>{links}</span> }
            },
        ),
        Column::new(
            "credit",
            |l| td_string!(l, payment_tracking.credit),
            |p: &Payment| {
                let i18n = use_i18n();
                let payment = p.clone();
                let note = p.credit_note.clone();
                let explained = p.credit_applied.is_some();
                explained.then(move || {
                    view! {
                        {note.map(|note| {
                            let href = routes::credit_note(&note.id);
                            view! { <a href=href>{note.reference}</a> }
                        })}
                        <span class="cell-note">
                            {move || credit_explanation(i18n.get_locale(), &payment)}
                        </span>
                    }
                })
            },
        ),
    ]
}

/// The payment types a customer can filter by.
fn payment_type_options() -> Vec<StatusOption> {
    let labels: [fn(Locale) -> &'static str; 4] = [
        |l| payment_method_type_label(l, PaymentMethodType::Card),
        |l| payment_method_type_label(l, PaymentMethodType::Sepa),
        |l| payment_method_type_label(l, PaymentMethodType::Paypal),
        |l| payment_method_type_label(l, PaymentMethodType::Transfer),
    ];
    PaymentMethodType::ALL
        .into_iter()
        .zip(labels)
        .map(|(kind, label)| StatusOption {
            key: kind.as_str(),
            label,
        })
        .collect()
}

#[component]
pub fn PaymentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let page = page_from_query();
    let query = use_query_map();
    // The URL is the view in force; the bar and the table's sort follow it both ways.
    let applied = Memo::new(move |_| query.with(|q| PaymentsView::from_query(|k| q.get_str(k))));
    let start = applied.get_untracked();
    let value = RwSignal::new(start.filter.clone());
    let sort = RwSignal::new(Some(start.table_sort()));
    let navigate = use_navigate();
    let go = move |view: PaymentsView| {
        let query = view.to_query();
        let separator = if query.is_empty() { "" } else { "?" };
        let options = NavigateOptions {
            // The customer is at the bar or the header: leave the page where it is.
            scroll: false,
            ..NavigateOptions::default()
        };
        navigate(&format!("{}{separator}{query}", routes::PAYMENTS), options);
    };
    // Applied in the bar, or a header clicked: a new URL (Back undoes it), page 1.
    let go_on_change = go.clone();
    Effect::new(move |_| {
        let wanted = PaymentsView {
            filter: value.get(),
            sort: sort.get(),
            ..applied.get_untracked()
        };
        let current = applied.get_untracked();
        if wanted.filter != current.filter || wanted.table_sort() != current.table_sort() {
            go_on_change(wanted);
        }
    });
    // A new URL (Back, Forward, a link): the bar and the headers show it.
    Effect::new(move |_| {
        let current = applied.get();
        if value.with_untracked(|v| *v != current.filter) {
            value.set(current.filter.clone());
        }
        if sort.get_untracked() != Some(current.table_sort()) {
            sort.set(Some(current.table_sort()));
        }
    });
    // Ticked rows, and every payment shown since the filter last changed, so
    // a selection spanning pages exports whole; a new filter or sort clears both.
    let selection = RwSignal::new(HashSet::<String>::new());
    let seen = RwSignal::new(Vec::<Payment>::new());
    Effect::new(move |previous: Option<PaymentsView>| {
        let current = PaymentsView {
            payment: None,
            ..applied.get()
        };
        if previous.as_ref().is_some_and(|p| *p != current) {
            selection.set(HashSet::new());
            seen.set(Vec::new());
        }
        current
    });
    let export_query = Signal::derive(move || applied.with(PaymentsView::api_query));
    let payments = api_resource(move |cancel| {
        let query = billing_contract::PaymentQuery {
            page: Some(page.get()),
            page_size: Some(PAGE_SIZE),
            ..applied.with(PaymentsView::api_query)
        };
        api.payments(&query, cancel)
    });
    Effect::new(move |_| {
        if let Some(Ok(page)) = payments.get() {
            seen.update(|seen| {
                for payment in page.items {
                    if !seen.iter().any(|s| s.id == payment.id) {
                        seen.push(payment);
                    }
                }
            });
        }
    });
    let go_clear = go.clone();
    let no_match = NoMatch {
        filtered: Signal::derive(move || applied.with(PaymentsView::is_filtered)),
        message: |l| td_string!(l, payment_tracking.no_match),
        clear: Callback::new(move |_| go_clear(PaymentsView::default())),
    };
    let count = CountLabel {
        one: |l, count| td_string!(l, payment_tracking.count.one, count).to_string(),
        other: |l, count| td_string!(l, payment_tracking.count.other, count).to_string(),
    };
    // Reached from an invoice: say that one payment is shown, and how to see them all.
    let single = move || {
        let view = applied.get();
        let id = view.payment.clone()?;
        let all = PaymentsView {
            payment: None,
            ..view
        }
        .to_query();
        let separator = if all.is_empty() { "" } else { "?" };
        let href = routes::href(&format!("{}{separator}{all}", routes::PAYMENTS));
        Some(view! {
            <p class="banner banner--info" data-testid="single-payment">
                {move || td_string!(i18n.get_locale(), payment_tracking.only_one, id = id.as_str()).to_string()}
                " "
                <a href=href>{t!(i18n, payment_tracking.show_all)}</a>
            </p>
        })
    };
    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), payments.title).to_owned())>
            <super::PaymentsTabs />
            <p>{t!(i18n, payment_tracking.difference_note)}</p>
            <FilterBar value statuses=payment_type_options() amounts=true
                statuses_legend=|l| td_string!(l, payment_tracking.payment_type)
                search_label=|l| td_string!(l, payment_tracking.invoice_reference) />
            <super::export::PaymentExport query=export_query selection seen />
            {single}
            <PagedTable resource=payments columns=payment_columns sort count no_match
                selection row_id=|p: &Payment| p.id.clone()
                caption=|l| td_string!(l, payments.caption) empty=|l| td_string!(l, payments.empty)
                testid="payments-table" />
        </Page>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_is_offered_under_its_own_name() {
        let options = payment_type_options();
        let keys: Vec<_> = options.iter().map(|o| o.key).collect();
        assert_eq!(keys, ["card", "sepa", "paypal", "transfer"]);
        for option in options {
            let kind = PaymentMethodType::parse(option.key).unwrap();
            assert_eq!(
                (option.label)(Locale::fr),
                payment_method_type_label(Locale::fr, kind)
            );
        }
    }
}
