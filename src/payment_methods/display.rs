//! How a saved method reads on screen: its icon, its masked label and what its
//! status asks the customer to do. Only what identifies the method to its
//! owner is shown: the last four digits, the IBAN's country, the PayPal
//! e-mail's first letter and domain.

use crate::api::models::{CardBrand, PaymentMethod, PaymentMethodStatus, PaymentMethodType};
use crate::i18n::*;
use leptos::prelude::*;

const DOTS: &str = "••••";

/// The label as the customer should see it, whatever the API sent: an API that
/// hands over a full card number or IBAN still gets only the end of it shown.
pub fn masked_label(kind: PaymentMethodType, label: &str) -> String {
    match kind {
        PaymentMethodType::Card => {
            let digits: Vec<char> = label.chars().filter(char::is_ascii_digit).collect();
            if digits.len() >= 4 {
                let last: String = digits[digits.len() - 4..].iter().collect();
                format!("{DOTS} {last}")
            } else {
                label.trim().to_owned()
            }
        }
        PaymentMethodType::Sepa => mask_iban(label),
        PaymentMethodType::Paypal => mask_email(label),
        PaymentMethodType::Transfer | PaymentMethodType::Unknown => label.trim().to_owned(),
    }
}

/// `FR76 •••• •••• 1234`: the country and check digits, then the last four.
fn mask_iban(label: &str) -> String {
    let visible: Vec<char> = label
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let starts_like_iban = visible.len() >= 8
        && visible[..2].iter().all(char::is_ascii_alphabetic)
        && visible[2..4].iter().all(char::is_ascii_digit);
    if !starts_like_iban {
        return label.trim().to_owned();
    }
    let head: String = visible[..4].iter().collect();
    let tail: String = visible[visible.len() - 4..].iter().collect();
    format!("{head} {DOTS} {DOTS} {tail}")
}

/// `c•••••@example.fr`: enough for its owner to recognise the account.
fn mask_email(label: &str) -> String {
    let label = label.trim();
    let Some((local, domain)) = label.rsplit_once('@') else {
        return label.to_owned();
    };
    if local.contains('•') {
        return label.to_owned();
    }
    let first: String = local.chars().take(1).collect();
    format!("{first}•••••@{domain}")
}

/// The brand's name, for the icon's accessible name.
pub fn brand_name(brand: Option<CardBrand>) -> Option<&'static str> {
    match brand? {
        CardBrand::Visa => Some("Visa"),
        CardBrand::Mastercard => Some("Mastercard"),
        CardBrand::Amex => Some("American Express"),
        CardBrand::Cb => Some("Carte Bancaire"),
        CardBrand::Unknown => None,
    }
}

/// What a status means and what to do about it, in one sentence.
pub fn status_advice(
    locale: Locale,
    kind: PaymentMethodType,
    status: PaymentMethodStatus,
) -> &'static str {
    match (status, kind) {
        (PaymentMethodStatus::Valid, _) => td_string!(locale, payment_methods_manage.advice_valid),
        (PaymentMethodStatus::Pending, PaymentMethodType::Sepa) => {
            td_string!(locale, payment_methods_manage.advice_pending_sepa)
        }
        (PaymentMethodStatus::Pending, _) => {
            td_string!(locale, payment_methods_manage.advice_pending)
        }
        (PaymentMethodStatus::Expired, _) => {
            td_string!(locale, payment_methods_manage.advice_expired)
        }
        (PaymentMethodStatus::Failed, _) => {
            td_string!(locale, payment_methods_manage.advice_failed)
        }
        (PaymentMethodStatus::Canceled, _) => {
            td_string!(locale, payment_methods_manage.advice_canceled)
        }
        (PaymentMethodStatus::Unknown, _) => {
            td_string!(locale, payment_methods_manage.advice_unknown)
        }
    }
}

/// The small coloured mark before a method: the card brand, SEPA or PayPal.
/// Inline SVG (no icon font, no request); decorative when the type is written
/// next to it, so it is hidden from assistive technology and the brand name is
/// given as text instead.
#[component]
pub fn MethodIcon(method: PaymentMethod) -> impl IntoView {
    let (background, foreground, text) = match (method.kind, method.brand) {
        (PaymentMethodType::Card, Some(CardBrand::Visa)) => ("#1a1f71", "#ffffff", "VISA"),
        (PaymentMethodType::Card, Some(CardBrand::Mastercard)) => ("#231f20", "#ffffff", "MC"),
        (PaymentMethodType::Card, Some(CardBrand::Amex)) => ("#2e77bc", "#ffffff", "AMEX"),
        (PaymentMethodType::Card, Some(CardBrand::Cb)) => ("#0a6e3c", "#ffffff", "CB"),
        (PaymentMethodType::Card, _) => ("#5b6470", "#ffffff", "CARD"),
        (PaymentMethodType::Sepa, _) => ("#10298e", "#ffcc00", "SEPA"),
        (PaymentMethodType::Paypal, _) => ("#003087", "#ffffff", "PayPal"),
        _ => ("#5b6470", "#ffffff", "?"),
    };
    let font_size = if text.len() > 4 { "10" } else { "11" };
    let mastercard =
        method.kind == PaymentMethodType::Card && method.brand == Some(CardBrand::Mastercard);
    view! {
        <svg class="method-icon" viewBox="0 0 48 32" width="40" height="27" aria-hidden="true" focusable="false">
            <rect width="48" height="32" rx="4" fill=background />
            {if mastercard {
                view! {
                    <circle cx="19" cy="16" r="9" fill="#eb001b" />
                    <circle cx="29" cy="16" r="9" fill="#f79e1b" fill-opacity="0.9" />
                }
                .into_any()
            } else {
                view! {
                    <text x="24" y="20" text-anchor="middle" font-family="system-ui, sans-serif"
                        font-weight="700" font-size=font_size fill=foreground>
                        {text}
                    </text>
                }
                .into_any()
            }}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cards_show_only_their_last_four_digits() {
        assert_eq!(
            masked_label(PaymentMethodType::Card, "•••• 4242"),
            "•••• 4242"
        );
        assert_eq!(
            masked_label(PaymentMethodType::Card, "4111 1111 1111 4242"),
            "•••• 4242"
        );
        assert_eq!(masked_label(PaymentMethodType::Card, "Visa"), "Visa");
    }

    #[test]
    fn ibans_show_their_country_and_last_four() {
        assert_eq!(
            masked_label(PaymentMethodType::Sepa, "FR76 •••• •••• 0189"),
            "FR76 •••• •••• 0189"
        );
        assert_eq!(
            masked_label(PaymentMethodType::Sepa, "fr7630006000011234567890189"),
            "FR76 •••• •••• 0189"
        );
    }

    #[test]
    fn paypal_e_mails_are_masked() {
        assert_eq!(
            masked_label(PaymentMethodType::Paypal, "c.dupont@example.fr"),
            "c•••••@example.fr"
        );
        assert_eq!(
            masked_label(PaymentMethodType::Paypal, "c•••••@example.fr"),
            "c•••••@example.fr"
        );
        assert_eq!(masked_label(PaymentMethodType::Paypal, "PayPal"), "PayPal");
    }

    #[test]
    fn hostile_labels_stay_text() {
        // Rendered as text nodes by Leptos; here only check nothing panics or gets lost.
        assert_eq!(
            masked_label(PaymentMethodType::Unknown, " <script>x</script> "),
            "<script>x</script>"
        );
        assert_eq!(masked_label(PaymentMethodType::Paypal, "@"), "•••••@");
    }
}
