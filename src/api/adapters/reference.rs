//! The adapter for our reference contract (`contract/openapi.yaml`): the wire
//! format is the model, so each call is a path and a verb.

use crate::api::backend::{ApiFuture, BillingBackend};
use crate::api::{HttpClient, IdempotencyKey};
use billing_contract::query::{CreditNoteQuery, InvoiceQuery, OrderQuery, PaymentQuery};
use billing_contract::*;
// Ids come from the API and are not trusted to be URL-safe: each one is
// percent-encoded into its path segment.
use billing_contract::query::percent_encode as segment;
use gloo_net::http::Method;
use web_sys::AbortSignal;

#[derive(Clone)]
pub struct ReferenceAdapter {
    http: HttpClient,
}

impl ReferenceAdapter {
    pub fn new(http: HttpClient) -> Self {
        Self { http }
    }
}

fn with_query(path: &str, query: String) -> String {
    if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    }
}

impl ReferenceAdapter {
    fn read<T: serde::de::DeserializeOwned + 'static>(
        &self,
        path: String,
        cancel: &AbortSignal,
    ) -> ApiFuture<T> {
        let http = self.http.clone();
        let cancel = cancel.clone();
        Box::pin(async move { http.get(&path, &cancel).await })
    }

    fn write<B, T>(
        &self,
        method: Method,
        path: String,
        body: Option<B>,
        key: &IdempotencyKey,
    ) -> ApiFuture<T>
    where
        B: serde::Serialize + 'static,
        T: serde::de::DeserializeOwned + 'static,
    {
        let http = self.http.clone();
        let key = key.clone();
        Box::pin(async move { http.mutate(method, &path, body.as_ref(), &key).await })
    }
}

impl BillingBackend for ReferenceAdapter {
    fn session(&self, cancel: &AbortSignal) -> ApiFuture<Session> {
        let http = self.http.clone();
        let cancel = cancel.clone();
        Box::pin(async move {
            let session: Session = http.get("/session", &cancel).await?;
            http.set_csrf_token(session.csrf_token.clone());
            Ok(session)
        })
    }

    fn balance(&self, cancel: &AbortSignal) -> ApiFuture<Balance> {
        self.read("/balance".into(), cancel)
    }

    fn orders(&self, query: &OrderQuery, cancel: &AbortSignal) -> ApiFuture<Page<OrderSummary>> {
        self.read(with_query("/orders", query.to_query_string()), cancel)
    }

    fn order(&self, id: &str, cancel: &AbortSignal) -> ApiFuture<Order> {
        self.read(format!("/orders/{}", segment(id)), cancel)
    }

    fn order_follow_up(&self, id: &str, cancel: &AbortSignal) -> ApiFuture<FollowUp> {
        self.read(format!("/orders/{}/follow-up", segment(id)), cancel)
    }

    fn pay_order(
        &self,
        id: &str,
        request: &PayRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<PaymentOutcome> {
        self.write(
            Method::POST,
            format!("/orders/{}/pay", segment(id)),
            Some(request.clone()),
            key,
        )
    }

    fn withdraw_order(
        &self,
        id: &str,
        request: &WithdrawRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<Order> {
        self.write(
            Method::POST,
            format!("/orders/{}/withdraw", segment(id)),
            Some(request.clone()),
            key,
        )
    }

    fn invoices(
        &self,
        query: &InvoiceQuery,
        cancel: &AbortSignal,
    ) -> ApiFuture<Page<InvoiceSummary>> {
        self.read(with_query("/invoices", query.to_query_string()), cancel)
    }

    fn invoice_totals(
        &self,
        query: &InvoiceQuery,
        cancel: &AbortSignal,
    ) -> ApiFuture<InvoiceTotals> {
        let filter = InvoiceQuery {
            sort: None,
            page: None,
            page_size: None,
            ..query.clone()
        };
        self.read(
            with_query("/invoices/totals", filter.to_query_string()),
            cancel,
        )
    }

    fn invoice_rendition_url(&self, id: &str, pdf: bool) -> String {
        let file = if pdf { "invoice.pdf" } else { "invoice.html" };
        self.http
            .api_url(&format!("/invoices/{}/{file}", segment(id)))
    }

    fn invoice(&self, id: &str, cancel: &AbortSignal) -> ApiFuture<Invoice> {
        self.read(format!("/invoices/{}", segment(id)), cancel)
    }

    fn pay_invoice(
        &self,
        id: &str,
        request: &PayRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<PaymentOutcome> {
        self.write(
            Method::POST,
            format!("/invoices/{}/pay", segment(id)),
            Some(request.clone()),
            key,
        )
    }

    fn pay_invoices(
        &self,
        request: &PayInvoicesRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<PaymentOutcome> {
        self.write(
            Method::POST,
            "/invoices/pay".into(),
            Some(request.clone()),
            key,
        )
    }

    fn pay_balance(
        &self,
        request: &PayBalanceRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<PaymentOutcome> {
        self.write(
            Method::POST,
            "/balance/pay".into(),
            Some(request.clone()),
            key,
        )
    }

    fn payments(&self, query: &PaymentQuery, cancel: &AbortSignal) -> ApiFuture<Page<Payment>> {
        self.read(with_query("/payments", query.to_query_string()), cancel)
    }

    fn credit_notes(
        &self,
        query: &CreditNoteQuery,
        cancel: &AbortSignal,
    ) -> ApiFuture<Page<CreditNote>> {
        self.read(with_query("/credit-notes", query.to_query_string()), cancel)
    }

    fn payment_methods(&self, cancel: &AbortSignal) -> ApiFuture<PaymentMethodList> {
        self.read("/payment-methods".into(), cancel)
    }

    fn create_payment_method(
        &self,
        request: &CreatePaymentMethodRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<CreatePaymentMethodResponse> {
        self.write(
            Method::POST,
            "/payment-methods".into(),
            Some(request.clone()),
            key,
        )
    }

    fn update_payment_method(
        &self,
        id: &str,
        request: &UpdatePaymentMethodRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<PaymentMethod> {
        self.write(
            Method::PATCH,
            format!("/payment-methods/{}", segment(id)),
            Some(request.clone()),
            key,
        )
    }

    fn delete_payment_method(&self, id: &str, key: &IdempotencyKey) -> ApiFuture<()> {
        let http = self.http.clone();
        let key = key.clone();
        let path = format!("/payment-methods/{}", segment(id));
        Box::pin(async move {
            http.mutate_no_content::<()>(Method::DELETE, &path, None, &key)
                .await
        })
    }

    fn rendition_url(&self, url: &str) -> Result<String, crate::safe_url::RefusedUrl> {
        // API-relative renditions (`/api/v1/invoices/7/invoice.pdf`) resolve
        // against the API base; `javascript:` and friends never get through.
        crate::safe_url::check_against(url, self.http.base_url())
    }
}
