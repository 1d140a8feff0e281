//! Deterministic demo data: two customers (a French consumer, an Italian business) with
//! orders in every state, invoices paid/unpaid/overdue, payments, credit notes and saved
//! payment methods. Everything is relative to `Seed::now` and shaped by `Seed::seed` only.

pub mod catalog;
pub mod follow_up;
pub mod invoice_extras;

use std::collections::{HashMap, HashSet};

use billing_contract::*;
use chrono::{Datelike, Duration, Months, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::Seed;
use crate::billing::{PayTarget, PaymentAttempt, ProviderSession};
use crate::rng::SplitMix64;
use catalog::{Family, Lang, LineSpec};

/// The whole in-memory backend.
pub struct Db {
    pub customers: Vec<CustomerData>,
    /// Source of ids for objects created at run time (payments, attempts…).
    pub next_id: u64,
    /// What tests count (`GET /_dev/counters`); back to zero on reset.
    pub counters: DevCounters,
}

/// Requests and charges seen since the seed, so a test can prove that a double click
/// paid once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DevCounters {
    /// `POST /orders/{id}/pay` requests that reached the handler (idempotent replays
    /// are answered before it and do not count).
    pub order_pay_requests: u64,
    /// Payments charged or sent to 3-D Secure, whatever was paid.
    pub charges: u64,
}

impl Db {
    pub fn by_demo_id(&self, demo_id: &str) -> Option<usize> {
        self.customers.iter().position(|c| c.demo_id == demo_id)
    }

    pub fn fresh_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }
}

pub struct CustomerData {
    pub demo_id: &'static str,
    pub customer: Customer,
    pub lang: Lang,
    pub vat_rate: Decimal,
    pub contact: BillingContact,
    /// `FR` / `IT`: prefix of invoice references.
    pub ref_prefix: &'static str,
    /// Newest first.
    pub orders: Vec<Order>,
    pub follow_ups: HashMap<String, FollowUp>,
    /// Newest first.
    pub invoices: Vec<Invoice>,
    pub payments: Vec<Payment>,
    pub credit_notes: Vec<CreditNote>,
    pub payment_methods: Vec<PaymentMethod>,
    pub attempts: Vec<PaymentAttempt>,
    pub provider_sessions: Vec<ProviderSession>,
    pub next_invoice_number: u64,
    pub next_order_number: u64,
}

impl CustomerData {
    pub fn eur(&self, amount: Decimal) -> Money {
        Money::eur(amount)
    }

    /// tax = round-half-even(totalExclTax × rate, 2), as the contract says.
    pub fn tax_on(&self, excl: Decimal) -> Decimal {
        (excl * self.vat_rate).round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven)
    }
}

pub const DEMO_CUSTOMERS: [&str; 2] = ["fr-consumer", "it-business"];

pub fn generate(options: &Seed) -> Db {
    let customers = DEMO_CUSTOMERS
        .iter()
        .enumerate()
        .map(|(i, demo)| {
            let rng =
                SplitMix64::new(options.seed ^ (0x5EED_0000 + i as u64).wrapping_mul(0x9E37_79B9));
            Generator {
                rng,
                now: options.now,
                lang: if i == 0 { Lang::Fr } else { Lang::It },
                invoices: options.invoices,
            }
            .customer(demo, options)
        })
        .collect();
    let mut db = Db {
        customers,
        next_id: 1000,
        counters: DevCounters::default(),
    };
    if options.invoice_extras {
        invoice_extras::add(&mut db, options.now);
    }
    db
}

struct Generator {
    rng: SplitMix64,
    now: DateTimeOffset,
    lang: Lang,
    /// Invoices wanted for this customer.
    invoices: usize,
}

/// An order of the first page: status, step states, kind, products, age in hours.
type Template = (OrderStatus, [StepStatus; 4], OrderKind, Vec<Family>, i64);

/// How a seeded invoice was (or was not) paid.
#[derive(Clone, Copy, PartialEq)]
enum Settle {
    Unpaid,
    Paid {
        method: usize,
        group: Option<u32>,
        credit: bool,
    },
}

struct Draft {
    date: DateTimeOffset,
    category: InvoiceCategory,
    order_id: String,
    lines: Vec<LineSpec>,
    settle: Settle,
    linked_order: Option<usize>,
}

fn end_of_month(d: NaiveDate) -> NaiveDate {
    let first_next = NaiveDate::from_ymd_opt(d.year(), d.month(), 1).unwrap() + Months::new(1);
    first_next.pred_opt().unwrap()
}

impl Generator {
    fn customer(mut self, demo_id: &'static str, options: &Seed) -> CustomerData {
        let fr = self.lang == Lang::Fr;
        let customer = if fr {
            Customer {
                id: "cd12345-ovh".into(),
                name: "Camille Dupont".into(),
                email: "c.dupont@example.fr".into(),
                country: "FR".into(),
                locale: "fr".into(),
                kind: CustomerKind::Consumer,
                company_name: None,
                vat_number: None,
                time_zone: "Europe/Paris".into(),
                currency: Currency::EUR,
            }
        } else {
            Customer {
                id: "rg67890-ovh".into(),
                name: "Rossi Costruzioni S.r.l.".into(),
                email: "amministrazione@rossicostruzioni.it".into(),
                country: "IT".into(),
                locale: "it".into(),
                kind: CustomerKind::Business,
                company_name: Some("Rossi Costruzioni S.r.l.".into()),
                vat_number: Some("IT01234567897".into()),
                time_zone: "Europe/Rome".into(),
                currency: Currency::EUR,
            }
        };
        let contact = if fr {
            BillingContact {
                name: "Camille Dupont".into(),
                email: "c.dupont@example.fr".into(),
                address: "12 rue des Lilas\n59100 Roubaix\nFrance".into(),
            }
        } else {
            BillingContact {
                name: "Giulia Rossi – Rossi Costruzioni S.r.l.".into(),
                email: "amministrazione@rossicostruzioni.it".into(),
                address: "Via Roma 45\n20121 Milano (MI)\nItalia".into(),
            }
        };
        let mut cd = CustomerData {
            demo_id,
            customer,
            lang: self.lang,
            vat_rate: if fr {
                Decimal::new(20, 2)
            } else {
                Decimal::new(22, 2)
            },
            contact,
            ref_prefix: if fr { "FR" } else { "IT" },
            orders: Vec::new(),
            follow_ups: HashMap::new(),
            invoices: Vec::new(),
            payments: Vec::new(),
            credit_notes: Vec::new(),
            payment_methods: Vec::new(),
            attempts: Vec::new(),
            provider_sessions: Vec::new(),
            next_invoice_number: 0,
            next_order_number: 0,
        };
        self.payment_methods(&mut cd);
        let drafts = self.orders(&mut cd, options.orders, options.invoices);
        self.invoices(&mut cd, drafts);
        cd
    }

    fn payment_methods(&mut self, cd: &mut CustomerData) {
        let today = self.now.date_naive();
        let created = |days: i64| self.now - Duration::days(days);
        let pm = |id: &str,
                  kind,
                  label: &str,
                  brand,
                  expires_on,
                  description: Option<&str>,
                  default,
                  status,
                  created_at| {
            PaymentMethod {
                id: id.into(),
                kind,
                label: label.into(),
                brand,
                expires_on,
                description: description.map(Into::into),
                default,
                status,
                created_at,
            }
        };
        use PaymentMethodStatus::*;
        use PaymentMethodType::*;
        cd.payment_methods = if self.lang == Lang::Fr {
            vec![
                pm(
                    "pm-fr-visa",
                    Card,
                    "•••• 4242",
                    Some(CardBrand::Visa),
                    Some(end_of_month(today + Months::new(26))),
                    Some("Carte personnelle"),
                    true,
                    Valid,
                    created(700),
                ),
                // Expires at the end of the current month: always within 30 days of now.
                pm(
                    "pm-fr-mastercard",
                    Card,
                    "•••• 5454",
                    Some(CardBrand::Mastercard),
                    Some(end_of_month(today)),
                    Some("Carte de secours – expire bientôt"),
                    false,
                    Valid,
                    created(400),
                ),
                pm(
                    "pm-fr-cb",
                    Card,
                    "•••• 1881",
                    Some(CardBrand::Cb),
                    Some(end_of_month(today - Months::new(3))),
                    None,
                    false,
                    Expired,
                    created(1200),
                ),
                pm(
                    "pm-fr-sepa",
                    Sepa,
                    "FR76 •••• •••• 0189",
                    None,
                    None,
                    Some("Compte joint <script>alert(1)</script>"),
                    false,
                    Valid,
                    created(900),
                ),
                pm(
                    "pm-fr-paypal",
                    Paypal,
                    "c.dupont@example.fr",
                    None,
                    None,
                    None,
                    false,
                    Valid,
                    created(300),
                ),
                // The other statuses the list must explain: a mandate the bank is still
                // validating, a card the provider refused, a PayPal account closed.
                pm(
                    "pm-fr-sepa-pending",
                    Sepa,
                    "FR14 •••• •••• 2606",
                    None,
                    None,
                    Some("Nouveau compte – mandat en cours"),
                    false,
                    Pending,
                    created(1),
                ),
                pm(
                    "pm-fr-cb-failed",
                    Card,
                    "•••• 0119",
                    Some(CardBrand::Cb),
                    Some(end_of_month(today + Months::new(30))),
                    None,
                    false,
                    Failed,
                    created(20),
                ),
                pm(
                    "pm-fr-paypal-closed",
                    Paypal,
                    "camille.pro@example.fr",
                    None,
                    None,
                    None,
                    false,
                    Canceled,
                    created(1500),
                ),
            ]
        } else {
            vec![
                pm(
                    "pm-it-sepa",
                    Sepa,
                    "IT60 •••• •••• 2345",
                    None,
                    None,
                    Some("Conto aziendale – Banca di Milano"),
                    true,
                    Valid,
                    created(800),
                ),
                pm(
                    "pm-it-amex",
                    Card,
                    "•••• 0005",
                    Some(CardBrand::Amex),
                    Some(end_of_month(today + Months::new(18))),
                    Some("Carta aziendale (3-D Secure)"),
                    false,
                    Valid,
                    created(250),
                ),
            ]
        };
    }

    fn lines(&mut self, families: &[Family]) -> Vec<LineSpec> {
        families
            .iter()
            .map(|&f| catalog::product(&mut self.rng, f, self.lang))
            .collect()
    }

    /// Orders, newest first; returns the invoice drafts of the paid ones.
    fn orders(&mut self, cd: &mut CustomerData, count: usize, invoice_count: usize) -> Vec<Draft> {
        use Family::*;
        use OrderKind as K;
        use OrderStatus as O;
        use StepStatus::*;
        // The first page must show every order status and every step state (TODO, DOING,
        // DONE, ERROR on each of the four steps): these templates guarantee it.
        let templates: Vec<Template> = vec![
            (
                O::NotPaid,
                [Todo, Todo, Todo, Todo],
                K::Purchase,
                vec![Domain],
                2,
            ),
            (
                O::NotPaid,
                [Doing, Todo, Todo, Todo],
                K::Purchase,
                vec![Vps, Backup],
                5,
            ),
            (
                O::Checking,
                [Done, Doing, Todo, Todo],
                K::Purchase,
                vec![Dedicated],
                26,
            ),
            (
                O::DocumentsRequested,
                [Done, Error, Todo, Todo],
                K::Purchase,
                vec![Dedicated, Ip],
                50,
            ),
            (
                O::Delivering,
                [Done, Done, Doing, Todo],
                K::Purchase,
                vec![Vps],
                74,
            ),
            (
                O::Delivered,
                [Done, Done, Done, Done],
                K::Purchase,
                vec![Vps, Dedicated],
                98,
            ),
            (
                O::Delivering,
                [Done, Done, Error, Todo],
                K::Purchase,
                vec![Cloud],
                122,
            ),
            (
                O::Delivering,
                [Done, Done, Done, Doing],
                K::Renewal,
                vec![Hosting],
                146,
            ),
            (
                O::Delivering,
                [Done, Done, Done, Error],
                K::Purchase,
                vec![Licence],
                170,
            ),
            (
                O::Cancelling,
                [Done, Done, Done, Done],
                K::Purchase,
                vec![Vps],
                194,
            ),
            (
                O::Cancelled,
                [Error, Todo, Todo, Todo],
                K::Purchase,
                vec![Dedicated],
                218,
            ),
            (
                O::Expired,
                [Todo, Todo, Todo, Todo],
                K::Purchase,
                vec![Domain],
                242,
            ),
            (
                O::Delivered,
                [Done, Done, Done, Done],
                K::Purchase,
                vec![Domain, Hosting],
                266,
            ),
            (
                O::Delivered,
                [Done, Done, Done, Done],
                K::Regularisation,
                vec![],
                290,
            ),
        ];
        let mut order_number = 212_000_000 + self.rng.range(0, 700_000);
        cd.next_order_number = order_number + 1;
        let mut at = self.now;
        let mut drafts = Vec::new();
        for i in 0..count {
            let (status, pattern, kind, families, date) =
                if let Some((s, p, k, f, hours)) = templates.get(i) {
                    (
                        *s,
                        *p,
                        *k,
                        f.clone(),
                        self.now
                            - Duration::hours(*hours)
                            - Duration::minutes(self.rng.range(0, 50) as i64),
                    )
                } else {
                    at = at.min(self.now - Duration::days(13))
                        - Duration::hours(self.rng.range(30, 400) as i64);
                    let roll = self.rng.range(0, 99);
                    let (s, p) = match roll {
                        0..=9 => (O::Expired, [Todo, Todo, Todo, Todo]),
                        10..=14 => (O::Cancelled, [Error, Todo, Todo, Todo]),
                        _ => (O::Delivered, [Done, Done, Done, Done]),
                    };
                    let k = if self.rng.chance(40) {
                        K::Renewal
                    } else {
                        K::Purchase
                    };
                    let fam = *self
                        .rng
                        .pick(&[Vps, Dedicated, Cloud, Domain, Hosting, Licence, Backup]);
                    (s, p, k, vec![fam], at)
                };
            order_number -= self.rng.range(900, 40_000);
            let id = order_number.to_string();
            let mut lines = self.lines(&families);
            if self.lang == Lang::Fr && i == 5 {
                lines[1].description = catalog::long_description();
            }
            if self.lang == Lang::Fr && i == 2 {
                lines[0]
                    .description
                    .push_str(" – « Édition spéciale » <script>alert(1)</script>");
            }
            let paid = matches!(
                status,
                O::Checking | O::DocumentsRequested | O::Delivering | O::Delivered | O::Cancelling
            );
            let order = self.order(cd, &id, date, status, kind, &lines, paid);
            cd.follow_ups
                .insert(id.clone(), follow_up::build(date, pattern, self.lang));
            cd.orders.push(order);
            if paid && kind != K::Regularisation && drafts.len() < invoice_count {
                drafts.push(Draft {
                    date: date + Duration::minutes(12),
                    category: if kind == K::Renewal {
                        InvoiceCategory::Autorenew
                    } else {
                        InvoiceCategory::Purchase
                    },
                    order_id: id.clone(),
                    lines,
                    settle: Settle::Paid {
                        method: 0,
                        group: None,
                        credit: false,
                    },
                    linked_order: Some(i),
                });
            }
        }
        drafts
    }

    #[allow(clippy::too_many_arguments)]
    fn order(
        &mut self,
        cd: &CustomerData,
        id: &str,
        date: DateTimeOffset,
        status: OrderStatus,
        kind: OrderKind,
        lines: &[LineSpec],
        paid: bool,
    ) -> Order {
        let consumer = cd.customer.kind == CustomerKind::Consumer;
        let order_lines: Vec<OrderLine> = if kind == OrderKind::Regularisation {
            Vec::new() // filled in once the settled invoices exist
        } else {
            lines
                .iter()
                .enumerate()
                .map(|(n, l)| OrderLine {
                    id: format!("{id}-{}", n + 1),
                    description: l.description.clone(),
                    service_reference: l.service_reference.clone(),
                    quantity: l.quantity,
                    unit_price_excl_tax: Money::eur(l.unit_price),
                    total_excl_tax: Money::eur(l.unit_price * l.quantity),
                    withdrawal_excluded: l.family.excludes_withdrawal(),
                })
                .collect()
        };
        let excl: Decimal = order_lines.iter().map(|l| l.total_excl_tax.amount).sum();
        let tax = cd.tax_on(excl);
        let deadline = (consumer && kind == OrderKind::Purchase).then(|| date + Duration::days(14));
        let mut order = Order {
            id: id.to_owned(),
            date,
            status,
            total_excl_tax: Money::eur(excl),
            total_incl_tax: Money::eur(excl + tax),
            expiration_date: date + Duration::days(1),
            kind,
            tax: Money::eur(tax),
            withdrawal_deadline: deadline,
            withdrawable: false,
            billing_contact: cd.contact.clone(),
            payment_method_id: paid.then(|| cd.payment_methods[0].id.clone()),
            invoice_id: None,
            lines: order_lines,
            html_url: format!("/api/v1/orders/{id}/order.html"),
            pdf_url: format!("/api/v1/orders/{id}/order.pdf"),
        };
        let excluded = lines.iter().any(|l| l.family.excludes_withdrawal());
        order.withdrawable = withdrawable(&order, consumer, excluded, self.now);
        order
    }

    /// Invoices: those of paid orders plus renewals, newest first, with payments and credit notes.
    fn invoices(&mut self, cd: &mut CustomerData, mut drafts: Vec<Draft>) {
        use Family::*;
        let fr = self.lang == Lang::Fr;
        let total = self.invoices;
        let extra = total.saturating_sub(drafts.len());
        // Spread the renewals over about three years whatever their number.
        let step_minutes = ((3 * 365 * 24 * 60) / extra.max(1) as i64).clamp(60, 6 * 24 * 60);
        let fixed_days = [1i64, 3, 12, 13, 18, 20];
        let listed: HashSet<String> = cd.orders.iter().map(|o| o.id.clone()).collect();
        for e in 0..extra {
            let date = if let Some(d) = fixed_days.get(e) {
                self.now - Duration::days(*d) - Duration::minutes(self.rng.range(0, 600) as i64)
            } else {
                let base = 21 * 24 * 60 + (e as i64 - 5) * step_minutes;
                self.now
                    - Duration::minutes(base + self.rng.range(0, step_minutes as u64 / 2) as i64)
            };
            let settle = match e {
                0 | 1 => Settle::Unpaid,
                2 | 4 => Settle::Unpaid, // old enough to be overdue
                5..=7 => Settle::Paid {
                    method: 1,
                    group: Some(1),
                    credit: false,
                },
                8 => Settle::Paid {
                    method: 0,
                    group: None,
                    credit: true,
                },
                9 | 10 => Settle::Paid {
                    method: 0,
                    group: Some(2),
                    credit: false,
                },
                _ if e % 7 == 0 => Settle::Paid {
                    method: 3,
                    group: None,
                    credit: false,
                },
                _ if e % 5 == 0 => Settle::Paid {
                    method: 1,
                    group: None,
                    credit: false,
                },
                _ => Settle::Paid {
                    method: 0,
                    group: None,
                    credit: false,
                },
            };
            let n = self.rng.range(1, 3) as usize;
            let families: Vec<Family> = (0..n)
                .map(|_| {
                    *self
                        .rng
                        .pick(&[Vps, Dedicated, Cloud, Domain, Hosting, Licence, Backup])
                })
                .collect();
            let mut lines = self.lines(&families);
            if fr && e == 0 {
                lines[0].description =
                    "Option « Sécurité renforcée » <script>alert(1)</script>".into();
            }
            let mut order_id;
            loop {
                order_id = (200_000_000 + self.rng.range(0, 11_999_999)).to_string();
                if !listed.contains(&order_id) {
                    break;
                }
            }
            let category = match e % 6 {
                0 => InvoiceCategory::Earlyrenewal,
                3 => InvoiceCategory::Purchase,
                _ => InvoiceCategory::Autorenew,
            };
            drafts.push(Draft {
                date,
                category,
                order_id,
                lines,
                settle,
                linked_order: None,
            });
        }
        drafts.truncate(total);
        // References grow with time: number the oldest first.
        let mut order: Vec<usize> = (0..drafts.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(drafts[i].date));
        let mut number = 30_000_000 + self.rng.range(0, 9_000_000);
        let mut numbers = vec![0u64; drafts.len()];
        for &i in order.iter().rev() {
            number += self.rng.range(1, 300);
            numbers[i] = number;
        }
        cd.next_invoice_number = number + 1;
        let mut by_draft: Vec<usize> = vec![0; drafts.len()];
        for (pos, &i) in order.iter().enumerate() {
            by_draft[i] = pos;
            let d = &drafts[i];
            let invoice = self.invoice(cd, d, numbers[i]);
            if let Some(o) = d.linked_order {
                cd.orders[o].invoice_id = Some(invoice.id.clone());
            }
            cd.invoices.push(invoice);
        }
        self.payments(cd, &drafts, &by_draft);
    }

    fn invoice(&mut self, cd: &CustomerData, d: &Draft, number: u64) -> Invoice {
        let id = format!("inv-{}-{number}", cd.ref_prefix.to_lowercase());
        let start = d.date.date_naive();
        let lines: Vec<InvoiceLine> = d
            .lines
            .iter()
            .enumerate()
            .map(|(n, l)| {
                let end = start
                    + if l.family.yearly() {
                        Months::new(12)
                    } else {
                        Months::new(1)
                    };
                let (ps, pe) = if l.family == Family::Ip {
                    (None, None)
                } else {
                    (Some(start), end.pred_opt())
                };
                InvoiceLine {
                    id: format!("{id}-{}", n + 1),
                    description: l.description.clone(),
                    service_reference: l.service_reference.clone(),
                    period_start: ps,
                    period_end: pe,
                    quantity: l.quantity,
                    unit_price_excl_tax: Money::eur(l.unit_price),
                    total_excl_tax: Money::eur(l.unit_price * l.quantity),
                }
            })
            .collect();
        let excl: Decimal = lines.iter().map(|l| l.total_excl_tax.amount).sum();
        let tax = cd.tax_on(excl);
        let incl = excl + tax;
        let due_date = d.date + Duration::days(10);
        let (status, balance) = match d.settle {
            Settle::Paid { .. } => (InvoiceStatus::Paid, Decimal::ZERO),
            Settle::Unpaid if due_date < self.now => (InvoiceStatus::Overdue, incl),
            Settle::Unpaid => (InvoiceStatus::Unpaid, incl),
        };
        Invoice {
            reference: format!("{}{number:08}", cd.ref_prefix),
            order_id: d.order_id.clone(),
            date: d.date,
            due_date,
            total_excl_tax: Money::eur(excl),
            tax: Money::eur(tax),
            total_incl_tax: Money::eur(incl),
            balance_due: Money::eur(balance),
            status,
            category: d.category,
            lines,
            payment_type: None,
            payments: Vec::new(),
            html_url: format!("/api/v1/invoices/{id}/invoice.html"),
            pdf_url: format!("/api/v1/invoices/{id}/invoice.pdf"),
            id,
        }
    }

    fn payments(&mut self, cd: &mut CustomerData, drafts: &[Draft], by_draft: &[usize]) {
        // Methods a payment can come from, per customer: [default, second, third, transfer].
        let refs: Vec<(PaymentMethodType, String)> = {
            let mut v: Vec<(PaymentMethodType, String)> = cd
                .payment_methods
                .iter()
                .filter(|m| m.status == PaymentMethodStatus::Valid)
                .map(|m| (m.kind, method_label(m)))
                .collect();
            v.truncate(3);
            while v.len() < 3 {
                v.push(v[0].clone());
            }
            let transfer = if cd.lang == Lang::Fr {
                "Virement bancaire"
            } else {
                "Bonifico bancario"
            };
            v.push((PaymentMethodType::Transfer, transfer.to_owned()));
            v
        };
        // FR consumer: method order is visa, mastercard, sepa…; pick SEPA for grouped debits.
        let sepa_idx = refs
            .iter()
            .position(|(k, _)| *k == PaymentMethodType::Sepa)
            .unwrap_or(0);
        let mut groups: HashMap<u32, Vec<usize>> = HashMap::new();
        let mut singles = Vec::new();
        for (i, d) in drafts.iter().enumerate() {
            match d.settle {
                Settle::Paid { group: Some(g), .. } => groups.entry(g).or_default().push(i),
                Settle::Paid { .. } => singles.push(i),
                Settle::Unpaid => {}
            }
        }
        // Credit notes first: one is consumed by the payment of the `credit` draft.
        self.credit_notes(cd);
        let mut payments = Vec::new();
        let mut seq = 0u64;
        let mut plan: Vec<(Vec<usize>, usize, bool)> = singles
            .iter()
            .map(|&i| {
                let (m, credit) = match drafts[i].settle {
                    Settle::Paid { method, credit, .. } => (method, credit),
                    Settle::Unpaid => (0, false),
                };
                (vec![i], m, credit)
            })
            .collect();
        let mut keys: Vec<u32> = groups.keys().copied().collect();
        keys.sort();
        for g in keys {
            let members = groups.remove(&g).unwrap_or_default();
            plan.push((members, if g == 1 { sepa_idx } else { 0 }, false));
        }
        for (members, method, credit) in plan {
            seq += 1;
            let (kind, label) = refs[method.min(refs.len() - 1)].clone();
            let latest = members
                .iter()
                .map(|&i| drafts[i].date)
                .max()
                .unwrap_or(self.now);
            let date = if members.len() > 1 {
                latest + Duration::days(1)
            } else {
                latest + Duration::minutes(20)
            };
            let date = date.min(self.now - Duration::minutes(30));
            let id = format!("pay-{}-{:06}", cd.ref_prefix.to_lowercase(), seq);
            let mut settled = Vec::new();
            let mut applied_total = Decimal::ZERO;
            for &i in &members {
                let inv = &mut cd.invoices[by_draft[i]];
                applied_total += inv.total_incl_tax.amount;
                settled.push(SettledInvoice {
                    id: inv.id.clone(),
                    reference: inv.reference.clone(),
                    amount_applied: inv.total_incl_tax.clone(),
                });
                inv.payments.push(InvoicePaymentRef {
                    id: id.clone(),
                    date,
                    amount: inv.total_incl_tax.clone(),
                });
                inv.payment_type = Some(catalog::payment_type_label(kind, cd.lang).to_owned());
            }
            let credit_note = if credit {
                cd.credit_notes.first()
            } else {
                None
            };
            let credit_applied = credit_note
                .map(|cn| Money::eur(cn.amount.amount.min(applied_total - Decimal::new(1, 2))));
            let credit_note = credit_note.map(|cn| CreditNoteRef {
                id: cn.id.clone(),
                reference: cn.reference.clone(),
            });
            let charged =
                applied_total - credit_applied.as_ref().map_or(Decimal::ZERO, |c| c.amount);
            payments.push(Payment {
                id,
                date,
                amount: Money::eur(charged),
                payment_method: PaymentMethodRef { kind, label },
                invoices: settled,
                credit_applied,
                status: PaymentStatus::Succeeded,
                credit_note,
            });
        }
        payments.sort_by(|a, b| b.date.cmp(&a.date).then(a.id.cmp(&b.id)));
        cd.payments = payments;
        self.regularisation(cd, drafts, by_draft);
        self.pending_attempt(cd, drafts, by_draft);
    }

    fn credit_notes(&mut self, cd: &mut CustomerData) {
        // Refund part of a few older paid invoices (services terminated early).
        let candidates: Vec<usize> = cd
            .invoices
            .iter()
            .enumerate()
            .filter(|(_, i)| i.status == InvoiceStatus::Paid)
            .map(|(n, _)| n)
            .skip(12)
            .step_by(9)
            .take(3)
            .collect();
        let prefix = if cd.lang == Lang::Fr {
            "FR-AV-"
        } else {
            "IT-NC-"
        };
        for (k, &n) in candidates.iter().enumerate() {
            let inv = &cd.invoices[n];
            let amount = if k == 0 {
                inv.total_incl_tax.amount.min(Decimal::new(1000, 2))
            } else {
                (inv.total_incl_tax.amount / Decimal::TWO).round_dp(2)
            };
            let number = 100_000 + self.rng.range(0, 899_999);
            let id = format!("cn-{}-{number}", cd.ref_prefix.to_lowercase());
            cd.credit_notes.push(CreditNote {
                reason: Some(credit_note_reason(k, cd.lang).to_owned()),
                html_url: Some(format!("/api/v1/credit-notes/{id}/credit-note.html")),
                reference: format!("{prefix}{number}"),
                original_invoice_id: inv.id.clone(),
                original_invoice_reference: inv.reference.clone(),
                date: inv.date + Duration::days(1),
                amount: Money::eur(amount),
                pdf_url: format!("/api/v1/credit-notes/{id}/credit-note.pdf"),
                id,
            });
        }
        cd.credit_notes.sort_by_key(|c| std::cmp::Reverse(c.date));
    }

    /// The seeded regularisation order lists the invoices it settled.
    fn regularisation(&mut self, cd: &mut CustomerData, drafts: &[Draft], by_draft: &[usize]) {
        let Some(o) = cd
            .orders
            .iter()
            .position(|o| o.kind == OrderKind::Regularisation)
        else {
            return;
        };
        let settled: Vec<&Invoice> = drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| matches!(d.settle, Settle::Paid { group: Some(2), .. }))
            .map(|(i, _)| &cd.invoices[by_draft[i]])
            .collect();
        let lines = regularisation_lines(&cd.orders[o].id, &settled, cd.lang);
        let total: Decimal = lines.iter().map(|l| l.total_excl_tax.amount).sum();
        let order = &mut cd.orders[o];
        order.lines = lines;
        order.total_excl_tax = Money::eur(total);
        order.total_incl_tax = Money::eur(total);
        order.tax = Money::eur(Decimal::ZERO);
    }

    /// FR: a PayPal payment initiated on an unpaid invoice and not confirmed yet (balance.pending).
    fn pending_attempt(&mut self, cd: &mut CustomerData, drafts: &[Draft], by_draft: &[usize]) {
        if cd.lang != Lang::Fr {
            return;
        }
        // The second unpaid renewal (the first one stays plainly payable).
        let Some(i) = drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| d.linked_order.is_none() && d.settle == Settle::Unpaid)
            .map(|(i, _)| i)
            .nth(1)
        else {
            return;
        };
        let inv = &cd.invoices[by_draft[i]];
        cd.attempts.push(PaymentAttempt {
            id: "pa-seed-1".into(),
            customer: 0,
            target: PayTarget::Invoices(vec![inv.id.clone()]),
            method_id: "pm-fr-paypal".into(),
            amount: inv.balance_due.amount,
            created: self.now - Duration::minutes(10),
            open: true,
            return_to: None,
        });
    }
}

/// Why the `k`-th seeded credit note was issued, in the customer's language.
fn credit_note_reason(k: usize, lang: Lang) -> &'static str {
    match (k % 3, lang) {
        (0, Lang::Fr) => "Résiliation anticipée du service",
        (1, Lang::Fr) => "Geste commercial suite à un incident",
        (_, Lang::Fr) => "Correction de facturation",
        (0, Lang::It) => "Disdetta anticipata del servizio",
        (1, Lang::It) => "Gesto commerciale dopo un disservizio",
        (_, Lang::It) => "Rettifica di fatturazione",
    }
}

/// The label a payment shows for the method it came from (`Visa •••• 4242`).
pub fn method_label(m: &PaymentMethod) -> String {
    let brand = match m.brand {
        Some(CardBrand::Visa) => "Visa ",
        Some(CardBrand::Mastercard) => "Mastercard ",
        Some(CardBrand::Amex) => "American Express ",
        Some(CardBrand::Cb) => "CB ",
        _ => "",
    };
    match m.kind {
        PaymentMethodType::Sepa => format!("SEPA {}", m.label),
        PaymentMethodType::Paypal => format!("PayPal {}", m.label),
        _ => format!("{brand}{}", m.label),
    }
}

/// One line per settled invoice, at its balance: the debts were taxed on their invoices
/// already, so a regularisation order carries no tax of its own.
pub fn regularisation_lines(order_id: &str, invoices: &[&Invoice], lang: Lang) -> Vec<OrderLine> {
    invoices
        .iter()
        .enumerate()
        .map(|(n, inv)| {
            let amount = inv.total_incl_tax.amount;
            OrderLine {
                id: format!("{order_id}-{}", n + 1),
                description: match lang {
                    Lang::Fr => format!("Régularisation de la facture {}", inv.reference),
                    Lang::It => format!("Regolarizzazione della fattura {}", inv.reference),
                },
                service_reference: inv.reference.clone(),
                quantity: Decimal::ONE,
                unit_price_excl_tax: Money::eur(amount),
                total_excl_tax: Money::eur(amount),
                withdrawal_excluded: false,
            }
        })
        .collect()
}

/// Withdrawal right: consumers only, before the deadline, on a paid order that is still
/// going (not cancelling/cancelled/expired), never for domain names or software licences.
pub fn withdrawable(
    order: &Order,
    consumer: bool,
    excluded_family: bool,
    now: DateTimeOffset,
) -> bool {
    consumer
        && !excluded_family
        && order.withdrawal_deadline.is_some_and(|d| now < d)
        && matches!(
            order.status,
            OrderStatus::Checking
                | OrderStatus::DocumentsRequested
                | OrderStatus::Delivering
                | OrderStatus::Delivered
        )
}

/// Whether an order's lines include a domain name or a licence (by their wording).
pub fn has_excluded_lines(order: &Order) -> bool {
    order.lines.iter().any(|l| {
        if l.withdrawal_excluded {
            return true;
        }
        let d = l.description.to_lowercase();
        d.contains("domaine")
            || d.contains("dominio")
            || d.contains("licence")
            || d.contains("licenza")
    })
}
