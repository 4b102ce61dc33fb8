//! Bounds on template rendering that hold in process, for any template set:
//!
//! - recursion is refused before rendering: a macro that calls itself, or a template
//!   that includes itself, directly or through others (Tera would overflow the stack);
//! - `range` returns at most [`MAX_RANGE`] numbers (Tera's own builds any length);
//! - a template's output stops at [`MAX_OUTPUT`] bytes.
//!
//! What cannot be bounded in process — time, and memory built up inside a template
//! (`{% set s = s ~ s %}`) — is bounded by rendering user templates in a child process
//! (see [`super::sandbox`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;

use tera::ast::{Expr, ExprVal, FunctionCall, Node};
use tera::{Context, Tera, Value};

/// Most numbers `range` returns: far beyond any table, far below a memory problem.
pub(crate) const MAX_RANGE: usize = 100_000;

/// Most bytes a template may write (a real report is well under 5 MB).
pub(crate) const MAX_OUTPUT: usize = 64 * 1024 * 1024;

/// Registers the bounded `range` in place of Tera's.
pub(crate) fn register(tera: &mut Tera) {
    tera.register_function("range", range);
}

fn arg(args: &HashMap<String, Value>, name: &str, default: Option<i64>) -> tera::Result<i64> {
    match args.get(name) {
        Some(v) => v
            .as_i64()
            .ok_or_else(|| tera::Error::msg(format!("range 的参数 {name} 须是整数，实际是 {v}"))),
        None => default.ok_or_else(|| tera::Error::msg(format!("range 缺少参数 {name}"))),
    }
}

/// `range(end, start=0, step_by=1)`, as Tera's, with at most [`MAX_RANGE`] numbers.
fn range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let start = arg(args, "start", Some(0))?;
    let end = arg(args, "end", None)?;
    let step = arg(args, "step_by", Some(1))?;
    if step <= 0 {
        return Err(tera::Error::msg("range 的 step_by 须大于 0"));
    }
    if start > end {
        return Err(tera::Error::msg("range 的 start 不能大于 end"));
    }
    let count = (i128::from(end) - i128::from(start) + i128::from(step) - 1) / i128::from(step);
    if count > MAX_RANGE as i128 {
        return Err(tera::Error::msg(format!(
            "range 最多产生 {MAX_RANGE} 个数，这里要 {count} 个"
        )));
    }
    let step = usize::try_from(step).unwrap_or(1);
    Ok(Value::Array(
        (start..end).step_by(step).map(Value::from).collect(),
    ))
}

/// Renders `name` with its output capped at [`MAX_OUTPUT`] bytes.
pub(crate) fn render(
    tera: &Tera,
    name: &str,
    ctx: &Context,
    sources: &super::errors::Sources<'_>,
) -> Result<String, String> {
    let mut out = Capped(Vec::new());
    // Tera panics on some templates (a subscript with a non-ASCII string literal,
    // `x["机构设置"]`); that is the template's error, not the program's.
    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        tera.render_to(name, ctx, &mut out)
    }));
    let rendered = match rendered {
        Ok(r) => r,
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .map(String::as_str)
                .or_else(|| panic.downcast_ref::<&str>().copied())
                .unwrap_or("");
            let hint = if what.contains("char boundary") {
                "；方括号中不能写中文键，请改用 get 过滤器，如 sections | get(key=\"机构设置\", default=[])"
            } else {
                ""
            };
            return Err(format!(
                "模板“{name}”无法渲染（Tera 内部错误：{what}）{hint}"
            ));
        }
    };
    match rendered {
        Ok(()) => String::from_utf8(out.0).map_err(|_| format!("模板“{name}”输出了非 UTF-8 文本")),
        Err(e) if out.0.len() >= MAX_OUTPUT => {
            drop(e);
            Err(format!(
                "模板“{name}”的输出超过 {} MB，已中止（检查模板中的循环）",
                MAX_OUTPUT / 1_048_576
            ))
        }
        Err(e) => {
            let mut m = super::errors::describe(&e, sources);
            if let Some(var) = super::errors::missing_variable(&e) {
                let hint = super::errors::variable_hint(&var, &ctx.clone().into_json());
                if hint.contains("为空：") || hint.contains("（检查拼写）") {
                    // Not a misspelling: the value is there in other inputs.
                    m = m.replace("（报告数据中没有这一项，检查拼写）", "");
                }
                // The hint belongs to the message's first line (before the quoted source).
                match m.find('\n') {
                    Some(at) => m.insert_str(at, &hint),
                    None => m.push_str(&hint),
                }
            }
            Err(m)
        }
    }
}

/// A writer that refuses to grow past [`MAX_OUTPUT`].
struct Capped(Vec<u8>);

impl Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.0.len() + buf.len() > MAX_OUTPUT {
            let room = MAX_OUTPUT - self.0.len();
            self.0.extend_from_slice(&buf[..room]);
            return Err(std::io::Error::other("output limit"));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A node of the call graph: a template's body, or a macro of a template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    Template(String),
    Macro(String, String),
}

impl Unit {
    fn describe(&self) -> String {
        match self {
            Unit::Template(t) => t.clone(),
            Unit::Macro(t, m) => format!("{t} 中的宏 {m}"),
        }
    }
}

/// Refuses templates that recurse: a macro calling itself or a template including itself,
/// directly or through others. The error names the cycle.
pub(crate) fn check_recursion(tera: &Tera) -> Result<(), String> {
    let mut edges: BTreeMap<Unit, BTreeSet<Unit>> = BTreeMap::new();
    for (name, t) in &tera.templates {
        // Calls `ns::m` made in template `name` resolve through its imports.
        let resolve = |ns: &str| -> Option<String> {
            if ns == "self" {
                return Some(name.clone());
            }
            t.imported_macro_files
                .iter()
                .find(|(_, n)| n == ns)
                .map(|(file, _)| file.clone())
        };
        let mut calls = BTreeSet::new();
        walk_nodes(&t.ast, &mut calls);
        let targets = |calls: BTreeSet<Call>| -> BTreeSet<Unit> {
            calls
                .into_iter()
                .filter_map(|c| match c {
                    Call::Include(n) if tera.templates.contains_key(&n) => Some(Unit::Template(n)),
                    Call::Include(_) => None,
                    Call::Macro(ns, m) => resolve(&ns).map(|f| Unit::Macro(f, m)),
                })
                .collect()
        };
        edges.insert(Unit::Template(name.clone()), targets(calls));
        for (m, def) in &t.macros {
            let mut calls = BTreeSet::new();
            walk_nodes(&def.body, &mut calls);
            for e in def.args.values().flatten() {
                walk_expr(e, &mut calls);
            }
            edges.insert(Unit::Macro(name.clone(), m.clone()), targets(calls));
        }
    }
    // Depth-first search for a cycle, iteratively (a template set can be deep).
    let mut done: BTreeSet<&Unit> = BTreeSet::new();
    for root in edges.keys() {
        if done.contains(root) {
            continue;
        }
        let mut path: Vec<&Unit> = vec![root];
        let mut iters = vec![edges[root].iter()];
        while let Some(it) = iters.last_mut() {
            match it.next() {
                Some(next) => {
                    if let Some(at) = path.iter().position(|u| *u == next) {
                        let cycle: Vec<String> = path[at..]
                            .iter()
                            .chain(std::iter::once(&next))
                            .map(|u| u.describe())
                            .collect();
                        let what = match next {
                            Unit::Template(_) => "模板包含了自己",
                            Unit::Macro(..) => "宏调用了自己",
                        };
                        return Err(format!(
                            "{what}（{}），渲染不会结束；模板不支持递归",
                            cycle.join(" → ")
                        ));
                    }
                    if done.contains(next) {
                        continue;
                    }
                    if let Some(out) = edges.get(next) {
                        path.push(next);
                        iters.push(out.iter());
                    }
                }
                None => {
                    iters.pop();
                    if let Some(u) = path.pop() {
                        done.insert(u);
                    }
                }
            }
        }
    }
    Ok(())
}

/// What a template body calls: an included template, or a macro `namespace::name`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Call {
    Include(String),
    Macro(String, String),
}

fn walk_nodes(nodes: &[Node], calls: &mut BTreeSet<Call>) {
    for node in nodes {
        match node {
            Node::VariableBlock(_, e) => walk_expr(e, calls),
            Node::Include(_, names, _) => {
                calls.extend(names.iter().cloned().map(Call::Include));
            }
            Node::Set(_, s) => walk_expr(&s.value, calls),
            Node::FilterSection(_, f, _) => {
                walk_call(&f.filter, calls);
                walk_nodes(&f.body, calls);
            }
            Node::Block(_, b, _) => walk_nodes(&b.body, calls),
            Node::Forloop(_, f, _) => {
                walk_expr(&f.container, calls);
                walk_nodes(&f.body, calls);
                if let Some(body) = &f.empty_body {
                    walk_nodes(body, calls);
                }
            }
            Node::If(i, _) => {
                for (_, cond, body) in &i.conditions {
                    walk_expr(cond, calls);
                    walk_nodes(body, calls);
                }
                if let Some((_, body)) = &i.otherwise {
                    walk_nodes(body, calls);
                }
            }
            // Macro definitions are walked as their own units.
            Node::MacroDefinition(..)
            | Node::Super
            | Node::Text(_)
            | Node::Extends(..)
            | Node::ImportMacro(..)
            | Node::Raw(..)
            | Node::Break(_)
            | Node::Continue(_)
            | Node::Comment(..) => {}
        }
    }
}

fn walk_call(f: &FunctionCall, calls: &mut BTreeSet<Call>) {
    for e in f.args.values() {
        walk_expr(e, calls);
    }
}

fn walk_expr(e: &Expr, calls: &mut BTreeSet<Call>) {
    for f in &e.filters {
        walk_call(f, calls);
    }
    match &e.val {
        ExprVal::MacroCall(m) => {
            calls.insert(Call::Macro(m.namespace.clone(), m.name.clone()));
            for a in m.args.values() {
                walk_expr(a, calls);
            }
        }
        ExprVal::FunctionCall(f) => walk_call(f, calls),
        ExprVal::Math(m) => {
            walk_expr(&m.lhs, calls);
            walk_expr(&m.rhs, calls);
        }
        ExprVal::Logic(l) => {
            walk_expr(&l.lhs, calls);
            walk_expr(&l.rhs, calls);
        }
        ExprVal::In(i) => {
            walk_expr(&i.lhs, calls);
            walk_expr(&i.rhs, calls);
        }
        ExprVal::Test(t) => {
            for a in &t.args {
                walk_expr(a, calls);
            }
        }
        ExprVal::Array(items) => {
            for a in items {
                walk_expr(a, calls);
            }
        }
        ExprVal::StringConcat(s) => {
            for v in &s.values {
                walk_expr(&Expr::new(v.clone()), calls);
            }
        }
        ExprVal::String(_)
        | ExprVal::Int(_)
        | ExprVal::Float(_)
        | ExprVal::Bool(_)
        | ExprVal::Ident(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(files: &[(&str, &str)]) -> Tera {
        let mut t = Tera::default();
        t.add_raw_templates(files.to_vec())
            .expect("templates parse");
        register(&mut t);
        t
    }

    #[test]
    fn recursion_is_refused_and_named() {
        let t = tera(&[(
            "m.tera",
            "{% macro f(n) %}{{ self::f(n=n) }}{% endmacro f %}",
        )]);
        let e = check_recursion(&t).expect_err("recursive macro");
        assert!(e.contains("m.tera 中的宏 f → m.tera 中的宏 f"), "{e}");

        let t = tera(&[
            ("a.tera", "x{% include \"b.tera\" %}"),
            ("b.tera", "{% include \"a.tera\" %}"),
        ]);
        let e = check_recursion(&t).expect_err("include cycle");
        assert!(e.contains("模板包含了自己"), "{e}");

        let t = tera(&[
            ("macros.tera", "{% macro g() %}{{ self::h() }}{% endmacro g %}{% macro h() %}{{ self::g() }}{% endmacro h %}"),
            ("doc.tera", "{% import \"macros.tera\" as m %}{{ m::g() }}"),
        ]);
        assert!(check_recursion(&t).is_err());
    }

    #[test]
    fn ordinary_templates_pass() {
        let t = tera(&[
            ("macros.tera", "{% macro g(x) %}[{{ x }}]{% endmacro g %}{% macro h() %}{{ self::g(x=1) }}{{ self::g(x=2) }}{% endmacro h %}"),
            ("part.tera", "{% import \"macros.tera\" as m %}{{ m::h() }}"),
            ("doc.tera", "{% import \"macros.tera\" as m %}{{ m::h() }}{% include \"part.tera\" %}{% include \"part.tera\" %}"),
        ]);
        check_recursion(&t).expect("no recursion");
        assert_eq!(
            render(&t, "doc.tera", &Context::new(), &[]).expect("renders"),
            "[1][2][1][2][1][2]"
        );
    }

    #[test]
    fn range_is_bounded_and_otherwise_like_teras() {
        let t = tera(&[
            ("ok.tera", "{% for i in range(end=5) %}{{ i }}{% endfor %}|{% for i in range(start=1, end=10, step_by=4) %}{{ i }}{% endfor %}"),
            ("big.tera", "{% for i in range(end=200000000) %}x{% endfor %}"),
        ]);
        assert_eq!(
            render(&t, "ok.tera", &Context::new(), &[]).expect("renders"),
            "01234|159"
        );
        let e = render(&t, "big.tera", &Context::new(), &[]).expect_err("bounded");
        assert!(e.contains("range 最多产生"), "{e}");
    }

    #[test]
    fn output_is_capped() {
        let t = tera(&[(
            "loud.tera",
            "{% set s = \"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\" %}{% for i in range(end=100000) %}{% for j in range(end=20) %}{{ s }}{% endfor %}{% endfor %}",
        )]);
        let e = render(&t, "loud.tera", &Context::new(), &[]).expect_err("capped");
        assert!(e.contains("输出超过"), "{e}");
    }

    #[test]
    fn a_panic_inside_tera_is_a_template_error() {
        let src = "{{ sections[\"机构设置\"] }}";
        let t = tera(&[("document.tera", src)]);
        let mut ctx = Context::new();
        ctx.insert("sections", &serde_json::json!({ "机构设置": ["甲"] }));
        let m = render(&t, "document.tera", &ctx, &[("document.tera", src)]).expect_err("refused");
        assert!(m.contains("get(key="), "{m}");
    }
}
