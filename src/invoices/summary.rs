//! The header summary of what the filter matches: the balance due, how many
//! invoices are unpaid and how much is overdue, one line per currency (two
//! currencies never add up). From the API's totals, so it covers every page.

use crate::api::ApiResource;
use crate::api::models::{InvoiceTotals, Money};
use crate::components::MoneyText;
use crate::format::format_count;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn FilterSummary(totals: ApiResource<InvoiceTotals>) -> impl IntoView {
    let i18n = use_i18n();
    let body = move || match totals.get() {
        // The list itself shows loading and errors; the summary stays quiet.
        None | Some(Err(_)) => None,
        Some(Ok(totals)) => {
            let owing: Vec<_> = totals
                .currencies
                .into_iter()
                .filter(|c| c.unpaid_count > 0)
                .collect();
            if owing.is_empty() {
                return Some(
                    view! { <p class="filter-summary__none">{t!(i18n, invoice_actions.summary_none)}</p> }
                        .into_any(),
                );
            }
            Some(
                owing
                    .into_iter()
                    .map(|c| {
                        let currency = c.currency;
                        view! {
                            <dl class="filter-summary__currency" data-currency=currency.as_str().to_owned()>
                                <div>
                                    <dt>{t!(i18n, invoice_actions.summary_due)}</dt>
                                    <dd data-testid="summary-due"><MoneyText money=Money::new(c.balance_due, currency) /></dd>
                                </div>
                                <div>
                                    <dt>{t!(i18n, invoice_actions.summary_unpaid)}</dt>
                                    <dd data-testid="summary-unpaid">{move || format_count(c.unpaid_count, i18n.get_locale())}</dd>
                                </div>
                                <div>
                                    <dt>{t!(i18n, invoice_actions.summary_overdue)}</dt>
                                    <dd data-testid="summary-overdue"><MoneyText money=Money::new(c.overdue, currency) /></dd>
                                </div>
                            </dl>
                        }
                    })
                    .collect_view()
                    .into_any(),
            )
        }
    };
    view! {
        <section class="filter-summary" data-testid="filter-summary"
            aria-label=move || td_string!(i18n.get_locale(), invoice_actions.summary_label)>
            {body}
        </section>
    }
}
