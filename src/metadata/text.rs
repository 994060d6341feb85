//! Small string helpers with the web's notion of whitespace, so that titles
//! and words are cut where a browser's script would cut them.

/// The characters JavaScript's `\s` and `String.prototype.trim` treat as
/// whitespace (Rust's `char::is_whitespace` differs on U+0085 and U+FEFF).
pub fn is_js_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// Trims JavaScript whitespace from both ends.
pub fn js_trim(s: &str) -> &str {
    s.trim_matches(is_js_space)
}

/// The number of pieces `s.split(/\s+/)` gives: one more than the number of
/// whitespace runs, so leading or trailing whitespace counts as a word.
pub fn word_count(s: &str) -> usize {
    let mut runs = 0;
    let mut in_space = false;
    for c in s.chars() {
        let space = is_js_space(c);
        if space && !in_space {
            runs += 1;
        }
        in_space = space;
    }
    runs + 1
}

/// Replaces every run of two or more whitespace characters by one space
/// (single whitespace characters, e.g. a lone no-break space, stay).
pub fn collapse_runs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    for c in s.chars() {
        if is_js_space(c) {
            run.push(c);
            continue;
        }
        flush_run(&mut out, &mut run);
        out.push(c);
    }
    flush_run(&mut out, &mut run);
    out
}

fn flush_run(out: &mut String, run: &mut String) {
    if run.chars().nth(1).is_some() {
        out.push(' ');
    } else {
        out.push_str(run);
    }
    run.clear();
}

/// Length as JavaScript counts it (UTF-16 code units).
pub fn js_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// The DOM's "strip and collapse ASCII whitespace" (what `document.title`
/// applies to the `<title>` text).
pub fn strip_collapse_ascii(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(['\t', '\n', '\u{c}', '\r', ' ']) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_like_javascript_split() {
        assert_eq!(word_count(""), 1);
        assert_eq!(word_count("a"), 1);
        assert_eq!(word_count("a b"), 2);
        assert_eq!(word_count(" Hello there"), 3);
        assert_eq!(word_count("a \u{a0} b "), 3);
    }

    #[test]
    fn collapses_runs_only() {
        assert_eq!(collapse_runs("a  b\u{a0}c \n d"), "a b\u{a0}c d");
        assert_eq!(strip_collapse_ascii("  a \n\t b\u{a0} "), "a b\u{a0}");
        assert_eq!(js_len("😭a"), 3);
    }
}
