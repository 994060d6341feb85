//! How alike two short texts are (a title and a heading, a title and a
//! JSON-LD `name`): Readability's `_textSimilarity`, with tokens that work
//! in every script.
//!
//! Readability splits lowercased text on `/\W+/`, which in JavaScript means
//! runs of anything but ASCII letters, digits and `_`: a word with an
//! accent falls apart and a Chinese or Japanese title has no tokens at all,
//! so it is never similar to anything. Here a word is a run of Unicode
//! letters, digits, marks and `_` (Unicode's `\w`), and text in scripts
//! written without spaces between words (Han, kana, Thai, Lao, Khmer,
//! Myanmar) is cut into overlapping pairs of characters instead: a whole
//! run there is often the whole title, and as one token it would match only
//! an identical run, so that a heading that adds or drops one character
//! would share nothing with the title.

use icu_properties::props::GeneralCategory;
use icu_properties::CodePointMapData;

/// How much of `b` also occurs in `a`, from 0 to 1: one minus the share of
/// `b`'s tokens, by length, that `a` lacks (as Readability's
/// `_textSimilarity`, `1 - uniqTokensB.join(" ").length /
/// tokensB.join(" ").length`). 0 when either text has no tokens.
pub fn text_similarity(a: &str, b: &str) -> f64 {
    let ta = tokens(a);
    let tb = tokens(b);
    if ta.is_empty() || tb.is_empty() {
        return 0.0;
    }
    // Length of tokens joined by single spaces.
    fn joined_len<'a>(v: impl Iterator<Item = &'a String>) -> usize {
        let (chars, count) = v.fold((0usize, 0usize), |(c, n), t| (c + t.chars().count(), n + 1));
        chars + count.saturating_sub(1)
    }
    let ta: std::collections::HashSet<&String> = ta.iter().collect();
    let total = joined_len(tb.iter());
    let unique = joined_len(tb.iter().filter(|t| !ta.contains(t)));
    1.0 - unique as f64 / total.max(1) as f64
}

/// What a character is to the tokenizer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Between tokens: spaces, punctuation, symbols.
    Break,
    /// Part of a word of a script that separates words with spaces.
    Word,
    /// A character of a script written without spaces between words.
    Unspaced,
    /// A combining mark or joiner: belongs to the character before it.
    Attached,
}

fn class(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() || c == '_' {
            Class::Word
        } else {
            Class::Break
        };
    }
    // Marks first: many (Thai vowel signs, Indic vowel signs) are
    // alphabetic too, and must not count as characters of their own.
    match CodePointMapData::<GeneralCategory>::new().get(c) {
        GeneralCategory::NonspacingMark
        | GeneralCategory::SpacingMark
        | GeneralCategory::EnclosingMark => Class::Attached,
        // Zero-width non-joiner and joiner, inside Persian and Indic words.
        _ if matches!(c, '\u{200c}' | '\u{200d}') => Class::Attached,
        GeneralCategory::ConnectorPunctuation => Class::Word,
        _ if !c.is_alphanumeric() => Class::Break,
        _ if is_unspaced(c) => Class::Unspaced,
        _ => Class::Word,
    }
}

/// Characters of the scripts written without spaces between words: Thai,
/// Lao, Myanmar, Khmer, Hiragana, Katakana (full and half width) and Han
/// (with the iteration mark 々 and the ideographic zero 〇).
fn is_unspaced(c: char) -> bool {
    matches!(c,
        '\u{0e00}'..='\u{0eff}'      // Thai, Lao
        | '\u{1000}'..='\u{109f}'    // Myanmar
        | '\u{1780}'..='\u{17ff}'    // Khmer
        | '\u{3005}'..='\u{3007}'    // 々 〆 〇
        | '\u{3040}'..='\u{30ff}'    // Hiragana, Katakana
        | '\u{31f0}'..='\u{31ff}'    // Katakana phonetic extensions
        | '\u{3400}'..='\u{4dbf}'    // Han extension A
        | '\u{4e00}'..='\u{9fff}'    // Han
        | '\u{f900}'..='\u{faff}'    // Han compatibility
        | '\u{ff66}'..='\u{ff9f}'    // half-width Katakana
        | '\u{20000}'..='\u{3ffff}' // Han extensions B and later
    )
}

/// The lowercased tokens of `s`: words of spaced scripts whole, runs of
/// unspaced scripts as overlapping pairs of characters (a run of one
/// character as itself). A combining mark stays with the character it
/// follows, so a pair is of two written characters, not of code points.
fn tokens(s: &str) -> Vec<String> {
    let lower = s.to_lowercase();
    let mut out = Vec::new();
    // The current run: its class and its characters, each with its marks.
    let mut run: Vec<String> = Vec::new();
    let mut run_class = Class::Break;
    for c in lower.chars() {
        let mut k = class(c);
        if k == Class::Attached {
            if let Some(last) = run.last_mut() {
                last.push(c);
                continue;
            }
            // A mark with nothing before it starts a word of its own.
            k = Class::Word;
        }
        if k != run_class {
            flush(&mut run, run_class, &mut out);
            run_class = k;
        }
        if k != Class::Break {
            run.push(c.to_string());
        }
    }
    flush(&mut run, run_class, &mut out);
    out
}

/// Turns a finished run into tokens.
fn flush(run: &mut Vec<String>, class: Class, out: &mut Vec<String>) {
    match class {
        Class::Word => out.push(run.concat()),
        Class::Unspaced if run.len() == 1 => out.push(run.concat()),
        Class::Unspaced => out.extend(run.windows(2).map(|w| w.concat())),
        Class::Break | Class::Attached => {}
    }
    run.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_titles_compare_by_words() {
        assert!(text_similarity("Rain returns to the valley", "Rain returns") > 0.99);
        assert!(text_similarity("Rain returns", "Markets fall sharply") < 0.01);
        assert_eq!(text_similarity("a b c", "a b c"), 1.0);
        assert_eq!(text_similarity("x", "a b"), 0.0);
        assert!(text_similarity("Rain returns", "Rain returns | Planet") > 0.5);
        assert_eq!(text_similarity("", "a"), 0.0);
        assert_eq!(text_similarity("a", "!!"), 0.0);
        // Case and punctuation do not matter; accented words stay whole.
        assert_eq!(text_similarity("ÉTÉ: la fête", "été — La Fête!"), 1.0);
        assert_eq!(
            tokens("Élection présidentielle"),
            ["élection", "présidentielle"]
        );
        assert_eq!(tokens("snake_case x2"), ["snake_case", "x2"]);
    }

    #[test]
    fn marks_stay_in_their_words() {
        // Hindi: the virama (U+094D) is a mark, not a break.
        assert_eq!(tokens("हिन्दी समाचार"), ["हिन्दी", "समाचार"]);
        // A decomposed accent stays on its letter.
        assert_eq!(tokens("cafe\u{301} noir"), ["cafe\u{301}", "noir"]);
    }

    #[test]
    fn cjk_titles_compare_by_character_pairs() {
        assert_eq!(tokens("日本の経済"), ["日本", "本の", "の経", "経済"]);
        assert_eq!(
            tokens("iPhone 15の新機能"),
            ["iphone", "15", "の新", "新機", "機能"]
        );
        assert_eq!(tokens("「株」"), ["株"]);
        let title = "日本の経済が回復";
        // The heading that repeats the title, with or without the site name.
        assert_eq!(text_similarity(title, title), 1.0);
        assert_eq!(text_similarity("日本の経済が回復 - 日経新聞", title), 1.0);
        // One character dropped: still the same headline.
        assert!(text_similarity(title, "日本経済が回復") > 0.75);
        // Another story on the same page shares little.
        assert!(text_similarity(title, "東京で大雨、交通に影響") < 0.25);
        // Chinese, with full-width punctuation between clauses.
        let zh = "中国经济增长放缓，专家称明年将回升";
        assert!(text_similarity(zh, "中国经济增长放缓") > 0.99);
        assert!(text_similarity(zh, "北京今日天气晴朗") < 0.25);
    }

    #[test]
    fn thai_runs_keep_their_marks() {
        // Thai vowel and tone marks attach to the consonant before them.
        assert_eq!(tokens("น้ำ"), ["น้ำ"]);
        assert_eq!(tokens("ที่นี่ไทย"), ["ที่นี่", "นี่ไ", "ไท", "ทย"]);
        let title = "ฝนตกหนักในกรุงเทพ";
        assert_eq!(text_similarity(title, title), 1.0);
        assert!(text_similarity(title, "ฝนตกหนัก") > 0.99);
    }
}
