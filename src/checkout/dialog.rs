//! The pay dialog: what will be paid, with which saved payment method, and
//! one confirmation that can only be sent once.

use super::outcome::{add_method_href, go_to_payment_page, return_url};
use crate::api::models::{
    Money, PayRequest, PaymentMethod, PaymentMethodList, PaymentMethodStatus, PaymentOutcome,
    PaymentOutcomeStatus,
};
use crate::api::{ApiError, ApiFuture, IdempotencyKey, api_resource, use_api};
use crate::components::{
    Button, ButtonVariant, DayText, Dialog, SkeletonRows, error_message, unique_id,
};
use crate::format::format_money;
use crate::i18n::*;
use crate::payment_methods::payment_method_type_label;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// The payment itself, supplied by whoever opens the checkout: it receives
/// the chosen payment method and the intent's idempotency key and calls the
/// API (`pay_order`, `pay_invoice`, `pay_invoices`, `pay_balance`…).
#[derive(Clone)]
pub struct PayAction(Arc<PayFn>);

type PayFn = dyn Fn(PayRequest, &IdempotencyKey) -> ApiFuture<PaymentOutcome> + Send + Sync;

impl PayAction {
    pub fn new(
        pay: impl Fn(PayRequest, &IdempotencyKey) -> ApiFuture<PaymentOutcome> + Send + Sync + 'static,
    ) -> Self {
        Self(Arc::new(pay))
    }

    fn run(&self, request: PayRequest, key: &IdempotencyKey) -> ApiFuture<PaymentOutcome> {
        (self.0)(request, key)
    }
}

/// Says an API refusal in the terms of what is paid (a selection of
/// invoices in two currencies…); `None` leaves the generic message.
pub type ExplainError = fn(Locale, &ApiError) -> Option<String>;

/// Where a checkout is.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckoutState {
    /// Choosing the payment method.
    Choosing,
    /// The payment request is in flight: the confirm button is locked.
    Paying,
    /// Leaving for the bank's page.
    Redirecting,
    /// The API answered: paid, or pending.
    Done(PaymentOutcomeStatus),
    /// Refused or unanswered; the customer can try again.
    Failed(ApiError),
}

/// A method the customer may pay with today: valid and not past its last day.
pub fn is_usable(method: &PaymentMethod, today: NaiveDate) -> bool {
    method.status == PaymentMethodStatus::Valid && method.expires_on.is_none_or(|day| day >= today)
}

/// After this error, is a new attempt the same intent (same key)? Yes when
/// the answer may have been lost (network, timeout, a gateway or server
/// error): the API then replays the first outcome instead of charging again.
/// A refusal is final for that key, so the next attempt is a new intent.
pub fn keeps_intent(error: &ApiError) -> bool {
    match error {
        ApiError::Network(_) | ApiError::Timeout | ApiError::Aborted => true,
        ApiError::Http { status, .. } => *status >= 500,
        ApiError::Decode { .. } => true,
        ApiError::Unauthorized => false,
    }
}

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

fn current_href() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

/// The path and query of the page, for the "add a payment method" return.
fn current_path() -> String {
    web_sys::window()
        .map(|w| {
            let location = w.location();
            format!(
                "{}{}",
                location.pathname().unwrap_or_default(),
                location.search().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// The pay dialog, open while `open` is true.
///
/// - `amount`: what will be paid, in its currency.
/// - `pay`: performs the payment with the chosen method and the intent's key.
/// - `on_done`: the API settled it (paid or pending); refresh what shows it.
/// - `children`: what is paid and anything to know (the order's expiry…),
///   shown above the amount.
/// - `explain`: the caller's words for refusals it knows.
///
/// Opening starts a new intent (a new idempotency key); a network failure
/// keeps it, so "try again" cannot pay twice. When the bank asks for 3-D
/// Secure, the customer leaves through [`go_to_payment_page`] and comes back
/// to this page with `?payment=…` (see `CheckoutReturn`).
#[component]
pub fn CheckoutDialog(
    open: RwSignal<bool>,
    #[prop(into)] amount: Signal<Money>,
    pay: PayAction,
    #[prop(optional, into)] on_done: Option<Callback<PaymentOutcomeStatus>>,
    #[prop(optional)] children: Option<ChildrenFn>,
    #[prop(optional)] explain: Option<ExplainError>,
) -> impl IntoView {
    let i18n = use_i18n();
    let state = RwSignal::new(CheckoutState::Choosing);
    let selected = RwSignal::new(None::<String>);
    let intent = StoredValue::new(IdempotencyKey::new());
    let pay = StoredValue::new(pay);
    let status_id = unique_id("checkout-status");

    // Each opening is a new intent.
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if is_open && was_open != Some(true) {
            intent.set_value(IdempotencyKey::new());
            state.set(CheckoutState::Choosing);
        }
        is_open
    });
    // Another method is another intent.
    Effect::new(move |previous: Option<Option<String>>| {
        let now = selected.get();
        if previous.is_some_and(|previous| previous != now) {
            intent.set_value(IdempotencyKey::new());
        }
        now
    });

    let busy = Signal::derive(move || {
        matches!(
            state.get(),
            CheckoutState::Paying | CheckoutState::Redirecting
        )
    });
    let done = Signal::derive(move || matches!(state.get(), CheckoutState::Done(_)));
    let confirm = Callback::new(move |_| {
        if busy.get_untracked() || done.get_untracked() {
            return;
        }
        let Some(method) = selected.get_untracked() else {
            return;
        };
        state.set(CheckoutState::Paying);
        let key = intent.get_value();
        let request = PayRequest {
            payment_method_id: Some(method),
        };
        let payment = pay.with_value(|pay| pay.run(request, &key));
        spawn_local(async move {
            match payment.await {
                Ok(PaymentOutcome {
                    status: PaymentOutcomeStatus::ActionRequired,
                    redirect_url: Some(url),
                    ..
                }) => {
                    state.try_set(CheckoutState::Redirecting);
                    if go_to_payment_page(&url, &return_url(&current_href())).is_err() {
                        // A completion page the URL rule refuses: nothing is
                        // opened and the customer is told the answer is unusable.
                        state.try_set(CheckoutState::Failed(ApiError::Decode {
                            field: "redirectUrl".into(),
                            message: "refused URL".into(),
                        }));
                    }
                }
                Ok(outcome) => {
                    // An action asked for without a page to do it on is
                    // still being processed, as far as the customer can tell.
                    let status = match outcome.status {
                        PaymentOutcomeStatus::Succeeded => PaymentOutcomeStatus::Succeeded,
                        _ => PaymentOutcomeStatus::Pending,
                    };
                    state.try_set(CheckoutState::Done(status));
                    if let Some(on_done) = on_done {
                        on_done.run(status);
                    }
                }
                Err(error) => {
                    if !keeps_intent(&error) {
                        intent.set_value(IdempotencyKey::new());
                    }
                    state.try_set(CheckoutState::Failed(error));
                }
            }
        });
    });
    let close = Callback::new(move |_| open.set(false));

    let amount_text = move || {
        let locale = i18n.get_locale();
        amount.with(|money| format_money(&money.amount, money.currency.as_str(), locale))
    };
    let status_text = move || {
        let locale = i18n.get_locale();
        match state.get() {
            CheckoutState::Choosing => String::new(),
            CheckoutState::Paying => td_string!(locale, checkout.paying).to_string(),
            CheckoutState::Redirecting => td_string!(locale, checkout.redirecting).to_string(),
            CheckoutState::Done(PaymentOutcomeStatus::Succeeded) => {
                td_string!(locale, checkout.paid).to_string()
            }
            CheckoutState::Done(_) => td_string!(locale, checkout.pending).to_string(),
            CheckoutState::Failed(error) => {
                let reason = explain
                    .and_then(|explain| explain(locale, &error))
                    .unwrap_or_else(|| error_message(locale, &error));
                td_string!(locale, checkout.failed, reason).to_string()
            }
        }
    };
    let failed = move || matches!(state.get(), CheckoutState::Failed(_));
    let status_id_for_button = status_id.clone();

    view! {
        <Dialog open title=|l| td_string!(l, checkout.title)
            footer=Box::new(move || view! {
                <Show when=move || !done.get()
                    fallback=move || view! {
                        <Button variant=ButtonVariant::Primary on_click=close attr:data-testid="checkout-close">
                            {t!(i18n, checkout.close)}
                        </Button>
                    }>
                    <Button variant=ButtonVariant::Primary busy
                        disabled=Signal::derive(move || selected.with(Option::is_none))
                        on_click=confirm attr:data-testid="checkout-confirm"
                        attr:aria-describedby=status_id_for_button.clone()>
                        {move || if failed() { t!(i18n, checkout.retry).into_any() } else { t!(i18n, checkout.confirm).into_any() }}
                    </Button>
                    <Button disabled=busy on_click=close>{t!(i18n, checkout.cancel)}</Button>
                </Show>
            }.into_any())>
            <div class="checkout" data-testid="checkout">
                {children.as_ref().map(|children| children())}
                <p class="checkout__amount">
                    <span>{t!(i18n, checkout.amount)}</span>" "
                    <strong data-testid="checkout-amount">{amount_text}</strong>
                </p>
                // Loaded when the dialog opens, fresh each time (a method may
                // have been added meanwhile).
                {move || open.get().then(|| view! { <MethodPicker selected disabled=Signal::derive(move || busy.get() || done.get()) /> })}
                <p id=status_id.clone() class="checkout__status" class:checkout__status--failed=failed
                    role="status" aria-live="polite" data-testid="checkout-status">{status_text}</p>
            </div>
        </Dialog>
    }
}

/// The saved payment methods as radio buttons: the default one chosen first,
/// the unusable ones shown with why, and the way to add another one.
#[component]
fn MethodPicker(selected: RwSignal<Option<String>>, disabled: Signal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let methods = api_resource(move |cancel| api.payment_methods(cancel));
    let add_href = add_method_href(&current_path());
    // The default method when it can be used, else the first usable one.
    Effect::new(move |_| {
        if let Some(Ok(list)) = methods.get() {
            let today = today();
            let usable = |m: &&PaymentMethod| is_usable(m, today);
            let still_there = selected
                .get_untracked()
                .is_some_and(|id| list.items.iter().filter(usable).any(|m| m.id == id));
            if !still_there {
                let choice = list
                    .items
                    .iter()
                    .filter(usable)
                    .find(|m| m.default)
                    .or_else(|| list.items.iter().find(usable))
                    .map(|m| m.id.clone());
                selected.set(choice);
            }
        }
    });
    let group = unique_id("checkout-method");
    let list = move || {
        match methods.get() {
        None => view! { <SkeletonRows rows=2 /> }.into_any(),
        Some(Err(error)) => view! {
            <div class="checkout__methods-error" role="alert">
                <p>{move || error_message(i18n.get_locale(), &error)}</p>
                <Button on_click=Callback::new(move |_| methods.refetch())>{t!(i18n, app.retry)}</Button>
            </div>
        }
        .into_any(),
        Some(Ok(PaymentMethodList { mut items })) => {
            items.sort_by_key(|m| !m.default);
            let today = today();
            let none_usable = !items.iter().any(|m| is_usable(m, today));
            let group = group.clone();
            view! {
                <fieldset class="checkout__methods">
                    <legend class="field__label">{t!(i18n, checkout.method_legend)}</legend>
                    {none_usable.then(|| view! {
                        <p class="checkout__none" data-testid="checkout-no-method">{t!(i18n, checkout.no_usable_method)}</p>
                    })}
                    <ul class="checkout__method-list" role="list">
                        {items.into_iter().map(|method| view! {
                            <MethodOption method today group=group.clone() selected disabled />
                        }).collect_view()}
                    </ul>
                </fieldset>
            }
            .into_any()
        }
    }
    };
    view! {
        {list}
        <p class="checkout__add">
            <a href=add_href data-testid="checkout-add-method">{t!(i18n, checkout.add_method)}</a>
        </p>
    }
}

#[component]
fn MethodOption(
    method: PaymentMethod,
    today: NaiveDate,
    group: String,
    selected: RwSignal<Option<String>>,
    disabled: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let usable = is_usable(&method, today);
    let input_id = unique_id("checkout-method-option");
    let id = method.id.clone();
    let checked_id = id.clone();
    let kind = method.kind;
    let expired = method.status == PaymentMethodStatus::Expired
        || method.expires_on.is_some_and(|day| day < today);
    let why_not = move || {
        let locale = i18n.get_locale();
        if usable {
            None
        } else if expired {
            Some(td_string!(locale, checkout.method_expired))
        } else {
            Some(td_string!(locale, checkout.method_unusable))
        }
    };
    view! {
        <li class="checkout__method" class:checkout__method--unusable=!usable>
            <input type="radio" class="checkout__radio" name=group id=input_id.clone() value=id.clone()
                data-testid="checkout-method"
                disabled=move || !usable || disabled.get()
                prop:checked=move || selected.with(|s| s.as_deref() == Some(checked_id.as_str()))
                on:change=move |_| selected.set(Some(id.clone())) />
            <label for=input_id>
                <span class="checkout__method-kind">{move || payment_method_type_label(i18n.get_locale(), kind)}</span>
                " " <span class="checkout__method-label">{method.label.clone()}</span>
                {method.default.then(|| view! { " " <span class="badge badge--accent">{t!(i18n, checkout.default_method)}</span> })}
                {method.description.clone().map(|d| view! { <span class="checkout__method-description">{d}</span> })}
                {method.expires_on.map(|day| view! {
                    <span class="checkout__method-expiry">{t!(i18n, checkout.expires_on)}" "<DayText day /></span>
                })}
                {move || why_not().map(|why| view! { <span class="checkout__method-why">{why}</span> })}
            </label>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::{DateTimeOffset, PaymentMethodType};

    fn card(status: PaymentMethodStatus, expires_on: Option<NaiveDate>) -> PaymentMethod {
        PaymentMethod {
            id: "pm-1".into(),
            kind: PaymentMethodType::Card,
            label: "•••• 1111".into(),
            brand: None,
            expires_on,
            description: None,
            default: true,
            status,
            created_at: DateTimeOffset::parse_from_rfc3339("2026-01-01T00:00:00+01:00").unwrap(),
        }
    }

    #[test]
    fn only_valid_methods_within_their_date_can_pay() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert!(is_usable(&card(PaymentMethodStatus::Valid, None), today));
        assert!(is_usable(
            &card(PaymentMethodStatus::Valid, Some(today)),
            today
        ));
        assert!(!is_usable(
            &card(PaymentMethodStatus::Valid, today.pred_opt()),
            today
        ));
        assert!(!is_usable(&card(PaymentMethodStatus::Expired, None), today));
        assert!(!is_usable(&card(PaymentMethodStatus::Pending, None), today));
    }

    #[test]
    fn a_lost_answer_keeps_the_intent_and_a_refusal_ends_it() {
        assert!(keeps_intent(&ApiError::Timeout));
        assert!(keeps_intent(&ApiError::Network("offline".into())));
        assert!(keeps_intent(&ApiError::Http {
            status: 503,
            problem: None
        }));
        assert!(!keeps_intent(&ApiError::Http {
            status: 422,
            problem: None
        }));
        assert!(!keeps_intent(&ApiError::Http {
            status: 409,
            problem: None
        }));
    }
}
