//! Bytes to text: BOM, then the HTTP `Content-Type` charset, then
//! `<meta charset>` / http-equiv, then detection.
//!
//! The order, and where it departs from a browser's:
//! 1. a byte-order mark (UTF-8, UTF-16LE, UTF-16BE) decides;
//! 2. bytes that are valid UTF-8 and hold non-ASCII text are UTF-8 whatever
//!    the page declares: saved or converted pages keep stale declarations
//!    (`charset=gb2312` over UTF-8 bytes), while legacy-encoded text almost
//!    never forms valid UTF-8 by chance;
//! 3. the `charset` parameter of the `Content-Type` header;
//! 4. a `<meta charset>` or `<meta http-equiv="Content-Type">` within the
//!    first [`PRESCAN_LIMIT`] bytes (a declared UTF-16 there means UTF-8,
//!    as in browsers: the bytes were read as ASCII to find it);
//! 5. valid UTF-8 (plain ASCII included) is UTF-8;
//! 6. otherwise the encoding is guessed from the bytes (`chardetng`).
//!
//! Labels map to encodings as the WHATWG Encoding Standard says
//! (`gb2312` → GBK, `iso-8859-1` → windows-1252, `shift_jis` → Shift_JIS).
//! Malformed sequences become U+FFFD; nothing here panics.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

/// How far into the document `<meta>` declarations are looked for.
const PRESCAN_LIMIT: usize = 4096;
/// How many bytes the detector reads at most (it is confident long before).
const DETECT_LIMIT: usize = 1 << 20;

/// Decodes an HTML page's bytes to a `String`.
///
/// `content_type` is the HTTP `Content-Type` header value, when known.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        return encoding.decode_without_bom_handling(rest).0.into_owned();
    }
    let utf8 = std::str::from_utf8(bytes).ok();
    if let Some(text) = utf8 {
        if !text.is_ascii() {
            return text.to_string();
        }
    }
    let declared = content_type
        .and_then(charset_param)
        .and_then(|label| Encoding::for_label(label.as_bytes()))
        .or_else(|| prescan(bytes.get(..PRESCAN_LIMIT).unwrap_or(bytes)));
    if let Some(encoding) = declared {
        return encoding.decode_without_bom_handling(bytes).0.into_owned();
    }
    if let Some(text) = utf8 {
        return text.to_string();
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes.get(..DETECT_LIMIT).unwrap_or(bytes), true);
    let encoding = detector.guess(None, false);
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// A meta-declared encoding, adjusted as browsers do.
fn from_meta_label(label: &[u8]) -> Option<&'static Encoding> {
    let encoding = Encoding::for_label(label)?;
    Some(if encoding == UTF_16LE || encoding == UTF_16BE {
        UTF_8
    } else if encoding == X_USER_DEFINED {
        WINDOWS_1252
    } else {
        encoding
    })
}

/// The `charset` parameter of a `Content-Type` value.
fn charset_param(content_type: &str) -> Option<String> {
    charset_in(content_type.as_bytes()).map(|v| String::from_utf8_lossy(v).into_owned())
}

/// The value after the first `charset` followed by `=`, as in the "extract
/// a character encoding from a meta element" algorithm: optional spaces,
/// then a quoted value, or an unquoted one up to a space or `;`.
fn charset_in(s: &[u8]) -> Option<&[u8]> {
    let mut from = 0;
    loop {
        let at = find_ci(s.get(from..)?, b"charset")? + from;
        let mut i = at + b"charset".len();
        while s.get(i).is_some_and(|b| is_space(*b)) {
            i += 1;
        }
        if s.get(i) != Some(&b'=') {
            from = i;
            continue;
        }
        i += 1;
        while s.get(i).is_some_and(|b| is_space(*b)) {
            i += 1;
        }
        return match s.get(i)? {
            q @ (b'"' | b'\'') => {
                let rest = s.get(i + 1..)?;
                let end = rest.iter().position(|b| b == q)?;
                Some(&rest[..end])
            }
            _ => {
                let rest = s.get(i..)?;
                let end = rest
                    .iter()
                    .position(|b| is_space(*b) || *b == b';')
                    .unwrap_or(rest.len());
                (end > 0).then(|| &rest[..end])
            }
        };
    }
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Position of `needle` in `hay`, ASCII case-insensitively.
fn find_ci(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len()).find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

fn starts_with_ci(hay: &[u8], prefix: &[u8]) -> bool {
    hay.get(..prefix.len())
        .is_some_and(|h| h.eq_ignore_ascii_case(prefix))
}

/// The byte-level prescan for `<meta>` encoding declarations: comments are
/// skipped, other tags are stepped over attribute by attribute (so that a
/// `>` inside a quoted value does not end them).
fn prescan(bytes: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        if rest.starts_with(b"<!--") {
            // `<!-->` closes at once, as in the prescan of the standard.
            let body = rest.get(2..).unwrap_or_default();
            i += match find_ci(body, b"-->") {
                Some(end) => 2 + end + 3,
                None => return None,
            };
        } else if starts_with_ci(rest, b"<meta")
            && rest.get(5).is_some_and(|b| is_space(*b) || *b == b'/')
        {
            let (attrs, end) = attributes(bytes, i + 5);
            if let Some(enc) = meta_encoding(&attrs) {
                return Some(enc);
            }
            i = end;
        } else if rest.len() > 1
            && rest[0] == b'<'
            && (rest[1].is_ascii_alphabetic()
                || (rest[1] == b'/' && rest.get(2).is_some_and(u8::is_ascii_alphabetic)))
        {
            // Any other tag: skip its name, then its attributes.
            let mut j = i + 1;
            while j < bytes.len() && !is_space(bytes[j]) && bytes[j] != b'>' {
                j += 1;
            }
            i = attributes(bytes, j).1;
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            i += rest
                .iter()
                .position(|b| *b == b'>')
                .map_or(rest.len(), |p| p + 1);
        } else {
            i += 1;
        }
    }
    None
}

/// A prescanned attribute: lowercased name and value.
type Attr = (Vec<u8>, Vec<u8>);

/// What a `<meta>` tag's attributes declare, if anything.
fn meta_encoding(attrs: &[Attr]) -> Option<&'static Encoding> {
    let get = |name: &[u8]| {
        attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_slice())
    };
    if let Some(label) = get(b"charset") {
        if let Some(enc) = from_meta_label(label) {
            return Some(enc);
        }
    }
    let is_content_type =
        get(b"http-equiv").is_some_and(|v| v.eq_ignore_ascii_case(b"content-type"));
    if is_content_type {
        return get(b"content")
            .and_then(charset_in)
            .and_then(from_meta_label);
    }
    None
}

/// Reads attributes from `i` up to the tag's `>`; the lowercased names
/// with their values, and the position after the tag.
fn attributes(bytes: &[u8], mut i: usize) -> (Vec<Attr>, usize) {
    let mut attrs: Vec<Attr> = Vec::new();
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        match bytes.get(i) {
            None => return (attrs, bytes.len()),
            Some(b'>') => return (attrs, i + 1),
            _ => {}
        }
        let mut name = Vec::new();
        while let Some(&b) = bytes.get(i) {
            if is_space(b) || b == b'/' || b == b'>' || (b == b'=' && !name.is_empty()) {
                break;
            }
            name.push(b.to_ascii_lowercase());
            i += 1;
        }
        while bytes.get(i).is_some_and(|b| is_space(*b)) {
            i += 1;
        }
        let mut value = Vec::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            while bytes.get(i).is_some_and(|b| is_space(*b)) {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    i += 1;
                    while let Some(&b) = bytes.get(i) {
                        i += 1;
                        if b == q {
                            break;
                        }
                        value.push(b.to_ascii_lowercase());
                    }
                }
                _ => {
                    while let Some(&b) = bytes.get(i) {
                        if is_space(b) || b == b'>' {
                            break;
                        }
                        value.push(b.to_ascii_lowercase());
                        i += 1;
                    }
                }
            }
        }
        if !name.is_empty() && !attrs.iter().any(|(k, _)| *k == name) {
            attrs.push((name, value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{GBK, SHIFT_JIS, WINDOWS_1251};

    fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = enc.encode(s);
        assert!(!unmappable);
        bytes.into_owned()
    }

    #[test]
    fn shift_jis_declared_by_meta_charset() {
        let html = "<html><head><meta charset=\"Shift_JIS\"><title>日本語のページ</title></head><body>こんにちは、世界</body></html>";
        assert_eq!(decode_html(&encode(SHIFT_JIS, html), None), html);
    }

    #[test]
    fn windows_1251_from_http_equiv() {
        let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head><body>Привет, мир! Это проверка.</body></html>";
        assert_eq!(decode_html(&encode(WINDOWS_1251, html), None), html);
        // The same with odd spacing and quoting.
        let html = "<META HTTP-EQUIV='content-type' CONTENT='text/html;charset = \"cp1251\"'><p>Привет</p>";
        assert_eq!(decode_html(&encode(WINDOWS_1251, html), None), html);
    }

    #[test]
    fn gb2312_label_means_gbk() {
        let html = "<html><head><meta charset=gb2312></head><body>你好，世界。这是一个测试页面。</body></html>";
        assert_eq!(decode_html(&encode(GBK, html), None), html);
    }

    #[test]
    fn content_type_header_wins_over_meta() {
        let html = "<meta charset=\"iso-8859-1\"><p>Привет, мир</p>";
        let bytes = encode(WINDOWS_1251, html);
        assert_eq!(
            decode_html(&bytes, Some("text/html; charset=\"windows-1251\"")),
            html
        );
        // iso-8859-1 is windows-1252.
        let bytes = encode(WINDOWS_1252, "<p>caf\u{e9} \u{2019}</p>");
        assert_eq!(
            decode_html(&bytes, Some("text/html;charset=ISO-8859-1")),
            "<p>caf\u{e9} \u{2019}</p>"
        );
    }

    #[test]
    fn utf16_with_bom() {
        let text = "<p>Grüße, 世界</p>";
        let mut le = vec![0xFF, 0xFE];
        le.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_html(&le, None), text);
        let mut be = vec![0xFE, 0xFF];
        be.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(
            decode_html(&be, Some("text/html; charset=windows-1252")),
            text
        );
        let mut utf8 = vec![0xEF, 0xBB, 0xBF];
        utf8.extend_from_slice(text.as_bytes());
        assert_eq!(decode_html(&utf8, None), text);
    }

    #[test]
    fn undeclared_legacy_bytes_are_detected() {
        let text = "<html><body><p>Съешь же ещё этих мягких французских булок, да выпей чаю. \
                    Широкая электрификация южных губерний даст мощный толчок подъёму сельского хозяйства.</p></body></html>";
        assert_eq!(decode_html(&encode(WINDOWS_1251, text), None), text);
        let text =
            "<p>日本語の文章です。これは自動判定のためのテキストで、ある程度の長さが必要です。</p>";
        assert_eq!(decode_html(&encode(SHIFT_JIS, text), None), text);
    }

    #[test]
    fn invalid_utf8_declared_utf8_is_lossy() {
        let mut bytes = b"<meta charset=utf-8><p>ok ".to_vec();
        bytes.extend_from_slice(&[0xC3, 0x28, 0xFF]);
        bytes.extend_from_slice(b" end</p>");
        let out = decode_html(&bytes, None);
        assert!(out.starts_with("<meta charset=utf-8><p>ok "));
        assert!(out.contains('\u{FFFD}'));
        assert!(out.ends_with(" end</p>"));
    }

    #[test]
    fn valid_utf8_beats_a_stale_declaration() {
        let html = "<meta charset=gb2312><p>腾讯新闻</p>";
        assert_eq!(decode_html(html.as_bytes(), None), html);
    }

    #[test]
    fn declarations_inside_comments_or_attributes_are_ignored() {
        let html = "<!-- <meta charset=windows-1251> --><div title='<meta charset=windows-1251>'><meta charset=windows-1252><p>caf\u{e9}</p>";
        assert_eq!(decode_html(&encode(WINDOWS_1252, html), None), html);
    }

    #[test]
    fn meta_utf16_means_utf8_and_odd_input_is_safe() {
        assert_eq!(
            decode_html(b"<meta charset=utf-16><p>x</p>", None),
            "<meta charset=utf-16><p>x</p>"
        );
        for bytes in [
            &b""[..],
            b"<",
            b"<meta",
            b"<meta charset=",
            b"<meta charset='",
            b"<!--",
            b"\xFF",
            b"\xFE",
            b"<meta http-equiv=content-type content=charset",
        ] {
            let _ = decode_html(bytes, Some("charset="));
            let _ = decode_html(bytes, Some(";;charset"));
        }
    }
}
