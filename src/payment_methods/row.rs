//! One saved method: what it is, its status and what to do about it, and the
//! actions on it (make it the default, describe it, delete it).

use super::display::{MethodIcon, brand_name, masked_label, status_advice};
use super::list::payment_method_type_label;
use super::state::{MethodsState, Notice, refusal_reason};
use crate::api::models::{PaymentMethod, PaymentMethodStatus, UpdatePaymentMethodRequest};
use crate::api::{IdempotencyKey, use_api};
use crate::components::{Button, ButtonVariant, DayText, PaymentMethodStatusBadge, unique_id};
use crate::i18n::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The API's limit on a description.
pub const MAX_DESCRIPTION: usize = 255;

/// A column's heading, repeated on each cell for the narrow (card) layout.
fn cell_label(locale: Locale, key: &str) -> &'static str {
    match key {
        "kind" => td_string!(locale, payment_methods.kind),
        "description" => td_string!(locale, payment_methods.description),
        "expiry" => td_string!(locale, payment_methods.expiry),
        "status" => td_string!(locale, payment_methods.status),
        _ => td_string!(locale, payment_methods_manage.actions),
    }
}

#[component]
pub fn MethodRow(
    method: PaymentMethod,
    state: MethodsState,
    #[prop(optional)] is_new: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = masked_label(method.kind, &method.label);
    let kind = method.kind;
    let status = method.status;
    let brand = brand_name(method.brand);
    let usable = status == PaymentMethodStatus::Valid;
    let data_label = move |key: &'static str| move || cell_label(i18n.get_locale(), key);
    let label_for_default = label.clone();
    let method_for_delete = method.clone();
    view! {
        <tr class="methods-table__row" class:is-default=method.default class:is-new=is_new
            data-testid="method-row" data-method-id=method.id.clone()
            data-default=method.default.to_string() data-status=format!("{:?}", status).to_lowercase()>
            <td class="methods-table__kind" data-label=data_label("kind")>
                <span class="method-kind">
                    <MethodIcon method=method.clone() />
                    <span>
                        {move || payment_method_type_label(i18n.get_locale(), kind)}
                        {brand.map(|name| view! { <span class="method-kind__brand">{name}</span> })}
                    </span>
                </span>
            </td>
            <th scope="row" class="methods-table__label">
                <span class="method-label" data-testid="method-label">{label.clone()}</span>
                {method.default.then(|| view! {
                    " " <span class="badge badge--accent" data-testid="default-mark">{t!(i18n, payment_methods.default)}</span>
                })}
                {is_new.then(|| view! {
                    " " <span class="badge badge--valid">{t!(i18n, payment_methods_manage.new_badge)}</span>
                })}
            </th>
            <td class="methods-table__description" data-label=data_label("description")>
                <DescriptionEditor method=method.clone() label=label.clone() state />
            </td>
            <td data-label=data_label("expiry")>
                {method.expires_on.map(|day| view! { <DayText day /> })}
            </td>
            <td class="methods-table__status" data-label=data_label("status")>
                <PaymentMethodStatusBadge status />
                <p class="methods-table__advice">{move || status_advice(i18n.get_locale(), kind, status)}</p>
            </td>
            <td class="methods-table__actions" data-label=data_label("actions")>
                <div class="methods-table__buttons">
                    {(!method.default && usable).then(|| view! {
                        <SetDefaultButton id=method.id.clone() label=label_for_default state />
                    })}
                    <Button variant=ButtonVariant::Ghost
                        on_click=Callback::new(move |_| state.to_delete.set(Some(method_for_delete.clone())))
                        attr:data-testid="delete-method"
                        attr:aria-label=move || td_string!(i18n.get_locale(), payment_methods_manage.delete_label, label = label.as_str()).to_string()>
                        {t!(i18n, payment_methods_manage.delete)}
                    </Button>
                </div>
            </td>
        </tr>
    }
}

/// One click makes this method the default; the marks move only once the
/// API has agreed, so a failure leaves the list as it was and says so.
#[component]
fn SetDefaultButton(id: String, label: String, state: MethodsState) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let busy = RwSignal::new(false);
    let aria_label = label.clone();
    let set_default = Callback::new(move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let (api, id, label) = (api.clone(), id.clone(), label.clone());
        let key = IdempotencyKey::new();
        spawn_local(async move {
            let request = UpdatePaymentMethodRequest {
                default: Some(true),
                description: None,
            };
            match api.update_payment_method(&id, &request, &key).await {
                Ok(updated) => {
                    state.mark_default(&updated.id);
                    state.replace(updated);
                    state.notice.set(Some(Notice::success(move |l| {
                        td_string!(
                            l,
                            payment_methods_manage.default_set,
                            label = label.as_str()
                        )
                        .to_string()
                    })));
                }
                Err(error) => {
                    state.notice.set(Some(Notice::error(move |l| {
                        td_string!(
                            l,
                            payment_methods_manage.default_failed,
                            label = label.as_str(),
                            reason = refusal_reason(l, &error)
                        )
                        .to_string()
                    })));
                }
            }
            let _ = busy.try_set(false);
        });
    });
    view! {
        <Button busy=busy on_click=set_default attr:data-testid="set-default"
            attr:aria-label=move || td_string!(i18n.get_locale(), payment_methods_manage.set_default_label, label = aria_label.as_str()).to_string()>
            {t!(i18n, payment_methods_manage.set_default)}
        </Button>
    }
}

/// The description, edited in place: a text field with the API's length
/// limit, saved with one request per intent. Text from the API is only ever
/// rendered as text.
#[component]
fn DescriptionEditor(method: PaymentMethod, label: String, state: MethodsState) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let editing = RwSignal::new(false);
    let saving = RwSignal::new(false);
    let draft = RwSignal::new(String::new());
    let field_id = unique_id("method-description");
    let hint_id = unique_id("method-description-hint");
    let current = method.description.clone().unwrap_or_default();
    let id = method.id.clone();
    let intent = StoredValue::new(IdempotencyKey::new());
    let too_long = move || draft.with(|d| d.chars().count() > MAX_DESCRIPTION);

    let start = {
        let current = current.clone();
        Callback::new(move |_| {
            draft.set(current.clone());
            intent.set_value(IdempotencyKey::new());
            editing.set(true);
        })
    };
    let save = {
        let label = label.clone();
        Callback::new(move |_| {
            if saving.get_untracked() || too_long() {
                return;
            }
            saving.set(true);
            let (api, id, label) = (api.clone(), id.clone(), label.clone());
            let key = intent.get_value();
            let description = draft.get_untracked().trim().to_owned();
            spawn_local(async move {
                let request = UpdatePaymentMethodRequest {
                    default: None,
                    description: Some(description),
                };
                match api.update_payment_method(&id, &request, &key).await {
                    Ok(updated) => {
                        state.replace(updated);
                        state.notice.set(Some(Notice::success(|l| {
                            td_string!(l, payment_methods_manage.description_saved).to_string()
                        })));
                        let _ = editing.try_set(false);
                    }
                    Err(error) => state.notice.set(Some(Notice::error(move |l| {
                        td_string!(
                            l,
                            payment_methods_manage.description_failed,
                            label = label.as_str(),
                            reason = refusal_reason(l, &error)
                        )
                        .to_string()
                    }))),
                }
                let _ = saving.try_set(false);
            });
        })
    };
    let edit_label = label.clone();
    let field_label = label;
    let on_submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        save.run(());
    };
    let on_keydown = move |event: leptos::ev::KeyboardEvent| {
        if event.key() == "Escape" {
            event.prevent_default();
            editing.set(false);
        }
    };
    let input = NodeRef::<leptos::html::Input>::new();
    // The field appears where the button was: the cursor goes into it.
    Effect::new(move |_| {
        if let Some(element) = input.get() {
            let _ = element.focus();
        }
    });
    let (field_for, field_input, hint_for, hint_ref) =
        (field_id.clone(), field_id, hint_id.clone(), hint_id);
    view! {
        <Show when=move || editing.get()
            fallback=move || {
                let current = current.clone();
                let edit_label = edit_label.clone();
                view! {
                    <span class="method-description" data-testid="method-description">{current}</span>
                    <Button variant=ButtonVariant::Ghost class="methods-table__edit" on_click=start
                        attr:data-testid="edit-description"
                        attr:aria-label=move || td_string!(i18n.get_locale(), payment_methods_manage.edit_description_label, label = edit_label.as_str()).to_string()>
                        {t!(i18n, payment_methods_manage.edit_description)}
                    </Button>
                }
            }>
            <form class="description-form" on:submit=on_submit novalidate>
                <div class="field">
                    <label class="field__label" for=field_for.clone()>
                        {let label = field_label.clone(); move || td_string!(i18n.get_locale(), payment_methods_manage.description_field, label = label.as_str()).to_string()}
                    </label>
                    <input class="field__input" id=field_input.clone() type="text" autocomplete="off"
                        data-testid="description-input"
                        aria-describedby=hint_ref.clone()
                        aria-invalid=move || too_long().then_some("true")
                        prop:value=move || draft.get()
                        on:input=move |event| draft.set(event_target_value(&event))
                        on:keydown=on_keydown
                        node_ref=input />
                    <p class=move || if too_long() { "field__error" } else { "field__hint" } id=hint_for.clone() aria-live="polite">
                        {move || {
                            let count = draft.with(|d| d.chars().count());
                            let locale = i18n.get_locale();
                            if count > MAX_DESCRIPTION {
                                td_string!(locale, payment_methods_manage.description_too_long, max = MAX_DESCRIPTION).to_string()
                            } else {
                                td_string!(locale, payment_methods_manage.description_count, used = count, max = MAX_DESCRIPTION).to_string()
                            }
                        }}
                    </p>
                </div>
                <div class="description-form__actions">
                    <Button variant=ButtonVariant::Primary submit=true busy=saving
                        disabled=Signal::derive(too_long) attr:data-testid="save-description">
                        {t!(i18n, payment_methods_manage.save)}
                    </Button>
                    <Button disabled=saving on_click=Callback::new(move |_| editing.set(false))>
                        {t!(i18n, payment_methods_manage.cancel)}
                    </Button>
                </div>
            </form>
        </Show>
    }
}
