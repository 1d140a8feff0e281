//! Adding a method. A card or a PayPal account is never typed here (card
//! data must not touch our page): the API answers the provider's page, the
//! customer goes there and comes back with the outcome. A SEPA mandate is
//! typed here: holder and IBAN, checked as they are typed, and the mandate
//! accepted before anything is sent, unless the backend takes them on its own
//! page (OVHcloud), where the customer is sent as for a card.

use super::iban::{self, IbanProblem};
use super::journey::{go_to_provider, provider_return_url};
use super::row::MAX_DESCRIPTION;
use super::state::{MethodsState, Notice, refusal_reason};
use crate::api::models::{CreatePaymentMethodRequest, PaymentMethodStatus, PaymentMethodType};
use crate::api::{ApiError, IdempotencyKey, use_api};
use crate::components::{Button, ButtonVariant, unique_id};
use crate::i18n::*;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The message for an IBAN, and whether it is an error yet: while the
/// customer is still typing, "too short" is progress, not a mistake.
pub fn iban_message(locale: Locale, problem: &IbanProblem) -> String {
    match problem {
        IbanProblem::Empty => td_string!(locale, payment_methods_manage.iban_empty).to_owned(),
        IbanProblem::InvalidCharacter(c) => {
            let c = c.to_string();
            td_string!(
                locale,
                payment_methods_manage.iban_character,
                character = c.as_str()
            )
            .to_string()
        }
        IbanProblem::NotAnIban => {
            td_string!(locale, payment_methods_manage.iban_not_iban).to_owned()
        }
        IbanProblem::UnknownCountry(country) => td_string!(
            locale,
            payment_methods_manage.iban_unknown_country,
            country = country.as_str()
        )
        .to_string(),
        IbanProblem::TooShort {
            country,
            expected,
            actual,
        } => td_string!(
            locale,
            payment_methods_manage.iban_too_short,
            country = country.as_str(),
            expected = *expected,
            actual = *actual
        )
        .to_string(),
        IbanProblem::TooLong {
            country,
            expected,
            actual,
        } => td_string!(
            locale,
            payment_methods_manage.iban_too_long,
            country = country.as_str(),
            expected = *expected,
            actual = *actual
        )
        .to_string(),
        IbanProblem::Checksum => {
            td_string!(locale, payment_methods_manage.iban_checksum).to_owned()
        }
    }
}

/// The current page's URL: where the provider sends the customer back.
fn here() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default()
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Choice {
    Card,
    Paypal,
    Sepa,
}

/// The "add a payment method" section: the choice of type, the description
/// and "make it my default", then the provider or the SEPA form.
#[component]
pub fn AddMethod(
    state: MethodsState,
    open: RwSignal<bool>,
    on_added: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Some backends take the IBAN on their own page, as a card's number.
    let sepa_at_provider = use_api().sepa_details_at_provider();
    let choice = RwSignal::new(Choice::Card);
    let description = RwSignal::new(String::new());
    let make_default = RwSignal::new(false);
    let heading_id = unique_id("add-method-title");
    let radio = move |value: Choice, testid: &'static str, label: fn(Locale) -> &'static str| {
        let id = unique_id("add-method-kind");
        let for_id = id.clone();
        view! {
            <label class="add-method__choice" for=for_id>
                <input type="radio" class="checkbox" name="add-method-kind" id=id data-testid=testid
                    prop:checked=move || choice.get() == value
                    on:change=move |_| choice.set(value) />
                {move || label(i18n.get_locale())}
            </label>
        }
    };
    let description_id = unique_id("add-method-description");
    let default_id = unique_id("add-method-default");
    let description_too_long = move || description.with(|d| d.chars().count() > MAX_DESCRIPTION);
    view! {
        <Show when=move || open.get()>
            <section class="card add-method" aria-labelledby=heading_id.clone() data-testid="add-method">
                <h2 class="card__title" id=heading_id.clone()>{t!(i18n, payment_methods_manage.add_title)}</h2>
                <fieldset class="add-method__kinds">
                    <legend class="field__label">{t!(i18n, payment_methods_manage.kind_legend)}</legend>
                    {radio(Choice::Card, "add-kind-card", |l| td_string!(l, payment_method_type.card))}
                    {radio(Choice::Paypal, "add-kind-paypal", |l| td_string!(l, payment_method_type.paypal))}
                    {radio(Choice::Sepa, "add-kind-sepa", |l| td_string!(l, payment_method_type.sepa))}
                </fieldset>
                <div class="field">
                    <label class="field__label" for=description_id.clone()>{t!(i18n, payment_methods_manage.description_optional)}</label>
                    <input class="field__input" type="text" id=description_id.clone() autocomplete="off"
                        data-testid="add-description"
                        aria-invalid=move || description_too_long().then_some("true")
                        prop:value=move || description.get()
                        on:input=move |event| description.set(event_target_value(&event)) />
                    <Show when=description_too_long>
                        <p class="field__error">{move || td_string!(i18n.get_locale(), payment_methods_manage.description_too_long, max = MAX_DESCRIPTION).to_string()}</p>
                    </Show>
                </div>
                <div class="checkbox-field">
                    <input type="checkbox" class="checkbox" id=default_id.clone() data-testid="add-make-default"
                        prop:checked=move || make_default.get()
                        on:change=move |event| make_default.set(event_target_checked(&event)) />
                    <label for=default_id.clone()>{t!(i18n, payment_methods_manage.make_default)}</label>
                </div>
                <p class="field__hint">{t!(i18n, payment_methods_manage.make_default_hint)}</p>
                {move || match choice.get() {
                    Choice::Card => view! { <ProviderStep kind=PaymentMethodType::Card description make_default /> }.into_any(),
                    Choice::Paypal => view! { <ProviderStep kind=PaymentMethodType::Paypal description make_default /> }.into_any(),
                    Choice::Sepa if sepa_at_provider => view! { <ProviderStep kind=PaymentMethodType::Sepa description make_default /> }.into_any(),
                    Choice::Sepa => view! { <SepaForm state description make_default on_added /> }.into_any(),
                }}
            </section>
        </Show>
    }
}

fn clean_description(text: String) -> Option<String> {
    let text = text.trim().to_owned();
    (!text.is_empty()).then_some(text)
}

/// Card or PayPal: ask the API for the provider's page and go there.
#[component]
fn ProviderStep(
    kind: PaymentMethodType,
    description: RwSignal<String>,
    make_default: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<ApiError>);
    let intent = StoredValue::new(IdempotencyKey::new());
    let go = Callback::new(move |_| {
        if busy.get_untracked()
            || description.with_untracked(|d| d.chars().count() > MAX_DESCRIPTION)
        {
            return;
        }
        busy.set(true);
        failed.set(None);
        let api = api.clone();
        let key = intent.get_value();
        let request = CreatePaymentMethodRequest {
            kind,
            description: clean_description(description.get_untracked()),
            default: make_default.get_untracked(),
            return_to: provider_return_url(&here()),
            iban: None,
            holder_name: None,
        };
        spawn_local(async move {
            match api.create_payment_method(&request, &key).await {
                Ok(response) => match response.redirect_url {
                    // Stays busy: the page is being left.
                    Some(url) => {
                        if go_to_provider(&url).is_err() {
                            failed.set(Some(ApiError::Decode {
                                field: "redirectUrl".into(),
                                message: "refused URL".into(),
                            }));
                        }
                    }
                    None => {
                        failed.set(Some(ApiError::Decode {
                            field: "redirectUrl".into(),
                            message: "missing".into(),
                        }));
                        busy.set(false);
                    }
                },
                Err(error) => {
                    // A new attempt after a refusal is a new intent.
                    intent.set_value(IdempotencyKey::new());
                    failed.set(Some(error));
                    busy.set(false);
                }
            }
        });
    });
    view! {
        <div class="add-method__step">
            <p>{t!(i18n, payment_methods_manage.provider_note)}</p>
            {(kind == PaymentMethodType::Card).then(|| view! { <p class="field__hint">{t!(i18n, payment_methods_manage.three_ds_note)}</p> })}
            {(kind == PaymentMethodType::Sepa).then(|| view! { <p class="field__hint" data-testid="sepa-at-provider">{t!(i18n, payment_methods_sepa_at_provider.note)}</p> })}
            <Button variant=ButtonVariant::Primary busy on_click=go attr:data-testid="go-to-provider">
                {t!(i18n, payment_methods_manage.continue_to_provider)}
            </Button>
            <p class="add-method__status" role="status" aria-live="polite" data-testid="provider-status">
                {move || {
                    let locale = i18n.get_locale();
                    match failed.get() {
                        Some(error) => td_string!(locale, payment_methods_manage.add_failed, reason = refusal_reason(locale, &error)).to_string(),
                        None if busy.get() => td_string!(locale, payment_methods_manage.redirecting).to_owned(),
                        None => String::new(),
                    }
                }}
            </p>
        </div>
    }
}

/// SEPA: holder and IBAN typed here, the mandate accepted, then one request.
#[component]
fn SepaForm(
    state: MethodsState,
    description: RwSignal<String>,
    make_default: RwSignal<bool>,
    on_added: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let holder = RwSignal::new(String::new());
    let iban_text = RwSignal::new(String::new());
    let accepted = RwSignal::new(false);
    // Errors show once a field was left or the form was sent, not at the first key.
    let holder_touched = RwSignal::new(false);
    let iban_touched = RwSignal::new(false);
    let submitted = RwSignal::new(false);
    let sending = RwSignal::new(false);
    let server_error = RwSignal::new(None::<ApiError>);
    let intent = StoredValue::new(IdempotencyKey::new());

    let iban_check = Memo::new(move |_| iban_text.with(|text| iban::validate(text)));
    let holder_missing = move || holder.with(|h| h.trim().is_empty());
    let show_holder_error = move || (holder_touched.get() || submitted.get()) && holder_missing();
    let iban_is_error = move || match iban_check.get() {
        Ok(_) => false,
        // Still typing: progress until the field is left or the form sent.
        Err(IbanProblem::TooShort { .. }) | Err(IbanProblem::Empty) => {
            iban_touched.get() || submitted.get()
        }
        Err(_) => true,
    };
    let iban_server_error = move || {
        server_error.with(|e| match e {
            Some(ApiError::Http {
                problem: Some(p), ..
            }) => p
                .errors
                .as_ref()
                .is_some_and(|errors| errors.iter().any(|f| f.field == "iban")),
            _ => false,
        })
    };
    let mandate_missing = move || submitted.get() && !accepted.get();

    let ids = (
        unique_id("sepa-holder"),
        unique_id("sepa-holder-error"),
        unique_id("sepa-iban"),
        unique_id("sepa-iban-message"),
        unique_id("sepa-mandate"),
        unique_id("sepa-mandate-text"),
    );
    let (holder_id, holder_error_id, iban_id, iban_message_id, mandate_id, mandate_text_id) = ids;
    let holder_ref = NodeRef::<leptos::html::Input>::new();
    let iban_ref = NodeRef::<leptos::html::Input>::new();
    let mandate_ref = NodeRef::<leptos::html::Input>::new();

    let on_iban_input = move |event: leptos::ev::Event| {
        let value = event_target_value(&event);
        server_error.set(None);
        // Grouped by four as it is typed, when the cursor is at the end (else
        // regrouping would move the cursor under the customer's fingers).
        let input = iban_ref.get_untracked();
        let at_end = input
            .as_ref()
            .and_then(|i| i.selection_start().ok().flatten())
            .is_some_and(|at| at as usize == value.encode_utf16().count());
        if at_end {
            let grouped = iban::grouped(&value);
            if let Some(input) = input
                && grouped != value
            {
                input.set_value(&grouped);
            }
            iban_text.set(grouped);
        } else {
            iban_text.set(value);
        }
    };

    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        if sending.get_untracked() {
            return;
        }
        submitted.set(true);
        let iban = iban_check.get_untracked();
        // Nothing is sent while something is wrong: the cursor goes to the first problem.
        if holder_missing() {
            if let Some(input) = holder_ref.get_untracked() {
                let _ = input.focus();
            }
            return;
        }
        let Ok(iban) = iban else {
            if let Some(input) = iban_ref.get_untracked() {
                let _ = input.focus();
            }
            return;
        };
        if !accepted.get_untracked() {
            if let Some(input) = mandate_ref.get_untracked() {
                let _ = input.focus();
            }
            return;
        }
        if description.with_untracked(|d| d.chars().count() > MAX_DESCRIPTION) {
            return;
        }
        sending.set(true);
        server_error.set(None);
        let api = api.clone();
        let key = intent.get_value();
        let request = CreatePaymentMethodRequest {
            kind: PaymentMethodType::Sepa,
            description: clean_description(description.get_untracked()),
            default: make_default.get_untracked(),
            return_to: provider_return_url(&here()),
            iban: Some(iban),
            holder_name: Some(holder.get_untracked().trim().to_owned()),
        };
        spawn_local(async move {
            match api.create_payment_method(&request, &key).await {
                Ok(response) => {
                    if let Some(created) = response.payment_method {
                        let label = super::display::masked_label(created.kind, &created.label);
                        let validating = created.status == PaymentMethodStatus::Pending;
                        state.add(created);
                        state.notice.set(Some(Notice::success(move |l| {
                            if validating {
                                td_string!(
                                    l,
                                    payment_methods_manage.sepa_added_validating,
                                    label = label.as_str()
                                )
                                .to_string()
                            } else {
                                td_string!(
                                    l,
                                    payment_methods_manage.sepa_added,
                                    label = label.as_str()
                                )
                                .to_string()
                            }
                        })));
                    }
                    sending.set(false);
                    on_added.run(());
                }
                Err(error) => {
                    intent.set_value(IdempotencyKey::new());
                    server_error.set(Some(error));
                    sending.set(false);
                }
            }
        });
    };

    let iban_message_text = move || {
        let locale = i18n.get_locale();
        if iban_server_error() {
            return td_string!(locale, payment_methods_manage.iban_checksum).to_owned();
        }
        match iban_check.get() {
            Ok(_) => td_string!(locale, payment_methods_manage.iban_valid).to_owned(),
            Err(IbanProblem::Empty) if !iban_is_error() => {
                td_string!(locale, payment_methods_manage.iban_hint).to_owned()
            }
            Err(problem) => iban_message(locale, &problem),
        }
    };
    let iban_class = move || {
        if iban_is_error() || iban_server_error() {
            "field__error"
        } else if iban_check.with(Result::is_ok) {
            "field__hint sepa-form__valid"
        } else {
            "field__hint"
        }
    };

    view! {
        <form class="sepa-form" on:submit=submit novalidate data-testid="sepa-form">
            <div class="field">
                <label class="field__label" for=holder_id.clone()>{t!(i18n, payment_methods_manage.holder)}</label>
                <input class="field__input" type="text" id=holder_id.clone() autocomplete="name" data-testid="sepa-holder"
                    node_ref=holder_ref maxlength="140"
                    aria-invalid=move || show_holder_error().then_some("true")
                    aria-describedby=holder_error_id.clone()
                    prop:value=move || holder.get()
                    on:input=move |event| holder.set(event_target_value(&event))
                    on:blur=move |_| holder_touched.set(true) />
                <p class="field__error" id=holder_error_id.clone()>
                    {move || show_holder_error().then(|| td_string!(i18n.get_locale(), payment_methods_manage.holder_required))}
                </p>
            </div>
            <div class="field">
                <label class="field__label" for=iban_id.clone()>{t!(i18n, payment_methods_manage.iban)}</label>
                <input class="field__input sepa-form__iban" type="text" id=iban_id.clone() data-testid="sepa-iban"
                    node_ref=iban_ref autocomplete="off" autocapitalize="characters" spellcheck="false"
                    inputmode="text" maxlength="50"
                    aria-invalid=move || (iban_is_error() || iban_server_error()).then_some("true")
                    aria-describedby=iban_message_id.clone()
                    on:input=on_iban_input
                    on:blur=move |_| {
                        iban_touched.set(true);
                        // Regrouped on leaving, wherever the cursor was.
                        if let Some(input) = iban_ref.get_untracked() {
                            let grouped = iban::grouped(&input.value());
                            input.set_value(&grouped);
                            iban_text.set(grouped);
                        }
                    } />
                <p class=iban_class id=iban_message_id.clone() aria-live="polite" data-testid="sepa-iban-message">
                    {iban_message_text}
                </p>
            </div>
            <section class="sepa-form__mandate" aria-labelledby=mandate_text_id.clone()>
                <h3 class="sepa-form__mandate-title" id=mandate_text_id.clone()>{t!(i18n, payment_methods_manage.mandate_title)}</h3>
                <p class="sepa-form__mandate-text" data-testid="mandate-text">{t!(i18n, payment_methods_manage.mandate_text)}</p>
                <div class="checkbox-field">
                    <input type="checkbox" class="checkbox" id=mandate_id.clone() data-testid="sepa-accept"
                        node_ref=mandate_ref
                        aria-invalid=move || mandate_missing().then_some("true")
                        prop:checked=move || accepted.get()
                        on:change=move |event| accepted.set(event_target_checked(&event)) />
                    <label for=mandate_id.clone()>{t!(i18n, payment_methods_manage.mandate_accept)}</label>
                </div>
                <p class="field__error" role="alert">
                    {move || mandate_missing().then(|| td_string!(i18n.get_locale(), payment_methods_manage.mandate_required))}
                </p>
            </section>
            <Button variant=ButtonVariant::Primary submit=true busy=sending attr:data-testid="sepa-submit">
                {t!(i18n, payment_methods_manage.sepa_submit)}
            </Button>
            <p class="field__error" role="alert" data-testid="sepa-error">
                {move || server_error.get().map(|error| {
                    let locale = i18n.get_locale();
                    td_string!(locale, payment_methods_manage.add_failed, reason = refusal_reason(locale, &error)).to_string()
                })}
            </p>
        </form>
    }
}
