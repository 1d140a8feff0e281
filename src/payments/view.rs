//! What the payments list shows, as its URL says it: the filter bar's filter
//! (`q` an invoice reference, `from`/`to`, `type=card,sepa`, `min`/`max`),
//! one payment reached from an invoice (`payment=`), and the sort
//! (`sort=amount`, `-amount`, `date`; newest first when absent).
//!
//! The bar's status group carries the payment types here, so its keys are
//! written as `type=` rather than `status=`.

use crate::api::models::PaymentMethodType;
use crate::api::models::query::PaymentQuery;
use crate::components::{Filter, TableSort};
use billing_contract::query::percent_encode;

/// The columns the API sorts payments by.
const SORTABLE: [&str; 2] = ["date", "amount"];

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PaymentsView {
    pub filter: Filter,
    /// One payment's id, when the customer came from an invoice.
    pub payment: Option<String>,
    /// `None`: newest first.
    pub sort: Option<TableSort>,
}

/// The URL's `type` keys that are payment types.
pub fn payment_type_key(key: &str) -> Option<&'static str> {
    PaymentMethodType::parse(key).map(|kind| kind.as_str())
}

impl PaymentsView {
    /// Reads the view from decoded URL parameters, leniently (see [`Filter::from_query`]).
    pub fn from_query<'a>(get: impl Fn(&str) -> Option<&'a str>) -> PaymentsView {
        let filter = Filter::from_query(
            |key| match key {
                "status" => get("type"),
                "type" => None,
                key => get(key),
            },
            payment_type_key,
        );
        let payment = get("payment")
            .map(str::trim)
            .filter(|id| !id.is_empty())
            .map(str::to_owned);
        let sort = get("sort").and_then(|text| {
            let (ascending, key) = match text.trim().strip_prefix('-') {
                Some(key) => (false, key),
                None => (true, text.trim()),
            };
            let key = SORTABLE.into_iter().find(|k| *k == key)?;
            // Newest first is the default: it needs no parameter.
            (ascending || key != "date").then_some(TableSort { key, ascending })
        });
        PaymentsView {
            filter,
            payment,
            sort,
        }
    }

    /// The query string (no `?`) that [`PaymentsView::from_query`] reads back.
    pub fn to_query(&self) -> String {
        let without_types = Filter {
            statuses: Vec::new(),
            ..self.filter.clone()
        };
        let mut pairs: Vec<String> = Vec::new();
        let base = without_types.to_query();
        if !base.is_empty() {
            pairs.push(base);
        }
        if !self.filter.statuses.is_empty() {
            pairs.push(format!("type={}", self.filter.statuses.join(",")));
        }
        if let Some(id) = &self.payment {
            pairs.push(format!("payment={}", percent_encode(id)));
        }
        if let Some(sort) = self.sort.filter(|s| *s != newest_first()) {
            let sign = if sort.ascending { "" } else { "-" };
            pairs.push(format!("sort={sign}{}", sort.key));
        }
        pairs.join("&")
    }

    /// The sort the table shows: the URL's, else newest first.
    pub fn table_sort(&self) -> TableSort {
        self.sort.unwrap_or_else(newest_first)
    }

    /// Whether anything narrows the list.
    pub fn is_filtered(&self) -> bool {
        self.filter.is_active() || self.payment.is_some()
    }

    /// What the API is asked (page aside).
    pub fn api_query(&self) -> PaymentQuery {
        let filter = &self.filter;
        PaymentQuery {
            id: self.payment.clone(),
            reference: (!filter.text.is_empty()).then(|| filter.text.clone()),
            from: filter.from,
            to: filter.to,
            kind: filter
                .statuses
                .iter()
                .filter_map(|key| PaymentMethodType::parse(key))
                .collect(),
            min_amount: filter.min_amount,
            max_amount: filter.max_amount,
            sort: Some(crate::components::api_sort(Some(self.table_sort()))),
            ..PaymentQuery::default()
        }
    }
}

fn newest_first() -> TableSort {
    TableSort {
        key: "date",
        ascending: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn read(pairs: &[(&str, &str)]) -> PaymentsView {
        PaymentsView::from_query(|key| pairs.iter().find(|(k, _)| *k == key).map(|(_, v)| *v))
    }

    #[test]
    fn a_view_survives_its_url() {
        let view = PaymentsView {
            filter: Filter {
                text: "FR0".into(),
                from: "2026-01-01".parse().ok(),
                to: "2026-03-31".parse().ok(),
                statuses: vec!["sepa", "card"],
                min_amount: Some(Decimal::new(1050, 2)),
                max_amount: Some(Decimal::new(200, 0)),
                ..Filter::default()
            },
            payment: Some("pay-fr-000003".into()),
            sort: Some(TableSort {
                key: "amount",
                ascending: false,
            }),
        };
        let query = view.to_query();
        assert_eq!(
            query,
            "q=FR0&from=2026-01-01&to=2026-03-31&min=10.50&max=200&type=sepa,card&payment=pay-fr-000003&sort=-amount"
        );
        let decoded = [
            ("q", "FR0"),
            ("from", "2026-01-01"),
            ("to", "2026-03-31"),
            ("min", "10.50"),
            ("max", "200"),
            ("type", "sepa,card"),
            ("payment", "pay-fr-000003"),
            ("sort", "-amount"),
            ("page", "2"),
        ];
        assert_eq!(read(&decoded), view);
    }

    #[test]
    fn newest_first_needs_no_parameter() {
        assert_eq!(PaymentsView::default().to_query(), "");
        assert_eq!(read(&[("sort", "-date")]).sort, None);
        assert_eq!(
            read(&[("sort", "date")]).to_query(),
            "sort=date",
            "oldest first is kept"
        );
        assert_eq!(read(&[("sort", "-reference")]).sort, None);
        assert_eq!(read(&[("sort", "amount")]).table_sort().key, "amount");
        assert!(!read(&[("sort", "amount")]).is_filtered());
    }

    #[test]
    fn unknown_types_and_a_status_parameter_are_ignored() {
        let view = read(&[("type", "cash,paypal,,paypal"), ("status", "sepa")]);
        assert_eq!(view.filter.statuses, vec!["paypal"]);
        assert_eq!(view.api_query().kind, vec![PaymentMethodType::Paypal]);
    }

    #[test]
    fn the_api_is_asked_for_exactly_the_view() {
        let view = read(&[
            ("q", "it0"),
            ("type", "transfer"),
            ("min", "5"),
            ("payment", " pay-1 "),
            ("sort", "amount"),
        ]);
        assert!(view.is_filtered());
        assert_eq!(
            view.api_query().to_query_string(),
            "id=pay-1&reference=it0&type=transfer&minAmount=5&sort=amount"
        );
        assert_eq!(
            PaymentsView::default().api_query().to_query_string(),
            "sort=-date"
        );
    }
}
