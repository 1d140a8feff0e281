//! Paying from the invoices list, through the shared checkout: the whole
//! balance (`Régler mon solde immédiatement` of the bulk menu), the ticked
//! invoices ("pay the selection"), or one invoice (its row's `...` menu).
//!
//! Before the dialog opens, what will be paid is worked out here: the
//! invoices that still have a balance due, their total and their one
//! currency. A selection mixing currencies is refused right away, with why,
//! and no request is made; should the API refuse it anyway (its 422), the
//! dialog says the same in the customer's language.

use super::list::filter_query;
use super::selection::InvoiceSelection;
use crate::api::models::query::InvoiceQuery;
use crate::api::models::{
    Balance, Currency, InvoiceStatus, InvoiceSummary, Money, PayBalanceRequest, PayInvoicesRequest,
    PaymentOutcome,
};
use crate::api::{Api, ApiError, ApiFuture, use_api};
use crate::checkout::{CheckoutDialog, CheckoutReturn, PayAction};
use crate::components::{Filter, MoneyText, error_message, unique_id};
use crate::export::fetch::{EXPORT_PAGE_SIZE, ExportError, fetch_all};
use crate::i18n::*;
use leptos::prelude::*;
use leptos::task::spawn_local;
use rust_decimal::Decimal;

/// What the customer asked to pay.
#[derive(Debug, Clone, PartialEq)]
pub enum PayScope {
    /// Everything due (`POST /balance/pay`: a regularisation order).
    Balance,
    /// The ticked invoices (every invoice the filter matches in "all
    /// matching" mode).
    Selection,
    /// One invoice, from its row's menu.
    One(InvoiceSummary),
}

/// How the API is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanKind {
    Balance,
    Invoices,
}

/// What one payment will settle.
#[derive(Debug, Clone, PartialEq)]
pub struct PayPlan {
    pub kind: PlanKind,
    /// The invoices settled, each with a balance due, in one currency.
    pub invoices: Vec<InvoiceSummary>,
    /// What is charged, in that currency.
    pub total: Money,
    /// Unpaid invoices left out because they are in another currency (the
    /// balance is in the account's currency only).
    pub left_out: Vec<Currency>,
}

/// Why no payment is offered.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Nothing among what was asked has a balance due.
    NothingToPay,
    /// The balance is settled.
    BalanceSettled,
    /// One payment settles one currency: these are all in the selection.
    MixedCurrencies(Vec<Currency>),
}

/// The currencies of some amounts, each once, in the order they appear.
fn currencies_of<'a>(amounts: impl IntoIterator<Item = &'a Money>) -> Vec<Currency> {
    let mut currencies = Vec::new();
    for money in amounts {
        if !currencies.contains(&money.currency) {
            currencies.push(money.currency);
        }
    }
    currencies
}

fn owes(invoice: &InvoiceSummary) -> bool {
    invoice.balance_due.amount > Decimal::ZERO
}

/// Paying some invoices: those with a balance due, all in one currency.
/// Paid ones in the selection are simply not paid again; two currencies
/// with something due are refused (one payment, one currency).
pub fn plan_invoices(invoices: &[InvoiceSummary]) -> Result<PayPlan, Refusal> {
    let due: Vec<InvoiceSummary> = invoices.iter().filter(|i| owes(i)).cloned().collect();
    let currencies = currencies_of(due.iter().map(|i| &i.balance_due));
    match currencies.as_slice() {
        [] => Err(Refusal::NothingToPay),
        [currency] => {
            let total: Decimal = due.iter().map(|i| i.balance_due.amount).sum();
            Ok(PayPlan {
                kind: PlanKind::Invoices,
                total: Money::new(total, *currency),
                invoices: due,
                left_out: Vec::new(),
            })
        }
        _ => Err(Refusal::MixedCurrencies(currencies)),
    }
}

/// Paying the balance: the API's amount due, and the unpaid invoices in its
/// currency that it settles. Unpaid invoices in another currency are not
/// part of it; the dialog says so.
pub fn plan_balance(balance: &Balance, unpaid: &[InvoiceSummary]) -> Result<PayPlan, Refusal> {
    if balance.due.amount <= Decimal::ZERO {
        return Err(Refusal::BalanceSettled);
    }
    let currency = balance.due.currency;
    let due = unpaid.iter().filter(|i| owes(i));
    let invoices = due
        .clone()
        .filter(|i| i.balance_due.currency == currency)
        .cloned()
        .collect();
    let left_out = currencies_of(
        due.map(|i| &i.balance_due)
            .filter(|money| money.currency != currency),
    );
    Ok(PayPlan {
        kind: PlanKind::Balance,
        invoices,
        total: balance.due.clone(),
        left_out,
    })
}

/// What a refusal from the API means for a payment from this list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayProblem {
    MixedCurrencies,
    AlreadyPaid,
    NothingToPay,
}

/// Reads the API's problem type (`…/problems/<slug>`) of a 409 or 422.
pub fn pay_problem(error: &ApiError) -> Option<PayProblem> {
    let ApiError::Http {
        status: 409 | 422,
        problem: Some(problem),
    } = error
    else {
        return None;
    };
    match problem.kind.rsplit('/').next()? {
        "mixed-currencies" => Some(PayProblem::MixedCurrencies),
        "invoice-already-paid" => Some(PayProblem::AlreadyPaid),
        "nothing-to-pay" => Some(PayProblem::NothingToPay),
        _ => None,
    }
}

/// The checkout's words for the refusals it knows; the generic message for
/// the others.
fn explain_pay_error(locale: Locale, error: &ApiError) -> Option<String> {
    pay_problem(error).map(|problem| {
        match problem {
            PayProblem::MixedCurrencies => td_string!(locale, invoice_payment.refused_mixed),
            PayProblem::AlreadyPaid => td_string!(locale, invoice_payment.refused_already_paid),
            PayProblem::NothingToPay => td_string!(locale, invoice_payment.balance_settled),
        }
        .to_owned()
    })
}

fn currency_list(currencies: &[Currency]) -> String {
    currencies
        .iter()
        .map(Currency::as_str)
        .collect::<Vec<_>>()
        .join(", ")
}

fn refusal_text(locale: Locale, refusal: &Refusal) -> String {
    match refusal {
        Refusal::NothingToPay => td_string!(locale, invoice_actions.nothing_to_pay).to_owned(),
        Refusal::BalanceSettled => td_string!(locale, invoice_payment.balance_settled).to_owned(),
        Refusal::MixedCurrencies(currencies) => td_string!(
            locale,
            invoice_actions.mixed_currencies,
            currencies = currency_list(currencies)
        )
        .to_string(),
    }
}

/// Getting ready to open the checkout.
#[derive(Debug, Clone, PartialEq)]
enum Preparing {
    Idle,
    /// Reading the balance or the invoices "all matching" covers.
    Loading,
    Refused(Refusal),
    Failed(ApiError),
}

/// A page that is never cancelled: the customer is waiting for the dialog.
fn no_cancel() -> web_sys::AbortSignal {
    web_sys::AbortController::new()
        .map(|controller| controller.signal())
        .expect("AbortController exists in every supported browser")
}

/// Every invoice a query matches, page by page.
async fn all_invoices(api: Api, query: InvoiceQuery) -> Result<Vec<InvoiceSummary>, ApiError> {
    let cancel = no_cancel();
    fetch_all(
        |page, cancel| {
            api.invoices(
                &InvoiceQuery {
                    page: Some(page),
                    page_size: Some(EXPORT_PAGE_SIZE),
                    ..query.clone()
                },
                cancel,
            )
        },
        &cancel,
        |_| {},
    )
    .await
    .map_err(|error| match error {
        ExportError::Api(error) => error,
        ExportError::Cancelled => ApiError::Aborted,
    })
}

/// The pay flow of the invoices list: set `request` to pay; the checkout
/// opens once what will be paid is known, or the reason it cannot is said
/// here. `on_paid` runs once the API settled a payment (refresh the list).
#[component]
pub fn InvoicePayments(
    request: RwSignal<Option<PayScope>>,
    selection: InvoiceSelection,
    filter: Memo<Filter>,
    on_paid: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let preparing = RwSignal::new(Preparing::Idle);
    let plan = RwSignal::new(None::<PayPlan>);
    let open = RwSignal::new(false);

    let offer = move |result: Result<PayPlan, Refusal>| match result {
        Ok(ready) => {
            preparing.set(Preparing::Idle);
            plan.set(Some(ready));
            open.set(true);
        }
        Err(refusal) => preparing.set(Preparing::Refused(refusal)),
    };

    Effect::new({
        let api = api.clone();
        move |_| {
            let Some(scope) = request.get() else {
                return;
            };
            request.set(None);
            if preparing.get_untracked() == Preparing::Loading || open.get_untracked() {
                return;
            }
            match scope {
                PayScope::One(invoice) => offer(plan_invoices(&[invoice])),
                PayScope::Selection if !selection.all_matching.get_untracked() => {
                    offer(plan_invoices(&untrack(|| selection.picked())))
                }
                PayScope::Selection => {
                    preparing.set(Preparing::Loading);
                    let query = filter.with_untracked(filter_query);
                    let api = api.clone();
                    spawn_local(async move {
                        match all_invoices(api, query).await {
                            Ok(invoices) => offer(plan_invoices(&invoices)),
                            Err(error) => preparing.set(Preparing::Failed(error)),
                        }
                    });
                }
                PayScope::Balance => {
                    preparing.set(Preparing::Loading);
                    let api = api.clone();
                    spawn_local(async move {
                        let balance = api.balance(&no_cancel()).await;
                        let unpaid = InvoiceQuery {
                            status: vec![InvoiceStatus::Unpaid, InvoiceStatus::Overdue],
                            ..InvoiceQuery::default()
                        };
                        match balance {
                            Ok(balance) => match all_invoices(api.clone(), unpaid).await {
                                Ok(invoices) => offer(plan_balance(&balance, &invoices)),
                                Err(error) => preparing.set(Preparing::Failed(error)),
                            },
                            Err(error) => preparing.set(Preparing::Failed(error)),
                        }
                    });
                }
            }
        }
    });

    let pay = PayAction::new({
        let api = api.clone();
        move |request, key| -> ApiFuture<PaymentOutcome> {
            let Some(plan) = plan.get_untracked() else {
                return Box::pin(async { Err(ApiError::Aborted) });
            };
            let method = request.payment_method_id.clone();
            match (plan.kind, plan.invoices.as_slice()) {
                (PlanKind::Balance, _) => api.pay_balance(
                    &PayBalanceRequest {
                        payment_method_id: method,
                    },
                    key,
                ),
                (PlanKind::Invoices, [one]) => api.pay_invoice(&one.id, &request, key),
                (PlanKind::Invoices, invoices) => api.pay_invoices(
                    &PayInvoicesRequest {
                        invoice_ids: invoices.iter().map(|i| i.id.clone()).collect(),
                        payment_method_id: method,
                    },
                    key,
                ),
            }
        }
    });
    let amount = Signal::derive(move || {
        plan.with(|plan| {
            plan.as_ref()
                .map_or_else(|| Money::eur(Decimal::ZERO), |plan| plan.total.clone())
        })
    });
    let on_done = Callback::new(move |_| on_paid.run(()));

    let note = move || {
        let locale = i18n.get_locale();
        match preparing.get() {
            Preparing::Loading => Some(td_string!(locale, invoice_payment.preparing).to_owned()),
            _ => None,
        }
    };
    let problem = move || {
        let locale = i18n.get_locale();
        match preparing.get() {
            Preparing::Refused(refusal) => Some(refusal_text(locale, &refusal)),
            Preparing::Failed(error) => Some(
                td_string!(
                    locale,
                    invoice_payment.load_failed,
                    reason = error_message(locale, &error)
                )
                .to_string(),
            ),
            _ => None,
        }
    };
    // A new request or a new selection makes an old refusal old news.
    Effect::new(move |_| {
        selection.ids.track();
        if matches!(preparing.get_untracked(), Preparing::Refused(_)) {
            preparing.set(Preparing::Idle);
        }
    });

    view! {
        <CheckoutReturn />
        <p class="list-note" role="status" data-testid="invoice-pay-note">{note}</p>
        <p class="bulk-actions__error" role="alert" data-testid="invoice-pay-refused">{problem}</p>
        <CheckoutDialog open amount pay on_done explain=explain_pay_error>
            <PlanSummary plan />
        </CheckoutDialog>
    }
}

/// What the payment settles: the references with their balance, the
/// currency, and for the balance, the regularisation order it creates.
#[component]
fn PlanSummary(plan: RwSignal<Option<PayPlan>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        plan.get().map(|plan| {
            let count = plan.invoices.len();
            let currency = plan.total.currency.as_str().to_owned();
            let balance = plan.kind == PlanKind::Balance;
            let left_out = (!plan.left_out.is_empty()).then(|| currency_list(&plan.left_out));
            let subject_id = unique_id("invoice-pay-subject");
            view! {
                <p id=subject_id.clone() class="checkout__subject" data-testid="invoice-pay-subject">
                    {move || td_string!(i18n.get_locale(), invoice_payment.settles, count = count.to_string()).to_string()}
                </p>
                // Focusable: a long list scrolls, and a keyboard must reach it.
                <ul class="checkout__invoices" data-testid="invoice-pay-list" tabindex="0"
                    aria-labelledby=subject_id>
                    {plan.invoices.into_iter().map(|invoice| view! {
                        <li class="checkout__invoice" data-id=invoice.id.clone()>
                            <span class="checkout__invoice-reference">{invoice.reference.clone()}</span>
                            " "
                            <MoneyText money=invoice.balance_due.clone() />
                        </li>
                    }).collect_view()}
                </ul>
                <p class="checkout__currency">
                    {t!(i18n, invoice_payment.currency)}" "
                    <strong data-testid="invoice-pay-currency">{currency}</strong>
                </p>
                {balance.then(|| view! {
                    <p class="checkout__note">{t!(i18n, invoice_payment.regularisation_note)}</p>
                })}
                {left_out.map(|currencies| view! {
                    <p class="checkout__note" data-testid="invoice-pay-left-out">
                        {move || td_string!(i18n.get_locale(), invoice_payment.other_currencies, currencies = currencies.as_str()).to_string()}
                    </p>
                })}
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::{DateTimeOffset, InvoiceCategory, Problem};

    fn invoice(id: &str, due: &str, currency: &str) -> InvoiceSummary {
        let currency = Currency::new(currency).unwrap();
        let money = |amount: &str| Money::new(amount.parse().unwrap(), currency);
        let date = DateTimeOffset::parse_from_rfc3339("2026-11-01T10:00:00+01:00").unwrap();
        InvoiceSummary {
            id: id.into(),
            reference: format!("FR{id}"),
            order_id: "1".into(),
            date,
            due_date: date,
            total_excl_tax: money("100.00"),
            tax: money("20.00"),
            total_incl_tax: money("120.00"),
            balance_due: money(due),
            status: if due == "0.00" {
                InvoiceStatus::Paid
            } else {
                InvoiceStatus::Unpaid
            },
            category: InvoiceCategory::Purchase,
        }
    }

    fn gbp() -> Currency {
        Currency::new("GBP").unwrap()
    }

    #[test]
    fn a_selection_pays_what_is_due_in_its_one_currency() {
        let plan = plan_invoices(&[
            invoice("1", "120.00", "EUR"),
            invoice("2", "0.00", "GBP"),
            invoice("3", "1234.56", "EUR"),
        ])
        .unwrap();
        assert_eq!(plan.kind, PlanKind::Invoices);
        let ids: Vec<&str> = plan.invoices.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["1", "3"], "the paid one is not paid again");
        assert_eq!(
            plan.total,
            Money::new("1354.56".parse().unwrap(), Currency::EUR)
        );
    }

    #[test]
    fn two_currencies_due_are_refused_and_named() {
        assert_eq!(
            plan_invoices(&[
                invoice("1", "120.00", "EUR"),
                invoice("2", "1800.00", "GBP"),
                invoice("3", "10.00", "EUR"),
            ]),
            Err(Refusal::MixedCurrencies(vec![Currency::EUR, gbp()]))
        );
        assert_eq!(currency_list(&[Currency::EUR, gbp()]), "EUR, GBP");
    }

    #[test]
    fn nothing_due_is_nothing_to_pay() {
        assert_eq!(
            plan_invoices(&[invoice("1", "0.00", "EUR")]),
            Err(Refusal::NothingToPay)
        );
        assert_eq!(plan_invoices(&[]), Err(Refusal::NothingToPay));
    }

    #[test]
    fn the_balance_lists_its_invoices_and_leaves_other_currencies_out() {
        let balance = Balance {
            due: Money::eur("1354.56".parse().unwrap()),
            pending: Money::eur(Decimal::ZERO),
            overdue: Money::eur(Decimal::ZERO),
        };
        let plan = plan_balance(
            &balance,
            &[
                invoice("1", "120.00", "EUR"),
                invoice("2", "1800.00", "GBP"),
                invoice("3", "1234.56", "EUR"),
            ],
        )
        .unwrap();
        assert_eq!(plan.kind, PlanKind::Balance);
        assert_eq!(plan.total, balance.due);
        assert_eq!(plan.invoices.len(), 2);
        assert_eq!(plan.left_out, vec![gbp()]);

        let settled = Balance {
            due: Money::eur(Decimal::ZERO),
            ..balance
        };
        assert_eq!(plan_balance(&settled, &[]), Err(Refusal::BalanceSettled));
    }

    #[test]
    fn the_apis_refusals_are_recognised() {
        let problem = |status: u16, slug: &str| ApiError::Http {
            status,
            problem: Some(Problem {
                kind: format!("https://billing.example/problems/{slug}"),
                title: "x".into(),
                status,
                detail: None,
                errors: None,
            }),
        };
        assert_eq!(
            pay_problem(&problem(422, "mixed-currencies")),
            Some(PayProblem::MixedCurrencies)
        );
        assert_eq!(
            pay_problem(&problem(409, "invoice-already-paid")),
            Some(PayProblem::AlreadyPaid)
        );
        assert_eq!(pay_problem(&problem(422, "validation-failed")), None);
        assert_eq!(pay_problem(&problem(500, "mixed-currencies")), None);
        assert_eq!(pay_problem(&ApiError::Timeout), None);
    }
}
