//! A menu button: one button that opens a short list of actions, such as a
//! row's "…" menu (view as HTML, PDF, pay, cancel).
//!
//! It follows the WAI-ARIA menu button pattern because customers who use a
//! keyboard or a screen reader must reach every row action: the button says
//! it has a popup and whether it is open; in the menu, arrows move, Home/End
//! jump, typing a letter goes to the next item starting with it, Escape
//! closes and returns to the button, Tab closes and moves on.

use super::{Label, unique_id};
use crate::i18n::*;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// One entry of an [`ActionMenu`].
#[derive(Clone)]
pub struct MenuItem {
    pub label: Label,
    pub on_select: Callback<()>,
    /// Shown but not selectable (`aria-disabled`): the customer sees the action exists.
    pub disabled: bool,
    /// Destructive (cancel an order): shown in the danger colour.
    pub danger: bool,
}

impl MenuItem {
    pub fn new(label: Label, on_select: impl Fn() + Send + Sync + 'static) -> Self {
        MenuItem {
            label,
            on_select: Callback::new(move |_| on_select()),
            disabled: false,
            danger: false,
        }
    }

    pub fn disabled(mut self) -> Self {
        self.disabled = true;
        self
    }

    pub fn danger(mut self) -> Self {
        self.danger = true;
        self
    }
}

/// A button labelled `label` that opens `items`.
///
/// `class` adds classes to the button (the gallery forces `is-hover` /
/// `is-focus`); `open_initially` shows the menu open (gallery only).
#[component]
pub fn ActionMenu(
    label: Label,
    items: Vec<MenuItem>,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] open_initially: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(open_initially);
    let button_id = unique_id("menu-button");
    let menu_id = unique_id("menu");
    let button = NodeRef::<html::Button>::new();
    let menu = NodeRef::<html::Ul>::new();
    let wrapper = NodeRef::<html::Div>::new();

    // The DOM is updated here, not only through the signal, so that focus can
    // move in the same event: a hidden element cannot take focus.
    let set_open = move |value: bool| {
        if let Some(menu) = menu.get_untracked() {
            menu.set_hidden(!value);
        }
        open.set(value);
    };
    let items_of = move || {
        menu.get_untracked()
            .map(|m| menu_items(&m))
            .unwrap_or_default()
    };
    let close_to_button = move || {
        set_open(false);
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    };

    let on_button_keydown = move |event: leptos::ev::KeyboardEvent| {
        let target = match event.key().as_str() {
            "ArrowDown" | "Enter" | " " => Some(false),
            "ArrowUp" => Some(true),
            _ => None,
        };
        if let Some(last) = target {
            event.prevent_default();
            set_open(true);
            let items = items_of();
            let item = if last { items.last() } else { items.first() };
            if let Some(item) = item {
                let _ = item.focus();
            }
        }
    };
    let on_button_click = move |_| {
        let opening = !open.get_untracked();
        set_open(opening);
        if opening && let Some(first) = items_of().first() {
            let _ = first.focus();
        }
    };

    let on_menu_keydown = move |event: leptos::ev::KeyboardEvent| {
        let items = items_of();
        if items.is_empty() {
            return;
        }
        let current = current_index(&items);
        let key = event.key();
        let next = match key.as_str() {
            "ArrowDown" => Some(current.map_or(0, |i| (i + 1) % items.len())),
            "ArrowUp" => {
                Some(current.map_or(items.len() - 1, |i| (i + items.len() - 1) % items.len()))
            }
            "Home" | "PageUp" => Some(0),
            "End" | "PageDown" => Some(items.len() - 1),
            "Escape" => {
                event.prevent_default();
                close_to_button();
                return;
            }
            "Tab" => {
                set_open(false);
                return;
            }
            _ if is_printable(&key)
                && !event.ctrl_key()
                && !event.meta_key()
                && !event.alt_key() =>
            {
                let labels: Vec<String> = items
                    .iter()
                    .map(|item| item.text_content().unwrap_or_default())
                    .collect();
                type_ahead(&labels, current, &key)
            }
            _ => None,
        };
        if let Some(next) = next {
            event.prevent_default();
            let _ = items[next].focus();
        }
    };

    // Focus leaving the whole widget (a click elsewhere, Shift+Tab) closes it.
    let on_focus_out = move |event: leptos::ev::FocusEvent| {
        let inside = event
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(wrapper.get_untracked())
            .is_some_and(|(node, wrapper)| wrapper.contains(Some(&node)));
        if !inside && open.get_untracked() {
            set_open(false);
        }
    };

    let entries = items
        .into_iter()
        .map(|item| {
            let MenuItem {
                label,
                on_select,
                disabled,
                danger,
            } = item;
            let select = move |_| {
                if disabled {
                    return;
                }
                close_to_button();
                on_select.run(());
            };
            view! {
                <li role="none">
                    <button type="button" role="menuitem" tabindex="-1" class="action-menu__item"
                        class:action-menu__item--danger=danger
                        aria-disabled=disabled.then_some("true")
                        on:click=select>
                        {move || label(i18n.get_locale())}
                    </button>
                </li>
            }
        })
        .collect_view();

    let button_class = if class.is_empty() {
        "button button--secondary action-menu__button".to_owned()
    } else {
        format!("button button--secondary action-menu__button {class}")
    };
    view! {
        <div class="action-menu" node_ref=wrapper on:focusout=on_focus_out>
            <button type="button" id=button_id.clone() class=button_class node_ref=button
                aria-haspopup="menu"
                aria-expanded=move || open.get().to_string()
                aria-controls=menu_id.clone()
                on:click=on_button_click
                on:keydown=on_button_keydown>
                <span>{move || label(i18n.get_locale())}</span>
                <span class="action-menu__chevron" aria-hidden="true">"▾"</span>
            </button>
            <ul role="menu" id=menu_id class="action-menu__list" node_ref=menu
                aria-labelledby=button_id
                hidden=move || !open.get()
                on:keydown=on_menu_keydown>
                {entries}
            </ul>
        </div>
    }
}

fn menu_items(menu: &web_sys::HtmlUListElement) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = menu.query_selector_all("[role=menuitem]") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

fn current_index(items: &[web_sys::HtmlElement]) -> Option<usize> {
    let active = web_sys::window()?.document()?.active_element()?;
    items
        .iter()
        .position(|item| item.is_same_node(Some(&active)))
}

fn is_printable(key: &str) -> bool {
    let mut chars = key.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if !c.is_whitespace())
}

/// The next item after `current` (wrapping) whose label starts with `key`,
/// ignoring case and accents' absence (`e` finds "Éditer").
pub fn type_ahead(labels: &[String], current: Option<usize>, key: &str) -> Option<usize> {
    let wanted = fold(key);
    let count = labels.len();
    let start = current.map_or(0, |i| i + 1);
    (0..count)
        .map(|offset| (start + offset) % count)
        .find(|&i| fold(labels[i].trim()).starts_with(&wanted))
}

fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' | 'ì' => 'i',
            'ô' | 'ö' | 'ó' | 'ò' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_ahead_finds_the_next_match_and_wraps() {
        let labels: Vec<String> = [
            "Voir la version HTML",
            "Voir la version PDF",
            "Annuler la commande",
            "Éditer",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(type_ahead(&labels, None, "v"), Some(0));
        assert_eq!(type_ahead(&labels, Some(0), "v"), Some(1));
        assert_eq!(type_ahead(&labels, Some(1), "V"), Some(0));
        assert_eq!(type_ahead(&labels, Some(0), "e"), Some(3));
        assert_eq!(type_ahead(&labels, Some(0), "z"), None);
    }
}
