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

/// `decoded_in!(invoices, invoice_list, Page<InvoiceSummary>)`: a module
/// `invoice_list` whose `decode` reads that model in the chunk of the page
/// `invoices` (`src/app/router.rs`) in the release build. `BillingBackend` is a
/// trait object, so every method it has, and every decoder they call, is
/// reachable from the shell: without this, the first load carries the decoding
/// of every page's models. Only models a single page reads go there; the
/// page's chunk is already loaded when it asks, so this costs no request.
/// Elsewhere (`trunk serve`, the tests) `decode` is the plain decoder.
// rustfmt indents the attribute further on every run (not idempotent here).
#[rustfmt::skip]
macro_rules! decoded_in {
    ($chunk:ident, $name:ident, $model:ty) => {
        pub mod $name {
            use super::*;
            use crate::api::ApiError;

            #[cfg_attr(
                feature = "split",
                ::leptos::wasm_split::wasm_split(
                    $chunk,
                    wasm_split_path = ::leptos::wasm_split,
                    fallible
                )
            )]
            fn $name(text: String) -> Result<$model, ApiError> {
                crate::api::error::decode(&text)
            }

            pub async fn decode(text: String) -> Result<$model, ApiError> {
                #[cfg(feature = "split")]
                {
                    $name(text).await
                }
                #[cfg(not(feature = "split"))]
                {
                    $name(text)
                }
            }
        }
    };
}

/// The models one page alone reads, decoded in that page's chunk.
mod decoded_in_pages {
    use super::*;

    decoded_in!(invoices, invoice_list, Page<InvoiceSummary>);
    decoded_in!(invoices, invoice_totals, InvoiceTotals);
    decoded_in!(invoice_detail, invoice, Invoice);
    decoded_in!(order_detail, order, Order);
    decoded_in!(order_tracking, follow_up, FollowUp);
    decoded_in!(payment_methods, created_method, CreatePaymentMethodResponse);
}

impl ReferenceAdapter {
    /// GET `path`, decoded by `decode` (one of [`decoded_in_pages`]).
    fn read_in_page<T: 'static, Decoding>(
        &self,
        path: String,
        cancel: &AbortSignal,
        decode: fn(String) -> Decoding,
    ) -> ApiFuture<T>
    where
        Decoding: std::future::Future<Output = Result<T, crate::api::ApiError>> + 'static,
    {
        let text = self.http.get_text(path, cancel.clone());
        Box::pin(async move { decode(text.await?).await })
    }

    /// A mutation whose answer `decode` reads (one of [`decoded_in_pages`]).
    fn write_in_page<B, T: 'static, Decoding>(
        &self,
        method: Method,
        path: String,
        body: B,
        key: &IdempotencyKey,
        decode: fn(String) -> Decoding,
    ) -> ApiFuture<T>
    where
        B: serde::Serialize + 'static,
        Decoding: std::future::Future<Output = Result<T, crate::api::ApiError>> + 'static,
    {
        let http = self.http.clone();
        let key = key.clone();
        Box::pin(async move {
            let text = http
                .mutate_undecoded(method, &path, Some(&body), &key)
                .await?;
            decode(text).await
        })
    }

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
        self.read_in_page(
            format!("/orders/{}", segment(id)),
            cancel,
            decoded_in_pages::order::decode,
        )
    }

    fn order_follow_up(&self, id: &str, cancel: &AbortSignal) -> ApiFuture<FollowUp> {
        self.read_in_page(
            format!("/orders/{}/follow-up", segment(id)),
            cancel,
            decoded_in_pages::follow_up::decode,
        )
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
        self.write_in_page(
            Method::POST,
            format!("/orders/{}/withdraw", segment(id)),
            request.clone(),
            key,
            decoded_in_pages::order::decode,
        )
    }

    fn invoices(
        &self,
        query: &InvoiceQuery,
        cancel: &AbortSignal,
    ) -> ApiFuture<Page<InvoiceSummary>> {
        self.read_in_page(
            with_query("/invoices", query.to_query_string()),
            cancel,
            decoded_in_pages::invoice_list::decode,
        )
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
        self.read_in_page(
            with_query("/invoices/totals", filter.to_query_string()),
            cancel,
            decoded_in_pages::invoice_totals::decode,
        )
    }

    fn invoice_rendition_url(&self, id: &str, pdf: bool) -> String {
        let file = if pdf { "invoice.pdf" } else { "invoice.html" };
        self.http
            .api_url(&format!("/invoices/{}/{file}", segment(id)))
    }

    fn invoice(&self, id: &str, cancel: &AbortSignal) -> ApiFuture<Invoice> {
        self.read_in_page(
            format!("/invoices/{}", segment(id)),
            cancel,
            decoded_in_pages::invoice::decode,
        )
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
        self.write_in_page(
            Method::POST,
            "/payment-methods".into(),
            request.clone(),
            key,
            decoded_in_pages::created_method::decode,
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
