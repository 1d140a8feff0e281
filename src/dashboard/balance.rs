//! The balance banner: what is due (in red when something is), what is late,
//! what is being processed, and paying it all at once.

use crate::api::models::{Balance, Money, PayBalanceRequest, PaymentOutcome, PaymentOutcomeStatus};
use crate::api::{ApiError, IdempotencyKey, api_resource, use_api};
use crate::components::{AsyncSection, Button, ButtonVariant, SkeletonRows, error_message};
use crate::format::format_money;
use crate::i18n::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn BalanceCard() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let balance = api_resource(move |cancel| api.balance(cancel));
    let refresh = Callback::new(move |_| balance.refetch());
    view! {
        <section class="card balance" aria-labelledby="balance-title">
            <h2 id="balance-title" class="card__title">{t!(i18n, dashboard.balance_title)}</h2>
            <AsyncSection
                resource=balance
                skeleton=|| view! { <SkeletonRows rows=2 /> }
                render=move |balance: Balance| view! { <BalanceSummary balance on_paid=refresh /> }
            />
        </section>
    }
}

fn money_text(locale: Locale, money: &Money) -> String {
    format_money(&money.amount, money.currency.as_str(), locale)
}

#[component]
fn BalanceSummary(balance: Balance, on_paid: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let owing = balance.due.amount.is_sign_positive() && !balance.due.amount.is_zero();
    let has_overdue = !balance.overdue.amount.is_zero();
    let has_pending = !balance.pending.amount.is_zero();
    let Balance {
        due,
        pending,
        overdue,
    } = balance;
    let due_for_confirm = due.clone();
    view! {
        <p class="balance__due" class:balance__due--owing=owing>
            <span class="balance__label">{t!(i18n, dashboard.balance_due)}</span>
            <strong class="balance__amount" data-testid="balance-due">
                {move || money_text(i18n.get_locale(), &due)}
            </strong>
        </p>
        {(!owing).then(|| view! { <p class="balance__note">{t!(i18n, dashboard.nothing_due)}</p> })}
        {has_overdue.then(|| view! {
            <p class="balance__note balance__note--danger">
                {move || {
                    let locale = i18n.get_locale();
                    td_string!(locale, dashboard.overdue, amount = money_text(locale, &overdue)).to_string()
                }}
            </p>
        })}
        {has_pending.then(|| view! {
            <p class="balance__note">
                {move || {
                    let locale = i18n.get_locale();
                    td_string!(locale, dashboard.pending, amount = money_text(locale, &pending)).to_string()
                }}
            </p>
        })}
        {owing.then(|| view! { <PayBalance amount=due_for_confirm on_paid /> })}
    }
}

#[derive(Clone, PartialEq)]
enum PayState {
    Idle,
    Confirming,
    Paying,
    Redirecting,
    Done(PaymentOutcomeStatus),
    Failed(ApiError),
    /// The API asked to send the customer to a page that is not safe to open.
    Refused,
}

/// Paying the whole balance: one click to ask, one to confirm. The
/// idempotency key belongs to the confirmation, so a double click or a retry
/// after a lost answer cannot pay twice.
#[component]
fn PayBalance(amount: Money, on_paid: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let state = RwSignal::new(PayState::Idle);
    let intent = StoredValue::new(IdempotencyKey::new());

    let ask = Callback::new(move |_| {
        intent.set_value(IdempotencyKey::new());
        state.set(PayState::Confirming);
    });
    let cancel = Callback::new(move |_| state.set(PayState::Idle));
    let confirm = Callback::new(move |_| {
        if state.get_untracked() == PayState::Paying {
            return;
        }
        state.set(PayState::Paying);
        let api = api.clone();
        let key = intent.get_value();
        spawn_local(async move {
            let request = PayBalanceRequest {
                payment_method_id: None,
            };
            match api.pay_balance(&request, &key).await {
                Ok(PaymentOutcome {
                    status: PaymentOutcomeStatus::ActionRequired,
                    redirect_url: Some(url),
                    ..
                }) => {
                    // The payment page sends the customer back here when done.
                    // A page the portal refuses to open (`javascript:`, plain
                    // http to another host…) stops the payment right here:
                    // nothing was charged, nothing on the page changes.
                    match crate::safe_url::navigate_and_return(&url) {
                        Ok(()) => state.set(PayState::Redirecting),
                        Err(_) => state.set(PayState::Refused),
                    }
                }
                Ok(outcome) => {
                    state.set(PayState::Done(outcome.status));
                    on_paid.run(());
                }
                Err(error) => state.set(PayState::Failed(error)),
            }
        });
    });

    let confirm_text = move || {
        let locale = i18n.get_locale();
        td_string!(
            locale,
            dashboard.pay_confirm,
            amount = money_text(locale, &amount)
        )
        .to_string()
    };
    let status_text = move || {
        let locale = i18n.get_locale();
        match state.get() {
            PayState::Paying => td_string!(locale, dashboard.paying).to_string(),
            PayState::Redirecting => td_string!(locale, dashboard.pay_redirecting).to_string(),
            PayState::Done(PaymentOutcomeStatus::Succeeded) => {
                td_string!(locale, dashboard.pay_succeeded).to_string()
            }
            PayState::Done(_) => td_string!(locale, dashboard.pay_pending).to_string(),
            PayState::Failed(error) => error_message(locale, &error),
            PayState::Refused => td_string!(locale, safe_links.payment_refused).to_string(),
            PayState::Idle | PayState::Confirming => String::new(),
        }
    };
    let busy = move || matches!(state.get(), PayState::Paying | PayState::Redirecting);
    view! {
        <div class="balance__pay">
            <Show when=move || matches!(state.get(), PayState::Confirming | PayState::Paying | PayState::Failed(_))
                fallback=move || view! {
                    <Button variant=ButtonVariant::Primary disabled=Signal::derive(busy) on_click=ask
                        attr:data-testid="pay-balance">
                        {t!(i18n, dashboard.pay_balance)}
                    </Button>
                }>
                <div class="confirm" role="group" aria-labelledby="pay-balance-confirm">
                    <p id="pay-balance-confirm">{confirm_text.clone()}</p>
                    <div class="confirm__actions">
                        <Button variant=ButtonVariant::Primary busy=Signal::derive(busy) on_click=confirm
                            attr:data-testid="confirm-pay-balance">
                            {t!(i18n, dashboard.pay_confirm_button)}
                        </Button>
                        <Button disabled=Signal::derive(busy) on_click=cancel>
                            {t!(i18n, dashboard.cancel)}
                        </Button>
                    </div>
                </div>
            </Show>
            <p class="balance__status" role="status" aria-live="polite">{status_text}</p>
        </div>
    }
}
