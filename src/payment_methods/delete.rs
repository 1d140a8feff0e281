//! Deleting a method: a dialog says what it changes (the default one leaves
//! automatic payment and renewal without a method), then one request per
//! intent; a refusal by the API keeps the dialog open with its reason.

use super::display::masked_label;
use super::state::{MethodsState, Notice, refusal_reason};
use crate::api::{ApiError, IdempotencyKey, use_api};
use crate::components::{Button, ButtonVariant, Dialog};
use crate::i18n::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn DeleteDialog(state: MethodsState) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let open = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let refused = RwSignal::new(None::<ApiError>);
    let intent = StoredValue::new(IdempotencyKey::new());

    // A new method to delete is a new intent: a new key, no old refusal.
    Effect::new(move |_| {
        let asked = state.to_delete.with(Option::is_some);
        if asked {
            intent.set_value(IdempotencyKey::new());
            refused.set(None);
        }
        open.set(asked);
    });
    // Closing the dialog (Escape, ×, Keep) forgets the request.
    Effect::new(move |_| {
        if !open.get()
            && state.to_delete.with_untracked(Option::is_some)
            && !deleting.get_untracked()
        {
            state.to_delete.set(None);
        }
    });

    let label = move || {
        state
            .to_delete
            .with(|m| m.as_ref().map(|m| masked_label(m.kind, &m.label)))
            .unwrap_or_default()
    };
    let is_default = move || {
        state
            .to_delete
            .with(|m| m.as_ref().is_some_and(|m| m.default))
    };

    let confirm = Callback::new(move |_| {
        if deleting.get_untracked() {
            return;
        }
        let Some(method) = state.to_delete.get_untracked() else {
            return;
        };
        deleting.set(true);
        refused.set(None);
        let api = api.clone();
        let key = intent.get_value();
        spawn_local(async move {
            let label = masked_label(method.kind, &method.label);
            match api.delete_payment_method(&method.id, &key).await {
                Ok(()) => {
                    state.remove(&method.id);
                    state.notice.set(Some(Notice::success(move |l| {
                        td_string!(l, payment_methods_manage.deleted, label = label.as_str())
                            .to_string()
                    })));
                    deleting.set(false);
                    state.to_delete.set(None);
                }
                Err(error) => {
                    refused.set(Some(error));
                    deleting.set(false);
                }
            }
        });
    });

    view! {
        <Dialog open title=|l| td_string!(l, payment_methods_manage.delete_title)
            footer=Box::new(move || view! {
                <Button variant=ButtonVariant::Danger busy=deleting on_click=confirm
                    attr:data-testid="confirm-delete">
                    {t!(i18n, payment_methods_manage.delete_confirm)}
                </Button>
                <Button disabled=deleting on_click=Callback::new(move |_| open.set(false))
                    attr:data-testid="keep-method">
                    {t!(i18n, payment_methods_manage.keep)}
                </Button>
            }.into_any())>
            <div data-testid="delete-dialog">
                <p>{move || td_string!(i18n.get_locale(), payment_methods_manage.delete_body, label = label()).to_string()}</p>
                <Show when=is_default>
                    <p class="delete-dialog__consequence" data-testid="delete-default-consequence">
                        <strong>{t!(i18n, payment_methods_manage.delete_default_consequence)}</strong>
                    </p>
                </Show>
                <p class="field__error" role="alert" data-testid="delete-refused">
                    {move || refused.get().map(|error| {
                        let locale = i18n.get_locale();
                        td_string!(locale, payment_methods_manage.delete_failed, reason = refusal_reason(locale, &error)).to_string()
                    })}
                </p>
            </div>
        </Dialog>
    }
}
