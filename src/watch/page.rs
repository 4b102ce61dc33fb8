//! The HTML the preview adds around the report: a bar (file, build number, state, links
//! to the HTML page and the PDF page preview), the diagnostics — each the very text
//! `check` prints, a click copies `FILE:LINE`, an editor link beside it — and one inline
//! script (clipboard, reload on the event stream). No outside resource of any kind. Every
//! piece of user text is HTML-escaped here, since a diagnostic quotes the YAML verbatim.

use std::fmt::Write;
use std::path::Path;

use crate::error::Severity;

/// What the bar says about one build.
pub(super) struct Head<'a> {
    /// The build's token (the reload script compares it with the event stream's).
    pub(super) token: &'a str,
    /// The input as the user named it.
    pub(super) file: &'a str,
    /// The build's number.
    pub(super) count: u64,
    /// Errors and warnings found.
    pub(super) errors: usize,
    pub(super) warnings: usize,
    /// No report for another reason than the input's errors.
    pub(super) failed: bool,
}

/// One diagnostic as shown.
pub(super) struct Shown {
    pub(super) severity: Severity,
    /// The text `check` prints for it.
    pub(super) text: String,
    /// What a click copies: `FILE:LINE` (or the file alone when there is no line).
    pub(super) copy: String,
    /// `vscode://file/ABS:LINE:COLUMN`, when it has a line.
    pub(super) editor: Option<String>,
}

/// The report page with the preview's style, bar, warnings and script put in.
pub(super) fn report(html: &str, head: &Head, items: &[Shown]) -> String {
    let mut top = bar(head, "/");
    if !items.is_empty() {
        let _ = writeln!(
            top,
            "<details class=\"gkw-diags\" open><summary>{}（点击一条复制“文件:行号”）</summary>{}</details>",
            counts(head),
            list(items)
        );
    }
    let mut page = html.to_owned();
    insert_before(
        &mut page,
        "</head>",
        &format!("<style>{STYLE}</style>\n"),
        false,
    );
    match page
        .find("<body")
        .and_then(|i| page[i..].find('>').map(|j| i + j + 1))
    {
        Some(at) => page.insert_str(at, &format!("\n{top}")),
        None => page.insert_str(0, &top),
    }
    insert_before(&mut page, "</body>", &tail(head.token), true);
    page
}

/// The page shown while the input has errors, or cannot be built at all.
pub(super) fn problems(head: &Head, items: &[Shown], failure: Option<&str>) -> String {
    let (title, body) = match failure {
        Some(message) => (
            "无法生成预览".to_owned(),
            format!(
                "<h1>无法生成预览</h1>\n<pre class=\"gkw-failure\">{}</pre>\n<p>问题解决后（保存文件）本页自动刷新。</p>\n",
                escape(message)
            ),
        ),
        None => {
            let summary = format!("校验未通过：{} 个错误，{} 个警告", head.errors, head.warnings);
            (
                summary.clone(),
                format!(
                    "<h1>{summary}</h1>\n<p>报告未更新。改正 {} 并保存后，本页自动刷新。点击一条问题，复制“文件:行号”。</p>\n<div class=\"gkw-diags\">{}</div>\n",
                    escape(head.file),
                    list(items)
                ),
            )
        }
    };
    shell(
        head,
        &title,
        &format!("<main class=\"gkw-main\">\n{body}</main>\n"),
        "/",
    )
}

/// The PDF page preview: the current PDF in a frame, reloaded like the report.
pub(super) fn pdf(head: &Head, items: &[Shown]) -> String {
    let warnings = if items.is_empty() {
        String::new()
    } else {
        format!(
            "<details class=\"gkw-diags\"><summary>{}</summary>{}</details>\n",
            counts(head),
            list(items)
        )
    };
    let body = format!(
        "<main class=\"gkw-main gkw-wide\">\n<h1 class=\"gkw-hidden\">PDF 页面预览</h1>\n{warnings}<iframe class=\"gkw-pdf\" src=\"/preview.pdf?v={}\" title=\"PDF 页面预览\"></iframe>\n<p><a href=\"/preview.pdf?v={}\">单独打开 PDF</a></p>\n</main>\n",
        escape(head.token),
        escape(head.token)
    );
    shell(head, "PDF 页面预览", &body, "/pdf")
}

/// The page served before the first build is done.
pub(super) fn starting(token: &str) -> String {
    let head = Head {
        token,
        file: "",
        count: 0,
        errors: 0,
        warnings: 0,
        failed: false,
    };
    shell(
        &head,
        "正在生成",
        "<main class=\"gkw-main\"><h1>正在生成……</h1></main>\n",
        "/",
    )
}

/// A short page for a message (not found, refused).
pub(super) fn message(title: &str, text: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} · gongkai 预览</title>\n<style>{STYLE}</style>\n</head>\n<body class=\"gkw-page\">\n<main class=\"gkw-main\"><h1>{}</h1>\n<p>{}</p>\n<p><a href=\"/\">返回预览</a></p></main>\n</body>\n</html>\n",
        escape(title),
        escape(title),
        escape(text)
    )
}

/// A whole page of the preview's own: bar, `body`, script.
fn shell(head: &Head, title: &str, body: &str, here: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} · {} · gongkai 预览</title>\n<style>{STYLE}</style>\n</head>\n<body class=\"gkw-page\">\n{}{body}{}</body>\n</html>\n",
        escape(title),
        escape(head.file),
        bar(head, here),
        tail(head.token)
    )
}

/// The bar at the top of every page.
fn bar(head: &Head, here: &str) -> String {
    let (class, state) = if head.count == 0 {
        ("gkw-wait", "正在生成……".to_owned())
    } else if head.failed {
        ("gkw-bad", "无法生成".to_owned())
    } else if head.errors > 0 {
        ("gkw-bad", format!("{}，报告未更新", counts(head)))
    } else {
        ("gkw-ok", format!("已生成，{} 个警告", head.warnings))
    };
    let link = |href: &str, text: &str| {
        if href == here {
            format!("<a href=\"{href}\" aria-current=\"page\">{text}</a>")
        } else {
            format!("<a href=\"{href}\">{text}</a>")
        }
    };
    format!(
        "<header class=\"gkw-bar\" data-gkw-token=\"{}\"><p><span class=\"gkw-dot {class}\" aria-hidden=\"true\">●</span> gongkai 预览 · {} · 第 {} 次生成 · <span class=\"gkw-state\">{}</span></p><nav aria-label=\"预览\">{}{}</nav></header>\n",
        escape(head.token),
        escape(head.file),
        head.count,
        escape(&state),
        link("/", "HTML 页面"),
        link("/pdf", "PDF 页面预览"),
    )
}

fn counts(head: &Head) -> String {
    match (head.errors, head.warnings) {
        (0, w) => format!("{w} 个警告"),
        (e, 0) => format!("{e} 个错误"),
        (e, w) => format!("{e} 个错误，{w} 个警告"),
    }
}

/// The diagnostics, each clickable.
fn list(items: &[Shown]) -> String {
    let mut out = String::new();
    for d in items {
        let class = match d.severity {
            Severity::Error => "gkw-error",
            Severity::Warning => "gkw-warning",
        };
        let copy = escape(&d.copy);
        let _ = write!(
            out,
            "<div class=\"gkw-item {class}\"><pre class=\"gkw-diag\" role=\"button\" tabindex=\"0\" data-gkw-copy=\"{copy}\" title=\"点击复制 {copy}\">{}</pre>",
            escape(d.text.trim_end())
        );
        if let Some(link) = &d.editor {
            let _ = write!(
                out,
                "<p class=\"gkw-links\"><a href=\"{}\">在 VS Code 中打开 {copy}</a></p>",
                escape(link)
            );
        }
        out.push_str("</div>\n");
    }
    out
}

/// The toast the copy reports into, and the script.
fn tail(token: &str) -> String {
    // The token is hex digits and dashes (see `watch::run_id`); escaped all the same.
    format!(
        "<div class=\"gkw-toast\" id=\"gkw-toast\" role=\"status\" aria-live=\"polite\" hidden></div>\n<script>\"use strict\";const GKW_TOKEN=\"{}\";{SCRIPT}</script>\n",
        token.replace(|c: char| !(c.is_ascii_alphanumeric() || c == '-'), "")
    )
}

/// `vscode://file/ABS:LINE:COLUMN`, the path percent-encoded.
pub(super) fn vscode_link(abs: &Path, line: usize, column: usize) -> String {
    format!(
        "vscode://file{}:{line}:{}",
        crate::text::url_path(abs),
        column.max(1)
    )
}

/// Text made safe for HTML element content and quoted attribute values.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Inserts `what` before the first (or, with `last`, the last) `tag` of `page`; at the
/// end (or start for a head tag) when the tag is missing (a user's own page template).
fn insert_before(page: &mut String, tag: &str, what: &str, last: bool) {
    let found = if last {
        page.rfind(tag)
    } else {
        page.find(tag)
    };
    match found {
        Some(at) => page.insert_str(at, what),
        None if last => page.push_str(what),
        None => page.insert_str(0, what),
    }
}

const STYLE: &str = "\
body.gkw-page{margin:0}\
.gkw-bar{position:sticky;top:0;z-index:1000;display:flex;flex-wrap:wrap;gap:.25rem 1.5rem;align-items:center;justify-content:space-between;margin:0;padding:.4rem 1rem;background:#1f2933;color:#fff;font:14px/1.5 system-ui,sans-serif}\
.gkw-bar p{margin:0}\
.gkw-bar a{color:#fff;margin-left:1rem}\
.gkw-bar a[aria-current]{font-weight:bold;text-decoration:none}\
.gkw-ok{color:#3ecf8e}.gkw-bad{color:#ff8787}.gkw-wait{color:#ffd43b}\
.gkw-main{max-width:60rem;margin:1rem auto;padding:0 1rem;font:15px/1.6 system-ui,sans-serif;color:#1a1a1a}\
.gkw-main.gkw-wide{max-width:none}\
.gkw-main h1{font-size:1.4rem}\
.gkw-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}\
details.gkw-diags{max-width:60rem;margin:.75rem auto;padding:0 1rem;font:14px/1.5 system-ui,sans-serif;color:#1a1a1a}\
details.gkw-diags summary{cursor:pointer;font-weight:bold}\
.gkw-item{margin:.75rem 0}\
.gkw-diag{margin:0;padding:.6rem .9rem;border-left:4px solid #c92a2a;background:#fff5f5;color:#1a1a1a;font:13px/1.5 ui-monospace,'Noto Sans Mono CJK SC','Sarasa Mono SC',monospace;white-space:pre-wrap;overflow-wrap:anywhere;cursor:pointer}\
.gkw-warning .gkw-diag{border-left-color:#b35c00;background:#fff9db}\
.gkw-diag:hover,.gkw-diag:focus{outline:2px solid #1c7ed6}\
.gkw-links{margin:.2rem 0 0;font-size:13px}\
.gkw-links a{color:#1864ab}\
.gkw-failure{padding:.6rem .9rem;border-left:4px solid #c92a2a;background:#fff5f5;white-space:pre-wrap;overflow-wrap:anywhere}\
.gkw-pdf{display:block;width:100%;height:calc(100vh - 7rem);border:1px solid #ccc}\
.gkw-toast{position:fixed;right:1rem;bottom:1rem;z-index:1001;padding:.5rem 1rem;border-radius:4px;background:#1f2933;color:#fff;font:14px/1.5 system-ui,sans-serif}\
.gkw-toast[hidden]{display:none}";

/// Copies a diagnostic's `FILE:LINE` on click (or Enter), and reloads the page when the
/// event stream announces another build than the one shown.
const SCRIPT: &str = r#"
(function () {
  var toast = document.getElementById("gkw-toast");
  var timer = 0;
  function say(text) {
    if (!toast) return;
    toast.textContent = text;
    toast.hidden = false;
    clearTimeout(timer);
    timer = setTimeout(function () { toast.hidden = true; }, 2500);
  }
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(area);
    say(ok ? "已复制：" + text : "请手动复制：" + text);
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { say("已复制：" + text); },
        function () { fallback(text); });
    } else {
      fallback(text);
    }
  }
  document.querySelectorAll("[data-gkw-copy]").forEach(function (el) {
    el.addEventListener("click", function () {
      var sel = window.getSelection();
      if (sel && String(sel).length > 0) return;
      copy(el.getAttribute("data-gkw-copy"));
    });
    el.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        copy(el.getAttribute("data-gkw-copy"));
      }
    });
  });
  if (window.EventSource) {
    var events = new EventSource("/events");
    events.onmessage = function (ev) {
      if (ev.data !== GKW_TOKEN) {
        events.close();
        location.reload();
      }
    };
  }
})();
"#;
