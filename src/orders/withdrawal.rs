//! "Annuler la commande": the consumer's 14-day withdrawal right.
//!
//! Offered only when the API says the order can be withdrawn; otherwise the
//! customer reads why not (a business account, the deadline passed, a line
//! outside the right such as a domain name or a licence, an order not paid or
//! already cancelled) instead of wondering where the button went.

use crate::api::models::{
    CustomerKind, DateTimeOffset, Order, OrderKind, OrderStatus, WithdrawReason, WithdrawRequest,
};
use crate::api::{Api, ApiError, IdempotencyKey};
use crate::checkout::keeps_intent;
use crate::components::{Button, ButtonVariant, DateText, Dialog, error_message, unique_id};
use crate::format::format_date;
use crate::i18n::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Whether and why an order can be withdrawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Withdrawal {
    /// Possible until the deadline.
    Open { deadline: DateTimeOffset },
    /// Professionals are not consumers: no withdrawal right.
    Business,
    /// The 14 days are over.
    PastDeadline { deadline: DateTimeOffset },
    /// A line is outside the right (domain name, licence, personalised service).
    Excluded,
    /// Not paid yet: it will simply expire.
    NotPaid,
    /// Already cancelled or being cancelled, or expired.
    Closed,
    /// A renewal or regularisation: the right covers new purchases.
    NotAPurchase,
    /// The API refused and nothing the portal knows explains it (no deadline
    /// on a purchase, a deadline still ahead): said neutrally, never a guess
    /// such as a personalised service the order does not contain.
    Unexplained,
}

/// What applies to `order` for a customer of `kind` at `now`. The API's
/// `withdrawable` decides when it is true; the rest only explains a refusal.
pub fn withdrawal_for(order: &Order, kind: CustomerKind, now: DateTimeOffset) -> Withdrawal {
    if let (true, Some(deadline)) = (order.withdrawable, order.withdrawal_deadline) {
        return Withdrawal::Open { deadline };
    }
    if kind == CustomerKind::Business {
        return Withdrawal::Business;
    }
    match order.status {
        OrderStatus::NotPaid => return Withdrawal::NotPaid,
        OrderStatus::Cancelling | OrderStatus::Cancelled | OrderStatus::Expired => {
            return Withdrawal::Closed;
        }
        _ => {}
    }
    if order.lines.iter().any(|line| line.withdrawal_excluded) {
        return Withdrawal::Excluded;
    }
    match order.withdrawal_deadline {
        Some(deadline) if deadline <= now => Withdrawal::PastDeadline { deadline },
        None if order.kind != OrderKind::Purchase => Withdrawal::NotAPurchase,
        // The API refused without a reason this portal can name.
        _ => Withdrawal::Unexplained,
    }
}

/// Why `withdrawal` does not apply, in a sentence; `None` when it does.
pub fn refusal_text(locale: Locale, withdrawal: Withdrawal) -> Option<String> {
    Some(match withdrawal {
        Withdrawal::Open { .. } => return None,
        Withdrawal::Business => td_string!(locale, order_withdrawal.why_business).to_owned(),
        Withdrawal::PastDeadline { deadline } => {
            let date = format_date(&deadline, locale);
            td_string!(locale, order_withdrawal.why_past_deadline, date).to_string()
        }
        Withdrawal::Excluded => td_string!(locale, order_withdrawal.why_excluded).to_owned(),
        Withdrawal::NotPaid => td_string!(locale, order_withdrawal.why_not_paid).to_owned(),
        Withdrawal::Closed => td_string!(locale, order_withdrawal.why_closed).to_owned(),
        Withdrawal::NotAPurchase => {
            td_string!(locale, order_withdrawal.why_not_a_purchase).to_owned()
        }
        Withdrawal::Unexplained => td_string!(locale, order_withdrawal_unexplained.why).to_owned(),
    })
}

pub const REASONS: [WithdrawReason; 4] = [
    WithdrawReason::ChangedMind,
    WithdrawReason::OrderedByMistake,
    WithdrawReason::NotSatisfied,
    WithdrawReason::Other,
];

fn reason_key(reason: WithdrawReason) -> &'static str {
    match reason {
        WithdrawReason::ChangedMind => "changedMind",
        WithdrawReason::OrderedByMistake => "orderedByMistake",
        WithdrawReason::NotSatisfied => "notSatisfied",
        WithdrawReason::Other => "other",
    }
}

fn reason_label(locale: Locale, reason: WithdrawReason) -> &'static str {
    match reason {
        WithdrawReason::ChangedMind => td_string!(locale, order_withdrawal.reason_changed_mind),
        WithdrawReason::OrderedByMistake => td_string!(locale, order_withdrawal.reason_mistake),
        WithdrawReason::NotSatisfied => td_string!(locale, order_withdrawal.reason_not_satisfied),
        WithdrawReason::Other => td_string!(locale, order_withdrawal.reason_other),
    }
}

/// The confirm button is enabled only with a reason, the box ticked, and
/// nothing in flight.
pub fn can_confirm(reason: Option<WithdrawReason>, ticked: bool, busy: bool) -> bool {
    reason.is_some() && ticked && !busy
}

/// The longest comment the API takes.
pub const COMMENT_MAX: usize = 2_000;

#[derive(Debug, Clone, PartialEq)]
enum Sending {
    Idle,
    Busy,
    Failed(ApiError),
}

/// The withdrawal dialog for an order that can be withdrawn until `deadline`.
/// `on_done` receives the order as the API now has it (cancelling).
#[component]
pub fn WithdrawalDialog(
    open: RwSignal<bool>,
    #[prop(into)] order_id: String,
    deadline: DateTimeOffset,
    on_done: Callback<Order>,
) -> impl IntoView {
    let i18n = use_i18n();
    let reason = RwSignal::new(None::<WithdrawReason>);
    let comment = RwSignal::new(String::new());
    let ticked = RwSignal::new(false);
    let sending = RwSignal::new(Sending::Idle);
    let intent = StoredValue::new(IdempotencyKey::new());
    let ids = (
        unique_id("withdraw-reason"),
        unique_id("withdraw-comment"),
        unique_id("withdraw-confirm"),
        unique_id("withdraw-status"),
    );
    // Each opening starts afresh: a new intent, nothing chosen.
    Effect::new(move |was_open: Option<bool>| {
        let is_open = open.get();
        if is_open && was_open != Some(true) {
            intent.set_value(IdempotencyKey::new());
            reason.set(None);
            comment.set(String::new());
            ticked.set(false);
            sending.set(Sending::Idle);
        }
        is_open
    });
    let busy = Signal::derive(move || sending.get() == Sending::Busy);
    let enabled = Signal::derive(move || can_confirm(reason.get(), ticked.get(), busy.get()));
    let order_id = StoredValue::new(order_id);
    // Read when confirming: the dialog itself shows without a backend (the
    // component tests mount it alone).
    let api = use_context::<Api>();
    let confirm = Callback::new(move |_| {
        if !enabled.get_untracked() {
            return;
        }
        let (Some(chosen), Some(api)) = (reason.get_untracked(), api.clone()) else {
            return;
        };
        sending.set(Sending::Busy);
        let request = WithdrawRequest {
            reason: chosen,
            comment: comment.get_untracked().trim().to_owned(),
        };
        let key = intent.get_value();
        let call = api.withdraw_order(&order_id.get_value(), &request, &key);
        spawn_local(async move {
            match call.await {
                Ok(order) => {
                    sending.try_set(Sending::Idle);
                    open.try_set(false);
                    on_done.run(order);
                }
                Err(error) => {
                    if !keeps_intent(&error) {
                        intent.set_value(IdempotencyKey::new());
                    }
                    sending.try_set(Sending::Failed(error));
                }
            }
        });
    });
    let (reason_id, comment_id, confirm_id, status_id) = ids;
    let (reason_label_for, comment_label_for, confirm_label_for) =
        (reason_id.clone(), comment_id.clone(), confirm_id.clone());
    let status_text = move || match sending.get() {
        Sending::Idle => String::new(),
        Sending::Busy => td_string!(i18n.get_locale(), order_withdrawal.sending).to_owned(),
        Sending::Failed(error) => {
            let locale = i18n.get_locale();
            let reason = error_message(locale, &error);
            td_string!(locale, order_withdrawal.failed, reason).to_string()
        }
    };
    let comment_length = move || comment.with(|c| c.chars().count());
    view! {
        <Dialog open title=|l| td_string!(l, order_withdrawal.title)
            footer=Box::new(move || view! {
                <Button variant=ButtonVariant::Danger busy disabled=Signal::derive(move || !enabled.get())
                    on_click=confirm attr:data-testid="withdraw-confirm">
                    {t!(i18n, order_withdrawal.confirm)}
                </Button>
                <Button disabled=busy on_click=Callback::new(move |_| open.set(false))>
                    {t!(i18n, order_withdrawal.keep)}
                </Button>
            }.into_any())>
            <div class="withdrawal" data-testid="withdrawal-dialog">
                <p>{t!(i18n, order_withdrawal.right)}</p>
                <p>
                    {t!(i18n, order_withdrawal.deadline)}" "
                    <strong><DateText instant=deadline /></strong>
                </p>
                <p>{t!(i18n, order_withdrawal.refund)}</p>
                <div class="field">
                    <label class="field__label" for=reason_label_for>{t!(i18n, order_withdrawal.reason)}</label>
                    <select class="field__input" id=reason_id data-testid="withdraw-reason" required
                        disabled=move || busy.get()
                        on:change=move |event| {
                            let key = event_target_value(&event);
                            reason.set(REASONS.into_iter().find(|r| reason_key(*r) == key));
                        }>
                        <option value="" selected=move || reason.with(Option::is_none)>
                            {t!(i18n, order_withdrawal.reason_placeholder)}
                        </option>
                        {REASONS.into_iter().map(|r| view! {
                            <option value=reason_key(r) selected=move || reason.get() == Some(r)>
                                {move || reason_label(i18n.get_locale(), r)}
                            </option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field__label" for=comment_label_for>{t!(i18n, order_withdrawal.comment)}</label>
                    <textarea class="field__input" id=comment_id rows="3" maxlength=COMMENT_MAX.to_string()
                        data-testid="withdraw-comment"
                        disabled=move || busy.get()
                        prop:value=move || comment.get()
                        on:input=move |event| comment.set(event_target_value(&event))></textarea>
                    <span class="field__hint">
                        {move || td_string!(i18n.get_locale(), order_withdrawal.comment_hint, count = comment_length(), max = COMMENT_MAX).to_string()}
                    </span>
                </div>
                <label class="checkbox-field" for=confirm_label_for>
                    <input type="checkbox" class="checkbox" id=confirm_id data-testid="withdraw-tick"
                        disabled=move || busy.get()
                        prop:checked=move || ticked.get()
                        on:change=move |event| ticked.set(event_target_checked(&event)) />
                    <span>{t!(i18n, order_withdrawal.tick)}</span>
                </label>
                <p id=status_id class="withdrawal__status" role="status" aria-live="polite"
                    data-testid="withdraw-status">{status_text}</p>
            </div>
        </Dialog>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::{BillingContact, Money, OrderLine};
    use rust_decimal::Decimal;

    fn at(text: &str) -> DateTimeOffset {
        DateTimeOffset::parse_from_rfc3339(text).unwrap()
    }

    fn order(status: OrderStatus, withdrawable: bool, deadline: Option<&str>) -> Order {
        Order {
            id: "212000001".into(),
            date: at("2026-11-20T10:00:00+01:00"),
            status,
            total_excl_tax: Money::eur(Decimal::new(1000, 2)),
            total_incl_tax: Money::eur(Decimal::new(1200, 2)),
            expiration_date: at("2026-11-21T10:00:00+01:00"),
            kind: OrderKind::Purchase,
            tax: Money::eur(Decimal::new(200, 2)),
            withdrawal_deadline: deadline.map(at),
            withdrawable,
            billing_contact: BillingContact {
                name: "C".into(),
                email: "c@example.fr".into(),
                address: String::new(),
            },
            payment_method_id: None,
            invoice_id: None,
            lines: vec![OrderLine {
                id: "1".into(),
                description: "VPS".into(),
                service_reference: "vps".into(),
                quantity: Decimal::ONE,
                unit_price_excl_tax: Money::eur(Decimal::new(1000, 2)),
                total_excl_tax: Money::eur(Decimal::new(1000, 2)),
                withdrawal_excluded: false,
            }],
            html_url: String::new(),
            pdf_url: String::new(),
        }
    }

    #[test]
    fn each_refusal_has_its_reason() {
        let now = at("2026-11-29T10:00:00+01:00");
        let deadline = "2026-12-04T10:00:00+01:00";
        let open = order(OrderStatus::Delivering, true, Some(deadline));
        assert!(matches!(
            withdrawal_for(&open, CustomerKind::Consumer, now),
            Withdrawal::Open { .. }
        ));
        let refused = order(OrderStatus::Delivering, false, Some(deadline));
        assert_eq!(
            withdrawal_for(&refused, CustomerKind::Business, now),
            Withdrawal::Business
        );
        let past = order(
            OrderStatus::Delivered,
            false,
            Some("2026-11-28T10:00:00+01:00"),
        );
        assert!(matches!(
            withdrawal_for(&past, CustomerKind::Consumer, now),
            Withdrawal::PastDeadline { .. }
        ));
        let mut excluded = order(OrderStatus::Delivered, false, Some(deadline));
        excluded.lines[0].withdrawal_excluded = true;
        assert_eq!(
            withdrawal_for(&excluded, CustomerKind::Consumer, now),
            Withdrawal::Excluded
        );
        let unpaid = order(OrderStatus::NotPaid, false, Some(deadline));
        assert_eq!(
            withdrawal_for(&unpaid, CustomerKind::Consumer, now),
            Withdrawal::NotPaid
        );
        for w in [
            Withdrawal::Business,
            Withdrawal::Excluded,
            Withdrawal::NotPaid,
            Withdrawal::Unexplained,
        ] {
            assert!(refusal_text(Locale::fr, w).is_some());
        }
    }

    /// A refusal nothing explains (a purchase without a deadline, or with one
    /// still ahead) reads as such, not as a personalised service or a licence
    /// the order does not contain.
    #[test]
    fn a_refusal_without_a_known_reason_is_not_called_an_exclusion() {
        let now = at("2026-11-29T10:00:00+01:00");
        let no_deadline = order(OrderStatus::Delivered, false, None);
        assert_eq!(
            withdrawal_for(&no_deadline, CustomerKind::Consumer, now),
            Withdrawal::Unexplained
        );
        let ahead = order(
            OrderStatus::Delivered,
            false,
            Some("2026-12-04T10:00:00+01:00"),
        );
        assert_eq!(
            withdrawal_for(&ahead, CustomerKind::Consumer, now),
            Withdrawal::Unexplained
        );
        for locale in [Locale::fr, Locale::it, Locale::en] {
            let text = refusal_text(locale, Withdrawal::Unexplained).unwrap_or_default();
            let excluded = refusal_text(locale, Withdrawal::Excluded).unwrap_or_default();
            assert!(!text.is_empty() && text != excluded, "{locale:?}: {text}");
        }
        assert!(
            refusal_text(Locale::fr, Withdrawal::Unexplained)
                .is_some_and(|t| !t.contains("personnalisé") && !t.contains("licence"))
        );
    }

    #[test]
    fn confirming_needs_a_reason_and_the_box_ticked() {
        assert!(!can_confirm(None, true, false));
        assert!(!can_confirm(Some(WithdrawReason::Other), false, false));
        assert!(!can_confirm(Some(WithdrawReason::Other), true, true));
        assert!(can_confirm(Some(WithdrawReason::Other), true, false));
    }
}
