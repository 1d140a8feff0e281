//! The adapter for OVHcloud's API v1 `/me` billing resources
//! (`shared/reference/ovhcloud-api-shapes.md`), spoken through a same-origin
//! path where the deployment's proxy signs each request with the customer's
//! credentials: no key ever lives in the browser.
//!
//! OVHcloud lists IDs, then each item takes a request (a bill's debt and an
//! order's status one more). When the backend honours the paginated-objects
//! headers, a list comes a page of whole objects at a time instead. Either
//! way the items are kept for the session (until the customer changes
//! something), fetched 8 at a time, and what OVHcloud cannot do server-side
//! (filter by status or amount, sort, page, add up) is done here
//! ([`listing`]), so no page knows which adapter it speaks to.

pub mod listing;
pub mod mapping;

use crate::api::backend::{ApiFuture, Arrival, BillingBackend, Progress};
use crate::api::{ApiError, ApiResult, HttpClient, IdempotencyKey, decode};
use billing_contract::ovhcloud::{self as ovh, Id, pagination};
use billing_contract::query::percent_encode as segment;
use billing_contract::query::{CreditNoteQuery, InvoiceQuery, OrderQuery, PaymentQuery};
use billing_contract::*;
use futures::future::{LocalBoxFuture, Shared};
use futures::{FutureExt, StreamExt};
use gloo_net::http::Method;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use web_sys::AbortSignal;

/// Item requests in flight at once: fast on a 1,000-bill account without
/// flooding the proxy.
const CONCURRENCY: usize = 8;
/// Objects per page in paginated mode.
const PAGE_SIZE: usize = 200;
/// While invoices arrive one by one, the list is shown again once the first
/// screenful is in, then every this many.
const FIRST_ROWS: usize = 25;
const SHOW_EVERY: usize = 50;

/// Every invoice, once all are read: what each caller filters and sorts.
type Invoices = Rc<Vec<InvoiceSummary>>;
/// Told the invoices read so far (in the list's order) and how many there are.
type Watcher = Rc<dyn Fn(&[InvoiceSummary], Progress)>;

/// The one reading of every invoice this session: the list and its totals
/// (asked at the same time by the invoices page) share it instead of each
/// sending a thousand requests, and whoever watches sees the rows arrive.
struct InvoiceLoad {
    done: Shared<LocalBoxFuture<'static, ApiResult<Invoices>>>,
    watchers: Rc<RefCell<Vec<Watcher>>>,
}

/// What was read this session, by id. Cleared by any change the customer makes.
#[derive(Default)]
struct Cache {
    me: Option<ovh::Me>,
    /// `Some(true)`: the backend answers pages of objects; `Some(false)`: IDs only.
    paginated: HashMap<&'static str, bool>,
    bills: HashMap<String, ovh::Bill>,
    debts: HashMap<String, Option<ovh::Debt>>,
    orders: HashMap<String, ovh::Order>,
    statuses: HashMap<String, String>,
    deposits: HashMap<String, Payment>,
    refunds: HashMap<String, ovh::Refund>,
    /// Browser-only and single-threaded like the whole adapter; the wrapper
    /// only lets the cache sit behind the `Send + Sync` [`crate::api::Api`].
    invoices: Option<SendWrapper<InvoiceLoad>>,
}

#[derive(Clone)]
pub struct OvhcloudAdapter {
    http: HttpClient,
    cache: Arc<Mutex<Cache>>,
}

impl OvhcloudAdapter {
    pub fn new(http: HttpClient) -> Self {
        Self {
            http,
            cache: Arc::default(),
        }
    }

    fn with_cache<R>(&self, f: impl FnOnce(&mut Cache) -> R) -> R {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut cache)
    }

    /// After a change, everything but the account is read again.
    fn forget(&self) {
        self.with_cache(|c| {
            let me = c.me.take();
            let paginated = std::mem::take(&mut c.paginated);
            *c = Cache {
                me,
                paginated,
                ..Cache::default()
            };
        });
    }
}

/// A follow-up answer as the pages expect it: a 404 (old orders) stays a 404,
/// which the tracking panel shows as "no tracking".
pub(crate) fn follow_up_answer(steps: ApiResult<Vec<ovh::FollowUpStep>>) -> ApiResult<FollowUp> {
    steps.map(|steps| mapping::follow_up(&steps))
}

/// `Ok(None)` for a 404: "there is none" (a bill's debt, an order's bill).
fn absent_on_404<T>(result: ApiResult<T>) -> ApiResult<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(ApiError::Http { status: 404, .. }) => Ok(None),
        Err(error) => Err(error),
    }
}

/// A signal nobody aborts: for reads a mutation or the session's cache makes,
/// which no page can call off.
fn uncancelled() -> ApiResult<web_sys::AbortSignal> {
    web_sys::AbortController::new()
        .map(|controller| controller.signal())
        .map_err(|_| ApiError::Network("AbortController".into()))
}

fn refused(status: u16, title: &str, detail: &str) -> ApiError {
    ApiError::http(
        status,
        Some(Problem {
            kind: "about:blank".into(),
            title: title.into(),
            status,
            detail: Some(detail.into()),
            errors: None,
        }),
    )
}

fn now() -> DateTimeOffset {
    chrono::Utc::now().fixed_offset()
}

/// Each id's item, [`CONCURRENCY`] requests at a time, in the ids' order.
async fn each<T, F, Fut>(ids: Vec<String>, fetch: F) -> ApiResult<Vec<(String, T)>>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = ApiResult<T>>,
{
    futures::stream::iter(ids.into_iter().map(|id| {
        let item = fetch(id.clone());
        async move { item.await.map(|value| (id, value)) }
    }))
    .buffered(CONCURRENCY)
    .collect::<Vec<_>>()
    .await
    .into_iter()
    .collect()
}

impl OvhcloudAdapter {
    /// Every object of a list, in the list's order: a page of objects at a
    /// time when the backend supports it, else the IDs then each item not
    /// already read this session.
    async fn objects<T: DeserializeOwned + Clone>(
        &self,
        list: &'static str,
        id_of: fn(&T) -> String,
        cached: fn(&Cache) -> &HashMap<String, T>,
        store: fn(&mut Cache) -> &mut HashMap<String, T>,
        cancel: &AbortSignal,
    ) -> ApiResult<Vec<T>> {
        let ids = self.listed(list, id_of, store, cancel).await?;
        self.items(list, ids, cached, store, cancel).await
    }

    /// The ids of a list, in its order. When the backend pages objects, they
    /// come whole a page at a time and are kept; else only the IDs are read.
    async fn listed<T: DeserializeOwned + Clone>(
        &self,
        list: &'static str,
        id_of: fn(&T) -> String,
        store: fn(&mut Cache) -> &mut HashMap<String, T>,
        cancel: &AbortSignal,
    ) -> ApiResult<Vec<Id>> {
        let known = self.with_cache(|c| c.paginated.get(list).copied());
        if known == Some(false) {
            return self.http.get(list, cancel).await;
        }
        let mut objects: Vec<T> = Vec::new();
        let mut number = 1;
        loop {
            let headers = [
                (pagination::MODE, pagination::MODE_PAGES.to_owned()),
                (pagination::SIZE, PAGE_SIZE.to_string()),
                (pagination::NUMBER, number.to_string()),
            ];
            let (text, elements) = self
                .http
                .get_with_headers(list, &headers, pagination::ELEMENTS, cancel)
                .await?;
            let Some(total) = elements.and_then(|e| e.trim().parse::<usize>().ok()) else {
                // IDs only: this backend does not page objects.
                self.with_cache(|c| c.paginated.insert(list, false));
                return decode(&text);
            };
            self.with_cache(|c| c.paginated.insert(list, true));
            let page: Vec<T> = decode(&text)?;
            let empty = page.is_empty();
            objects.extend(page);
            if empty || objects.len() >= total {
                break;
            }
            number += 1;
        }
        Ok(self.with_cache(|c| {
            let map = store(c);
            objects
                .into_iter()
                .map(|object| {
                    let id = id_of(&object);
                    map.insert(id.clone(), object);
                    Id(id)
                })
                .collect()
        }))
    }

    async fn items<T: DeserializeOwned + Clone>(
        &self,
        list: &str,
        ids: Vec<Id>,
        cached: fn(&Cache) -> &HashMap<String, T>,
        store: fn(&mut Cache) -> &mut HashMap<String, T>,
        cancel: &AbortSignal,
    ) -> ApiResult<Vec<T>> {
        let missing: Vec<String> = self.with_cache(|c| {
            let have = cached(c);
            ids.iter()
                .filter(|id| !have.contains_key(&id.0))
                .map(|id| id.0.clone())
                .collect()
        });
        let fetched = each(missing, |id| {
            let http = self.http.clone();
            let cancel = cancel.clone();
            let path = format!("{list}/{}", segment(&id));
            async move { http.get::<T>(&path, &cancel).await }
        })
        .await?;
        self.with_cache(|c| {
            let map = store(c);
            for (id, item) in fetched {
                map.insert(id, item);
            }
            let map = cached(c);
            Ok(ids
                .iter()
                .filter_map(|id| map.get(&id.0).cloned())
                .collect())
        })
    }

    async fn me(&self, cancel: &AbortSignal) -> ApiResult<ovh::Me> {
        if let Some(me) = self.with_cache(|c| c.me.clone()) {
            return Ok(me);
        }
        let me: ovh::Me = self.http.get("/me", cancel).await?;
        self.with_cache(|c| c.me = Some(me.clone()));
        Ok(me)
    }

    /// Every bill with its debt, as invoice summaries (newest first as listed).
    async fn all_invoices(&self) -> ApiResult<Invoices> {
        self.invoice_load(None).await
    }

    /// The session's reading of every invoice, started if none is under way
    /// (or the last one failed); `watcher` sees the invoices as they arrive.
    fn invoice_load(
        &self,
        watcher: Option<Watcher>,
    ) -> Shared<LocalBoxFuture<'static, ApiResult<Invoices>>> {
        self.with_cache(|c| {
            let reusable = c
                .invoices
                .as_ref()
                .filter(|load| !matches!(load.done.peek(), Some(Err(_))));
            if let Some(load) = reusable {
                if load.done.peek().is_none() {
                    load.watchers.borrow_mut().extend(watcher);
                }
                return load.done.clone();
            }
            let watchers: Rc<RefCell<Vec<Watcher>>> =
                Rc::new(RefCell::new(watcher.into_iter().collect()));
            let done = self
                .clone()
                .read_invoices(watchers.clone())
                .boxed_local()
                .shared();
            c.invoices = Some(SendWrapper::new(InvoiceLoad {
                done: done.clone(),
                watchers,
            }));
            done
        })
    }

    /// The bills (a page of objects at a time, or the IDs), then each bill
    /// not yet read and its debt, [`CONCURRENCY`] at a time, telling the
    /// watchers as they arrive. Not cancelled when the page that asked goes:
    /// what is read is kept for the session.
    async fn read_invoices(self, watchers: Rc<RefCell<Vec<Watcher>>>) -> ApiResult<Invoices> {
        let cancel = uncancelled()?;
        let ids = self
            .listed(
                "/me/bill",
                |b: &ovh::Bill| b.bill_id.0.clone(),
                |c| &mut c.bills,
                &cancel,
            )
            .await?;
        let total = ids.len();
        // A list that came whole in one page of objects only waits for its
        // debts: shown at once when they are in, without a flash of partial
        // rows. One read bill by bill, or longer than a page, shows its rows
        // as they arrive.
        let one_page =
            self.with_cache(|c| c.paginated.get("/me/bill") == Some(&true)) && total <= PAGE_SIZE;
        let mut arrived: Vec<Option<InvoiceSummary>> = vec![None; total];
        let mut loaded = 0;
        let mut summaries = futures::stream::iter(ids.into_iter().enumerate().map(|(at, id)| {
            let this = self.clone();
            let cancel = cancel.clone();
            async move { this.invoice_summary(&id.0, &cancel).await.map(|s| (at, s)) }
        }))
        .buffer_unordered(CONCURRENCY);
        while let Some(summary) = summaries.next().await {
            let (at, summary) = summary?;
            arrived[at] = Some(summary);
            loaded += 1;
            if !one_page
                && loaded < total
                && (loaded == FIRST_ROWS.min(total) || loaded % SHOW_EVERY == 0)
            {
                let so_far: Vec<InvoiceSummary> = arrived.iter().flatten().cloned().collect();
                let watching: Vec<Watcher> = watchers.borrow().clone();
                for watcher in watching {
                    watcher(&so_far, Progress { loaded, total });
                }
            }
        }
        watchers.borrow_mut().clear();
        Ok(Rc::new(arrived.into_iter().flatten().collect()))
    }

    /// One bill (unless its page already brought it) and its debt.
    async fn invoice_summary(&self, id: &str, cancel: &AbortSignal) -> ApiResult<InvoiceSummary> {
        let path = format!("/me/bill/{}", segment(id));
        let bill = match self.with_cache(|c| c.bills.get(id).cloned()) {
            Some(bill) => bill,
            None => {
                let bill: ovh::Bill = self.http.get(&path, cancel).await?;
                self.with_cache(|c| c.bills.insert(id.to_owned(), bill.clone()));
                bill
            }
        };
        let debt = match self.with_cache(|c| c.debts.get(id).cloned()) {
            Some(debt) => debt,
            None => {
                let debt = absent_on_404(
                    self.http
                        .get::<ovh::Debt>(&format!("{path}/debt"), cancel)
                        .await,
                )?;
                self.with_cache(|c| c.debts.insert(id.to_owned(), debt.clone()));
                debt
            }
        };
        Ok(mapping::invoice_summary(&bill, debt.as_ref()))
    }

    /// Every order with its status (the bill of each, when bills were read).
    async fn all_orders(&self, cancel: &AbortSignal) -> ApiResult<Vec<OrderSummary>> {
        let orders = self
            .objects(
                "/me/order",
                |o: &ovh::Order| o.order_id.0.clone(),
                |c| &c.orders,
                |c| &mut c.orders,
                cancel,
            )
            .await?;
        let missing: Vec<String> = self.with_cache(|c| {
            orders
                .iter()
                .map(|o| o.order_id.0.clone())
                .filter(|id| !c.statuses.contains_key(id))
                .collect()
        });
        let statuses = each(missing, |id| {
            let http = self.http.clone();
            let cancel = cancel.clone();
            let path = format!("/me/order/{}/status", segment(&id));
            async move { http.get::<String>(&path, &cancel).await }
        })
        .await?;
        let now = now();
        Ok(self.with_cache(|c| {
            c.statuses.extend(statuses);
            orders
                .iter()
                .map(|o| {
                    let status = c.statuses.get(&o.order_id.0).cloned().unwrap_or_default();
                    let invoice = c
                        .bills
                        .values()
                        .find(|b| b.order_id.as_ref() == Some(&o.order_id))
                        .map(|b| b.bill_id.0.clone());
                    mapping::order_summary(o, &status, invoice, now)
                })
                .collect()
        }))
    }

    async fn all_payments(&self, cancel: &AbortSignal) -> ApiResult<Vec<Payment>> {
        // A deposit needs its paid bills anyway: the IDs, then each one.
        let ids: Vec<Id> = self.http.get("/me/deposit", cancel).await?;
        let missing: Vec<String> = self.with_cache(|c| {
            ids.iter()
                .filter(|id| !c.deposits.contains_key(&id.0))
                .map(|id| id.0.clone())
                .collect()
        });
        let fetched = each(missing, |id| {
            let http = self.http.clone();
            let cancel = cancel.clone();
            async move {
                let path = format!("/me/deposit/{}", segment(&id));
                let deposit: ovh::Deposit = http.get(&path, &cancel).await?;
                let bill_ids: Vec<Id> = http.get(&format!("{path}/paidBills"), &cancel).await?;
                let mut bills = Vec::with_capacity(bill_ids.len());
                for bill in bill_ids {
                    bills.push(
                        http.get::<ovh::Bill>(
                            &format!("{path}/paidBills/{}", segment(&bill.0)),
                            &cancel,
                        )
                        .await?,
                    );
                }
                Ok(mapping::payment(&deposit, &bills))
            }
        })
        .await?;
        Ok(self.with_cache(|c| {
            c.deposits.extend(fetched);
            ids.iter()
                .filter_map(|id| c.deposits.get(&id.0).cloned())
                .collect()
        }))
    }

    async fn all_credit_notes(&self, cancel: &AbortSignal) -> ApiResult<Vec<CreditNote>> {
        let refunds = self
            .objects(
                "/me/refund",
                |r: &ovh::Refund| r.refund_id.0.clone(),
                |c| &c.refunds,
                |c| &mut c.refunds,
                cancel,
            )
            .await?;
        Ok(refunds.iter().map(mapping::credit_note).collect())
    }

    async fn all_methods(&self, cancel: &AbortSignal) -> ApiResult<Vec<ovh::PaymentMethod>> {
        // Few, and changed from this very page: never cached.
        let ids: Vec<Id> = self.http.get("/me/payment/method", cancel).await?;
        let methods = each(ids.into_iter().map(|id| id.0).collect(), |id| {
            let http = self.http.clone();
            let cancel = cancel.clone();
            let path = format!("/me/payment/method/{}", segment(&id));
            async move { http.get::<ovh::PaymentMethod>(&path, &cancel).await }
        })
        .await?;
        Ok(methods.into_iter().map(|(_, m)| m).collect())
    }

    /// The method a payment uses: the one asked for, else the default.
    async fn method_for(&self, asked: Option<&str>) -> ApiResult<Id> {
        if let Some(id) = asked {
            return Ok(Id(id.to_owned()));
        }
        let cancel = uncancelled()?;
        self.all_methods(&cancel)
            .await?
            .into_iter()
            .find(|m| m.default)
            .map(|m| m.payment_method_id)
            .ok_or_else(|| {
                refused(
                    422,
                    "No default payment method",
                    "Choose a payment method to pay with.",
                )
            })
    }

    async fn pay_debt(&self, bill_id: &str, key: &IdempotencyKey) -> ApiResult<PaymentOutcome> {
        let cancel = uncancelled()?;
        let debt_path = format!("/me/bill/{}/debt", segment(bill_id));
        let debt = absent_on_404(self.http.get::<ovh::Debt>(&debt_path, &cancel).await)?
            .ok_or_else(|| {
                refused(
                    409,
                    "Invoice already paid",
                    "This invoice has nothing left to pay.",
                )
            })?;
        let order: ovh::Order = self
            .http
            .mutate::<(), _>(
                Method::POST,
                &format!("/me/debtAccount/debt/{}/pay", segment(&debt.debt_id.0)),
                None,
                key,
            )
            .await?;
        self.forget();
        // Nothing to do at a `url`: the debt, read again, says whether it
        // went through (gone or nothing left due) or is still under way.
        let settled = mapping::payment_url(&order).is_none()
            && absent_on_404(self.http.get::<ovh::Debt>(&debt_path, &cancel).await)?
                .is_none_or(|debt| mapping::debt_settled(&debt));
        Ok(mapping::debt_pay_outcome(&order, settled))
    }

    async fn pay_everything(&self, key: &IdempotencyKey) -> ApiResult<PaymentOutcome> {
        let order: ovh::Order = self
            .http
            .mutate::<(), _>(Method::POST, "/me/debtAccount/pay", None, key)
            .await?;
        self.forget();
        let settled = mapping::payment_url(&order).is_none() && {
            let account: ovh::DebtAccount =
                self.http.get("/me/debtAccount", &uncancelled()?).await?;
            mapping::money(&account.due_amount).amount.is_zero()
        };
        Ok(mapping::debt_pay_outcome(&order, settled))
    }
}

impl BillingBackend for OvhcloudAdapter {
    fn session(&self, cancel: &AbortSignal) -> ApiFuture<Session> {
        let this = self.clone();
        let cancel = cancel.clone();
        Box::pin(async move { this.me(&cancel).await.map(|me| mapping::session(&me)) })
    }

    fn balance(&self, cancel: &AbortSignal) -> ApiFuture<Balance> {
        let http = self.http.clone();
        let cancel = cancel.clone();
        Box::pin(async move {
            let account: ovh::DebtAccount = http.get("/me/debtAccount", &cancel).await?;
            Ok(mapping::balance(&account))
        })
    }

    fn orders(&self, query: &OrderQuery, cancel: &AbortSignal) -> ApiFuture<Page<OrderSummary>> {
        let this = self.clone();
        let cancel = cancel.clone();
        let query = query.clone();
        Box::pin(async move {
            let all = this.all_orders(&cancel).await?;
            Ok(listing::orders(&all, &query))
        })
    }

    fn order(&self, id: &str, cancel: &AbortSignal) -> ApiFuture<Order> {
        let this = self.clone();
        let cancel = cancel.clone();
        let id = id.to_owned();
        Box::pin(async move {
            let path = format!("/me/order/{}", segment(&id));
            let http = &this.http;
            let me = this.me(&cancel).await?;
            let order: ovh::Order = http.get(&path, &cancel).await?;
            let status: String = http.get(&format!("{path}/status"), &cancel).await?;
            let detail_ids: Vec<Id> = http.get(&format!("{path}/details"), &cancel).await?;
            let details = each(detail_ids.into_iter().map(|d| d.0).collect(), |d| {
                let http = http.clone();
                let cancel = cancel.clone();
                let path = format!("{path}/details/{}", segment(&d));
                async move { http.get::<ovh::OrderDetail>(&path, &cancel).await }
            })
            .await?
            .into_iter()
            .map(|(_, d)| d)
            .collect::<Vec<_>>();
            let bills: Vec<Id> = http
                .get(&format!("/me/bill?orderId={}", segment(&id)), &cancel)
                .await?;
            let invoice = bills.into_iter().next().map(|b| b.0);
            Ok(mapping::order(
                &order,
                &status,
                &details,
                invoice,
                &me,
                now(),
            ))
        })
    }

    fn order_follow_up(&self, id: &str, cancel: &AbortSignal) -> ApiFuture<FollowUp> {
        let http = self.http.clone();
        let cancel = cancel.clone();
        let path = format!("/me/order/{}/followUp", segment(id));
        Box::pin(async move { follow_up_answer(http.get(&path, &cancel).await) })
    }

    fn pay_order(
        &self,
        id: &str,
        request: &PayRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<PaymentOutcome> {
        let this = self.clone();
        let key = key.clone();
        let id = id.to_owned();
        let asked = request.payment_method_id.clone();
        Box::pin(async move {
            let method = this.method_for(asked.as_deref()).await?;
            let body = ovh::PayOrder {
                payment_method: ovh::PaymentMethodChoice { id: method },
            };
            this.http
                .mutate_no_content(
                    Method::POST,
                    &format!("/me/order/{}/pay", segment(&id)),
                    Some(&body),
                    &key,
                )
                .await?;
            this.forget();
            // OVHcloud answers `null`; the order's status then tells whether
            // the payment went through, and an order still unpaid is paid at
            // its `url` (a payment waiting on the customer: 3-D Secure, a
            // PayPal approval).
            let cancel = uncancelled()?;
            let path = format!("/me/order/{}", segment(&id));
            let status: String = this.http.get(&format!("{path}/status"), &cancel).await?;
            let order = match status.as_str() {
                "notPaid" => Some(this.http.get::<ovh::Order>(&path, &cancel).await?),
                _ => None,
            };
            Ok(mapping::order_pay_outcome(&id, &status, order.as_ref()))
        })
    }

    fn withdraw_order(
        &self,
        id: &str,
        request: &WithdrawRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<Order> {
        let this = self.clone();
        let key = key.clone();
        let id = id.to_owned();
        let body = mapping::retraction(request);
        Box::pin(async move {
            this.http
                .mutate_no_content(
                    Method::POST,
                    &format!("/me/order/{}/retraction", segment(&id)),
                    Some(&body),
                    &key,
                )
                .await?;
            this.forget();
            let cancel = uncancelled()?;
            this.order(&id, &cancel).await
        })
    }

    fn invoices(
        &self,
        query: &InvoiceQuery,
        _cancel: &AbortSignal,
    ) -> ApiFuture<Page<InvoiceSummary>> {
        // Not cancelled: every invoice is read once for the session (see
        // `read_invoices`), whoever asked first.
        let load = self.invoice_load(None);
        let query = query.clone();
        Box::pin(async move {
            let all = load.await?;
            Ok(listing::invoices(&all, &query))
        })
    }

    fn invoices_as_they_arrive(
        &self,
        query: &InvoiceQuery,
        _cancel: &AbortSignal,
        arriving: Arrival,
    ) -> ApiFuture<Page<InvoiceSummary>> {
        let query = query.clone();
        let watcher: Watcher = {
            let query = query.clone();
            Rc::new(move |so_far: &[InvoiceSummary], progress| {
                arriving(listing::invoices(so_far, &query), progress)
            })
        };
        let load = self.invoice_load(Some(watcher));
        Box::pin(async move {
            let all = load.await?;
            Ok(listing::invoices(&all, &query))
        })
    }

    fn invoice(&self, id: &str, cancel: &AbortSignal) -> ApiFuture<Invoice> {
        let http = self.http.clone();
        let this = self.clone();
        let cancel = cancel.clone();
        let path = format!("/me/bill/{}", segment(id));
        Box::pin(async move {
            let bill: ovh::Bill = http.get(&path, &cancel).await?;
            let debt = absent_on_404(
                http.get::<ovh::Debt>(&format!("{path}/debt"), &cancel)
                    .await,
            )?;
            let payment = absent_on_404(
                http.get::<ovh::BillPayment>(&format!("{path}/payment"), &cancel)
                    .await,
            )?;
            let detail_ids: Vec<Id> = http.get(&format!("{path}/details"), &cancel).await?;
            let details = each(detail_ids.into_iter().map(|d| d.0).collect(), |d| {
                let http = http.clone();
                let cancel = cancel.clone();
                let path = format!("{path}/details/{}", segment(&d));
                async move { http.get::<ovh::BillDetail>(&path, &cancel).await }
            })
            .await?
            .into_iter()
            .map(|(_, d)| d)
            .collect::<Vec<_>>();
            this.with_cache(|c| c.bills.insert(bill.bill_id.0.clone(), bill.clone()));
            Ok(mapping::invoice(
                &bill,
                debt.as_ref(),
                &details,
                payment.as_ref(),
            ))
        })
    }

    fn invoice_totals(
        &self,
        query: &InvoiceQuery,
        _cancel: &AbortSignal,
    ) -> ApiFuture<InvoiceTotals> {
        let load = self.invoice_load(None);
        let query = query.clone();
        Box::pin(async move {
            let all = load.await?;
            Ok(listing::invoice_totals(&all, &query))
        })
    }

    fn invoice_rendition_url(&self, id: &str, pdf: bool) -> String {
        // The bill's own URLs carry its password: read, never built.
        self.with_cache(|c| {
            c.bills.get(id).and_then(|b| {
                if pdf {
                    b.pdf_url.clone()
                } else {
                    b.url.clone()
                }
            })
        })
        .map(|url| self.http.absolute_url(&url))
        .unwrap_or_default()
    }

    fn pay_invoice(
        &self,
        id: &str,
        _request: &PayRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<PaymentOutcome> {
        let this = self.clone();
        let key = key.clone();
        let id = id.to_owned();
        Box::pin(async move { this.pay_debt(&id, &key).await })
    }

    fn pay_invoices(
        &self,
        request: &PayInvoicesRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<PaymentOutcome> {
        let this = self.clone();
        let key = key.clone();
        let mut ids = request.invoice_ids.clone();
        Box::pin(async move {
            ids.sort();
            ids.dedup();
            if let [one] = ids.as_slice() {
                return this.pay_debt(one, &key).await;
            }
            // OVHcloud pays one debt or all of them: several invoices are
            // paid together only when they are everything that is due.
            let mut due: Vec<String> = this
                .all_invoices()
                .await?
                .iter()
                .filter(|i| i.balance_due.amount > rust_decimal::Decimal::ZERO)
                .map(|i| i.id.clone())
                .collect();
            due.sort();
            if due == ids {
                this.pay_everything(&key).await
            } else {
                Err(refused(
                    422,
                    "Pay these invoices one by one",
                    "This billing system pays one invoice, or every invoice due at once.",
                ))
            }
        })
    }

    fn pay_balance(
        &self,
        _request: &PayBalanceRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<PaymentOutcome> {
        let this = self.clone();
        let key = key.clone();
        Box::pin(async move { this.pay_everything(&key).await })
    }

    fn payments(&self, query: &PaymentQuery, cancel: &AbortSignal) -> ApiFuture<Page<Payment>> {
        let this = self.clone();
        let cancel = cancel.clone();
        let query = query.clone();
        Box::pin(async move {
            let all = this.all_payments(&cancel).await?;
            Ok(listing::payments(&all, &query))
        })
    }

    fn credit_notes(
        &self,
        query: &CreditNoteQuery,
        cancel: &AbortSignal,
    ) -> ApiFuture<Page<CreditNote>> {
        let this = self.clone();
        let cancel = cancel.clone();
        let query = query.clone();
        Box::pin(async move {
            let all = this.all_credit_notes(&cancel).await?;
            Ok(listing::credit_notes(&all, &query))
        })
    }

    fn payment_methods(&self, cancel: &AbortSignal) -> ApiFuture<PaymentMethodList> {
        let this = self.clone();
        let cancel = cancel.clone();
        Box::pin(async move {
            let methods = this.all_methods(&cancel).await?;
            Ok(PaymentMethodList {
                items: methods.iter().map(mapping::payment_method).collect(),
            })
        })
    }

    fn create_payment_method(
        &self,
        request: &CreatePaymentMethodRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<CreatePaymentMethodResponse> {
        let http = self.http.clone();
        let key = key.clone();
        let body = mapping::create_payment_method(request);
        Box::pin(async move {
            let created: ovh::PaymentMethodValidation = http
                .mutate(Method::POST, "/me/payment/method", Some(&body), &key)
                .await?;
            Ok(CreatePaymentMethodResponse {
                payment_method: None,
                redirect_url: created.url,
            })
        })
    }

    fn update_payment_method(
        &self,
        id: &str,
        request: &UpdatePaymentMethodRequest,
        key: &IdempotencyKey,
    ) -> ApiFuture<PaymentMethod> {
        let http = self.http.clone();
        let key = key.clone();
        let path = format!("/me/payment/method/{}", segment(id));
        let body = ovh::UpdatePaymentMethod {
            default: request.default,
            description: request.description.clone(),
        };
        Box::pin(async move {
            let method: ovh::PaymentMethod =
                http.mutate(Method::PUT, &path, Some(&body), &key).await?;
            Ok(mapping::payment_method(&method))
        })
    }

    fn delete_payment_method(&self, id: &str, key: &IdempotencyKey) -> ApiFuture<()> {
        let http = self.http.clone();
        let key = key.clone();
        let path = format!("/me/payment/method/{}", segment(id));
        Box::pin(async move {
            http.mutate_no_content::<()>(Method::DELETE, &path, None, &key)
                .await
        })
    }

    fn sepa_details_at_provider(&self) -> bool {
        true
    }

    fn rendition_url(&self, url: &str) -> Result<String, crate::safe_url::RefusedUrl> {
        crate::safe_url::check_against(url, self.http.base_url())
    }
}
