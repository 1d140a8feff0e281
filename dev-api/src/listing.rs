//! Query-string parsing for the list endpoints: every bad value is a 400 naming the param.

use billing_contract::{Page, Sort, decimal_string};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::problem::{ApiError, ApiResult};

pub const DEFAULT_PAGE_SIZE: u32 = 25;
pub const MAX_PAGE_SIZE: u32 = 200;

pub struct Params(Vec<(String, String)>);

impl Params {
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        Params(pairs)
    }

    /// The last value of `name`; an empty value counts as absent (HTML forms send them).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    pub fn page(&self) -> ApiResult<(u32, u32)> {
        let page = match self.get("page") {
            None => 1,
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|p| *p >= 1)
                .ok_or_else(|| ApiError::bad_param("page", "must be an integer ≥ 1"))?,
        };
        let size = match self.get("pageSize") {
            None => DEFAULT_PAGE_SIZE,
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|p| (1..=MAX_PAGE_SIZE).contains(p))
                .ok_or_else(|| {
                    ApiError::bad_param(
                        "pageSize",
                        format!("must be an integer between 1 and {MAX_PAGE_SIZE}"),
                    )
                })?,
        };
        Ok((page, size))
    }

    pub fn date(&self, name: &str) -> ApiResult<Option<NaiveDate>> {
        self.get(name)
            .map(|v| {
                NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .map_err(|_| ApiError::bad_param(name, "expected a date YYYY-MM-DD"))
            })
            .transpose()
    }

    pub fn decimal(&self, name: &str) -> ApiResult<Option<Decimal>> {
        self.get(name)
            .map(|v| {
                decimal_string::parse(v)
                    .ok_or_else(|| ApiError::bad_param(name, "expected a decimal such as 12.50"))
            })
            .transpose()
    }

    pub fn sort(&self, allowed: &[&str], default: Sort) -> ApiResult<Sort> {
        match self.get("sort") {
            None => Ok(default),
            Some(v) => Sort::parse(v)
                .filter(|s| allowed.contains(&s.field.as_str()))
                .ok_or_else(|| {
                    ApiError::bad_param(
                        "sort",
                        format!(
                            "expected one of {} (prefix - for descending)",
                            allowed.join(", ")
                        ),
                    )
                }),
        }
    }

    /// Comma-separated values, each parsed by `parse`; empty = no filter.
    pub fn csv<T>(&self, name: &str, parse: impl Fn(&str) -> Option<T>) -> ApiResult<Vec<T>> {
        let Some(v) = self.get(name) else {
            return Ok(Vec::new());
        };
        v.split(',')
            .map(|s| {
                parse(s.trim())
                    .ok_or_else(|| ApiError::bad_param(name, format!("unknown value {s:?}")))
            })
            .collect()
    }

    /// `from`/`to`, inclusive calendar dates; `from` after `to` is a 400.
    pub fn range(&self) -> ApiResult<(Option<NaiveDate>, Option<NaiveDate>)> {
        let (from, to) = (self.date("from")?, self.date("to")?);
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(ApiError::bad_param("from", "must not be after to"));
        }
        Ok((from, to))
    }
}

pub fn in_range(date: NaiveDate, (from, to): (Option<NaiveDate>, Option<NaiveDate>)) -> bool {
    from.is_none_or(|f| date >= f) && to.is_none_or(|t| date <= t)
}

pub fn paginate<T: Clone>(items: &[T], page: u32, page_size: u32) -> Page<T> {
    let start = ((page - 1) as usize).saturating_mul(page_size as usize);
    Page {
        items: items
            .iter()
            .skip(start)
            .take(page_size as usize)
            .cloned()
            .collect(),
        page,
        page_size,
        total: items.len() as u64,
    }
}
