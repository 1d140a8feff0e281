//! OVHcloud payloads as the API writes them, edge cases included, decoded
//! with the portal's decoder and mapped.

use super::*;
use crate::api::{ApiError, decode};

fn now() -> DateTimeOffset {
    DateTimeOffset::parse_from_rfc3339("2026-11-23T10:00:00+01:00").unwrap()
}

fn price(value: &str, currency: &str) -> String {
    format!(r#"{{"value":{value},"currencyCode":"{currency}","text":"{value} {currency}"}}"#)
}

fn order_json(retraction: &str) -> String {
    format!(
        r#"{{"orderId":4201,"date":"2026-11-20T09:00:00+01:00","expirationDate":"2026-11-21T09:00:00+01:00",
        "retractionDate":{retraction},"password":"s3cret","pdfUrl":"https://www.ovh.com/cgi-bin/order/display.cgi?orderId=4201&orderPassword=s3cret",
        "url":"https://www.ovh.com/cgi-bin/order/display.cgi?orderId=4201&orderPassword=s3cret",
        "priceWithTax":{},"priceWithoutTax":{},"tax":{}}}"#,
        price("14.399999999999999", "EUR"),
        price("12", "EUR"),
        price("2.4", "EUR"),
    )
}

#[test]
fn prices_become_exact_money_whatever_the_double_looks_like() {
    let p: ovh::Price = decode(&price("0.30000000000000004", "EUR")).unwrap();
    let m = money(&p);
    assert_eq!(m.amount.to_string(), "0.30");
    assert_eq!(m.currency, Currency::EUR);

    let p: ovh::Price = decode(&price("14.399999999999999", "EUR")).unwrap();
    assert_eq!(money(&p).amount.to_string(), "14.40");

    // Micro-cents win, divided by 1e8 (not 1e6: that would be 100 times too much).
    let p: ovh::Price = decode(
        r#"{"value":16.990000000000002,"currencyCode":"EUR","text":"16.99 €","priceInUcents":1699000000}"#,
    )
    .unwrap();
    assert_eq!(money(&p).amount.to_string(), "16.99");

    // A bill line's sub-cent unit price keeps its digits.
    let p: ovh::Price = decode(&price("0.0041", "EUR")).unwrap();
    assert_eq!(money(&p).amount.to_string(), "0.0041");
}

#[test]
fn pseudo_currencies_and_odd_codes_never_fail_the_page() {
    let p: ovh::Price = decode(&price("0", "N/A")).unwrap();
    let m = money(&p);
    assert_eq!(m.currency, Currency::NOT_APPLICABLE);
    assert_eq!(m.currency.as_str(), "N/A");

    let p: ovh::Price = decode(&price("1500", "points")).unwrap();
    let m = money(&p);
    assert_eq!(m.currency, Currency::POINTS);
    assert_eq!(m.currency.as_str(), "points");
    assert_eq!(m.amount.to_string(), "1500.00");

    for code in ["XOF", "TND", "LTL", "INR"] {
        let p: ovh::Price = decode(&price("1", code)).unwrap();
        assert_eq!(money(&p).currency.as_str(), code);
    }
    let p: ovh::Price = decode(&price("1", "euro")).unwrap();
    assert_eq!(money(&p).currency, Currency::NOT_APPLICABLE);
}

#[test]
fn an_order_maps_with_its_bare_status_details_and_withdrawal_right() {
    let o: ovh::Order = decode(&order_json(r#""2026-12-04T09:00:00+01:00""#)).unwrap();
    let details: Vec<ovh::OrderDetail> = decode(&format!(
        r#"[{{"orderDetailId":1,"description":"VPS","domain":"vps-1.example","quantity":"2","cancelled":false,
        "detailType":"CREATION","unitPrice":{},"totalPrice":{}}}]"#,
        price("6", "EUR"),
        price("12", "EUR")
    ))
    .unwrap();
    let me = me_json();
    let mapped = order(&o, "delivered", &details, Some("FR0001".into()), &me, now());
    assert_eq!(mapped.id, "4201");
    assert_eq!(mapped.status, OrderStatus::Delivered);
    assert_eq!(mapped.total_incl_tax.amount.to_string(), "14.40");
    assert_eq!(
        mapped.total_excl_tax.amount + mapped.tax.amount,
        mapped.total_incl_tax.amount
    );
    assert_eq!(mapped.kind, OrderKind::Purchase);
    assert!(mapped.withdrawable);
    assert_eq!(mapped.lines[0].quantity.to_string(), "2");
    assert_eq!(mapped.lines[0].service_reference, "vps-1.example");
    assert_eq!(mapped.invoice_id.as_deref(), Some("FR0001"));
    assert_eq!(
        mapped.billing_contact.address,
        "2 rue Kellermann\n59100 Roubaix"
    );

    // A licence line is outside the withdrawal right.
    let mut licence = details.clone();
    licence[0].detail_type = Some("LICENSE".into());
    assert!(!order(&o, "delivered", &licence, None, &me, now()).withdrawable);

    // No retraction date: no right to withdraw.
    let o: ovh::Order = decode(&order_json("null")).unwrap();
    let summary = order_summary(&o, "checking", None, now());
    assert!(!summary.withdrawable);
    assert_eq!(summary.kind, OrderKind::Unknown);
}

#[test]
fn a_retraction_date_opens_the_right_only_ahead_and_on_a_paid_order() {
    let ahead: ovh::Order = decode(&order_json(r#""2026-12-04T09:00:00+01:00""#)).unwrap();
    // Unpaid: it expires rather than being withdrawn; cancelled: already over.
    for status in ["notPaid", "cancelling", "cancelled", "unknown"] {
        assert!(
            !order_summary(&ahead, status, None, now()).withdrawable,
            "{status}"
        );
    }
    for status in ["checking", "documentsRequested", "delivering", "delivered"] {
        assert!(
            order_summary(&ahead, status, None, now()).withdrawable,
            "{status}"
        );
    }
    // Past: no right, and the date stays on the order so the page can say
    // when the period ended.
    let past: ovh::Order = decode(&order_json(r#""2026-11-22T09:00:00+01:00""#)).unwrap();
    let me = me_json();
    let mapped = order(&past, "delivered", &[], None, &me, now());
    assert!(!mapped.withdrawable);
    assert_eq!(mapped.withdrawal_deadline, past.retraction_date);
    assert!(mapped.withdrawal_deadline.is_some());
}

#[test]
fn order_statuses_map_one_to_one_and_expiry_is_derived() {
    let past = Some(now() - chrono::Duration::days(1));
    let future = Some(now() + chrono::Duration::days(1));
    for (wire, status) in [
        ("cancelled", OrderStatus::Cancelled),
        ("cancelling", OrderStatus::Cancelling),
        ("checking", OrderStatus::Checking),
        ("delivered", OrderStatus::Delivered),
        ("delivering", OrderStatus::Delivering),
        ("documentsRequested", OrderStatus::DocumentsRequested),
        ("notPaid", OrderStatus::NotPaid),
        ("unknown", OrderStatus::Unknown),
        ("somethingNew", OrderStatus::Unknown),
    ] {
        assert_eq!(order_status(wire, future, now()), status, "{wire}");
    }
    assert_eq!(order_status("notPaid", past, now()), OrderStatus::Expired);
    assert_eq!(
        order_status("delivered", past, now()),
        OrderStatus::Delivered
    );
    // The status endpoint answers a bare JSON string.
    let bare: String = decode(r#""documentsRequested""#).unwrap();
    assert_eq!(
        order_status(&bare, None, now()),
        OrderStatus::DocumentsRequested
    );
}

#[test]
fn follow_up_steps_and_labels_map_one_to_one_unknowns_included() {
    let steps: Vec<ovh::FollowUpStep> = decode(
        r#"[{"step":"VALIDATING","status":"DONE","history":[{"date":"2026-11-20T09:01:00+01:00","description":"Order accepted","label":"ORDER_ACCEPTED"}]},
            {"step":"VALIDATED","status":"DOING","history":[]},
            {"step":"DELIVERING","status":"TODO"},
            {"step":"AVAILABLE","status":"ERROR","history":[]},
            {"step":"TELEPORTING","status":"WAITING","history":[{"date":"2026-11-20T09:02:00+01:00","description":"","label":"BRAND_NEW_LABEL"}]}]"#,
    )
    .unwrap();
    let mapped = follow_up(&steps);
    let pairs: Vec<_> = mapped.steps.iter().map(|s| (s.step, s.status)).collect();
    assert_eq!(
        pairs,
        [
            (StepName::Validating, StepStatus::Done),
            (StepName::Validated, StepStatus::Doing),
            (StepName::Delivering, StepStatus::Todo),
            (StepName::Available, StepStatus::Error),
            (StepName::Unknown, StepStatus::Unknown),
        ]
    );
    assert_eq!(mapped.steps[0].history[0].label, "ORDER_ACCEPTED");
    assert_eq!(mapped.steps[4].history[0].label, "BRAND_NEW_LABEL");
    // A delivered order may come with four TODO steps and no history.
    let bare: Vec<ovh::FollowUpStep> = decode(
        r#"[{"step":"VALIDATING","status":"TODO","history":[]},{"step":"VALIDATED","status":"TODO","history":[]},
            {"step":"DELIVERING","status":"TODO","history":[]},{"step":"AVAILABLE","status":"TODO","history":[]}]"#,
    )
    .unwrap();
    assert_eq!(follow_up(&bare).steps.len(), 4);
}

#[test]
fn a_follow_up_404_is_no_tracking_not_a_failure() {
    // The adapter passes the 404 on as is; the tracking panel reads it as
    // "no tracking" (src/orders/tracking.rs).
    let error = super::super::follow_up_answer(Err(ApiError::http(404, None)));
    assert!(matches!(error, Err(ApiError::Http { status: 404, .. })));
}

fn bill_json(bill_id: &str, category: &str) -> String {
    format!(
        r#"{{"billId":"{bill_id}","category":{category},"date":"2026-10-01T00:00:00+02:00","orderId":4201,
        "password":"pw","pdfUrl":"https://www.ovh.com/cgi-bin/order/facture.pdf?reference={bill_id}&passwd=pw",
        "url":"https://www.ovh.com/cgi-bin/order/facture.cgi?reference={bill_id}&passwd=pw",
        "priceWithTax":{},"priceWithoutTax":{},"tax":{}}}"#,
        price("120.12", "EUR"),
        price("100.1", "EUR"),
        price("20.02", "EUR")
    )
}

fn debt_json(status: &str, due: &str) -> String {
    format!(
        r#"{{"debtId":77,"amount":{},"date":"2026-10-01T00:00:00+02:00","dueAmount":{},"dueDate":null,"orderId":4201,
        "pendingAmount":{},"todoAmount":{},"unmaturedAmount":{},"status":"{status}"}}"#,
        price("120.12", "EUR"),
        price(due, "EUR"),
        price("0", "EUR"),
        price(due, "EUR"),
        price("0", "EUR"),
    )
}

#[test]
fn a_bill_and_its_debt_make_an_invoice_and_no_debt_means_settled() {
    let bill: ovh::Bill = decode(&bill_json("FR0001", r#""purchase-cloud""#)).unwrap();
    let debt: ovh::Debt = decode(&debt_json("UNPAID", "20.12")).unwrap();
    let summary = invoice_summary(&bill, Some(&debt));
    assert_eq!(summary.id, "FR0001");
    assert_eq!(summary.reference, "FR0001");
    assert_eq!(summary.order_id, "4201");
    assert_eq!(summary.total_incl_tax.amount.to_string(), "120.12");
    assert_eq!(summary.balance_due.amount.to_string(), "20.12");
    assert_eq!(summary.status, InvoiceStatus::Overdue);
    assert_eq!(summary.category, InvoiceCategory::Purchase);
    // dueDate null: the bill's date.
    assert_eq!(summary.due_date, bill.date);

    let settled = invoice_summary(&bill, None);
    assert_eq!(settled.status, InvoiceStatus::Paid);
    assert_eq!(settled.balance_due.amount.to_string(), "0.00");

    let payment: ovh::BillPayment = decode(
        r#"{"paymentDate":"2026-10-02T00:00:00+02:00","paymentIdentifier":"dep-9","paymentType":"creditCard"}"#,
    )
    .unwrap();
    let full = invoice(&bill, Some(&debt), &[], Some(&payment));
    assert_eq!(full.payments.len(), 1);
    assert_eq!(full.payments[0].amount.amount.to_string(), "100.00");
    assert_eq!(full.payment_type.as_deref(), Some("creditCard"));

    // A null category and a null order id decode.
    let bill: ovh::Bill =
        decode(&bill_json("FR0002", "null").replace("\"orderId\":4201", "\"orderId\":null"))
            .unwrap();
    let summary = invoice_summary(&bill, None);
    assert_eq!(summary.category, InvoiceCategory::Unknown);
    assert_eq!(summary.order_id, "");
}

#[test]
fn debt_statuses_map_and_unknown_ones_do_not_fail() {
    for (wire, status) in [
        ("PAID", InvoiceStatus::Paid),
        ("REFUNDED", InvoiceStatus::Paid),
        ("TO_BE_PAID", InvoiceStatus::Unpaid),
        ("UNMATURED", InvoiceStatus::Unpaid),
        ("UNPAID", InvoiceStatus::Overdue),
        ("WRITE_OFF", InvoiceStatus::Unknown),
    ] {
        let debt: ovh::Debt = decode(&debt_json(wire, "1")).unwrap();
        assert_eq!(invoice_status(Some(&debt)), status, "{wire}");
    }
}

#[test]
fn deposits_refunds_and_payment_methods_map() {
    let deposit: ovh::Deposit = decode(&format!(
        r#"{{"depositId":"dep-9","amount":{},"date":"2026-10-02T00:00:00+02:00","orderId":null,
        "paymentInfo":{{"paymentType":"creditCard","description":null,"publicLabel":"Visa •••• 4242"}},"pdfUrl":null,"url":null}}"#,
        price("100", "EUR")
    ))
    .unwrap();
    let bill: ovh::Bill = decode(&bill_json("FR0001", r#""autorenew""#)).unwrap();
    let p = payment(&deposit, std::slice::from_ref(&bill));
    assert_eq!(p.amount.amount.to_string(), "100.00");
    assert_eq!(p.payment_method.kind, PaymentMethodType::Card);
    assert_eq!(p.payment_method.label, "Visa •••• 4242");
    assert_eq!(p.invoices[0].id, "FR0001");
    assert_eq!(p.credit_applied.unwrap().amount.to_string(), "20.12");

    let refund: ovh::Refund = decode(&format!(
        r#"{{"refundId":"AFR0003","originalBillId":"FR0001","orderId":4201,"date":"2026-10-05T00:00:00+02:00",
        "priceWithTax":{},"priceWithoutTax":{},"tax":{},"pdfUrl":"https://x.example/r.pdf","url":null}}"#,
        price("-12", "EUR"),
        price("-10", "EUR"),
        price("-2", "EUR")
    ))
    .unwrap();
    let note = credit_note(&refund);
    assert_eq!(note.amount.amount.to_string(), "12.00");
    assert_eq!(note.original_invoice_id, "FR0001");

    let method: ovh::PaymentMethod = decode(
        r#"{"paymentMethodId":17,"paymentType":"CREDIT_CARD","paymentSubType":"MASTERCARD","label":"•••• 4444",
        "description":null,"default":true,"status":"VALID","expirationDate":"2028-01-31T23:59:59+01:00",
        "creationDate":"2024-01-01T00:00:00+01:00","lastUpdate":null,"icon":{"name":"mastercard","data":null,"url":null},
        "integration":"REDIRECT","oneclick":true,"billingContactId":null}"#,
    )
    .unwrap();
    let mapped = payment_method(&method);
    assert_eq!(mapped.id, "17");
    assert_eq!(mapped.kind, PaymentMethodType::Card);
    assert_eq!(mapped.brand, Some(CardBrand::Mastercard));
    assert_eq!(mapped.expires_on.unwrap().to_string(), "2028-01-31");
    assert_eq!(mapped.status, PaymentMethodStatus::Valid);

    for (wire, kind) in [
        ("SEPA_DIRECT_DEBIT", PaymentMethodType::Sepa),
        ("BANK_ACCOUNT", PaymentMethodType::Sepa),
        ("PAYPAL", PaymentMethodType::Paypal),
        ("DEFERRED_PAYMENT_ACCOUNT", PaymentMethodType::Unknown),
        ("INSTANT_BANK_TRANSFER", PaymentMethodType::Transfer),
    ] {
        assert_eq!(payment_type(wire), kind, "{wire}");
    }
    for (wire, status) in [
        ("MAINTENANCE", PaymentMethodStatus::Unknown),
        ("VALIDATING", PaymentMethodStatus::Pending),
        ("CANCELED", PaymentMethodStatus::Canceled),
        ("REJECTED", PaymentMethodStatus::Failed),
    ] {
        assert_eq!(payment_method_status(wire), status, "{wire}");
    }
}

fn me_json() -> ovh::Me {
    decode(
        r#"{"nichandle":"cd12345-ovh","email":"claire@example.fr","firstname":"Claire","name":"Dubois",
        "organisation":null,"legalform":"individual","country":"FR","language":"fr_FR",
        "currency":{"code":"EUR","symbol":"EURO"},"vat":null,"address":"2 rue Kellermann","zip":"59100","city":"Roubaix"}"#,
    )
    .unwrap()
}

#[test]
fn the_account_becomes_the_session_and_the_balance() {
    let session = session(&me_json());
    assert_eq!(session.customer.name, "Claire Dubois");
    assert_eq!(session.customer.kind, CustomerKind::Consumer);
    assert_eq!(session.customer.locale, "fr");
    assert_eq!(session.customer.time_zone, "Europe/Paris");
    assert_eq!(session.customer.currency, Currency::EUR);

    let account: ovh::DebtAccount = decode(&format!(
        r#"{{"active":true,"dueAmount":{},"pendingAmount":{},"todoAmount":{},"unmaturedAmount":{}}}"#,
        price("30.000000000000004", "EUR"),
        price("0", "EUR"),
        price("10.1", "EUR"),
        price("19.9", "EUR"),
    ))
    .unwrap();
    let b = balance(&account);
    assert_eq!(b.due.amount.to_string(), "30.00");
    assert_eq!(b.overdue.amount.to_string(), "10.10");
}

#[test]
fn paying_a_debt_sends_the_customer_to_the_order_url() {
    let o: ovh::Order = decode(&order_json("null")).unwrap();
    // Settled or not, a url means the customer finishes there.
    for settled in [false, true] {
        let outcome = debt_pay_outcome(&o, settled);
        assert_eq!(outcome.status, PaymentOutcomeStatus::ActionRequired);
        assert!(outcome.redirect_url.unwrap().contains("orderId=4201"));
        assert_eq!(outcome.order_id.as_deref(), Some("4201"));
    }
}

#[test]
fn a_debt_paid_without_a_url_is_paid_only_once_nothing_is_due() {
    let mut o: ovh::Order = decode(&order_json("null")).unwrap();
    o.url = None;
    let paid = debt_pay_outcome(&o, true);
    assert_eq!(paid.status, PaymentOutcomeStatus::Succeeded);
    assert_eq!(paid.redirect_url, None);
    let under_way = debt_pay_outcome(&o, false);
    assert_eq!(under_way.status, PaymentOutcomeStatus::Pending);

    let decode_debt =
        |status: &str, due: &str| -> ovh::Debt { decode(&debt_json(status, due)).unwrap() };
    assert!(debt_settled(&decode_debt("PAID", "0")));
    assert!(debt_settled(&decode_debt("TO_BE_PAID", "0.0")));
    assert!(!debt_settled(&decode_debt("TO_BE_PAID", "12.5")));
    assert!(!debt_settled(&decode_debt("UNPAID", "0.01")));
}

#[test]
fn paying_an_order_reads_its_status_after_the_null_answer() {
    let unpaid: ovh::Order = decode(&order_json("null")).unwrap();
    // Moved on: paid, nothing to open.
    for status in ["checking", "delivering", "delivered", "documentsRequested"] {
        let outcome = order_pay_outcome("4201", status, None);
        assert_eq!(outcome.status, PaymentOutcomeStatus::Succeeded, "{status}");
        assert_eq!(outcome.redirect_url, None);
        assert_eq!(outcome.order_id.as_deref(), Some("4201"));
    }
    // Still unpaid: the customer finishes at the order's url.
    let outcome = order_pay_outcome("4201", "notPaid", Some(&unpaid));
    assert_eq!(outcome.status, PaymentOutcomeStatus::ActionRequired);
    assert_eq!(outcome.redirect_url, unpaid.url);
    // Unpaid without a url, or a status nobody knows: under way, never "paid".
    let mut no_url = unpaid.clone();
    no_url.url = None;
    for (status, order) in [("notPaid", Some(&no_url)), ("somethingNew", None)] {
        let outcome = order_pay_outcome("4201", status, order);
        assert_eq!(outcome.status, PaymentOutcomeStatus::Pending, "{status}");
        assert_eq!(outcome.redirect_url, None);
    }
}
