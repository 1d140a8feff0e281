//! Component tests in a real browser (wasm-bindgen-test + chromedriver):
//! what only the DOM can tell, keyboard focus, `aria-sort`, the
//! indeterminate checkbox, the native dialog, `Intl` formatting.
//!
//! Run: CHROMEDRIVER=/usr/bin/chromedriver cargo test -p billing-portal \
//!        --target wasm32-unknown-unknown --test components
#![cfg(target_arch = "wasm32")]

use billing_portal::components::{
    ActionMenu, CardRole, Column, DataTable, Dialog, Filter, FilterBar, MenuItem, StatusOption,
};
use billing_portal::format::{format_date, format_datetime, format_day, format_money};
use billing_portal::i18n::*;
use leptos::mount::mount_to;
use leptos::prelude::*;
use rust_decimal::Decimal;
use std::collections::HashSet;
use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, KeyboardEvent, KeyboardEventInit};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A fresh container in the page for one test.
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

fn active() -> Option<web_sys::Element> {
    document().active_element()
}

fn press(target: &HtmlElement, key: &str, shift: bool) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_shift_key(shift);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// Lets effects and re-renders scheduled by a signal change run.
async fn settle() {
    gloo_timers::future::sleep(Duration::from_millis(30)).await;
}

#[derive(Clone, Debug)]
struct Row {
    name: &'static str,
    amount: i32,
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            name: "Bravo",
            amount: 30,
        },
        Row {
            name: "Alpha",
            amount: 10,
        },
        Row {
            name: "Charlie",
            amount: 20,
        },
    ]
}

fn columns() -> Vec<Column<Row>> {
    vec![
        Column::new("name", |_| "Name", |r: &Row| r.name)
            .row_header()
            .sort_by(|a: &Row, b: &Row| a.name.cmp(b.name)),
        Column::new("amount", |_| "Amount", |r: &Row| r.amount.to_string())
            .numeric()
            .sort_by(|a: &Row, b: &Row| a.amount.cmp(&b.amount)),
    ]
}

fn names(root: &HtmlElement) -> Vec<String> {
    query_all(root, "tbody [data-column=name]")
        .iter()
        .map(|cell| cell.text_content().unwrap_or_default())
        .collect()
}

#[wasm_bindgen_test]
async fn clicking_a_header_sorts_the_rows_and_sets_aria_sort() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        view! {
            <I18nContextProvider>
                <DataTable columns=columns() rows=rows() caption=|_| "Rows" />
            </I18nContextProvider>
        }
    });
    settle().await;
    assert_eq!(
        names(&root),
        ["Bravo", "Alpha", "Charlie"],
        "rows start in their given order"
    );
    let amount_header = query(&root, "th[data-column=amount]");
    assert_eq!(
        amount_header.get_attribute("aria-sort").as_deref(),
        Some("none")
    );

    query(&amount_header, "button").click();
    settle().await;
    assert_eq!(names(&root), ["Alpha", "Charlie", "Bravo"]);
    assert_eq!(
        amount_header.get_attribute("aria-sort").as_deref(),
        Some("ascending")
    );

    query(&amount_header, "button").click();
    settle().await;
    assert_eq!(names(&root), ["Bravo", "Charlie", "Alpha"]);
    assert_eq!(
        amount_header.get_attribute("aria-sort").as_deref(),
        Some("descending")
    );

    let name_header = query(&root, "th[data-column=name]");
    query(&name_header, "button").click();
    settle().await;
    assert_eq!(names(&root), ["Alpha", "Bravo", "Charlie"]);
    assert_eq!(
        name_header.get_attribute("aria-sort").as_deref(),
        Some("ascending")
    );
    assert_eq!(
        amount_header.get_attribute("aria-sort").as_deref(),
        Some("none"),
        "one sorted column at a time"
    );
}

#[wasm_bindgen_test]
async fn select_all_selects_every_row_and_shows_a_mixed_state() {
    let root = container();
    let selection = RwSignal::new(HashSet::<String>::new());
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider>
                <DataTable columns=columns() rows=rows() caption=|_| "Rows" selection
                    row_id=|r: &Row| r.name.to_owned() />
            </I18nContextProvider>
        }
    });
    settle().await;
    let all: HtmlInputElement = query(&root, "thead input[type=checkbox]").unchecked_into();
    let boxes = || -> Vec<HtmlInputElement> {
        query_all(&root, "tbody input[type=checkbox]")
            .into_iter()
            .map(|e| e.unchecked_into())
            .collect()
    };
    assert_eq!(boxes().len(), 3);
    assert!(!all.checked() && !all.indeterminate());

    all.click();
    settle().await;
    assert_eq!(selection.get_untracked().len(), 3);
    assert!(boxes().iter().all(HtmlInputElement::checked));
    assert!(all.checked() && !all.indeterminate());

    boxes()[1].click();
    settle().await;
    assert_eq!(selection.get_untracked().len(), 2);
    assert!(
        all.indeterminate(),
        "some rows selected: select-all is mixed"
    );
    assert_eq!(all.get_attribute("aria-checked").as_deref(), Some("mixed"));

    // From the mixed state, select-all selects everything.
    all.click();
    settle().await;
    assert_eq!(selection.get_untracked().len(), 3);
    assert!(!all.indeterminate());

    all.click();
    settle().await;
    assert!(selection.get_untracked().is_empty());
    assert!(boxes().iter().all(|b| !b.checked()));
}

#[wasm_bindgen_test]
async fn the_action_menu_follows_the_keyboard() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        view! {
            <I18nContextProvider>
                <ActionMenu label=|_| "Actions" items=vec![
                    MenuItem::new(|_| "Voir la version HTML", || {}),
                    MenuItem::new(|_| "Voir la version PDF", || {}),
                    MenuItem::new(|_| "Annuler la commande", || {}).danger(),
                    MenuItem::new(|_| "Exporter en CSV", || {}),
                ] />
            </I18nContextProvider>
        }
    });
    settle().await;
    let button = query(&root, "button[aria-haspopup=menu]");
    let menu = query(&root, "[role=menu]");
    let items = query_all(&root, "[role=menuitem]");
    let focused = || {
        items
            .iter()
            .position(|item| active().is_some_and(|a| a.is_same_node(Some(item))))
    };
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert!(menu.hidden());

    button.focus().unwrap();
    press(&button, "ArrowDown", false);
    assert!(!menu.hidden());
    assert_eq!(
        focused(),
        Some(0),
        "ArrowDown on the button opens on the first item"
    );
    settle().await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );

    press(&menu, "ArrowDown", false);
    assert_eq!(focused(), Some(1));
    press(&menu, "ArrowUp", false);
    assert_eq!(focused(), Some(0));
    press(&menu, "ArrowUp", false);
    assert_eq!(focused(), Some(3), "ArrowUp wraps to the last item");
    press(&menu, "ArrowDown", false);
    assert_eq!(focused(), Some(0), "ArrowDown wraps to the first item");
    press(&menu, "End", false);
    assert_eq!(focused(), Some(3));
    press(&menu, "Home", false);
    assert_eq!(focused(), Some(0));

    // Type-ahead: the next item starting with the letter, wrapping.
    press(&menu, "v", false);
    assert_eq!(focused(), Some(1));
    press(&menu, "v", false);
    assert_eq!(focused(), Some(0));
    press(&menu, "a", false);
    assert_eq!(focused(), Some(2));
    press(&menu, "E", false);
    assert_eq!(focused(), Some(3));

    press(&menu, "Escape", false);
    assert!(menu.hidden());
    assert!(
        active().is_some_and(|a| a.is_same_node(Some(&button))),
        "Escape returns focus to the button"
    );
    settle().await;
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );

    // ArrowUp on the button opens on the last item.
    press(&button, "ArrowUp", false);
    assert_eq!(focused(), Some(3));
    press(&menu, "Escape", false);
}

#[wasm_bindgen_test]
async fn the_dialog_traps_focus_closes_on_escape_and_returns_focus() {
    let root = container();
    let open = RwSignal::new(false);
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider>
                <button id="opener" on:click=move |_| open.set(true)>"Open"</button>
                <Dialog open title=|_| "Annuler la commande"
                    footer=Box::new(|| view! {
                        <button id="keep">"Keep"</button>
                        <button id="confirm">"Confirm"</button>
                    }.into_any())>
                    <label><input id="agree" type="checkbox" />"Oui"</label>
                </Dialog>
            </I18nContextProvider>
        }
    });
    settle().await;
    let opener = query(&root, "#opener");
    let dialog: web_sys::HtmlDialogElement = query(&root, "dialog").unchecked_into();
    let title_id = query(&root, ".dialog__title").id();
    assert_eq!(
        dialog.get_attribute("aria-labelledby"),
        Some(title_id),
        "labelled by its title"
    );

    opener.focus().unwrap();
    opener.click();
    settle().await;
    assert!(dialog.open(), "the dialog opens as a modal");
    let is_active = |id: &str| active().is_some_and(|a| a.id() == id);
    assert!(
        is_active("agree"),
        "focus starts on the first field, not the close button"
    );

    let close = query(&root, ".dialog__close");
    let confirm = query(&root, "#confirm");
    confirm.focus().unwrap();
    press(&confirm, "Tab", false);
    assert!(
        active().is_some_and(|a| a.is_same_node(Some(&close))),
        "Tab from the last element wraps to the first"
    );
    press(&close, "Tab", true);
    assert!(
        is_active("confirm"),
        "Shift+Tab from the first element wraps to the last"
    );

    press(&confirm, "Escape", false);
    settle().await;
    assert!(!dialog.open(), "Escape closes");
    assert!(!open.get_untracked());
    assert!(is_active("opener"), "focus returns to the opener");
}

#[wasm_bindgen_test]
fn money_is_formatted_per_locale() {
    let amount = Decimal::new(123_456, 2);
    assert_eq!(
        format_money(&amount, "EUR", Locale::fr),
        "1\u{202F}234,56\u{A0}€"
    );
    assert_eq!(format_money(&amount, "EUR", Locale::it), "1.234,56\u{A0}€");
}

#[wasm_bindgen_test]
fn dates_keep_their_locale_and_style_through_the_formatter_cache() {
    // Noon UTC: the same calendar day in any time zone the browser runs in.
    let noon = chrono::DateTime::parse_from_rfc3339("2026-11-30T12:00:00Z").unwrap();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    // Each call after the first reuses a cached Intl formatter: a cache keyed
    // wrongly would hand one locale's or one style's formatter to another.
    for _ in 0..2 {
        assert_eq!(format_date(&noon, Locale::fr), "30 nov. 2026");
        assert_eq!(format_date(&noon, Locale::it), "30 nov 2026");
        assert_eq!(format_day(&day, Locale::fr), "30 nov. 2026");
        assert_eq!(format_day(&day, Locale::it), "30 nov 2026");
        let with_time = format_datetime(&noon, Locale::fr);
        assert!(
            with_time.starts_with("30 nov. 2026") && with_time.contains(':'),
            "{with_time}"
        );
    }
}

#[wasm_bindgen_test]
async fn the_filter_bar_applies_its_fields_and_follows_outside_changes() {
    let root = container();
    let value = RwSignal::new(Filter::default());
    let statuses = vec![
        StatusOption {
            key: "paid",
            label: |_| "Paid",
        },
        StatusOption {
            key: "unpaid",
            label: |_| "Unpaid",
        },
    ];
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider>
                <FilterBar value statuses search_label=|_| "Reference" />
            </I18nContextProvider>
        }
    });
    settle().await;
    let search: HtmlInputElement = query(&root, "input[type=search]").unchecked_into();
    let paid: HtmlInputElement = query(&root, "input[value=paid]").unchecked_into();

    // Typed and ticked, then submitted: the page gets the typed filter.
    search.set_value("  FR-42 ");
    search
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    paid.click();
    query(&root, "button[type=submit]").click();
    settle().await;
    assert_eq!(
        value.get_untracked(),
        Filter {
            text: "FR-42".into(),
            statuses: vec!["paid"],
            ..Filter::default()
        }
    );

    // The page changes the filter (Back, "clear filters"): the fields show it.
    value.set(Filter {
        statuses: vec!["unpaid"],
        ..Filter::default()
    });
    settle().await;
    assert_eq!(search.value(), "", "the search field follows the value");
    assert!(!paid.checked(), "paid is no longer chosen");
    let unpaid: HtmlInputElement = query(&root, "input[value=unpaid]").unchecked_into();
    assert!(unpaid.checked(), "unpaid is now chosen");
}

#[wasm_bindgen_test]
async fn an_empty_table_offers_its_next_step() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        view! {
            <I18nContextProvider>
                <DataTable columns=columns() rows=Vec::new() caption=|_| "Rows"
                    empty=|_| "Nothing matches these filters."
                    empty_action=Some(ViewFn::from(|| view! { <button class="clear">"Clear"</button> })) />
            </I18nContextProvider>
        }
    });
    settle().await;
    assert_eq!(
        query(&root, ".empty-state__message")
            .text_content()
            .as_deref(),
        Some("Nothing matches these filters.")
    );
    assert_eq!(
        query(&root, ".empty-state__action button.clear")
            .text_content()
            .as_deref(),
        Some("Clear")
    );
}

/// The type-erased resource behind every page: the typed value comes back
/// out, an error stays an error, a signal the call reads reloads it, and a
/// retry asks again.
#[wasm_bindgen_test]
async fn an_api_resource_hands_back_its_model_and_reloads() {
    use billing_portal::api::{ApiError, ApiFuture, api_resource};
    use std::cell::Cell;
    use std::rc::Rc;

    let root = container();
    let calls = Rc::new(Cell::new(0u32));
    let page = RwSignal::new(1u32);
    let seen: RwSignal<Vec<String>> = RwSignal::new(Vec::new());
    let counter = calls.clone();
    let _mounted = mount_to(root.clone(), move || {
        let resource = api_resource(move |_cancel| {
            counter.set(counter.get() + 1);
            let page = page.get();
            let answer: ApiFuture<Vec<String>> = Box::pin(async move {
                if page == 2 {
                    Err(ApiError::Timeout)
                } else {
                    Ok(vec![format!("page {page}")])
                }
            });
            answer
        });
        Effect::new(move |_| {
            let shown = match resource.get() {
                None => "loading".to_owned(),
                Some(Ok(items)) => items.join(","),
                Some(Err(error)) => format!("{error:?}"),
            };
            seen.update(|all| all.push(shown));
        });
        let retry = move |_| resource.refetch();
        view! { <button class="retry" on:click=retry>"retry"</button> }
    });
    settle().await;
    assert_eq!(
        seen.get_untracked().last().map(String::as_str),
        Some("page 1")
    );

    page.set(2);
    settle().await;
    assert_eq!(
        seen.get_untracked().last().map(String::as_str),
        Some("Timeout")
    );

    page.set(3);
    settle().await;
    let before_retry = calls.get();
    query(&root, "button.retry").click();
    settle().await;
    assert_eq!(calls.get(), before_retry + 1, "a retry asks the API again");
    assert_eq!(
        seen.get_untracked().last().map(String::as_str),
        Some("page 3")
    );
}

/// A rendition whose URL the API made `javascript:` is no link at all: the
/// customer reads that the document is not available and can ask again; the
/// safe one opens in a new tab without a handle on the portal.
#[wasm_bindgen_test]
async fn a_refused_rendition_is_no_link_and_offers_a_retry() {
    use billing_portal::components::{Document, DocumentLinks};
    use billing_portal::safe_url;
    safe_url::set_api_base("http://127.0.0.1:8787/api/v1");
    for hostile in [
        "javascript:alert(1)",
        " JaVaScRiPt:alert(1)",
        "\u{1}javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "//evil.example/x.pdf",
        "http://evil.example/x.pdf",
    ] {
        assert_eq!(safe_url::link(hostile), None, "{hostile:?}");
    }
    let pdf = safe_url::link("/api/v1/invoices/7/invoice.pdf");
    assert_eq!(
        pdf.as_deref(),
        Some("http://127.0.0.1:8787/api/v1/invoices/7/invoice.pdf")
    );
    let retried = RwSignal::new(0);
    let root = container();
    let documents = vec![
        Document {
            label: |_| "HTML",
            name: |_| "Version HTML",
            href: safe_url::link("javascript:alert(1)"),
        },
        Document {
            label: |_| "PDF",
            name: |_| "Version PDF",
            href: pdf.clone(),
        },
    ];
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider>
                <DocumentLinks documents retry=Callback::new(move |_| retried.update(|n| *n += 1)) />
            </I18nContextProvider>
        }
    });
    settle().await;
    let links = query_all(&root, "a");
    assert_eq!(links.len(), 1);
    assert_eq!(links[0].get_attribute("href"), pdf);
    assert_eq!(
        links[0].get_attribute("rel").as_deref(),
        Some("noopener noreferrer")
    );
    assert_eq!(links[0].get_attribute("target").as_deref(), Some("_blank"));
    let unavailable = query(&root, "[data-testid=document-unavailable]")
        .text_content()
        .unwrap_or_default();
    assert!(unavailable.starts_with("Version HTML"), "{unavailable}");
    assert!(!root.inner_html().contains("javascript:"));
    query(&root, "[data-testid=document-retry]").click();
    settle().await;
    assert_eq!(retried.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn cells_carry_their_column_name_and_card_role_and_the_table_does_not_scroll() {
    let root = container();
    let _mounted = mount_to(root.clone(), || {
        let mut columns = columns();
        columns.push(Column::new("status", |_| "Status", |r: &Row| r.name));
        columns.push(
            Column::new("tax", |_| "Tax", |r: &Row| r.amount.to_string())
                .numeric()
                .card(CardRole::Secondary),
        );
        view! {
            <I18nContextProvider>
                <DataTable columns rows=rows() caption=|_| "Rows" />
            </I18nContextProvider>
        }
    });
    settle().await;
    let cell = |column: &str| query(&root, &format!("tbody tr [data-column={column}]"));
    let described = |column: &str| {
        let cell = cell(column);
        (
            cell.get_attribute("data-label").unwrap_or_default(),
            cell.get_attribute("data-card").unwrap_or_default(),
        )
    };
    assert_eq!(described("name"), ("Name".into(), "title".into()));
    assert_eq!(described("amount"), ("Amount".into(), "amount".into()));
    assert_eq!(described("status"), ("Status".into(), "status".into()));
    assert_eq!(
        described("tax"),
        ("Tax".into(), "secondary".into()),
        "a chosen role wins over the default"
    );
    // No inner scroller: the page is the only one.
    let frame = query(&root, ".table-frame");
    let style = web_sys::window()
        .unwrap()
        .get_computed_style(&frame)
        .unwrap()
        .unwrap();
    assert_eq!(style.get_property_value("overflow-y").unwrap(), "visible");
    assert!(root.query_selector(".table-scroll").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn active_filters_are_chips_that_each_remove_their_part() {
    let root = container();
    let value = RwSignal::new(Filter {
        text: "FR-42".into(),
        statuses: vec!["paid", "unpaid"],
        ..Filter::default()
    });
    let statuses = vec![
        StatusOption {
            key: "paid",
            label: |_| "Paid",
        },
        StatusOption {
            key: "unpaid",
            label: |_| "Unpaid",
        },
    ];
    let _mounted = mount_to(root.clone(), move || {
        view! {
            <I18nContextProvider>
                <FilterBar value statuses search_label=|_| "Reference" />
            </I18nContextProvider>
        }
    });
    settle().await;
    let chips = || query_all(&root, "[data-testid=active-filters] button");
    let texts: Vec<String> = chips()
        .iter()
        .map(|chip| chip.text_content().unwrap_or_default())
        .collect();
    assert_eq!(texts.len(), 3, "one chip per part: {texts:?}");
    assert!(texts[0].contains("FR-42"), "{texts:?}");
    assert!(
        texts[1].contains("Paid") && texts[2].contains("Unpaid"),
        "{texts:?}"
    );
    assert!(
        chips()[1]
            .get_attribute("aria-label")
            .unwrap_or_default()
            .contains("Paid"),
        "the remove button names the filter it removes"
    );

    chips()[1].click();
    settle().await;
    assert_eq!(
        value.get_untracked(),
        Filter {
            text: "FR-42".into(),
            statuses: vec!["unpaid"],
            ..Filter::default()
        },
        "only the tapped part goes"
    );
    assert_eq!(chips().len(), 2);

    value.set(Filter::default());
    settle().await;
    assert!(
        root.query_selector("[data-testid=active-filters]")
            .unwrap()
            .is_none(),
        "no filter, no chips"
    );
}
