//! The order follow-up ("Suivi de commande"): the four steps an order goes
//! through, VALIDATING, VALIDATED, DELIVERING, AVAILABLE, each to do, in
//! progress, done or in error.
//!
//! An ordered list, because the steps have an order a screen reader should
//! announce ("2 of 4"); the state of each step is written out, never told by
//! colour or icon alone.

use crate::api::models::{FollowUp, FollowUpStep, StepName, StepStatus};
use crate::components::DateText;
use crate::i18n::*;
use leptos::prelude::*;

/// The steps in the order an order goes through them.
pub const STEP_ORDER: [StepName; 4] = [
    StepName::Validating,
    StepName::Validated,
    StepName::Delivering,
    StepName::Available,
];

pub fn step_label(locale: Locale, step: StepName) -> &'static str {
    match step {
        StepName::Validating => td_string!(locale, steps.validating),
        StepName::Validated => td_string!(locale, steps.validated),
        StepName::Delivering => td_string!(locale, steps.delivering),
        StepName::Available => td_string!(locale, steps.available),
        StepName::Unknown => td_string!(locale, steps.unknown),
    }
}

pub fn step_status_label(locale: Locale, status: StepStatus) -> &'static str {
    match status {
        StepStatus::Todo => td_string!(locale, step_status.todo),
        StepStatus::Doing => td_string!(locale, step_status.doing),
        StepStatus::Done => td_string!(locale, step_status.done),
        StepStatus::Error => td_string!(locale, step_status.error),
        StepStatus::Unknown => td_string!(locale, step_status.unknown),
    }
}

fn status_class(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Todo | StepStatus::Unknown => "step step--todo",
        StepStatus::Doing => "step step--doing",
        StepStatus::Done => "step step--done",
        StepStatus::Error => "step step--error",
    }
}

/// The four steps in their order, whatever order the API sent them in; a
/// step the API left out is still to do.
pub fn ordered_steps(follow_up: &FollowUp) -> Vec<FollowUpStep> {
    STEP_ORDER
        .iter()
        .map(|name| {
            follow_up
                .steps
                .iter()
                .find(|s| s.step == *name)
                .cloned()
                .unwrap_or(FollowUpStep {
                    step: *name,
                    status: StepStatus::Todo,
                    history: Vec::new(),
                })
        })
        .collect()
}

/// The follow-up of one order. Each step shows its name, its state in words,
/// and the latest event of its history (date and label) when there is one.
#[component]
pub fn StepTracker(follow_up: FollowUp) -> impl IntoView {
    let i18n = use_i18n();
    let steps = ordered_steps(&follow_up);
    let count = steps.len();
    view! {
        <ol class="step-tracker" aria-label=move || td_string!(i18n.get_locale(), steps.label)>
            {steps
                .into_iter()
                .enumerate()
                .map(|(index, step)| {
                    let FollowUpStep { step: name, status, history } = step;
                    let latest = history.into_iter().max_by_key(|entry| entry.date);
                    let marker = match status {
                        StepStatus::Done => "✓".to_owned(),
                        StepStatus::Error => "!".to_owned(),
                        _ => (index + 1).to_string(),
                    };
                    view! {
                        <li class=status_class(status) aria-current=(status == StepStatus::Doing).then_some("step")>
                            <span class="step__marker" aria-hidden="true">{marker}</span>
                            <div class="step__text">
                                <span class="visually-hidden">
                                    {move || td_string!(i18n.get_locale(), steps.position, position = index + 1, count = count).to_string()}
                                </span>
                                <span class="step__name">{move || step_label(i18n.get_locale(), name)}</span>
                                <span class="step__state">{move || step_status_label(i18n.get_locale(), status)}</span>
                                {latest.map(|entry| {
                                    let label = (!entry.label.is_empty()).then(|| view! { " · " {entry.label} });
                                    view! {
                                        <span class="step__event">
                                            <DateText instant=entry.date with_time=true />
                                            {label}
                                        </span>
                                    }
                                })}
                            </div>
                        </li>
                    }
                })
                .collect_view()}
        </ol>
    }
}
