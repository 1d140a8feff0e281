//! A modal dialog: confirmations (cancel an order, pay a balance) and short
//! forms that must be answered before going on.
//!
//! Built on the native `<dialog>` with `showModal()`: the browser makes the
//! rest of the page inert and puts the dialog in the top layer, so no
//! z-index or `aria-hidden` juggling. On top of it: Tab and Shift+Tab wrap
//! inside the dialog (the browser would otherwise let focus reach its own
//! toolbar), Escape closes, and focus returns to whatever opened it, so a
//! keyboard user is never dropped at the top of the page.

use super::{Label, unique_id};
use crate::i18n::*;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What can take focus inside the dialog, in tab order.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), \
     textarea:not([disabled]), [tabindex]:not([tabindex=\"-1\"])";

/// A modal dialog, open while `open` is true.
///
/// - `title`: the heading; the dialog is labelled by it.
/// - `children`: the body; put the actions in `footer` (right-aligned on wide
///   screens, stacked on phones).
/// - Closing (Escape, the close button, or setting `open` to false) returns
///   focus to the element that had it when the dialog opened.
#[component]
pub fn Dialog(
    open: RwSignal<bool>,
    title: Label,
    children: Children,
    #[prop(optional)] footer: Option<Children>,
) -> impl IntoView {
    let i18n = use_i18n();
    let dialog = NodeRef::<html::Dialog>::new();
    let title_id = unique_id("dialog-title");
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);

    Effect::new(move |_| {
        let is_open = open.get();
        let Some(element) = dialog.get() else { return };
        if is_open && !element.open() {
            opener.set_value(active_element());
            let _ = element.show_modal();
            // The first field or action rather than the close button: the
            // customer came to answer, not to leave.
            let items = focusable(&element);
            let preferred = items
                .iter()
                .find(|item| !item.class_list().contains("dialog__close"))
                .or(items.first());
            if let Some(first) = preferred {
                let _ = first.focus();
            }
        } else if !is_open && element.open() {
            element.close();
            if let Some(opener) = opener.get_value() {
                let _ = opener.focus();
            }
        }
    });

    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        match event.key().as_str() {
            // Handled here rather than through the native `cancel` so that it
            // also goes through `open` and the focus return.
            "Escape" => {
                event.prevent_default();
                open.set(false);
            }
            "Tab" => {
                let Some(element) = dialog.get_untracked() else {
                    return;
                };
                let items = focusable(&element);
                let (Some(first), Some(last)) = (items.first(), items.last()) else {
                    return;
                };
                let active = active_element();
                let at = |item: &web_sys::HtmlElement| {
                    active.as_ref().is_some_and(|a| a.is_same_node(Some(item)))
                };
                if event.shift_key()
                    && (at(first)
                        || active
                            .as_ref()
                            .is_some_and(|a| a.is_same_node(Some(&element))))
                {
                    event.prevent_default();
                    let _ = last.focus();
                } else if !event.shift_key() && at(last) {
                    event.prevent_default();
                    let _ = first.focus();
                }
            }
            _ => {}
        }
    };
    // The browser may still close the dialog by itself (Escape pressed twice
    // quickly): keep `open` in step.
    let on_close = move |_| {
        if open.get_untracked() {
            open.set(false);
        }
    };
    let on_cancel = move |event: leptos::ev::Event| {
        event.prevent_default();
        open.set(false);
    };

    let labelled_by = title_id.clone();
    view! {
        <dialog class="dialog" node_ref=dialog aria-labelledby=labelled_by
            on:keydown=on_keydown on:close=on_close on:cancel=on_cancel>
            <div class="dialog__header">
                <h2 class="dialog__title" id=title_id.clone()>{move || title(i18n.get_locale())}</h2>
                <button type="button" class="button button--ghost dialog__close"
                    aria-label=move || td_string!(i18n.get_locale(), dialog.close)
                    on:click=move |_| open.set(false)>
                    <span aria-hidden="true">"×"</span>
                </button>
            </div>
            <div class="dialog__body">{children()}</div>
            {footer.map(|footer| view! { <div class="dialog__footer">{footer()}</div> })}
        </dialog>
    }
}

fn active_element() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

fn focusable(dialog: &web_sys::HtmlDialogElement) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}
