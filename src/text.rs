//! Characters that must never reach a reader: controls and the invisible characters that
//! change how text reads (bidirectional overrides, zero-width characters). The validator
//! refuses them in input text (STR-011); writers drop them as a second line of defence
//! (drafts are written despite errors); the command line shows them as codes.

/// True for a character no report may print: C0 and C1 controls other than line feed,
/// carriage return and tab, bidirectional controls, zero-width and other invisible
/// format characters, and line/paragraph separators. Chinese text needs none of them.
pub fn forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// `s` without forbidden characters.
pub fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(forbidden) {
        s.chars()
            .filter(|c| !forbidden(*c))
            .collect::<String>()
            .into()
    } else {
        s.into()
    }
}

/// `s` with forbidden characters shown as their code point (`<U+202E>`), for a terminal.
pub fn visible(s: &str) -> String {
    s.chars()
        .map(|c| {
            if forbidden(c) {
                format!("<U+{:04X}>", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `path` (absolute) as the path part of a URL (`file://` + it, `vscode://file` + it),
/// percent-encoded: a path with spaces or Chinese characters survives where a URL ends at
/// the first space, and `C:\Users\x` becomes `/C:/Users/x`.
pub fn url_path(path: &std::path::Path) -> String {
    use std::fmt::Write;
    let path = path.to_string_lossy().replace('\\', "/");
    let mut out = String::new();
    if !path.starts_with('/') {
        out.push('/');
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~:".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_forbidden() {
        for c in [
            '\u{202E}', '\u{200B}', '\u{0}', '\u{1b}', '\u{85}', '\u{2066}', '\u{FEFF}',
        ] {
            assert!(forbidden(c), "{:04X}", c as u32);
        }
        for c in ['中', '，', '（', '\n', '\t', '“', '—', '·', '\u{3000}'] {
            assert!(!forbidden(c), "{:04X}", c as u32);
        }
        assert_eq!(clean("甲\u{202E}乙"), "甲乙");
        assert_eq!(visible("a\u{1b}[31m"), "a<U+001B>[31m");
    }
}
