//! Source positions for the block markup: which template line produced a line of the
//! rendered markup, so that a markup error (`表格行应以 | 结尾`) names the template file
//! and line the author can see rather than a line of text they never see.
//!
//! Only when the markup fails to parse, the document is rendered once more from marked
//! copies of the templates: at the end of every template line that is plain text (not
//! inside a tag, not trimmed away by a `-%}`), a marker `\u{F8F0}file:line\u{F8F1}` is
//! inserted. Markers add no line breaks, so line N of the marked output is line N of the
//! real one, and the last marker on it names the template line whose line break ended
//! it. Markers are private-use characters that no template writes.

const OPEN: char = '\u{F8F0}';
const CLOSE: char = '\u{F8F1}';

/// `text` (template `name`) with a marker at the end of each plain text line.
pub(crate) fn mark(name: &str, text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    // Tera wants `extends` and `import` before any text.
    let start = lines
        .iter()
        .rposition(|l| {
            let t = l
                .trim_start()
                .trim_start_matches("{%")
                .trim_start_matches('-');
            let t = t.trim_start();
            t.starts_with("import ") || t.starts_with("extends ")
        })
        .map_or(0, |i| i + 1);
    let macro_file = text.contains("{% macro") || text.contains("{%- macro");
    let mut out = String::with_capacity(text.len() * 2);
    let mut state = State::Text;
    let mut in_macro = false;
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        let mut chars = line.chars().peekable();
        let mut prev = '\0';
        while let Some(c) = chars.next() {
            state = match (state, prev, c) {
                (State::Text, '{', '%') => State::Tag,
                (State::Text, '{', '{') => State::Expr,
                (State::Text, '{', '#') => State::Comment,
                (State::Tag, '%', '}') | (State::Expr, '}', '}') | (State::Comment, '#', '}') => {
                    State::Text
                }
                (s, _, _) => s,
            };
            prev = c;
            if state == State::Tag && c == '%' {
                let rest: String = chars.clone().take(12).collect();
                let rest = rest.trim_start_matches('-').trim_start();
                if rest.starts_with("macro ") {
                    in_macro = true;
                } else if rest.starts_with("endmacro") {
                    in_macro = false;
                }
            }
        }
        let last = i + 1 == lines.len();
        let trimmed = line.trim_end();
        let right_trim =
            trimmed.ends_with("-%}") || trimmed.ends_with("-}}") || trimmed.ends_with("-#}");
        // A blank line gets none: after a `-%}` Tera trims it away, and a marker would
        // keep its line break.
        let wanted =
            state == State::Text && i >= start && (!macro_file || in_macro) && !trimmed.is_empty();
        if !last && wanted && !right_trim {
            out.push(OPEN);
            out.push_str(&format!("{name}:{}", i + 1));
            out.push(CLOSE);
        }
        if !last {
            out.push('\n');
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Text,
    Tag,
    Expr,
    Comment,
}

/// `marked` without its markers.
pub(crate) fn strip(marked: &str) -> String {
    marked
        .split(OPEN)
        .enumerate()
        .map(|(i, p)| match p.split_once(CLOSE) {
            Some((_, t)) if i > 0 => t,
            _ => p,
        })
        .collect()
}

/// The template position (`document.tera`, line) of line `line` (1-based) of the marked
/// output `marked`.
pub(crate) fn position(marked: &str, line: usize) -> Option<(String, usize)> {
    let text = marked.lines().nth(line.checked_sub(1)?)?;
    let at = text.rfind(OPEN)?;
    let rest = &text[at + OPEN.len_utf8()..];
    let inner = &rest[..rest.find(CLOSE)?];
    let (file, n) = inner.rsplit_once(':')?;
    Some((file.to_owned(), n.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_lines_are_marked_and_tags_are_not() {
        let src = "{% import \"m.tera\" as m -%}\n标题\n{% for x in xs -%}\n| {{ x }} |\n{% endfor %}\n末行";
        let marked = mark("document.tera", src);
        let mut tera = tera::Tera::default();
        tera.add_raw_templates(vec![
            ("m.tera", "{% macro a() %}x{% endmacro a %}"),
            ("document.tera", marked.as_str()),
        ])
        .expect("marked template parses");
        let mut ctx = tera::Context::new();
        ctx.insert("xs", &[1, 2]);
        let out = tera.render("document.tera", &ctx).expect("renders");
        assert_eq!(position(&out, 1), Some(("document.tera".into(), 2)));
        assert_eq!(position(&out, 2), Some(("document.tera".into(), 4)));
        assert_eq!(position(&out, 3), Some(("document.tera".into(), 4)));
        let plain = strip(&out);
        let unmarked = tera::Tera::one_off(
            src.replace("{% import \"m.tera\" as m -%}\n", "").as_str(),
            &ctx,
            false,
        )
        .expect("renders");
        assert_eq!(plain, unmarked);
    }
}
