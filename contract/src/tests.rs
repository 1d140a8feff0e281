use super::*;
use serde_json::json;

fn dt(s: &str) -> DateTimeOffset {
    DateTime::parse_from_rfc3339(s).unwrap()
}

#[test]
fn money_travels_as_a_string() {
    let m = Money::eur(Decimal::new(1234, 1));
    let v = serde_json::to_value(&m).unwrap();
    assert_eq!(v, json!({"amount": "123.40", "currency": "EUR"}));
    let back: Money = serde_json::from_value(v).unwrap();
    assert_eq!(back, m);
}

#[test]
fn float_amount_is_rejected() {
    let err = serde_json::from_str::<Money>(r#"{"amount": 12.34, "currency": "EUR"}"#)
        .unwrap_err()
        .to_string();
    assert!(err.contains("decimal strings"), "{err}");
    assert!(serde_json::from_str::<Money>(r#"{"amount": 12, "currency": "EUR"}"#).is_err());
    assert!(
        serde_json::from_str::<Money>(r#"{"amount": "12,34 EUR", "currency": "EUR"}"#).is_err()
    );
    assert!(serde_json::from_str::<Money>(r#"{"amount": "1e3", "currency": "EUR"}"#).is_err());
}

#[test]
fn currency_is_validated() {
    for bad in ["eur", "EURO", "E1R", ""] {
        let err = serde_json::from_value::<Money>(json!({"amount": "1.00", "currency": bad}))
            .unwrap_err()
            .to_string();
        assert!(err.contains("three uppercase letters"), "{bad}: {err}");
    }
    assert_eq!(Currency::new("USD").unwrap().as_str(), "USD");
}

#[test]
fn unknown_statuses_decode_as_unknown() {
    assert_eq!(
        serde_json::from_str::<OrderStatus>(r#""onHold""#).unwrap(),
        OrderStatus::Unknown
    );
    assert_eq!(
        serde_json::from_str::<InvoiceStatus>(r#""refunded""#).unwrap(),
        InvoiceStatus::Unknown
    );
    assert_eq!(
        serde_json::from_str::<PaymentMethodStatus>(r#""maintenance""#).unwrap(),
        PaymentMethodStatus::Unknown
    );
    assert_eq!(
        serde_json::from_str::<CardBrand>(r#""jcb""#).unwrap(),
        CardBrand::Unknown
    );
    assert_eq!(
        serde_json::from_str::<PaymentMethodType>(r#""deferred""#).unwrap(),
        PaymentMethodType::Unknown
    );
    assert_eq!(
        serde_json::from_str::<StepStatus>(r#""PAUSED""#).unwrap(),
        StepStatus::Unknown
    );
    assert_eq!(
        serde_json::from_str::<OrderStatus>(r#""documentsRequested""#).unwrap(),
        OrderStatus::DocumentsRequested
    );
}

#[test]
fn withdraw_reason_is_closed() {
    assert!(serde_json::from_str::<WithdrawReason>(r#""bored""#).is_err());
    let r: WithdrawRequest =
        serde_json::from_value(json!({"reason": "orderedByMistake", "comment": ""})).unwrap();
    assert_eq!(r.reason, WithdrawReason::OrderedByMistake);
}

#[test]
fn order_round_trips_in_camel_case() {
    let order = Order {
        id: "212345678".into(),
        date: dt("2026-10-01T09:30:00+02:00"),
        status: OrderStatus::NotPaid,
        total_excl_tax: Money::eur(Decimal::new(1000, 2)),
        total_incl_tax: Money::eur(Decimal::new(1200, 2)),
        expiration_date: dt("2026-10-02T09:30:00+02:00"),
        kind: OrderKind::Purchase,
        tax: Money::eur(Decimal::new(200, 2)),
        withdrawal_deadline: None,
        withdrawable: false,
        billing_contact: BillingContact {
            name: "Camille Dupont".into(),
            email: "c.dupont@example.fr".into(),
            address: "12 rue des Lilas\n59100 Roubaix".into(),
        },
        payment_method_id: None,
        invoice_id: None,
        lines: vec![OrderLine {
            id: "1".into(),
            description: "VPS".into(),
            service_reference: "vps-3f1a2b.vps.ovh.net".into(),
            quantity: Decimal::ONE,
            unit_price_excl_tax: Money::eur(Decimal::new(1000, 2)),
            total_excl_tax: Money::eur(Decimal::new(1000, 2)),
            withdrawal_excluded: false,
        }],
        html_url: "/api/v1/orders/212345678/order.html".into(),
        pdf_url: "/api/v1/orders/212345678/order.pdf".into(),
    };
    let v = serde_json::to_value(&order).unwrap();
    assert_eq!(v["totalInclTax"]["amount"], "12.00");
    assert_eq!(v["date"], "2026-10-01T09:30:00+02:00");
    assert_eq!(v["withdrawalDeadline"], serde_json::Value::Null);
    assert_eq!(v["lines"][0]["quantity"], "1");
    assert_eq!(v["status"], "notPaid");
    let back: Order = serde_json::from_value(v).unwrap();
    assert_eq!(back, order);
    assert_eq!(back.summary().id, "212345678");
}

#[test]
fn payment_method_round_trips() {
    let pm = PaymentMethod {
        id: "pm-1".into(),
        kind: PaymentMethodType::Card,
        label: "•••• 4242".into(),
        brand: Some(CardBrand::Visa),
        expires_on: Some(NaiveDate::from_ymd_opt(2028, 3, 31).unwrap()),
        description: None,
        default: true,
        status: PaymentMethodStatus::Valid,
        created_at: dt("2024-01-02T03:04:05+01:00"),
    };
    let v = serde_json::to_value(&pm).unwrap();
    assert_eq!(v["type"], "card");
    assert_eq!(v["expiresOn"], "2028-03-31");
    assert_eq!(v["createdAt"], "2024-01-02T03:04:05+01:00");
    assert_eq!(serde_json::from_value::<PaymentMethod>(v).unwrap(), pm);
}

#[test]
fn problem_omits_absent_errors() {
    let p = Problem {
        kind: "https://billing.example/problems/not-found".into(),
        title: "Not found".into(),
        status: 404,
        detail: Some("No invoice inv-1".into()),
        errors: None,
    };
    let v = serde_json::to_value(&p).unwrap();
    assert_eq!(v["type"], "https://billing.example/problems/not-found");
    assert!(v.get("errors").is_none());
    assert_eq!(serde_json::from_value::<Problem>(v).unwrap(), p);
}

#[test]
fn query_strings_encode_and_omit() {
    assert_eq!(OrderQuery::default().to_query_string(), "");
    let q = OrderQuery {
        status: vec![OrderStatus::NotPaid, OrderStatus::Delivered],
        from: NaiveDate::from_ymd_opt(2026, 1, 5),
        sort: Some(Sort::desc("date")),
        page: Some(2),
        ..Default::default()
    };
    assert_eq!(
        q.to_query_string(),
        "status=notPaid%2Cdelivered&from=2026-01-05&sort=-date&page=2"
    );
    let q = InvoiceQuery {
        reference: Some("FR 12&é".into()),
        min_amount: Some(Decimal::new(1050, 2)),
        sort: Some(Sort::asc("totalInclTax")),
        page_size: Some(50),
        ..Default::default()
    };
    assert_eq!(
        q.to_query_string(),
        "reference=FR%2012%26%C3%A9&minAmount=10.50&sort=totalInclTax&pageSize=50"
    );
    assert_eq!(
        PaymentQuery {
            to: NaiveDate::from_ymd_opt(2026, 2, 1),
            ..Default::default()
        }
        .to_query_string(),
        "to=2026-02-01"
    );
    assert_eq!(
        CreditNoteQuery {
            page: Some(3),
            ..Default::default()
        }
        .to_query_string(),
        "page=3"
    );
    assert_eq!(
        PaymentQuery {
            id: Some("pay-fr/1".into()),
            kind: vec![PaymentMethodType::Sepa, PaymentMethodType::Transfer],
            min_amount: Some(Decimal::new(1000, 2)),
            max_amount: Some(Decimal::new(250, 0)),
            sort: Some(Sort::asc("amount")),
            ..Default::default()
        }
        .to_query_string(),
        "id=pay-fr%2F1&type=sepa%2Ctransfer&minAmount=10.00&maxAmount=250&sort=amount"
    );
    assert_eq!(
        PaymentQuery {
            invoice_id: Some("inv-fr-1".into()),
            reference: Some("FR0".into()),
            ..Default::default()
        }
        .to_query_string(),
        "invoiceId=inv-fr-1&reference=FR0"
    );
    assert_eq!(
        CreditNoteQuery {
            invoice_id: Some("inv-it-9".into()),
            ..Default::default()
        }
        .to_query_string(),
        "invoiceId=inv-it-9"
    );
}

#[test]
fn sort_parses_and_renders() {
    assert_eq!(Sort::parse("-date"), Some(Sort::desc("date")));
    assert_eq!(Sort::parse("reference"), Some(Sort::asc("reference")));
    assert_eq!(Sort::parse("-"), None);
    assert_eq!(Sort::parse("da te"), None);
    assert_eq!(
        serde_json::to_value(Sort::desc("balanceDue")).unwrap(),
        json!("-balanceDue")
    );
}

#[test]
fn openapi_document_is_embedded() {
    assert!(OPENAPI_YAML.starts_with("openapi: 3.1"));
}

#[test]
fn payment_types_round_trip_their_wire_names() {
    for kind in PaymentMethodType::ALL {
        assert_eq!(PaymentMethodType::parse(kind.as_str()), Some(kind));
        assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.as_str()));
    }
    assert_eq!(PaymentMethodType::parse("unknown"), None);
    assert_eq!(PaymentMethodType::parse("cash"), None);
}

#[test]
fn a_payment_without_status_or_credit_note_reads_as_succeeded() {
    let payment: Payment = serde_json::from_value(json!({
        "id": "pay-1",
        "date": "2026-01-02T10:00:00+01:00",
        "amount": { "amount": "10.00", "currency": "EUR" },
        "paymentMethod": { "type": "card", "label": "Visa •••• 4242" },
        "invoices": [],
        "creditApplied": null
    }))
    .unwrap();
    assert_eq!(payment.status, PaymentStatus::Succeeded);
    assert_eq!(payment.credit_note, None);
    let refunded: PaymentStatus = serde_json::from_value(json!("refunded")).unwrap();
    assert_eq!(refunded, PaymentStatus::Unknown);
    let note: CreditNote = serde_json::from_value(json!({
        "id": "cn-1", "reference": "FR-AV-1", "originalInvoiceId": "inv-1",
        "originalInvoiceReference": "FR1", "date": "2026-01-02T10:00:00+01:00",
        "amount": { "amount": "5.00", "currency": "EUR" }, "pdfUrl": "/x.pdf"
    }))
    .unwrap();
    assert_eq!((note.html_url, note.reason), (None, None));
}
