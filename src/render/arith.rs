//! Exact arithmetic for templates: sums, differences, shares and changes of the report's
//! amounts, in decimals as `num` computes them, never through `f64`.
//!
//! Amounts reach templates as strings of their exact decimal (`"825.16"`; see
//! `num::Money`'s `Serialize`). These filters and functions read such a string (or a
//! number written in the template, read from its text) as a `Decimal`, compute through
//! `num`, and give back the exact result as a string again, so it goes on through
//! `money`, `amount` and `pct` and is rounded once, there, like every other figure:
//! `{{ a | plus(b=c) | amount }}`. A null or empty value is an error naming itself, never
//! a silent zero.
//!
//! | name | kind | gives |
//! | --- | --- | --- |
//! | `plus(b=…)` | filter | `a + b` |
//! | `minus(b=…)` | filter | `a − b` |
//! | `sum(attribute=…)` | filter on a list | Σ of the items (or of each item's attribute) |
//! | `share(of=…)` | filter | `a` in percent of `of`, unrounded (empty when `of` is 0) |
//! | `change(current=…, previous=…)` | function | a change as the report's: `current`, `previous`, `amount`, `direction`, `percent` |
//! | `zero` | test | `{% if x is zero %}`: the amount is 0 (an empty value is not) |

use std::collections::HashMap;
use std::str::FromStr;

use rust_decimal::Decimal;
use tera::{Tera, Value};

use crate::num::{self, Change, Money};

/// Registers the filters, the function and the test on `tera`.
pub(crate) fn register(tera: &mut Tera) {
    tera.register_filter("plus", |v: &Value, args: &HashMap<String, Value>| {
        let (a, b) = (
            exact(v, "plus")?,
            exact(arg(args, "b", "plus")?, "plus 的 b")?,
        );
        out(a.checked_add(b), "plus")
    });
    tera.register_filter("minus", |v: &Value, args: &HashMap<String, Value>| {
        let (a, b) = (
            exact(v, "minus")?,
            exact(arg(args, "b", "minus")?, "minus 的 b")?,
        );
        out(a.checked_sub(b), "minus")
    });
    tera.register_filter("sum", |v: &Value, args: &HashMap<String, Value>| {
        let Value::Array(items) = v else {
            return Err(tera::Error::msg(format!("sum 只用于列表，这里是 {v}")));
        };
        let attribute = args.get("attribute").and_then(Value::as_str);
        let mut total = Decimal::ZERO;
        for (i, item) in items.iter().enumerate() {
            let value = match attribute {
                Some(path) => lookup(item, path)
                    .ok_or_else(|| tera::Error::msg(format!("sum：第 {} 项没有 {path}", i + 1)))?,
                None => item,
            };
            let d = exact(value, &format!("sum 的第 {} 项", i + 1))?;
            total = total
                .checked_add(d)
                .ok_or_else(|| tera::Error::msg("sum 的结果超出范围"))?;
        }
        out(Some(total), "sum")
    });
    tera.register_filter("share", |v: &Value, args: &HashMap<String, Value>| {
        let part = exact(v, "share")?;
        let whole = exact(arg(args, "of", "share")?, "share 的 of")?;
        Ok(num::percent(Money(part), Money(whole))
            .map(|p| Value::String(p.normalize().to_string()))
            .unwrap_or(Value::String(String::new())))
    });
    tera.register_function("change", |args: &HashMap<String, Value>| {
        let current = exact(arg(args, "current", "change")?, "change 的 current")?;
        let previous = exact(arg(args, "previous", "change")?, "change 的 previous")?;
        current
            .checked_sub(previous)
            .ok_or_else(|| tera::Error::msg("change 的结果超出范围"))?;
        let c = Change::new(Money(current), Money(previous));
        serde_json::to_value(c).map_err(|e| tera::Error::msg(e.to_string()))
    });
}

fn arg<'a>(args: &'a HashMap<String, Value>, name: &str, what: &str) -> tera::Result<&'a Value> {
    args.get(name)
        .ok_or_else(|| tera::Error::msg(format!("{what} 缺少参数 {name}")))
}

/// `path` (`a.b`) inside `v`.
fn lookup<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |v, key| v.get(key))
}

/// The exact decimal of an amount as the report gives it (a string) or as a template
/// writes it (a number, read from its shortest text).
pub(crate) fn exact(v: &Value, what: &str) -> tera::Result<Decimal> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Decimal::from_str(s.trim())
            .or_else(|_| Decimal::from_scientific(s.trim()))
            .map_err(|_| tera::Error::msg(format!("{what}：“{s}”不是数"))),
        Value::Number(n) => Decimal::from_str(&n.to_string())
            .or_else(|_| Decimal::from_scientific(&n.to_string()))
            .map_err(|_| tera::Error::msg(format!("{what}：{n} 不是可精确计算的数"))),
        Value::Null | Value::String(_) => Err(tera::Error::msg(format!(
            "{what}：值为空（报告数据中这一项可能为空，先用 {{% if … %}} 判断）"
        ))),
        other => Err(tera::Error::msg(format!("{what}：{other} 不是数"))),
    }
}

fn out(d: Option<Decimal>, what: &str) -> tera::Result<Value> {
    d.map(|d| Value::String(d.normalize().to_string()))
        .ok_or_else(|| tera::Error::msg(format!("{what} 的结果超出范围")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, ctx: serde_json::Value) -> String {
        let mut tera = Tera::default();
        register(&mut tera);
        super::super::filters::register(&mut tera, &super::super::filters::Settings::plain(1));
        tera.add_raw_template("t", template).expect("parses");
        let ctx = tera::Context::from_value(ctx).expect("context");
        tera.render("t", &ctx).unwrap_or_else(|e| {
            format!(
                "ERR {}",
                super::super::errors::describe(&e, &[("t", template)])
            )
        })
    }

    #[test]
    fn sums_are_exact_and_rounded_once_like_every_figure() {
        let ctx = serde_json::json!({ "a": "0.01", "b": "2.34" });
        // f64 gives 2.3499999… → 2.3; the exact sum 2.35 rounds half away from zero.
        assert_eq!(render("{{ a | plus(b=b) | amount }}", ctx.clone()), "2.4");
        assert_eq!(render("{{ b | minus(b=a) }}", ctx.clone()), "2.33");
        assert_eq!(
            render("{{ [a, b, a] | sum | amount(dp=2) }}", ctx.clone()),
            "2.36"
        );
        assert_eq!(render("{{ a | plus(b=0.1) }}", ctx.clone()), "0.11");
        let parts = serde_json::json!({ "parts": [
            { "amount": "0.1" }, { "amount": "0.2" }, { "amount": "0.05" }
        ] });
        assert_eq!(
            render("{{ parts | sum(attribute=\"amount\") }}", parts),
            "0.35"
        );
    }

    #[test]
    fn shares_and_changes_are_the_reports() {
        let ctx = serde_json::json!({ "a": "1", "b": "3", "z": "0" });
        assert_eq!(render("{{ a | share(of=b) | pct }}", ctx.clone()), "33.3");
        assert_eq!(render("[{{ a | share(of=z) }}]", ctx.clone()), "[]");
        assert_eq!(
            render(
                "{% set c = change(current=b, previous=a) %}{{ c.direction }} {{ c.amount }} {{ c.percent | pct }}",
                ctx.clone()
            ),
            "up 2 200"
        );
        assert_eq!(
            render(
                "{% if z is zero %}无{% endif %}{% if a is zero %}有{% endif %}",
                ctx
            ),
            "无"
        );
    }

    #[test]
    fn a_missing_amount_is_an_error_not_a_zero() {
        let ctx = serde_json::json!({ "a": "1", "n": null, "w": "abc" });
        let m = render("{{ a | plus(b=n) }}", ctx.clone());
        assert!(m.contains("值为空"), "{m}");
        let m = render("{{ a | plus(b=w) }}", ctx);
        assert!(m.contains("“abc”不是数"), "{m}");
    }
}
