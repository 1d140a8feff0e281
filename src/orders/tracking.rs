//! "Suivi de commande": the four steps of an order, each with its dated
//! history in the customer's language, newest first.
//!
//! While it is on screen and the tab is visible, the tracking asks the API
//! again every minute (`trackingRefreshSeconds` in config.json); when a step
//! changes, a polite live region says which, so a screen reader user hears
//! it without losing their place.

use crate::api::models::{FollowUp, FollowUpStep, HistoryEntry, StepName, StepStatus};
use crate::api::{ApiError, api_resource, use_api};
use crate::components::{
    DateText, ErrorPanel, SkeletonRows, ordered_steps, step_label, step_status_label,
};
use crate::config::RuntimeConfig;
use crate::i18n::*;
use leptos::prelude::*;
use std::time::Duration;

/// Entries shown per step before "show more".
pub const HISTORY_PREVIEW: usize = 3;

/// The history of a step, newest first (ties keep the API's order).
pub fn newest_first(history: &[HistoryEntry]) -> Vec<HistoryEntry> {
    let mut entries = history.to_vec();
    entries.sort_by_key(|entry| std::cmp::Reverse(entry.date));
    entries
}

/// The translated name of a history event. The list of codes is open: one
/// this portal does not know gets a neutral label, never the raw code.
pub fn event_label(locale: Locale, code: &str) -> &'static str {
    match code {
        "ORDER_ACCEPTED" => td_string!(locale, order_events.order_accepted),
        "ORDER_STARTED" => td_string!(locale, order_events.order_started),
        "PAYMENT_INITIATED" | "REGISTERED_PAYMENT_INITIATED" => {
            td_string!(locale, order_events.payment_initiated)
        }
        "PAYMENT_RECEIVED" => td_string!(locale, order_events.payment_received),
        "PAYMENT_CONFIRMED" => td_string!(locale, order_events.payment_confirmed),
        "FRAUD_CHECK" | "FRAUD_MANUAL_REVIEW" => td_string!(locale, order_events.fraud_check),
        "FRAUD_DOCS_REQUESTED" => td_string!(locale, order_events.fraud_docs_requested),
        "FRAUD_REFUSED" => td_string!(locale, order_events.fraud_refused),
        "INVOICE_IN_PROGRESS" => td_string!(locale, order_events.invoice_in_progress),
        "INVOICE_SENT" => td_string!(locale, order_events.invoice_sent),
        "DELIVERY" => td_string!(locale, order_events.delivery),
        _ => td_string!(locale, order_events.other),
    }
}

/// What the customer must do about a step in error, from its latest event.
pub fn error_advice(locale: Locale, step: &FollowUpStep) -> &'static str {
    let latest = step.history.iter().max_by_key(|e| e.date);
    match (step.step, latest.map(|e| e.label.as_str())) {
        (_, Some("FRAUD_DOCS_REQUESTED")) => td_string!(locale, order_tracking.advice_documents),
        (_, Some("FRAUD_REFUSED")) | (StepName::Validating, _) => {
            td_string!(locale, order_tracking.advice_refused)
        }
        (StepName::Validated, _) => td_string!(locale, order_tracking.advice_documents),
        _ => td_string!(locale, order_tracking.advice_delivery),
    }
}

/// The first step whose state differs between two follow-ups, with its new state.
pub fn changed_step(before: &FollowUp, after: &FollowUp) -> Option<(StepName, StepStatus)> {
    let (before, after) = (ordered_steps(before), ordered_steps(after));
    before
        .iter()
        .zip(&after)
        .find(|(b, a)| b.status != a.status || b.history.len() != a.history.len())
        .map(|(_, a)| (a.step, a.status))
}

/// Whether there is anything to follow yet: a step under way, done or in error, or a
/// dated event. An order never paid (waiting for its payment, or expired) comes back
/// as four steps still to do with no history, as does an empty `steps` list: four
/// blank steps would read as a fault, so the customer is told plainly instead.
pub fn has_tracking(follow_up: &FollowUp) -> bool {
    follow_up.steps.iter().any(|step| {
        !step.history.is_empty()
            || matches!(
                step.status,
                StepStatus::Doing | StepStatus::Done | StepStatus::Error
            )
    })
}

/// "No tracking is available for this order", in the customer's language.
#[component]
fn NoTracking() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="empty-state" data-testid="tracking-none">{t!(i18n, order_tracking.none)}</p>
    }
}

fn step_class(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Todo | StepStatus::Unknown => "tracking__step tracking__step--todo",
        StepStatus::Doing => "tracking__step tracking__step--doing",
        StepStatus::Done => "tracking__step tracking__step--done",
        StepStatus::Error => "tracking__step tracking__step--error",
    }
}

/// One event: when, what (translated), and the API's own words beside it.
#[component]
fn HistoryItem(entry: HistoryEntry) -> impl IntoView {
    let i18n = use_i18n();
    let code = entry.label.clone();
    let description = entry.description.trim().to_owned();
    view! {
        <li class="tracking__event" data-testid="tracking-event">
            <DateText instant=entry.date with_time=true />
            " · "
            <span class="tracking__event-label">{move || event_label(i18n.get_locale(), &code)}</span>
            {(!description.is_empty()).then(|| view! {
                <span class="tracking__event-description">{description}</span>
            })}
        </li>
    }
}

/// The dated history of a step, newest first, the first few then "show more".
#[component]
pub fn StepHistory(history: Vec<HistoryEntry>) -> impl IntoView {
    let i18n = use_i18n();
    let entries = newest_first(&history);
    let total = entries.len();
    let expanded = RwSignal::new(false);
    let (first, rest): (Vec<_>, Vec<_>) = entries
        .into_iter()
        .enumerate()
        .partition(|(index, _)| *index < HISTORY_PREVIEW);
    let rest: Vec<HistoryEntry> = rest.into_iter().map(|(_, e)| e).collect();
    let hidden = rest.len();
    let rest = StoredValue::new(rest);
    (total > 0).then(|| {
        view! {
            <ul class="tracking__history" role="list" data-testid="tracking-history">
                {first.into_iter().map(|(_, entry)| view! { <HistoryItem entry /> }).collect_view()}
                {move || expanded.get().then(|| rest.get_value().into_iter()
                    .map(|entry| view! { <HistoryItem entry /> }).collect_view())}
            </ul>
            {(hidden > 0).then(|| view! {
                <button type="button" class="button button--ghost tracking__more" data-testid="tracking-more"
                    aria-expanded=move || expanded.get().to_string()
                    on:click=move |_| expanded.update(|e| *e = !*e)>
                    {move || {
                        let locale = i18n.get_locale();
                        if expanded.get() {
                            td_string!(locale, order_tracking.show_less).to_string()
                        } else {
                            td_string!(locale, order_tracking.show_more, count = hidden).to_string()
                        }
                    }}
                </button>
            })}
        }
    })
}

/// The four steps with their histories, or, before anything happened, a sentence
/// saying there is no tracking yet.
#[component]
pub fn TrackingSteps(follow_up: FollowUp) -> impl IntoView {
    if !has_tracking(&follow_up) {
        return view! { <NoTracking /> }.into_any();
    }
    let i18n = use_i18n();
    let steps = ordered_steps(&follow_up);
    let count = steps.len();
    view! {
        <ol class="tracking" aria-label=move || td_string!(i18n.get_locale(), steps.label) data-testid="tracking">
            {steps.into_iter().enumerate().map(|(index, step)| {
                let status = step.status;
                let name = step.step;
                let marker = match status {
                    StepStatus::Done => "✓".to_owned(),
                    StepStatus::Error => "!".to_owned(),
                    _ => (index + 1).to_string(),
                };
                let advice = (status == StepStatus::Error).then(|| {
                    let step = step.clone();
                    view! {
                        <p class="tracking__advice" data-testid="tracking-advice">
                            {move || error_advice(i18n.get_locale(), &step)}
                        </p>
                    }
                });
                view! {
                    <li class=step_class(status) data-testid="tracking-step" data-status=format!("{status:?}").to_lowercase()
                        aria-current=(status == StepStatus::Doing).then_some("step")>
                        <span class="tracking__marker" aria-hidden="true">{marker}</span>
                        <div class="tracking__body">
                            <h3 class="tracking__title">
                                <span class="visually-hidden">
                                    {move || td_string!(i18n.get_locale(), steps.position, position = index + 1, count = count).to_string()}
                                </span>
                                <span class="tracking__name">{move || step_label(i18n.get_locale(), name)}</span>
                                " "
                                <span class="tracking__state">{move || step_status_label(i18n.get_locale(), status)}</span>
                            </h3>
                            {advice}
                            <StepHistory history=step.history />
                        </div>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// Calls `tick` every `every` while the document is visible; nothing runs
/// while the tab is hidden. Stops with the owner.
fn every_while_visible(every: Duration, tick: impl Fn() + 'static) {
    let handle = set_interval_with_handle(
        move || {
            let visible = web_sys::window()
                .and_then(|w| w.document())
                .is_none_or(|d| !d.hidden());
            if visible {
                tick();
            }
        },
        every,
    );
    if let Ok(handle) = handle {
        on_cleanup(move || handle.clear());
    }
}

/// The tracking of one order, kept fresh while shown.
#[component]
pub fn OrderTracking(#[prop(into)] id: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let seconds = use_context::<RuntimeConfig>()
        .map(|c| c.tracking_refresh_seconds)
        .unwrap_or(60);
    let follow_up = api_resource(move |cancel| api.order_follow_up(&id.get(), cancel));
    // The last tracking shown, to say what changed; and the announcement.
    let shown = StoredValue::new_local(None::<FollowUp>);
    let announcement = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(now)) = follow_up.get() {
            if let Some(before) = shown.get_value()
                && let Some((step, status)) = changed_step(&before, &now)
            {
                let locale = i18n.get_locale_untracked();
                announcement.set(
                    td_string!(
                        locale,
                        order_tracking.step_changed,
                        step = step_label(locale, step),
                        status = step_status_label(locale, status)
                    )
                    .to_string(),
                );
            }
            shown.set_value(Some(now));
        }
    });
    every_while_visible(Duration::from_secs(seconds.into()), move || {
        follow_up.refetch()
    });
    // A refresh that fails keeps the last tracking on screen.
    let last_good = move || shown.get_value();
    view! {
        <div class="order-tracking">
            <p class="visually-hidden" role="status" aria-live="polite" data-testid="tracking-live">{move || announcement.get()}</p>
            {move || match follow_up.get() {
                None => view! { <SkeletonRows rows=4 /> }.into_any(),
                Some(Ok(data)) => view! { <TrackingSteps follow_up=data /> }.into_any(),
                // Old orders have no tracking: a 404 here is a fact, not a failure.
                Some(Err(ApiError::Http { status: 404, .. })) => view! { <NoTracking /> }.into_any(),
                Some(Err(error)) => match last_good() {
                    Some(data) => view! {
                        <p class="tracking__stale" role="status">{t!(i18n, order_tracking.stale)}</p>
                        <TrackingSteps follow_up=data />
                    }.into_any(),
                    _ => view! {
                        <ErrorPanel error retry=Callback::new(move |_| follow_up.refetch()) />
                    }.into_any(),
                },
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::models::DateTimeOffset;

    fn entry(at: &str, label: &str) -> HistoryEntry {
        HistoryEntry {
            date: DateTimeOffset::parse_from_rfc3339(at).unwrap(),
            label: label.into(),
            description: String::new(),
        }
    }

    #[test]
    fn history_reads_newest_first() {
        let history = vec![
            entry("2026-11-01T10:00:00+01:00", "ORDER_ACCEPTED"),
            entry("2026-11-01T12:00:00+01:00", "PAYMENT_RECEIVED"),
            entry("2026-11-01T11:00:00+01:00", "PAYMENT_INITIATED"),
        ];
        let labels: Vec<_> = newest_first(&history)
            .into_iter()
            .map(|e| e.label)
            .collect();
        assert_eq!(
            labels,
            ["PAYMENT_RECEIVED", "PAYMENT_INITIATED", "ORDER_ACCEPTED"]
        );
    }

    #[test]
    fn unknown_codes_get_a_neutral_label_never_the_code() {
        for locale in [Locale::fr, Locale::it, Locale::en] {
            let label = event_label(locale, "SOMETHING_NEW");
            assert!(!label.contains("SOMETHING_NEW"));
            assert_eq!(label, event_label(locale, "<script>"));
            assert_ne!(label, event_label(locale, "PAYMENT_RECEIVED"));
        }
    }

    #[test]
    fn four_steps_to_do_without_history_are_no_tracking() {
        let step = |step, status, history: Vec<HistoryEntry>| FollowUpStep {
            step,
            status,
            history,
        };
        assert!(!has_tracking(&FollowUp { steps: vec![] }));
        let blank = FollowUp {
            steps: [
                StepName::Validating,
                StepName::Validated,
                StepName::Delivering,
                StepName::Available,
            ]
            .map(|name| step(name, StepStatus::Todo, vec![]))
            .to_vec(),
        };
        assert!(!has_tracking(&blank));
        let mut started = blank.clone();
        started.steps[0].status = StepStatus::Doing;
        assert!(has_tracking(&started));
        let mut dated = blank;
        dated.steps[0]
            .history
            .push(entry("2026-11-01T10:00:00+01:00", "ORDER_ACCEPTED"));
        assert!(has_tracking(&dated));
    }

    #[test]
    fn a_step_change_is_found() {
        let step = |status, history: Vec<HistoryEntry>| FollowUpStep {
            step: StepName::Delivering,
            status,
            history,
        };
        let before = FollowUp {
            steps: vec![step(StepStatus::Doing, vec![])],
        };
        let after = FollowUp {
            steps: vec![step(StepStatus::Done, vec![])],
        };
        assert_eq!(changed_step(&before, &before), None);
        assert_eq!(
            changed_step(&before, &after),
            Some((StepName::Delivering, StepStatus::Done))
        );
    }
}
