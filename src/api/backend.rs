//! The calls the portal makes, whatever the backend. Each adapter implements
//! [`BillingBackend`]; pages reach it through [`use_api`].

use super::{ApiResult, IdempotencyKey};
use billing_contract::query::{CreditNoteQuery, InvoiceQuery, OrderQuery, PaymentQuery};
use billing_contract::*;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use web_sys::AbortSignal;

/// Browser futures are not `Send`; they live on the page's single thread.
pub type ApiFuture<T> = Pin<Box<dyn Future<Output = ApiResult<T>>>>;

/// How far a list read item by item has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub loaded: usize,
    pub total: usize,
}

/// Told the page a query would show from the items read so far, and how far
/// the reading has got (see [`BillingBackend::invoices_as_they_arrive`]).
pub type Arrival = std::rc::Rc<dyn Fn(Page<InvoiceSummary>, Progress)>;

/// Reads take the page's abort signal (a newer load or leaving the page
/// cancels them); money actions take the key of the customer's intent and are
/// never cancelled half-way by navigation.
pub trait BillingBackend {
    fn session(&self, cancel: &AbortSignal) -> ApiFuture<Session>;
    fn balance(&self, cancel: &AbortSignal) -> ApiFuture<Balance>;

    fn orders(&self, query: &OrderQuery, cancel: &AbortSignal) -> ApiFuture<Page<OrderSummary>>;
    fn order(&self, id: &str, cancel: &AbortSignal) -> ApiFuture<Order>;
    fn order_follow_up(&self, id: &str, cancel: &AbortSignal) -> ApiFuture<FollowUp>;
    fn pay_order(
        &self,
        id: &str,
        request: &PayRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<PaymentOutcome>;
    fn withdraw_order(
        &self,
        id: &str,
        request: &WithdrawRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<Order>;

    fn invoices(
        &self,
        query: &InvoiceQuery,
        cancel: &AbortSignal,
    ) -> ApiFuture<Page<InvoiceSummary>>;
    /// [`BillingBackend::invoices`], for a backend that reads invoices one by
    /// one: it may call `arriving` with what the query shows among those
    /// already read, before the answer over every invoice. By default the
    /// answer comes whole (the API filters, sorts and pages).
    fn invoices_as_they_arrive(
        &self,
        query: &InvoiceQuery,
        cancel: &AbortSignal,
        arriving: Arrival,
    ) -> ApiFuture<Page<InvoiceSummary>> {
        let _ = arriving;
        self.invoices(query, cancel)
    }
    fn invoice(&self, id: &str, cancel: &AbortSignal) -> ApiFuture<Invoice>;
    /// What the invoices a filter matches add up to, per currency (sort and
    /// page in `query` are ignored).
    fn invoice_totals(
        &self,
        query: &InvoiceQuery,
        cancel: &AbortSignal,
    ) -> ApiFuture<InvoiceTotals>;
    /// Where the browser opens an invoice's HTML (`pdf: false`) or PDF
    /// rendition, from its id alone (a list row has no rendition URLs).
    fn invoice_rendition_url(&self, id: &str, pdf: bool) -> String;
    fn pay_invoice(
        &self,
        id: &str,
        request: &PayRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<PaymentOutcome>;
    fn pay_invoices(
        &self,
        request: &PayInvoicesRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<PaymentOutcome>;
    fn pay_balance(
        &self,
        request: &PayBalanceRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<PaymentOutcome>;

    fn payments(&self, query: &PaymentQuery, cancel: &AbortSignal) -> ApiFuture<Page<Payment>>;
    fn credit_notes(
        &self,
        query: &CreditNoteQuery,
        cancel: &AbortSignal,
    ) -> ApiFuture<Page<CreditNote>>;

    fn payment_methods(&self, cancel: &AbortSignal) -> ApiFuture<PaymentMethodList>;
    fn create_payment_method(
        &self,
        request: &CreatePaymentMethodRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<CreatePaymentMethodResponse>;
    fn update_payment_method(
        &self,
        id: &str,
        request: &UpdatePaymentMethodRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<PaymentMethod>;
    fn delete_payment_method(&self, id: &str, key: &IdempotencyKey) -> ApiFuture<()>;
    /// Whether a SEPA mandate's IBAN and holder are given on a page of the
    /// backend's (like a card) rather than typed in the portal: OVHcloud's
    /// `POST /me/payment/method` takes no IBAN and answers the page's `url`.
    fn sepa_details_at_provider(&self) -> bool {
        false
    }

    /// Where the browser can open an HTML or PDF rendition the API pointed to,
    /// vetted by [`crate::safe_url`]: `Err` means render no link.
    fn rendition_url(&self, url: &str) -> Result<String, crate::safe_url::RefusedUrl>;
}

/// The backend of this deployment, shared by every page.
#[derive(Clone)]
pub struct Api(Arc<dyn BillingBackend + Send + Sync>);

impl Api {
    pub fn new(backend: impl BillingBackend + Send + Sync + 'static) -> Self {
        Self(Arc::new(backend))
    }
}

impl std::ops::Deref for Api {
    type Target = dyn BillingBackend + Send + Sync;
    fn deref(&self) -> &Self::Target {
        self.0.as_ref()
    }
}

/// The deployment's backend; provided by the app shell once config is read.
pub fn use_api() -> Api {
    expect_context::<Api>()
}
