//! Component tests of the orders feature in a real browser: the status
//! explanation, the tracking history, the withdrawal dialog's gating.
//! The test browser speaks English, so the assertions are in English (the journeys
//! check French and Italian).
//!
//! Run: CHROMEDRIVER=/usr/bin/chromedriver cargo test -p billing-portal \
//!        --target wasm32-unknown-unknown --test orders_components
#![cfg(target_arch = "wasm32")]

use billing_portal::api::models::{
    DateTimeOffset, FollowUp, FollowUpStep, HistoryEntry, OrderStatus, StepName, StepStatus,
};
use billing_portal::format::format_date;
use billing_portal::i18n::*;
use billing_portal::orders::{
    HISTORY_PREVIEW, OrderStatusInfo, StepHistory, TrackingSteps, WithdrawalDialog, event_label,
    status_explanation,
};
use leptos::mount::mount_to;
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn container() -> HtmlElement {
    let element: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&element).unwrap();
    element
}

fn query(root: &HtmlElement, selector: &str) -> HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .unchecked_into()
}

fn query_all(root: &HtmlElement, selector: &str) -> Vec<HtmlElement> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

fn text(element: &HtmlElement) -> String {
    element.text_content().unwrap_or_default()
}

async fn settle() {
    gloo_timers::future::sleep(Duration::from_millis(30)).await;
}

fn at(text: &str) -> DateTimeOffset {
    DateTimeOffset::parse_from_rfc3339(text).unwrap()
}

#[wasm_bindgen_test]
async fn the_status_explains_itself_with_the_expiry_date() {
    let root = container();
    let expires = at("2026-12-03T10:00:00+01:00");
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider>
                <OrderStatusInfo status=OrderStatus::NotPaid expires />
            </I18nContextProvider>
        }
    });
    settle().await;
    let button = query(&root, "button[data-testid=order-status]");
    let tip_id = button.get_attribute("aria-describedby").expect("described");
    let tip = query(&root, &format!("#{tip_id}"));
    assert_eq!(tip.get_attribute("role").as_deref(), Some("tooltip"));
    let explanation = text(&tip);
    assert_eq!(
        explanation,
        status_explanation(Locale::en, OrderStatus::NotPaid, expires)
    );
    assert!(
        explanation.contains(&format_date(&expires, Locale::en)),
        "says when it expires: {explanation}"
    );
    assert!(
        text(&button).contains("Payment not received"),
        "the guide's label"
    );

    // Shown on focus (and a tap focuses); Escape hides it again.
    button.focus().unwrap();
    settle().await;
    // The stylesheet is not loaded in the test page: check the state classes.
    let wrapper = query(&root, ".status-info");
    assert!(!wrapper.class_list().contains("status-info--dismissed"));
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Escape");
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    button.dispatch_event(&event).unwrap();
    settle().await;
    assert!(wrapper.class_list().contains("status-info--dismissed"));
}

#[wasm_bindgen_test]
async fn an_unknown_status_is_explained_without_its_code() {
    let root = container();
    let expires = at("2026-12-03T10:00:00+01:00");
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider>
                <OrderStatusInfo status=OrderStatus::Unknown expires />
            </I18nContextProvider>
        }
    });
    settle().await;
    let all = text(&root);
    // A neutral, translated label; never a raw API value.
    assert!(all.contains("Unknown status"), "{all}");
}

fn entry(minute: u32, label: &str) -> HistoryEntry {
    HistoryEntry {
        date: at(&format!("2026-11-01T10:{minute:02}:00+01:00")),
        label: label.into(),
        description: format!("event {minute}"),
    }
}

#[wasm_bindgen_test]
async fn the_history_reads_newest_first_and_shows_more_on_demand() {
    let root = container();
    // Out of order on purpose, as an API may send them.
    let history = vec![
        entry(10, "ORDER_ACCEPTED"),
        entry(50, "INVOICE_SENT"),
        entry(20, "PAYMENT_INITIATED"),
        entry(40, "PAYMENT_CONFIRMED"),
        entry(30, "PAYMENT_RECEIVED"),
    ];
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider>
                <StepHistory history=history.clone() />
            </I18nContextProvider>
        }
    });
    settle().await;
    let events = || {
        query_all(
            &root,
            "[data-testid=tracking-event] .tracking__event-description",
        )
        .iter()
        .map(text)
        .collect::<Vec<_>>()
    };
    assert_eq!(HISTORY_PREVIEW, 3);
    assert_eq!(events(), ["event 50", "event 40", "event 30"]);
    let labels: Vec<String> = query_all(&root, ".tracking__event-label")
        .iter()
        .map(text)
        .collect();
    assert_eq!(labels[0], event_label(Locale::en, "INVOICE_SENT"));
    assert!(
        labels.iter().all(|l| !l.contains('_')),
        "no raw code: {labels:?}"
    );

    let more = query(&root, "[data-testid=tracking-more]");
    assert_eq!(
        more.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(
        text(&more).contains('2'),
        "says how many more: {}",
        text(&more)
    );
    more.click();
    settle().await;
    assert_eq!(
        events(),
        ["event 50", "event 40", "event 30", "event 20", "event 10"]
    );
    assert_eq!(more.get_attribute("aria-expanded").as_deref(), Some("true"));
    more.click();
    settle().await;
    assert_eq!(events().len(), 3);
}

#[wasm_bindgen_test]
async fn a_step_in_error_says_what_to_do_and_unknown_codes_stay_neutral() {
    let root = container();
    let follow_up = FollowUp {
        steps: vec![
            FollowUpStep {
                step: StepName::Validating,
                status: StepStatus::Done,
                history: vec![
                    entry(1, "SOMETHING_NEW"),
                    entry(2, "<script>alert(1)</script>"),
                ],
            },
            FollowUpStep {
                step: StepName::Validated,
                status: StepStatus::Error,
                history: vec![entry(3, "FRAUD_CHECK"), entry(4, "FRAUD_DOCS_REQUESTED")],
            },
        ],
    };
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider>
                <TrackingSteps follow_up=follow_up.clone() />
            </I18nContextProvider>
        }
    });
    settle().await;
    let steps = query_all(&root, "[data-testid=tracking-step]");
    assert_eq!(steps.len(), 4, "always the four steps");
    assert_eq!(
        steps[1].get_attribute("data-status").as_deref(),
        Some("error")
    );
    let advice = query(&steps[1], "[data-testid=tracking-advice]");
    assert!(text(&advice).contains("documents"), "{}", text(&advice));
    let first = text(&steps[0]);
    assert!(!first.contains("SOMETHING_NEW"), "{first}");
    assert!(first.contains(event_label(Locale::en, "SOMETHING_NEW")));
    assert!(!root.inner_html().contains("<script>alert"), "inert text");
}

#[wasm_bindgen_test]
async fn an_order_without_tracking_data_says_so_instead_of_blank_steps() {
    let root = container();
    // What the API answers for an order never paid: four steps to do, no event.
    let blank = FollowUp {
        steps: [
            StepName::Validating,
            StepName::Validated,
            StepName::Delivering,
            StepName::Available,
        ]
        .map(|step| FollowUpStep {
            step,
            status: StepStatus::Todo,
            history: vec![],
        })
        .to_vec(),
    };
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider>
                <TrackingSteps follow_up=blank.clone() />
            </I18nContextProvider>
        }
    });
    settle().await;
    assert!(query_all(&root, "[data-testid=tracking-step]").is_empty());
    let none = query(&root, "[data-testid=tracking-none]");
    assert_eq!(text(&none), "No tracking is available for this order.");
}

#[wasm_bindgen_test]
async fn withdrawing_needs_a_reason_and_the_box_ticked() {
    let root = container();
    let open = RwSignal::new(true);
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider>
                <WithdrawalDialog open order_id="212000001" deadline=at("2026-12-10T10:00:00+01:00")
                    on_done=Callback::new(|_| ()) />
            </I18nContextProvider>
        }
    });
    settle().await;
    let confirm: web_sys::HtmlButtonElement =
        query(&root, "[data-testid=withdraw-confirm]").unchecked_into();
    let tick: HtmlInputElement = query(&root, "[data-testid=withdraw-tick]").unchecked_into();
    let reason: HtmlSelectElement = query(&root, "[data-testid=withdraw-reason]").unchecked_into();
    let label = tick
        .parent_element()
        .unwrap()
        .text_content()
        .unwrap_or_default();
    assert!(
        label.contains("Yes, I want to cancel this order"),
        "{label}"
    );
    assert!(confirm.disabled(), "nothing chosen yet");

    let change = |element: &web_sys::EventTarget| {
        let event = web_sys::Event::new("change").unwrap();
        element.dispatch_event(&event).unwrap();
    };
    tick.set_checked(true);
    change(&tick);
    settle().await;
    assert!(confirm.disabled(), "ticked but no reason");

    reason.set_value("changedMind");
    change(&reason);
    settle().await;
    assert!(!confirm.disabled(), "a reason and the box ticked");

    tick.set_checked(false);
    change(&tick);
    settle().await;
    assert!(confirm.disabled(), "unticking locks it again");

    // Reopening starts afresh.
    tick.set_checked(true);
    change(&tick);
    open.set(false);
    settle().await;
    open.set(true);
    settle().await;
    assert!(!tick.checked());
    assert!(confirm.disabled());
}
