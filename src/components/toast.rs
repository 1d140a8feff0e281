//! Short confirmations ("Paiement enregistré") that do not interrupt.
//!
//! One polite live region, created with the shell and never removed, so that
//! screen readers announce what is added to it (a region created at the same
//! time as its message is often not announced). Toasts leave by themselves
//! after a delay, but not while the pointer or focus is on them, and each has
//! a close button: a customer who reads slowly is not rushed (WCAG 2.2.1).

use crate::i18n::*;
use leptos::prelude::*;
use std::time::Duration;

/// How long a toast stays when nobody is looking at it.
pub const TOAST_DELAY: Duration = Duration::from_secs(6);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastTone {
    Success,
    Info,
    Danger,
}

#[derive(Debug, Clone, PartialEq)]
struct Toast {
    id: u64,
    message: String,
    tone: ToastTone,
}

/// The toasts of the page; get it with [`use_toasts`] and call [`Toasts::show`].
#[derive(Clone, Copy)]
pub struct Toasts {
    list: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
    /// Pointer or focus on the region: nothing leaves meanwhile.
    held: RwSignal<bool>,
}

impl Toasts {
    /// Shows `message` (already translated) for [`TOAST_DELAY`].
    pub fn show(&self, message: impl Into<String>, tone: ToastTone) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.list.update(|list| {
            list.push(Toast {
                id,
                message: message.into(),
                tone,
            })
        });
        self.expire_later(id);
    }

    /// Keeps a toast on screen until closed (the gallery uses it).
    pub fn show_sticky(&self, message: impl Into<String>, tone: ToastTone) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.list.update(|list| {
            list.push(Toast {
                id,
                message: message.into(),
                tone,
            })
        });
    }

    pub fn dismiss(&self, id: u64) {
        self.list.update(|list| list.retain(|toast| toast.id != id));
    }

    fn expire_later(self, id: u64) {
        set_timeout(
            move || {
                if self.held.get_untracked() {
                    self.expire_later(id);
                } else {
                    self.dismiss(id);
                }
            },
            TOAST_DELAY,
        );
    }
}

/// Creates the toasts for this part of the tree (the shell does it once).
pub fn provide_toasts() -> Toasts {
    let toasts = Toasts {
        list: RwSignal::new(Vec::new()),
        next: StoredValue::new(0),
        held: RwSignal::new(false),
    };
    provide_context(toasts);
    toasts
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

/// The live region where toasts appear: `role="status"`, polite.
#[component]
pub fn ToastRegion() -> impl IntoView {
    let i18n = use_i18n();
    let toasts = use_toasts();
    let hold = move || toasts.held.set(true);
    let release = move || toasts.held.set(false);
    view! {
        <div class="toast-region" role="status" aria-live="polite" data-testid="toasts"
            on:mouseenter=move |_| hold() on:mouseleave=move |_| release()
            on:focusin=move |_| hold() on:focusout=move |_| release()>
            <For each=move || toasts.list.get() key=|toast| toast.id let:toast>
                <div class=match toast.tone {
                    ToastTone::Success => "toast toast--success",
                    ToastTone::Info => "toast toast--info",
                    ToastTone::Danger => "toast toast--danger",
                }>
                    <p class="toast__message">{toast.message}</p>
                    <button type="button" class="toast__close"
                        aria-label=move || td_string!(i18n.get_locale(), toast.close)
                        on:click=move |_| toasts.dismiss(toast.id)>
                        <span aria-hidden="true">"×"</span>
                    </button>
                </div>
            </For>
        </div>
    }
}
