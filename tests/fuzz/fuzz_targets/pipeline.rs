//! Any bytes through the whole pipeline — load (any document kind) → validate → derive →
//! render (Markdown and HTML) — must give a result or a diagnostic, never a panic, and
//! stay within libFuzzer's memory limit (2 GB by default).
//!
//! The first byte picks a shape, so that the fuzzer spends time where the hardening
//! review found defects, not only on bytes that rarely parse:
//! - `0..=127`: the remaining bytes as they are;
//! - `128..=191`: overflow — the minimal budget with amounts and counts replaced by
//!   numbers built from the bytes (up to 30 digits, signs, decimals, exponents);
//! - `192..=255`: aliases — the minimal budget with an alias tree appended whose width,
//!   depth and anchored text come from the bytes (nested "billion laughs" and one long
//!   string aliased many times).
#![no_main]

use libfuzzer_sys::fuzz_target;

const MINIMAL: &str = include_str!("../../fixtures/minimal.yaml");

fuzz_target!(|data: &[u8]| {
    let Some((&shape, rest)) = data.split_first() else {
        return;
    };
    let text: Vec<u8> = match shape {
        0..=127 => rest.to_vec(),
        128..=191 => overflow(rest).into_bytes(),
        _ => aliases(rest).into_bytes(),
    };
    let Ok(loaded) = gongkai::Input::from_bytes("fuzz.yaml", &text) else {
        return;
    };
    let opts = gongkai::Options {
        formats: vec![gongkai::Format::Markdown, gongkai::Format::Html],
        draft: true,
        ..gongkai::Options::default()
    };
    let _ = gongkai::build(loaded, &opts);
});

/// A number from `bytes`: digits, optionally a sign, a point and an exponent.
fn number(bytes: &mut impl Iterator<Item = u8>) -> String {
    let len = 1 + usize::from(bytes.next().unwrap_or(0) % 30);
    let mut s = String::new();
    let flags = bytes.next().unwrap_or(0);
    if flags & 1 == 1 {
        s.push('-');
    }
    for i in 0..len {
        let d = bytes.next().unwrap_or(9) % 10;
        s.push(char::from(b'0' + d));
        if flags & 2 == 2 && i == len / 2 {
            s.push('.');
        }
    }
    if flags & 4 == 4 {
        s.push_str(&format!("e{}", bytes.next().unwrap_or(0) % 40));
    }
    s
}

/// The minimal budget with every number (amounts, counts, years) replaced.
fn overflow(data: &[u8]) -> String {
    let mut bytes = data.iter().copied().cycle().take(4096);
    MINIMAL
        .lines()
        .map(|line| match line.split_once(": ") {
            Some((key, value))
                if !value.is_empty()
                    && value.trim().chars().all(|c| c.is_ascii_digit() || c == '.') =>
            {
                format!("{key}: {}", number(&mut bytes))
            }
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The minimal budget with a tree of aliases: `width` references per level, `depth`
/// levels, over an anchored string of `len` characters; used where a text and a list
/// of texts are expected so that deserialisation gets as far as it can.
fn aliases(data: &[u8]) -> String {
    let at = |i: usize| data.get(i).copied().unwrap_or(0);
    let width = 1 + usize::from(at(0) % 64);
    let depth = 1 + usize::from(at(1) % 12);
    let len = usize::from(at(2)) * usize::from(at(3)) * 8;
    let mut out = MINIMAL.replace(
        "  composition: 本部门只有本级一个预算单位。",
        &format!("  composition: &l0 \"{}\"", "字".repeat(len.max(1))),
    );
    out.push_str("glossary:\n");
    let mut prev = "l0".to_owned();
    for level in 1..=depth {
        let name = format!("l{level}");
        let refs = vec![format!("*{prev}"); width].join(", ");
        out.push_str(&format!("  - term: &{name} [{refs}]\n    text: *{prev}\n"));
        prev = name;
    }
    out
}
