//! Class/id and text hints: the word lists the scoring and cleaning stages
//! consult. Every list is matched against the lowercased `class` + `id`
//! string, as substrings, unless said otherwise.

/// Templates name their chrome this way: navigation, comment threads, footers,
/// share bars, sidebars, ad slots, pop-ups. Elements matching one of these
/// (and none of [`MAYBE_CONTENT`]) are dropped before scoring.
const UNLIKELY: &[&str] = &[
    "-ad-",
    "ai2html",
    "banner",
    "breadcrumb",
    "combx",
    "comment",
    "community",
    "cover-wrap",
    "disqus",
    "extra",
    "footer",
    "gdpr",
    "header",
    "legends",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "yom-remote",
    "copyright",
];

/// Words that rescue an element from [`UNLIKELY`]: wrappers such as
/// `main-column` or `article-header-content` often carry both.
const MAYBE_CONTENT: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "mathjax", "shadow",
];

/// Class/id words of article containers (blog engines, CMS themes).
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "pagination",
    "post",
    "text",
    "blog",
    "story",
];

/// Class/id words of boilerplate containers.
const NEGATIVE: &[&str] = &[
    "-ad-",
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "footer",
    "gdpr",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "widget",
    "copyright",
];

/// Class/id words of visible author lines.
const BYLINE: &[&str] = &["byline", "author", "dateline", "writtenby", "p-author"];

/// ARIA roles of page chrome rather than content.
pub const CHROME_ROLES: &[&str] = &[
    "menu",
    "menubar",
    "complementary",
    "navigation",
    "alert",
    "alertdialog",
    "dialog",
];

/// A list of words to find inside a class/id string, indexed by first
/// byte so that a search visits each position of the string once instead of
/// running one substring search per word: class checks run for every
/// element, in every attempt.
struct Substrings {
    words: &'static [&'static str],
    /// For each byte, the bit set of the words starting with it.
    by_first: [u64; 256],
}

impl Substrings {
    const fn new(words: &'static [&'static str]) -> Self {
        assert!(words.len() <= 64);
        let mut by_first = [0u64; 256];
        let mut i = 0;
        while i < words.len() {
            let b = words[i].as_bytes();
            assert!(!b.is_empty());
            by_first[b[0] as usize] |= 1 << i;
            i += 1;
        }
        Substrings { words, by_first }
    }

    /// Whether any of the words occurs in `s`.
    fn in_text(&self, s: &str) -> bool {
        let b = s.as_bytes();
        for i in 0..b.len() {
            let mut m = self.by_first[b[i] as usize];
            while m != 0 {
                let k = m.trailing_zeros() as usize;
                let w = self.words[k].as_bytes();
                let rest = &b[i..];
                // The second byte first: it rules out most candidates
                // without a call to compare.
                if rest.len() >= w.len()
                    && (w.len() < 2 || rest[1] == w[1])
                    && &rest[..w.len()] == w
                {
                    return true;
                }
                m &= m - 1;
            }
        }
        false
    }
}

static UNLIKELY_SET: Substrings = Substrings::new(UNLIKELY);
static MAYBE_CONTENT_SET: Substrings = Substrings::new(MAYBE_CONTENT);
static POSITIVE_SET: Substrings = Substrings::new(POSITIVE);
static NEGATIVE_SET: Substrings = Substrings::new(NEGATIVE);
static BYLINE_SET: Substrings = Substrings::new(BYLINE);

/// `true` for the short token "hid" standing alone, a common "hidden" class.
fn has_hid_token(s: &str) -> bool {
    s.split_whitespace().any(|t| t == "hid")
}

/// Class/id that marks template chrome (and not a content wrapper).
pub fn is_unlikely(class_and_id: &str) -> bool {
    UNLIKELY_SET.in_text(class_and_id) && !MAYBE_CONTENT_SET.in_text(class_and_id)
}

/// Class/id that marks a byline.
pub fn is_byline_hint(class_and_id: &str) -> bool {
    BYLINE_SET.in_text(class_and_id)
}

/// What one positive (or negative) class or id adds to (or takes from) a
/// score, as Readability's `_getClassWeight` (25); cleaning also reads it as
/// the weight of "a class that says content".
pub const CLASS_WEIGHT: f64 = 25.0;

/// +25 / -25 for each of `class` and `id` that hints content / boilerplate.
pub fn class_weight(class: Option<&str>, id: Option<&str>) -> f64 {
    let mut w = 0.0;
    for v in [class, id].into_iter().flatten() {
        if v.is_empty() {
            continue;
        }
        let v = v.to_ascii_lowercase();
        if NEGATIVE_SET.in_text(&v) || has_hid_token(&v) {
            w -= CLASS_WEIGHT;
        }
        if POSITIVE_SET.in_text(&v) {
            w += CLASS_WEIGHT;
        }
    }
    w
}

/// Share/social widgets inside an article, removed when short.
pub fn is_share_hint(class_and_id: &str) -> bool {
    class_and_id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|t| t == "share" || t == "sharedaddy")
}

/// Class/id words of article metadata lines (author, date) that templates
/// repeat inside the body; the reader view shows these in its header.
const META_LINE: &[&str] = &[
    "byline",
    "dateline",
    "timestamp",
    "pubdate",
    "published",
    "updated",
    "date",
    "author",
    "authors",
    "meta",
    "views",
    "viewcount",
    "counter",
];

/// Class/id words of photo captions and credits.
const CAPTION: &[&str] = &[
    "caption",
    "captions",
    "figcaption",
    "credit",
    "credits",
    "photocredit",
];

/// Class/id words of photo credits ("Photo: AP").
const CREDIT: &[&str] = &["credit", "credits", "photocredit", "copyright"];

fn tokens(class_and_id: &str) -> impl Iterator<Item = &str> {
    class_and_id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
}

/// Class/id tokens of widgets that templates drop inside article bodies:
/// newsletter boxes, cookie notices, paywall prompts, ad slots, "related"
/// and recommendation rails.
const IN_BODY_CHROME: &[&str] = &[
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "cookie",
    "cookies",
    "consent",
    "paywall",
    "ad",
    "ads",
    "advert",
    "advertisement",
    "adslot",
    "sponsored",
    "promo",
    "outbrain",
    "taboola",
    "related",
    "recommended",
    "recommendations",
    "readmore",
    "read-more",
    "bio",
    "authorbio",
    "vote",
    "votes",
    "voting",
    "rating",
    "likes",
    "reactions",
    "sharing",
    "social",
    "breadcrumb",
    "breadcrumbs",
    "toolbar",
    "widget",
];

/// Class/id tokens of cards that open when the pointer rests on a link
/// (a person's photo and latest stories beside their name in the text).
const HOVER_CARD: &[&str] = &["rollover", "hovercard", "popover", "tooltip", "popup"];

/// Class/id of a hover card.
pub fn is_hover_card_hint(class_and_id: &str) -> bool {
    tokens(class_and_id).any(|t| HOVER_CARD.contains(&t))
}

/// Class/id of a widget that does not belong in an article body.
pub fn is_in_body_chrome(class_and_id: &str) -> bool {
    tokens(class_and_id).any(|t| IN_BODY_CHROME.contains(&t) || NEWSLETTER_IDS.contains(&t))
        || is_author_bio_hint(class_and_id)
}

/// Single-token names of newsletter sign-up boxes (`emailSignup`).
const NEWSLETTER_IDS: &[&str] = &["emailsignup", "newslettersignup", "newsletterbox"];

/// What follows "author" in the class of an author box: `author-bio`,
/// `author_box`, `authorInfo`, `author-content` (inside a `post-author`
/// box), `author-description`.
const AUTHOR_BOX_PARTS: &[&str] = &[
    "bio",
    "box",
    "info",
    "content",
    "description",
    "about",
    "details",
    "card",
];

/// Class/id of a box about the author (a photo, a bio, links to their other
/// stories) that themes put below posts; the reader header has the name.
pub fn is_author_bio_hint(class_and_id: &str) -> bool {
    // Class names are lowercased already, so `authorBio` is one token.
    let mut prev: Option<&str> = None;
    let mut before: Option<&str> = None;
    for t in tokens(class_and_id) {
        if let Some(rest) = t.strip_prefix("author") {
            if AUTHOR_BOX_PARTS.contains(&rest) {
                return true;
            }
        }
        if t == "authorbio" || t == "aboutauthor" || t == "abouttheauthor" || t == "contributorbio"
        {
            return true;
        }
        match (before, prev, t) {
            (_, Some("author"), part) if AUTHOR_BOX_PARTS.contains(&part) => return true,
            (_, Some("about"), "author") | (Some("about"), Some("the"), "author") => return true,
            (_, Some("contributor"), "bio") => return true,
            _ => {}
        }
        before = prev;
        prev = Some(t);
    }
    false
}

/// Class/id of an author or date line.
pub fn is_meta_line_hint(class_and_id: &str) -> bool {
    tokens(class_and_id).any(|t| META_LINE.contains(&t))
}

/// Class/id of a caption or photo credit.
pub fn is_caption_hint(class_and_id: &str) -> bool {
    tokens(class_and_id).any(|t| CAPTION.contains(&t))
}

/// Class/id of a photo credit.
pub fn is_credit_hint(class_and_id: &str) -> bool {
    tokens(class_and_id).any(|t| CREDIT.contains(&t))
}

/// Labels that open a photo credit or a caption's source line, per
/// language: "Foto: dpa", "Photo: AP", "Titelbild: ...", "Crédito: ...".
/// All languages are looked for on every page: these words followed by a
/// colon open no ordinary sentence in any of them, and pages mix languages
/// (an English credit on a Spanish page).
const CREDIT_LABELS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "photo",
            "photos",
            "photograph",
            "image",
            "images",
            "picture",
            "credit",
            "photo credit",
            "image credit",
            "illustration",
            "graphic",
            "source",
        ],
    ),
    (
        "de",
        &[
            "foto",
            "fotos",
            "bild",
            "bilder",
            "titelbild",
            "titelfoto",
            "abbildung",
            "abb.",
            "bildquelle",
            "quelle",
            "grafik",
            "illustration",
            "bildnachweis",
            "fotonachweis",
        ],
    ),
    (
        "fr",
        &[
            "photo",
            "crédit",
            "crédits",
            "crédit photo",
            "illustration",
            "source",
        ],
    ),
    (
        "es",
        &[
            "foto",
            "fotos",
            "fotografía",
            "imagen",
            "crédito",
            "créditos",
            "fuente",
            "ilustración",
        ],
    ),
    (
        "pt",
        &[
            "foto",
            "fotos",
            "imagem",
            "crédito",
            "créditos",
            "fonte",
            "ilustração",
        ],
    ),
    (
        "it",
        &[
            "foto",
            "immagine",
            "credito",
            "crediti",
            "fonte",
            "illustrazione",
        ],
    ),
    (
        "nl",
        &["foto", "afbeelding", "beeld", "bron", "illustratie"],
    ),
    ("pl", &["fot.", "zdjęcie", "źródło"]),
    ("ru", &["фото", "изображение", "источник", "иллюстрация"]),
];

/// Whether `text` opens with a credit label and a colon (after an optional
/// opening parenthesis), as photo credits and caption sources do.
pub fn starts_with_credit_label(text: &str) -> bool {
    let t = text.trim_start().trim_start_matches(['(', '[']);
    let Some((head, _)) = t.split_once(':') else {
        return false;
    };
    if head.len() > 24 {
        return false;
    }
    let head = head.trim().to_lowercase();
    CREDIT_LABELS
        .iter()
        .any(|(_, labels)| labels.contains(&head.as_str()))
}

/// Phrases of newsletter, subscription and social-follow prompts.
const CTA_PHRASES: &[&str] = &[
    "newsletter",
    "sign up",
    "signup",
    "subscribe",
    "follow us",
    "click here",
    "download our app",
    "get the app",
    "in your inbox",
    "delivered to your inbox",
];

/// Text that reads like a call to action rather than reporting.
pub fn is_call_to_action(text: &str) -> bool {
    let t = text.to_lowercase();
    CTA_PHRASES.iter().any(|p| t.contains(p))
}

/// Lines that talk to the reader about the page rather than tell the story;
/// recognized with or without a link in them.
const INTERFACE_NOTICES: &[&str] = &[
    "skip to content",
    "skip to main content",
    "skip navigation",
    "this slideshow requires javascript",
    "javascript is required",
    "please enable javascript",
    "share it with a friend",
    "want more stories like this",
    "like this story?",
    "enjoyed this article?",
];

/// Phrases of the prompts that templates put after a story: newsletter and
/// subscription offers, follow-us lines, tip lines, app and podcast plugs.
/// Broader than [`CTA_PHRASES`] (a story may say "listen to"), so only
/// looked for after the story's last paragraph.
const TAIL_PROMO_PHRASES: &[&str] = &[
    "newsletter",
    "sign up for",
    "sign up to",
    "subscribe to",
    "have a tip",
    "have a news tip",
    "let our news",
    "your inbox",
    "send us your",
    "tell us what you think",
    "listen to",
    "listen live",
    "download our app",
    "download the app",
    "share this with",
    "share it with",
    "print this article",
    "get access to",
    "for as little as",
    "use the code",
];

/// How far after "follow " a platform ("on Twitter") may come, in
/// characters: room for a name or a handle, not a sentence.
const FOLLOW_WINDOW_CHARS: usize = 40;

/// Text of a promotional line that follows a story: "Sign up for our daily
/// newsletter", "Follow Jane on Twitter", "Have a tip? Email us".
pub fn is_tail_promo(text: &str) -> bool {
    let t = text.to_lowercase();
    if TAIL_PROMO_PHRASES.iter().any(|p| t.contains(p)) {
        return true;
    }
    // "Follow <name> on Twitter / Instagram / Facebook".
    t.match_indices("follow ").any(|(i, w)| {
        let rest = &t[i + w.len()..];
        let window = &rest[..rest
            .char_indices()
            .nth(FOLLOW_WINDOW_CHARS)
            .map_or(rest.len(), |(k, _)| k)];
        [" on twitter", " on instagram", " on facebook", " on x"]
            .iter()
            .any(|n| {
                window.find(n).is_some_and(|k| {
                    let after = window[k + n.len()..].chars().next();
                    after.is_none_or(|c| !c.is_alphanumeric())
                })
            })
    })
}

/// A line about the page itself: a skip link, a script-required notice, a
/// share prompt.
pub fn is_interface_notice(text: &str) -> bool {
    let t = text.to_lowercase();
    INTERFACE_NOTICES.iter().any(|p| t.contains(p))
}

/// Longest dateline, in characters: a keyword, a date, a time, an update.
const DATELINE_MAX_CHARS: usize = 100;
/// Longest dateline, in words.
const DATELINE_MAX_WORDS: usize = 16;
/// Shortest word read as a month name ("Jan").
const MONTH_MIN_LEN: usize = 3;
/// Longest word read as a month name ("September").
const MONTH_MAX_LEN: usize = 9;

/// A dateline: "Posted Fri 6:45 PM Feb 16, 2018 | Updated ...",
/// "PUBLISHED: 10:48, Tue, Nov 19, 2019". A keyword first, a time or a
/// month with a number after it, and little else; a sentence that starts
/// with "Published in 1998, ..." has neither and stays.
pub fn is_dateline(text: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "posted",
        "published",
        "updated",
        "last updated",
        "first published",
        "last modified",
    ];
    const MONTHS: &[&str] = &[
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let t = text.trim().to_lowercase();
    if t.chars().count() > DATELINE_MAX_CHARS || t.split_whitespace().count() > DATELINE_MAX_WORDS {
        return false;
    }
    if !KEYWORDS
        .iter()
        .any(|k| t.starts_with(k) && t[k.len()..].starts_with([' ', ':']))
    {
        return false;
    }
    let has_time = t
        .as_bytes()
        .windows(3)
        .any(|w| w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit());
    let has_digit = t.chars().any(|c| c.is_ascii_digit());
    let has_month = t.split(|c: char| !c.is_alphabetic()).any(|w| {
        w.len() >= MONTH_MIN_LEN
            && MONTHS.iter().any(|m| w.starts_with(m))
            && w.len() <= MONTH_MAX_LEN
    });
    has_time || (has_month && has_digit)
}

/// Lead-ins that announce a list of other stories.
const RELATED_LEAD_INS: &[&str] = &[
    "related",
    "related stories",
    "related articles",
    "related content",
    "related coverage",
    "related news",
    "related reading",
    "related links",
    "you may also like",
    "you might also like",
    "more stories",
    "more news",
    "recommended",
    "recommended stories",
    "recommended for you",
    "read more",
    "read next",
    "also read",
    "also on",
    "more from",
    "don't miss",
    "trending",
    "most read",
    "most popular",
    "popular stories",
    "top stories",
    "up next",
    "what to read next",
    "more",
    "see more",
    "more on this story",
    "more on this",
    "further reading",
];

/// Longest related lead-in, in characters ("Recommended for you:").
const LEAD_IN_MAX_CHARS: usize = 40;
/// Longest "More ... stories" lead-in, in words ("More Great WIRED Stories").
const MORE_STORIES_MAX_WORDS: usize = 6;

/// A short line that announces other stories: "You may also like...",
/// "Related stories:", "More from Sports", "More Great WIRED Stories".
pub fn is_related_lead_in(text: &str) -> bool {
    if text.chars().count() > LEAD_IN_MAX_CHARS {
        return false;
    }
    let t = text.trim().to_lowercase();
    let t = t.trim_end_matches(['.', '…', ':', ' ', '!']);
    RELATED_LEAD_INS.contains(&t)
        || t.starts_with("more from ")
        || (t.starts_with("more ")
            && t.ends_with(" stories")
            && t.split_whitespace().count() <= MORE_STORIES_MAX_WORDS)
}

/// Starts of blocks that are themselves a pointer to another story, link
/// or not: "Also on example.com: <headline>", "READ MORE: <headline>",
/// "Don't miss: ...". The colon is required where the words also open
/// sentences ("Related to this, ...", "Read more about it in ...").
const RELATED_PREFIXES: &[&str] = &[
    "also on ",
    "also read",
    "also:",
    "related:",
    "related stories:",
    "related articles:",
    "related story:",
    "related article:",
    "related content:",
    "related coverage:",
    "related news:",
    "related links:",
    "related reading:",
    "related post:",
    "related posts:",
    "read more:",
    "read also",
    "don't miss",
    "don\u{2019}t miss",
    "you may also like",
    "you might also like",
    "must read",
];

/// Whether a block's opening text starts like a pointer: the cheap test
/// before [`is_related_pointer`]. The opening must be longer than the
/// longest prefix (the caller reads a few dozen characters).
pub fn is_related_pointer_start(start: &str) -> bool {
    let t = start
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    RELATED_PREFIXES.iter().any(|p| t.starts_with(p))
}

/// Longest pointer to another story, in words: a prefix and a headline.
const POINTER_MAX_WORDS: usize = 40;

/// A short block that points to another story ([`RELATED_PREFIXES`]).
pub fn is_related_pointer(text: &str) -> bool {
    text.split_whitespace().count() <= POINTER_MAX_WORDS && is_related_pointer_start(text)
}

/// Fewest words of a headline in capitals (shorter is a label: "BREAKING NEWS").
const SHOUTED_MIN_WORDS: usize = 4;
/// Fewest capital letters of a headline in capitals.
const SHOUTED_MIN_CAPITALS: usize = 12;
/// Capitals among a shouted headline's cased letters, in tenths: nine in
/// ten, so that "McDonald" or "iPhone" in it does not save it.
const SHOUTED_UPPER_TENTHS: usize = 9;

/// A headline in capitals: at least four words, and nearly all of its cased
/// letters upper case.
pub fn is_shouted_headline(text: &str) -> bool {
    if text.split_whitespace().count() < SHOUTED_MIN_WORDS {
        return false;
    }
    let (upper, lower) = text.chars().fold((0usize, 0usize), |(u, l), c| {
        (
            u + usize::from(c.is_uppercase()),
            l + usize::from(c.is_lowercase()),
        )
    });
    upper >= SHOUTED_MIN_CAPITALS && upper * 10 >= (upper + lower) * SHOUTED_UPPER_TENTHS
}

/// Commas in several scripts; comma count is a sign of running prose.
pub fn count_commas(text: &str) -> usize {
    // A byte count for the ASCII comma (it runs over every text node of
    // every block judged); characters are decoded only in non-ASCII text.
    let ascii = text.bytes().filter(|&b| b == b',').count();
    if text.is_ascii() {
        return ascii;
    }
    ascii
        + text
            .chars()
            .filter(|c| {
                matches!(
                    c,
                    '\u{060C}'
                        | '\u{FE50}'
                        | '\u{FE10}'
                        | '\u{FE11}'
                        | '\u{2E41}'
                        | '\u{2E34}'
                        | '\u{2E32}'
                        | '\u{FF0C}'
                )
            })
            .count()
}

/// Text that is only an ad label or a loading placeholder.
pub fn is_ad_or_loading_label(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    let t = t.trim_end_matches(['.', '…']);
    matches!(
        t,
        "ad" | "ads"
            | "advert"
            | "advertising"
            | "advertisement"
            | "pub"
            | "publicité"
            | "werbung"
            | "广告"
            | "реклама"
            | "anuncio"
            | "loading"
            | "loading video"
            | "cargando"
            | "chargement"
            | "загрузка"
            | "正在加载"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unlikely_unless_rescued() {
        assert!(
            is_author_bio_hint("post-author author-content") && is_author_bio_hint("authorbio")
        );
        assert!(is_author_bio_hint("about-the-author") && is_author_bio_hint("c-author_box x"));
        assert!(
            !is_author_bio_hint("author")
                && !is_author_bio_hint("byline author-name")
                && !is_author_bio_hint("about-us author-x")
        );
        assert!(is_in_body_chrome("emailsignup") && is_in_body_chrome("contributor-bio"));
        assert!(
            is_tail_promo("Follow Jane Doe on Twitter @jdoe")
                && is_tail_promo("Have a tip? Email us.")
        );
        assert!(
            is_tail_promo("Sign up for our daily newsletter")
                && !is_tail_promo("She followed the rules on xylophones.")
        );
        assert!(!is_tail_promo(
            "Follow the money, investigators said, on every contract."
        ));
        assert!(is_related_pointer(
            "Also on example.com: Council votes to close the pier"
        ));
        assert!(
            is_related_pointer("READ MORE: Ferry fares rise")
                && is_related_pointer("\u{2022} Don't miss this")
        );
        assert!(
            !is_related_pointer("Related to this, the mayor said...")
                && !is_related_pointer("Read more about the plan below.")
        );
        assert!(
            is_related_lead_in("More Great WIRED Stories")
                && !is_related_lead_in("More than 40 people died in the stories")
        );
        assert_eq!(count_commas("a, b\u{060C} c\u{FF0C}d, e\u{3001}"), 4);
        assert_eq!(count_commas("plain, ascii, text"), 2);
        assert!(is_unlikely("site-header nav"));
        assert!(
            is_unlikely("x-ad-break")
                && is_unlikely("menu")
                && !is_unlikely("")
                && !is_unlikely("men")
        );
        assert!(!is_unlikely("article-header"));
        assert!(is_unlikely("breadcrumbs"));
    }

    #[test]
    fn weights() {
        assert_eq!(class_weight(Some("post-body"), None), 25.0);
        assert_eq!(class_weight(Some("sidebar"), Some("main")), 0.0);
        assert_eq!(class_weight(Some("hid"), None), -25.0);
    }
}
