//! The saved payment methods page: the warnings, the outcome of an addition
//! the customer is coming back from, the list (cards on a phone, a table on
//! a wide screen) and adding a method.

use super::add::AddMethod;
use super::delete::DeleteDialog;
use super::display::masked_label;
use super::journey::{OUTCOME_PARAM, ProviderOutcome, RETURN_TO_PARAM, safe_return_path};
use super::row::MethodRow;
use super::state::{MethodsState, Tone, sort_for_display};
use super::warnings::MethodWarnings;
use crate::api::models::{PaymentMethod, PaymentMethodType};
use crate::api::{api_resource, use_api};
use crate::components::{
    Banner, BannerKind, Button, ButtonVariant, ErrorPanel, Page, SkeletonRows,
};
use crate::i18n::*;
use crate::routes;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

pub fn payment_method_type_label(locale: Locale, kind: PaymentMethodType) -> &'static str {
    match kind {
        PaymentMethodType::Card => td_string!(locale, payment_method_type.card),
        PaymentMethodType::Sepa => td_string!(locale, payment_method_type.sepa),
        PaymentMethodType::Paypal => td_string!(locale, payment_method_type.paypal),
        PaymentMethodType::Transfer => td_string!(locale, payment_method_type.transfer),
        PaymentMethodType::Unknown => td_string!(locale, payment_method_type.unknown),
    }
}

/// The method a provider just added: the newest one.
fn newest(list: &[PaymentMethod]) -> Option<&PaymentMethod> {
    list.iter().max_by_key(|m| m.created_at)
}

#[component]
pub fn PaymentMethodsPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = use_api();
    let methods = api_resource(move |cancel| api.payment_methods(cancel));
    let state = MethodsState::new();
    let query = use_query_map();
    let outcome = Memo::new(move |_| {
        query.with(|q| {
            q.get(OUTCOME_PARAM)
                .and_then(|v| ProviderOutcome::parse(&v))
        })
    });
    let return_to = Memo::new(move |_| {
        query.with(|q| {
            q.get(RETURN_TO_PARAM)
                .and_then(|raw| safe_return_path(&raw, routes::base_path()))
        })
    });
    // Sent here to add a method (e.g. from paying an order): the form is open.
    let adding = RwSignal::new(return_to.get_untracked().is_some());
    let added_here = RwSignal::new(false);

    // The list as loaded; actions then change the local copy once the API agreed.
    Effect::new(move |_| {
        if let Some(Ok(list)) = methods.get() {
            let mut items = list.items;
            sort_for_display(&mut items);
            state.list.set(items);
        }
    });

    let on_added = Callback::new(move |_| {
        added_here.set(true);
        adding.set(false);
    });

    let content = move || match methods.get() {
        None => view! { <SkeletonRows rows=3 /> }.into_any(),
        Some(Err(error)) => {
            view! { <ErrorPanel error retry=Callback::new(move |_| methods.refetch()) /> }
                .into_any()
        }
        Some(Ok(_)) => view! { <MethodsLoaded state outcome /> }.into_any(),
    };

    let notice = move || {
        state.notice.get().map(|notice| {
            let class = match notice.tone {
                Tone::Success => "methods-notice methods-notice--success",
                Tone::Error => "methods-notice methods-notice--error",
            };
            let text = notice.text.clone();
            view! { <p class=class data-tone=if notice.tone == Tone::Error { "error" } else { "success" }>{move || text(i18n.get_locale())}</p> }
        })
    };

    view! {
        <Page title=Signal::derive(move || td_string!(i18n.get_locale(), payment_methods.title).to_owned())>
            <div class="payment-methods">
                <div class="payment-methods__toolbar">
                    <Button variant=ButtonVariant::Primary
                        on_click=Callback::new(move |_| adding.update(|open| *open = !*open))
                        attr:aria-expanded=move || adding.get().to_string()
                        attr:data-testid="add-method-toggle">
                        {t!(i18n, payment_methods_manage.add)}
                    </Button>
                    {move || return_to.get().filter(|_| added_here.get() || matches!(outcome.get(), Some(ProviderOutcome::Added | ProviderOutcome::Pending)))
                        .map(|path| view! {
                            <a class="button button--secondary" href=path data-testid="return-to">
                                {t!(i18n, payment_methods_manage.back_to_return)}
                            </a>
                        })}
                </div>
                <div role="status" aria-live="polite" data-testid="methods-notice">{notice}</div>
                <AddMethod state open=adding on_added />
                {content}
                <DeleteDialog state />
            </div>
        </Page>
    }
}

/// The loaded list with its warnings and the provider's outcome.
#[component]
fn MethodsLoaded(state: MethodsState, outcome: Memo<Option<ProviderOutcome>>) -> impl IntoView {
    let i18n = use_i18n();
    let caption_id = "payment-methods-caption";
    let outcome_banner = move || {
        let outcome = outcome.get()?;
        let newest_label = state
            .list
            .with(|list| newest(list).map(|m| masked_label(m.kind, &m.label)));
        let (kind, title, testid): (BannerKind, fn(Locale) -> &'static str, &'static str) =
            match outcome {
                ProviderOutcome::Added => (
                    BannerKind::Info,
                    |l| td_string!(l, payment_methods_manage.outcome_added_title),
                    "outcome-added",
                ),
                ProviderOutcome::Pending => (
                    BannerKind::Info,
                    |l| td_string!(l, payment_methods_manage.outcome_pending_title),
                    "outcome-pending",
                ),
                ProviderOutcome::Cancelled => (
                    BannerKind::Warning,
                    |l| td_string!(l, payment_methods_manage.outcome_cancelled_title),
                    "outcome-cancelled",
                ),
                ProviderOutcome::Failed => (
                    BannerKind::Danger,
                    |l| td_string!(l, payment_methods_manage.outcome_failed_title),
                    "outcome-failed",
                ),
            };
        let body = move || {
            let locale = i18n.get_locale();
            let label = newest_label.clone().unwrap_or_default();
            match outcome {
                ProviderOutcome::Added => td_string!(
                    locale,
                    payment_methods_manage.outcome_added,
                    label = label.as_str()
                )
                .to_string(),
                ProviderOutcome::Pending => td_string!(
                    locale,
                    payment_methods_manage.outcome_pending,
                    label = label.as_str()
                )
                .to_string(),
                ProviderOutcome::Cancelled => {
                    td_string!(locale, payment_methods_manage.outcome_cancelled).to_owned()
                }
                ProviderOutcome::Failed => {
                    td_string!(locale, payment_methods_manage.outcome_failed).to_owned()
                }
            }
        };
        Some(view! {
            <div data-testid=testid>
                <Banner kind title=Signal::derive(move || title(i18n.get_locale()).to_owned())>
                    <p>{body}</p>
                </Banner>
            </div>
        })
    };
    let highlight_newest = move || {
        matches!(
            outcome.get(),
            Some(ProviderOutcome::Added | ProviderOutcome::Pending)
        )
    };
    view! {
        {outcome_banner}
        <div class="payment-methods__warnings" data-testid="method-warnings">
            {move || view! { <MethodWarnings methods=state.list.get() /> }}
        </div>
        {move || {
            let list = state.list.get();
            if list.is_empty() {
                return view! {
                    <p class="empty-state" data-testid="payment-methods-empty">{t!(i18n, payment_methods.empty)}</p>
                }
                .into_any();
            }
            let newest_id = highlight_newest().then(|| newest(&list).map(|m| m.id.clone())).flatten();
            view! {
                <table class="methods-table" aria-labelledby=caption_id data-testid="payment-methods-table">
                    <caption id=caption_id class="visually-hidden">{t!(i18n, payment_methods.caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t!(i18n, payment_methods.kind)}</th>
                            <th scope="col">{t!(i18n, payment_methods.label)}</th>
                            <th scope="col">{t!(i18n, payment_methods.description)}</th>
                            <th scope="col">{t!(i18n, payment_methods.expiry)}</th>
                            <th scope="col">{t!(i18n, payment_methods.status)}</th>
                            <th scope="col">{t!(i18n, payment_methods_manage.actions)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {list.into_iter().map(|method| {
                            let is_new = newest_id.as_deref() == Some(method.id.as_str());
                            view! { <MethodRow method state is_new /> }
                        }).collect_view()}
                    </tbody>
                </table>
            }
            .into_any()
        }}
    }
}
