//! What the page's parts share: the list as the customer sees it (changed
//! only once the API has agreed), the message about the last action, and the
//! method waiting for delete confirmation.

use crate::api::ApiError;
use crate::api::models::PaymentMethod;
use crate::components::error_message;
use crate::i18n::*;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Success,
    Error,
}

/// The result of the last action, worded on render so a language switch
/// translates it too.
#[derive(Clone)]
pub struct Notice {
    pub tone: Tone,
    pub text: Arc<dyn Fn(Locale) -> String + Send + Sync>,
}

impl Notice {
    pub fn success(text: impl Fn(Locale) -> String + Send + Sync + 'static) -> Self {
        Self {
            tone: Tone::Success,
            text: Arc::new(text),
        }
    }

    pub fn error(text: impl Fn(Locale) -> String + Send + Sync + 'static) -> Self {
        Self {
            tone: Tone::Error,
            text: Arc::new(text),
        }
    }
}

#[derive(Clone, Copy)]
pub struct MethodsState {
    pub list: RwSignal<Vec<PaymentMethod>>,
    pub notice: RwSignal<Option<Notice>>,
    pub to_delete: RwSignal<Option<PaymentMethod>>,
}

impl MethodsState {
    pub fn new() -> Self {
        Self {
            list: RwSignal::new(Vec::new()),
            notice: RwSignal::new(None),
            to_delete: RwSignal::new(None),
        }
    }

    /// Makes `id` the only default, as the API just did.
    pub fn mark_default(&self, id: &str) {
        self.list.update(|list| {
            for method in list.iter_mut() {
                method.default = method.id == id;
            }
        });
    }

    pub fn replace(&self, updated: PaymentMethod) {
        self.list.update(|list| {
            if let Some(slot) = list.iter_mut().find(|m| m.id == updated.id) {
                *slot = updated;
            }
        });
    }

    pub fn remove(&self, id: &str) {
        self.list.update(|list| list.retain(|m| m.id != id));
    }

    /// A method the API just created, in its place in the list.
    pub fn add(&self, created: PaymentMethod) {
        if created.default {
            self.mark_default("");
        }
        self.list.update(|list| {
            list.retain(|m| m.id != created.id);
            list.push(created);
        });
        self.list.update(|list| sort_for_display(list));
    }
}

impl Default for MethodsState {
    fn default() -> Self {
        Self::new()
    }
}

/// The default first, then the newest.
pub fn sort_for_display(list: &mut [PaymentMethod]) {
    list.sort_by(|a, b| {
        b.default
            .cmp(&a.default)
            .then_with(|| b.created_at.cmp(&a.created_at))
    });
}

/// Why the API said no, in the customer's words: the refusals this page
/// expects are translated; any other refusal shows the API's own reason.
pub fn refusal_reason(locale: Locale, error: &ApiError) -> String {
    if let ApiError::Http {
        status: 409,
        problem: Some(problem),
    } = error
    {
        if problem.kind.ends_with("/default-payment-method") {
            return td_string!(locale, payment_methods_manage.reason_default_method).to_owned();
        }
        if problem.kind.ends_with("/payment-method-unusable") {
            return td_string!(locale, payment_methods_manage.reason_unusable).to_owned();
        }
        if let Some(detail) = error.problem_detail() {
            return detail.to_owned();
        }
    }
    error_message(locale, error)
}
