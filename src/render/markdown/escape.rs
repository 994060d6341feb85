//! Escaping and the small text helpers the writer builds lines with.
//!
//! Text is escaped as it enters the inline buffer, not when a line is
//! written: by then the writer's own delimiters (`*`, `[`, `` ` ``) are in the
//! buffer too and could no longer be told apart from the page's. Only what
//! matters at the start of a line waits for the line ([`escape_line_start`]),
//! since where lines start is known only then.

/// Appends text with its whitespace collapsed to single spaces, escaped
/// unless `raw` (inside a code span, where backslashes are literal).
pub(super) fn push_text(out: &mut String, text: &str, raw: bool) {
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            push_space(out);
            continue;
        }
        if raw {
            out.push(c);
            continue;
        }
        push_escaped(out, c, chars.as_str());
    }
}

/// One collapsed space, never at the start of a line.
pub(super) fn push_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with([' ', '\n']) {
        out.push(' ');
    }
}

/// Appends `c`, escaped if Markdown could read it as syntax; `rest` is the
/// text after it.
fn push_escaped(out: &mut String, c: char, rest: &str) {
    match c {
        '\\' | '`' | '*' | '_' | '[' | ']' | '<' => {
            out.push('\\');
            out.push(c);
        }
        '~' if rest.starts_with('~') || out.ends_with('~') => {
            out.push('\\');
            out.push(c);
        }
        '&' if looks_like_entity(rest.chars()) => {
            out.push_str("\\&");
        }
        _ => out.push(c),
    }
}

/// Escapes Markdown punctuation in plain (already collapsed) text.
pub(super) fn escape_text(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    push_text(&mut s, text, false);
    s
}

pub(super) fn heading_line(level: usize, text: &str) -> String {
    let mut s = "#".repeat(level.clamp(1, 6));
    s.push(' ');
    s.push_str(text);
    // A trailing `#` would read as a closing sequence.
    if s.ends_with('#') {
        s.pop();
        s.push_str("\\#");
    }
    s
}

/// A link or image destination, with an optional title.
pub(super) fn destination(href: &str, title: Option<&str>) -> String {
    let mut s = String::with_capacity(href.len() + 2);
    for c in href.chars() {
        match c {
            ' ' => s.push_str("%20"),
            '\t' | '\n' | '\r' => {}
            '<' => s.push_str("%3C"),
            '>' => s.push_str("%3E"),
            '(' | ')' | '\\' => {
                s.push('\\');
                s.push(c);
            }
            _ => s.push(c),
        }
    }
    if let Some(t) = title {
        s.push_str(" \"");
        for c in t.chars() {
            if c == '"' || c == '\\' {
                s.push('\\');
            }
            s.push(c);
        }
        s.push('"');
    }
    s
}

pub(super) fn escape_brackets(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '\\') {
            s.push('\\');
        }
        s.push(c);
    }
    s
}

/// Escapes what would start a block at the beginning of a paragraph line.
pub(super) fn escape_line_start(line: &str) -> String {
    let Some(first) = line.chars().next() else {
        return String::new();
    };
    if matches!(first, '#' | '>' | '-' | '+' | '=' | '|') {
        return format!("\\{line}");
    }
    if first.is_ascii_digit() {
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if let Some(b'.' | b')') = line.as_bytes().get(digits) {
            return format!("{}\\{}", &line[..digits], &line[digits..]);
        }
    }
    line.to_string()
}

/// `&name;` / `&#123;` ahead: the `&` must be escaped to stay literal.
fn looks_like_entity(rest: impl Iterator<Item = char>) -> bool {
    for (n, c) in rest.enumerate() {
        if c == ';' {
            return n > 0;
        }
        if !(c.is_ascii_alphanumeric() || (c == '#' && n == 0)) || n > 32 {
            return false;
        }
    }
    false
}

pub(super) fn longest_run(s: &str, ch: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for c in s.chars() {
        if c == ch {
            cur += 1;
            best = best.max(cur);
        } else {
            cur = 0;
        }
    }
    best
}

/// Lines of an inline buffer, trimmed, empty ones dropped, joined by `sep`.
pub(super) fn join_lines(text: &str, sep: &str) -> String {
    text.split('\n')
        .map(|l| l.trim_matches(' '))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(sep)
}

pub(super) fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Same words, ignoring Markdown escapes, case and punctuation spacing.
pub(super) fn same_text(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (a, b) = (norm(a), norm(b));
    !a.is_empty() && a == b
}

#[cfg(test)]
mod tests {
    use crate::render::markdown::tests::md;

    #[test]
    fn escapes_special_characters() {
        let out = md(
            "<p>a*b_c [x] `y` &lt;tag&gt; \\ &amp;amp; AT&amp;T</p><p># not heading</p>\
                      <p>1. not a list</p><p>- nor this</p><p>+ nor &gt; this</p>",
        );
        assert_eq!(
            out,
            "a\\*b\\_c \\[x\\] \\`y\\` \\<tag> \\\\ \\&amp; AT&T\n\n\\# not heading\n\n\
             1\\. not a list\n\n\\- nor this\n\n\\+ nor > this\n"
        );
    }
}
