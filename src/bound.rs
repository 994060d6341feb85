//! Bounds a page's nesting and attribute counts before it is parsed.
//!
//! html5ever's tree builder checks scopes by walking the stack of open
//! elements, and its tokenizer looks for duplicate attributes by walking the
//! tag's attributes, so both costs grow with the square of the input:
//! `"<div>".repeat(80_000)` takes about half a minute, and one tag with
//! 100,000 attributes longer. [`max_depth`](crate::Limits::max_depth) and
//! [`max_elements`](crate::Limits::max_elements) act on the parsed tree,
//! too late for that, so this pass runs first, in one linear scan of the
//! source:
//!
//! - start tags that would open an element deeper than the nesting bound are
//!   dropped, with as many of the end tags that follow (their text stays, as
//!   the tree's own depth limit would keep it);
//! - attributes past [`max_attributes`](crate::Limits::max_attributes) on one
//!   tag are dropped;
//! - the bodies of `script` (but JSON-LD, which metadata reads) and `style`
//!   elements are dropped, elements kept: nothing reads them, and on news
//!   pages they are over half the bytes, each of which the tokenizer would
//!   otherwise copy one at a time. Only where the scan knows exactly where
//!   the parser ends them: not inside `svg`/`math` (where they hold markup),
//!   not for scripts holding `<!--` (escaped script states), and not after
//!   `plaintext`.
//!
//! The scan only counts elements the parser keeps open: void elements and
//! those the parser closes by itself (`p`, `li`, `td`, `a`, headings, ...)
//! are not counted, so an ordinary page with unclosed paragraphs never
//! reaches the bound. The source is copied only when something is dropped.

use std::borrow::Cow;

use memchr::memchr;

/// The attribute bound the tests use (the default of
/// [`Limits::max_attributes`](crate::Limits::max_attributes)).
#[cfg(test)]
const MAX_ATTRIBUTES: usize = 256;

/// How the scan treats a tag, by name.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// Content is raw text: tags inside are not tags.
    RawText,
    /// Never nests: void, or closed by the parser when a sibling or a new
    /// one of its kind starts. Counting these would let pages with unclosed
    /// paragraphs or list items drift toward the bound.
    NotCounted,
    Counted,
}

fn kind(lower: &[u8]) -> Kind {
    match lower {
        b"script" | b"style" | b"textarea" | b"title" | b"xmp" | b"iframe" | b"noembed"
        | b"noframes" | b"noscript" => Kind::RawText,
        b"area" | b"base" | b"br" | b"col" | b"embed" | b"hr" | b"img" | b"input" | b"link"
        | b"meta" | b"param" | b"source" | b"track" | b"wbr" | b"keygen" | b"basefont"
        | b"bgsound" | b"frame" | b"image" | b"isindex" | b"menuitem" | b"p" | b"li" | b"dt"
        | b"dd" | b"option" | b"optgroup" | b"tr" | b"td" | b"th" | b"thead" | b"tbody"
        | b"tfoot" | b"colgroup" | b"caption" | b"rb" | b"rt" | b"rtc" | b"rp" | b"html"
        | b"head" | b"body" | b"a" | b"nobr" | b"button" | b"form" | b"h1" | b"h2" | b"h3"
        | b"h4" | b"h5" | b"h6" | b"plaintext" => Kind::NotCounted,
        _ => Kind::Counted,
    }
}

/// A tag name, ASCII-lowercased into `buf` (names longer than it are never
/// in the lists above, so their prefix serves), and where the name ends.
fn tag_name<'a>(b: &[u8], start: usize, buf: &'a mut [u8; 16]) -> (&'a [u8], usize) {
    let mut end = start;
    while end < b.len() && !matches!(b[end], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') {
        end += 1;
    }
    let n = (end - start).min(buf.len());
    for (d, s) in buf.iter_mut().zip(&b[start..start + n]) {
        *d = s.to_ascii_lowercase();
    }
    let name: &[u8] = if end - start > buf.len() {
        b"-"
    } else {
        &buf[..n]
    };
    (name, end)
}

/// `html` with start tags beyond `max_open` counted open elements, their
/// matching end tags, attributes past `max_attrs` and the bodies of
/// `script` (but JSON-LD) and `style` removed.
pub(crate) fn bound(html: &str, max_open: usize, max_attrs: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    // Where a dropped body's length is recorded: just after the tag name.
    let mut marks: Vec<(usize, usize)> = Vec::new();
    let mut open = 0usize;
    let mut dropped = 0usize;
    let mut i = 0usize;
    let mut buf = [0u8; 16];
    // Open `svg`/`math` elements, as far as start and end tags tell; the
    // parser may close them sooner, which only makes the scan more careful.
    let mut foreign = 0usize;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let lt = i + off;
        i = lt + 1;
        match b.get(i) {
            Some(b'!') => {
                if b[i..].starts_with(b"!--") {
                    // Comments stay: prepare removes them, but text around
                    // one stays two text nodes, which later stages see.
                    i = comment_end(b, i + 3);
                } else {
                    // Doctype or CDATA: skip to its end.
                    i = memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1);
                }
            }
            Some(b'?') => i = memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1),
            Some(b'/') => {
                let (name, end) = tag_name(b, i + 1, &mut buf);
                if name.is_empty() {
                    continue;
                }
                let close = memchr(b'>', &b[end..]).map_or(b.len(), |e| end + e + 1);
                if name == b"svg" || name == b"math" {
                    foreign = foreign.saturating_sub(1);
                }
                if kind(name) == Kind::Counted {
                    if dropped > 0 {
                        dropped -= 1;
                        cuts.push((lt, close));
                    } else {
                        open = open.saturating_sub(1);
                    }
                }
                i = close;
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, name_end) = tag_name(b, i, &mut buf);
                let tag_kind = kind(name);
                let raw_name = (tag_kind == Kind::RawText).then(|| name.to_vec());
                if name == b"plaintext" {
                    // Everything after it is text: no more tags to scan.
                    break;
                }
                let tag_cuts = cuts.len();
                let unread = Unread::for_tag(name, foreign);
                let (close, self_closing) =
                    scan_attributes(b, name_end, max_attrs, unread, &mut cuts);
                if (name == b"svg" || name == b"math") && !self_closing {
                    foreign += 1;
                }
                let is_svg = name == b"svg" && !self_closing && foreign == 1;
                if tag_kind == Kind::Counted && !self_closing {
                    if open >= max_open {
                        dropped += 1;
                        // The whole tag goes; attribute cuts inside it are
                        // then redundant.
                        cuts.truncate(tag_cuts);
                        cuts.push((lt, close));
                    } else {
                        open += 1;
                    }
                }
                // An icon's drawing goes; the scan resumes at its `</svg>`,
                // which closes it as usual.
                i = if is_svg {
                    graphics_only(b, close, &mut cuts).unwrap_or(close)
                } else {
                    close
                };
                if let (Some(raw), false) = (raw_name, self_closing) {
                    let unread = foreign == 0
                        && match raw.as_slice() {
                            b"style" => true,
                            b"script" => !contains_ignore_case(&b[lt..close], b"ld+json"),
                            _ => false,
                        };
                    match unread.then(|| raw_body_end(b, close, &raw)).flatten() {
                        Some(end) => {
                            if end > close {
                                cuts.push((close, end));
                                // The readerable test counts this text, as
                                // Readability's `textContent` does.
                                marks.push((name_end, html[close..end].chars().count()));
                            }
                            i = end;
                        }
                        None => i = raw_text_end(b, i, &raw),
                    }
                }
            }
            _ => {}
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    let mut marks = marks.into_iter().peekable();
    for (start, end) in cuts {
        // Cuts are in source order and never overlap; each starts and ends
        // on an ASCII byte, so slicing stays on char boundaries. A mark lies
        // before the cuts of its tag's attributes and body.
        while let Some((at, chars)) = marks.next_if(|(at, _)| *at <= start) {
            out.push_str(&html[from..at]);
            write_mark(&mut out, chars);
            from = at;
        }
        out.push_str(&html[from..start]);
        from = end;
    }
    out.push_str(&html[from..]);
    Cow::Owned(out)
}

/// Where a comment that opened with `<!--` ends (`from` is just past it),
/// as the HTML tokenizer reads it: `<!-->` and `<!--->` are empty
/// comments, and `-->` or `--!>` ends one; an unclosed one runs to the end.
fn comment_end(b: &[u8], from: usize) -> usize {
    if b[from..].starts_with(b">") {
        return from + 1;
    }
    if b[from..].starts_with(b"->") {
        return from + 2;
    }
    let mut at = from;
    while let Some(off) = memchr(b'-', &b[at..]) {
        let dash = at + off;
        if b[dash..].starts_with(b"-->") {
            return dash + 3;
        }
        if b[dash..].starts_with(b"--!>") {
            return dash + 4;
        }
        at = dash + 1;
    }
    b.len()
}

/// SVG elements that only draw: an `svg` holding nothing but these (and
/// white space and comments) has no text, links, images or elements any
/// stage looks at, so their tags can go before parsing. Inline icons are
/// about a seventh of the markup of the dev pages, most of it path data.
/// Not here: `title` and `style` (prepare removes elements of those names,
/// text and all), `text`/`tspan`, `a`, `image`, `foreignObject`, `svg`.
const DRAWING_ONLY: &[&[u8]] = &[
    b"path",
    b"g",
    b"circle",
    b"rect",
    b"line",
    b"polyline",
    b"polygon",
    b"ellipse",
    b"defs",
    b"use",
    b"symbol",
    b"lineargradient",
    b"radialgradient",
    b"stop",
    b"clippath",
    b"mask",
    b"pattern",
    b"marker",
    b"filter",
    b"fegaussianblur",
    b"feoffset",
    b"feblend",
    b"fecolormatrix",
    b"fecomposite",
    b"feflood",
    b"femerge",
    b"femergenode",
    b"desc",
    b"metadata",
];

/// When the `svg` whose start tag ends at `from` holds only
/// [`DRAWING_ONLY`] elements, white space and comments: pushes cuts for
/// those tags and comments (the white space stays, so the tree's text is
/// the same) and returns where its `</svg>` starts. Otherwise `None` and
/// no cut.
fn graphics_only(b: &[u8], from: usize, cuts: &mut Vec<(usize, usize)>) -> Option<usize> {
    let mut inner: Vec<(usize, usize)> = Vec::new();
    let mut i = from;
    let mut buf = [0u8; 16];
    loop {
        let off = memchr(b'<', &b[i..])?;
        let lt = i + off;
        if !b[i..lt]
            .iter()
            .all(|c| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
        {
            return None;
        }
        if b[lt + 1..].starts_with(b"!--") {
            i = comment_end(b, lt + 4);
            inner.push((lt, i));
            continue;
        }
        let end_tag = b.get(lt + 1) == Some(&b'/');
        let start = lt + 1 + usize::from(end_tag);
        if !b.get(start).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let (name, name_end) = tag_name(b, start, &mut buf);
        if end_tag && name == b"svg" {
            cuts.extend(inner);
            return Some(lt);
        }
        if !DRAWING_ONLY.contains(&name) {
            return None;
        }
        let (close, _) = scan_attributes(b, name_end, usize::MAX, Unread::Nothing, &mut Vec::new());
        if close > b.len() || b.get(close - 1) != Some(&b'>') {
            return None;
        }
        inner.push((lt, close));
        i = close;
    }
}

/// The attribute on a `script` or `style` element whose body [`bound`]
/// dropped: the body's length in characters.
pub(crate) const DROPPED_TEXT_ATTR: &str = "data-lectern-dropped-text";

fn write_mark(out: &mut String, chars: usize) {
    use std::fmt::Write as _;
    let _ = write!(out, " {DROPPED_TEXT_ATTR}=\"{chars}\"");
}

/// Walks a tag's attributes from `start` (just after its name), as the HTML
/// tokenizer does. Returns where the tag ends (after `>`), whether it ends
/// with `/>`, and the byte range of the attributes past `max_attrs`.
fn scan_attributes(
    b: &[u8],
    start: usize,
    max_attrs: usize,
    unread: Unread,
    cuts: &mut Vec<(usize, usize)>,
) -> (usize, bool) {
    let mut i = start;
    let mut count = 0usize;
    let mut cut_from = None;
    let mut self_closing = false;
    loop {
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            i += 1;
        }
        match b.get(i) {
            None => {
                cuts.extend(cut_from.map(|s| (s, b.len())));
                return (b.len(), false);
            }
            Some(b'>') => {
                cuts.extend(cut_from.map(|s| (s, i)));
                return (i + 1, self_closing);
            }
            Some(b'/') => {
                self_closing = b.get(i + 1) == Some(&b'>');
                i += 1;
                continue;
            }
            _ => {}
        }
        self_closing = false;
        count += 1;
        // `max_attrs` may be `usize::MAX` (count only, cut nothing).
        if count > max_attrs && cut_from.is_none() {
            cut_from = Some(i);
        }
        let name_start = i;
        // Name: up to whitespace, '/', '>' or '=' (a leading '=' belongs to it).
        i += 1;
        while i < b.len()
            && !matches!(
                b[i],
                b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>' | b'='
            )
        {
            i += 1;
        }
        let name_end = i;
        let mut j = i;
        while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            j += 1;
        }
        let mut unread_here = cut_from.is_none() && unread.covers(&b[name_start..name_end]);
        if b.get(j) != Some(&b'=') {
            if unread_here {
                cuts.push((name_start, i));
            }
            continue;
        }
        j += 1;
        while j < b.len() && matches!(b[j], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            j += 1;
        }
        i = match b.get(j) {
            Some(&q @ (b'"' | b'\'')) => memchr(q, &b[j + 1..]).map_or(b.len(), |e| j + 1 + e + 1),
            _ => {
                let mut k = j;
                while k < b.len() && !matches!(b[k], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'>')
                {
                    k += 1;
                }
                k
            }
        };
        if !unread_here
            && cut_from.is_none()
            && !matches!(unread, Unread::Nothing)
            && b[name_start..name_end].eq_ignore_ascii_case(b"style")
        {
            unread_here = !style_may_hide(&b[j..i]);
        }
        if unread_here {
            cuts.push((name_start, i));
        }
    }
}

/// Whether a `style` value (as written, quotes included) can be what
/// `is_probably_visible` looks for (`display:none`, `visibility:hidden`,
/// white space aside); the only reader of `style`. A value with a character
/// reference is kept whatever it says, as the parser decodes it.
fn style_may_hide(raw: &[u8]) -> bool {
    if raw.contains(&b'&') {
        return true;
    }
    let squeezed: Vec<u8> = raw
        .iter()
        .filter(|c| !c.is_ascii_whitespace() && **c != 0x0b)
        .map(u8::to_ascii_lowercase)
        .collect();
    let has = |needle: &[u8]| squeezed.windows(needle.len()).any(|w| w == needle);
    // Non-ASCII white space (which `char::is_whitespace` also drops) could
    // sit inside the words: keep such values too.
    has(b"display:none") || has(b"visibility:hidden") || !raw.is_ascii()
}

/// Attributes no stage reads, which [`bound`] drops so the tokenizer (which
/// copies attribute values a character at a time) never sees them: event
/// handlers and ARIA attributes (but `aria-hidden`, `aria-modal`)
/// everywhere, `data-*` except on the image elements whose lazy-loading
/// attributes `prepare` reads, and `style` values that cannot hide.
#[derive(Clone, Copy)]
enum Unread {
    /// `on*` and `data-*`.
    HandlersAndData,
    /// `on*` only (image elements).
    Handlers,
    /// None (inside `svg`/`math`, where attributes can steer the parser).
    Nothing,
}

impl Unread {
    fn for_tag(name: &[u8], foreign: usize) -> Unread {
        match name {
            _ if foreign > 0 => Unread::Nothing,
            b"img" | b"picture" | b"source" | b"figure" => Unread::Handlers,
            _ => Unread::HandlersAndData,
        }
    }

    fn covers(self, attr: &[u8]) -> bool {
        let handler = attr.len() > 2 && attr[..2].eq_ignore_ascii_case(b"on");
        let data = attr.len() > 5 && attr[..5].eq_ignore_ascii_case(b"data-");
        // ARIA attributes but the two that visibility and dialog checks read.
        let aria = attr.len() > 5
            && attr[..5].eq_ignore_ascii_case(b"aria-")
            && !attr.eq_ignore_ascii_case(b"aria-hidden")
            && !attr.eq_ignore_ascii_case(b"aria-modal");
        match self {
            Unread::HandlersAndData => handler || data || aria,
            Unread::Handlers => handler || aria,
            Unread::Nothing => false,
        }
    }
}

/// Where a raw-text element's content ends: at its `</name`, or the input's end.
fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    end_tag(b, from, name, false)
}

/// The first `</name` from `from` on (any case), or the input's end. With
/// `delimited`, only one followed by whitespace, `/` or `>`, as the
/// tokenizer requires to end raw text (`</scripts` does not end a script).
fn end_tag(b: &[u8], from: usize, name: &[u8], delimited: bool) -> usize {
    let n = name.len();
    let mut i = from;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let lt = i + off;
        if b.get(lt + 1) == Some(&b'/')
            && b.len() >= lt + 2 + n
            && b[lt + 2..lt + 2 + n].eq_ignore_ascii_case(name)
            && (!delimited
                || matches!(
                    b.get(lt + 2 + n),
                    Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
                ))
        {
            return lt;
        }
        i = lt + 1;
    }
    b.len()
}

/// Where the parser ends a `script` or `style` body that starts at `from`:
/// at the first `</name` followed by whitespace, `/` or `>`, or at the end
/// of the input. `None` for a script body holding `<!--` before that, which
/// the tokenizer's escaped states may carry past it.
fn raw_body_end(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let end = end_tag(b, from, name, true);
    if name == b"script" && find(&b[..end], from, b"<!--").is_some() {
        return None;
    }
    Some(end)
}

fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(b.get(from..)?, needle).map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unread_attributes_go_before_parsing() {
        let page = "<div onclick=\"go()\" data-track='{\"a\":1}' aria-label=x aria-hidden=true class=c \
                    style=\"color: red\">t</div><p style=\"DISPLAY : none\" data-x>u</p>\
                    <img data-src=a.jpg onerror=x() src=p.gif><span style=\"d&#105;splay:none\">v</span>";
        assert_eq!(
            bound(page, 64, MAX_ATTRIBUTES),
            "<div    aria-hidden=true class=c \
             >t</div><p style=\"DISPLAY : none\" >u</p>\
             <img data-src=a.jpg  src=p.gif><span style=\"d&#105;splay:none\">v</span>"
        );
        // Inside svg and math attributes steer the parser: left alone.
        let foreign = "<svg><g data-x=1 onclick=y><text>t</text></g></svg>";
        assert_eq!(bound(foreign, 64, MAX_ATTRIBUTES), foreign);
    }

    #[test]
    fn drawing_only_svg_loses_its_markup_but_not_its_white_space() {
        let icon = "<a href=/s><svg viewBox=\"0 0 9 9\">\n <path d=\"M0 0L9 9\"/><g><circle r=1></circle></g>\n</svg>Share</a>";
        assert_eq!(
            bound(icon, 64, MAX_ATTRIBUTES),
            "<a href=/s><svg viewBox=\"0 0 9 9\">\n \n</svg>Share</a>"
        );
        // Text, titles, links or nested svg: kept whole.
        for kept in [
            "<svg><text>Chart</text></svg>",
            "<svg><title>Logo</title><path d=x/></svg>",
            "<svg><a href=x><path/></a></svg>",
            "<svg><svg><path/></svg></svg>",
            "<svg><path/>",
        ] {
            assert_eq!(bound(kept, 64, MAX_ATTRIBUTES), kept);
        }
    }

    #[test]
    fn ordinary_pages_are_not_copied() {
        let page =
            "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><a href=x>link<a href=y>other</div>\
                    <textarea><div><div></textarea><!-- <div> --><script></script></body></html>";
        assert!(matches!(bound(page, 4, MAX_ATTRIBUTES), Cow::Borrowed(_)));
    }

    #[test]
    fn script_and_style_bodies_go_and_their_elements_stay() {
        let page = "<head><style>p { color: red }</style><SCRIPT>if (a<b) document.write('<div><div>')</SCRIPT >\
                    <script type=\"application/LD+json\">{\"@type\":\"Article\"}</script></head>\
                    <body><script>x = '</scripts>'; y = 1</script\t><p>text</body>";
        assert_eq!(
            bound(page, 4, MAX_ATTRIBUTES),
            "<head><style data-lectern-dropped-text=\"16\"></style>\
             <SCRIPT data-lectern-dropped-text=\"37\"></SCRIPT >\
             <script type=\"application/LD+json\">{\"@type\":\"Article\"}</script></head>\
             <body><script data-lectern-dropped-text=\"23\"></script\t><p>text</body>"
        );
    }

    #[test]
    fn script_bodies_stay_where_the_parser_may_read_them_otherwise() {
        for page in [
            // Escaped script states: the first </script> may not end it.
            "<script><!-- document.write('<script></script>') --></script><p>a</p>",
            // Foreign content: script and style hold markup there.
            "<svg><script><b>x</b></script><style><i>y</i></style></svg>",
            "<math><style><i>y</i></style></math>",
            // After plaintext nothing is a tag.
            "<plaintext><script>shown as text</script>",
        ] {
            assert_eq!(bound(page, 64, MAX_ATTRIBUTES), page);
        }
        // Unclosed: the body runs to the end of the input.
        assert_eq!(
            bound("<p>a<script>never closed <p>", 64, MAX_ATTRIBUTES),
            "<p>a<script data-lectern-dropped-text=\"16\">"
        );
        // After the foreign element closes, bodies go again.
        assert_eq!(
            bound("<svg></svg><style>p{}</style>", 64, MAX_ATTRIBUTES),
            "<svg></svg><style data-lectern-dropped-text=\"3\"></style>"
        );
    }

    #[test]
    fn deep_nesting_is_cut_at_the_bound_and_text_kept() {
        let page = format!("{}deep text{}", "<div>".repeat(100), "</div>".repeat(100));
        let out = bound(&page, 10, MAX_ATTRIBUTES);
        assert_eq!(out.matches("<div>").count(), 10);
        assert_eq!(out.matches("</div>").count(), 10);
        assert!(out.contains("deep text"));
    }

    #[test]
    fn unclosed_deep_nesting_is_cut_too() {
        let page = "<span>".repeat(1000) + "x";
        assert_eq!(
            bound(&page, 64, MAX_ATTRIBUTES).matches("<span>").count(),
            64
        );
    }

    #[test]
    fn attributes_past_the_limit_are_dropped() {
        let attrs: String = (0..1000).map(|i| format!(" a{i}=\"v>{i}\"")).collect();
        let page = format!("<p{attrs} id=last>text</p>");
        let out = bound(&page, 64, MAX_ATTRIBUTES);
        assert_eq!(out.matches('=').count(), MAX_ATTRIBUTES);
        assert!(out.ends_with(">text</p>"));
        assert!(!out.contains("id=last"));
    }

    #[test]
    fn truncated_tags_do_not_panic() {
        for page in [
            "<",
            "<div",
            "<div a=\"",
            "<!--",
            "</",
            "<script>",
            "<div a=",
            "<é>",
            "<d\u{e9}v>x",
        ] {
            let _ = bound(page, 1, MAX_ATTRIBUTES);
        }
    }
}
