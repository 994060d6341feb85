//! Discussion threads: forum topics, Q&A pages, comment threads that are
//! the page's content.
//!
//! A thread's posts are many siblings, each short, none long enough to win
//! the scoring alone: scoring gave one post of a thread, or no article at
//! all (modern-dev's forum pages: Discourse, XenForo, Invision, phpBB,
//! FluxBB, Stack Exchange). Posts are recognized here by structure, not by
//! platform: sibling elements of one kind that each name an author and a
//! time and hold text of their own. When the scored article lies within such
//! a thread (or none was found), the article is every post in order, each
//! under a header with its author and time.

use ego_tree::NodeId;
use rustc_hash::FxHashMap as HashMap;
use scraper::Html;

use super::{clean, score, Found};
use crate::{dom, Options};

/// Class/id words of the element naming a post's author (substrings of the
/// lowercased class + id): Discourse `creator`, phpBB `author`/`postprofile`,
/// XenForo `message-name`/`username`, Stack Exchange `user-details`,
/// vBulletin `username`, Invision `cAuthorPane`.
const AUTHOR_HINTS: &[&str] = &[
    "author",
    "username",
    "user-name",
    "user_name",
    "poster",
    "creator",
    "postprofile",
    "user-details",
    "userinfo",
    "user-info",
    "message-name",
];

/// Class/id words of the element giving a post's time, when it is not a
/// `time` element (phpBB's `p.author` line, Stack Exchange `relativetime`).
const TIME_HINTS: &[&str] = &["date", "time", "posted"];

/// A part of every [`AUTHOR_HINTS`] and [`TIME_HINTS`] entry, each in one
/// or more (checked by a test): the first, cheaper search.
const HINT_PARTS: &[&str] = &[
    "author",
    "user",
    "post",
    "creator",
    "message-name",
    "date",
    "time",
];

/// Longest author name or time line read as one (longer is prose).
const META_MAX_CHARS: usize = 80;

/// Class tokens (whole, lowercased) of a post's body, outermost first
/// matched: what the platforms put the message in (Discourse `cooked` and
/// `post`, XenForo `message-body`/`bbWrapper`, phpBB `content`, Stack
/// Exchange `s-prose`, Invision `ipsType_richText`, FluxBB `postmsg`,
/// vBulletin `postcontent`, blogs' `comment-content`).
const BODY_CLASSES: &[&str] = &[
    "post-body",
    "postbody",
    "post_body",
    "post-content",
    "postcontent",
    "post-text",
    "post_message",
    "postmsg",
    "message-body",
    "message-content",
    "messagecontent",
    "bbwrapper",
    "cooked",
    "s-prose",
    "js-post-body",
    "ipstype_richtext",
    "comment-body",
    "comment-content",
    "comment-text",
];

/// Fewest posts that make a thread. A topic with one reply is a thread; one
/// post alone is an article and is left to the scoring.
const MIN_POSTS: usize = 2;

/// Fewest posts that make a thread on a page that does not say it is one
/// (no schema.org discussion, no `data-author` on the posts): two blocks
/// with a byline and a date each are as often a story and a sidebar
/// (readability-test-pages' aktualne).
const MIN_POSTS_UNSTATED: usize = 3;

/// Shortest text a post holds beyond its header.
const MIN_POST_CHARS: usize = 20;

/// Link density above which a repeated item is a teaser (a headline link
/// with a byline), not a post.
const MAX_POST_LINK_DENSITY: f64 = 0.5;

/// Largest share of the scored article's text that may lie outside the
/// thread for the thread to replace it: more, and the article is a story
/// with comments under it (blogs, news), which stays the story.
const MAX_TEXT_OUTSIDE_THREAD: f64 = 0.25;

/// One post: its element, the element holding its message, its header.
pub struct Post {
    root: NodeId,
    body: NodeId,
    author: Option<String>,
    time: Option<(String, Option<String>)>,
}

/// The posts of a thread, in page order.
pub struct Thread {
    posts: Vec<Post>,
}

/// Finds the page's thread, if it has one: the largest group (by text) of
/// sibling posts, with the question first on a Q&A page.
pub fn detect(doc: &Html, body: NodeId, discussion: bool) -> Option<Thread> {
    let marks = Marks::of(doc, body);
    let discussion = discussion || marks.discussion;
    let is_post = |id: NodeId| marks.may_be_post(id) && is_post(doc, id);
    let mut best: Option<(usize, Vec<NodeId>)> = None;
    // Only an element with an author and a time below it can hold posts,
    // and only such children can be posts: most of the page is skipped
    // without a look at its children.
    for parent in elements_below(doc, body).filter(|p| marks.may_be_post(*p)) {
        let kids: Vec<NodeId> = dom::element_children(doc, parent)
            .into_iter()
            .filter(|k| marks.may_be_post(*k))
            .collect();
        if kids.len() < MIN_POSTS {
            continue;
        }
        // Grouped by kind in one pass (a parent may have thousands of
        // children), groups in the order of their first member.
        let mut groups: HashMap<(&str, &str), Vec<NodeId>> = HashMap::default();
        let mut order: Vec<(&str, &str)> = Vec::new();
        for k in &kids {
            if let Some(key) = kind(doc, *k) {
                let group = groups.entry(key).or_default();
                if group.is_empty() {
                    order.push(key);
                }
                group.push(*k);
            }
        }
        for key in order {
            let same = groups.remove(&key).unwrap_or_default();
            if same.len() < MIN_POSTS {
                continue;
            }
            let posts: Vec<NodeId> = same.into_iter().filter(|p| is_post(*p)).collect();
            let stated = discussion
                || posts
                    .iter()
                    .all(|p| dom::attr(doc, *p, "data-author").is_some());
            if posts.len()
                < if stated {
                    MIN_POSTS
                } else {
                    MIN_POSTS_UNSTATED
                }
            {
                continue;
            }
            let text: usize = posts.iter().map(|p| dom::text_len(doc, *p)).sum();
            if best.as_ref().is_none_or(|(t, _)| text > *t) {
                best = Some((text, posts));
            }
        }
    }
    let (_, mut roots) = best?;
    // Q&A: the question stands apart from the answers' list, or is the
    // schema.org `Question` around it (Stack Exchange): then the question's
    // post is the first one inside that does not overlap an answer.
    if roots.iter().all(|r| itemtype_is(doc, *r, "answer")) {
        let overlaps = |e: NodeId| {
            roots
                .iter()
                .any(|r| is_within(doc, *r, e) || is_within(doc, e, *r))
        };
        let question = dom::descendant_elements(doc, body)
            .into_iter()
            .find(|e| itemtype_is(doc, *e, "question"))
            .and_then(|q| {
                std::iter::once(q)
                    .chain(dom::descendant_elements(doc, q))
                    .find(|e| !overlaps(*e) && is_post(*e))
            });
        if let Some(q) = question {
            roots.insert(0, q);
        }
    }
    let posts = roots
        .into_iter()
        .map(|root| Post {
            root,
            body: body_of(doc, root),
            author: author_of(doc, root),
            time: time_of(doc, root),
        })
        .collect();
    Some(Thread { posts })
}

/// What makes siblings "of one kind": the tag and first class, or the
/// schema.org type of class-less ones; bare elements are of no kind (a run
/// of plain `div`s is layout). The type alone would split a Discourse
/// thread: its first post is a `DiscussionForumPosting`'s child without a
/// type, the replies are `Comment`s, all of class `topic-body`.
fn kind(doc: &Html, id: NodeId) -> Option<(&str, &str)> {
    let tag = dom::tag(doc, id)?;
    match dom::attr(doc, id, "class").and_then(|c| c.split_whitespace().next()) {
        Some(class) => Some((tag, class)),
        None => dom::attr(doc, id, "itemtype").map(|t| (tag, t)),
    }
}

/// Elements below `id` (not `id` itself), in document order, lazily: the
/// post tests stop at the first match.
fn elements_below(doc: &Html, id: NodeId) -> impl Iterator<Item = NodeId> + '_ {
    doc.tree
        .get(id)
        .into_iter()
        .flat_map(|n| n.descendants().skip(1))
        .filter(|d| d.value().is_element())
        .map(|d| d.id())
}

fn itemtype_is(doc: &Html, id: NodeId, name: &str) -> bool {
    dom::attr(doc, id, "itemtype").is_some_and(|t| {
        t.trim_end_matches('/')
            .rsplit('/')
            .next()
            .is_some_and(|last| last.eq_ignore_ascii_case(name))
    })
}

/// `inner` is `outer` or below it.
fn is_within(doc: &Html, inner: NodeId, outer: NodeId) -> bool {
    let mut cur = Some(inner);
    while let Some(id) = cur {
        if id == outer {
            return true;
        }
        cur = dom::parent(doc, id);
    }
    false
}

/// Which elements hold an author element and a time element somewhere
/// below them, from one walk of the page: the post test is asked of every
/// group of like siblings, wrappers of most of the page included, and
/// walking each one's subtree for it made every page about 8% slower.
struct Marks {
    below: HashMap<NodeId, u8>,
    /// Some element's microdata `itemtype` is a discussion's.
    discussion: bool,
}

const HAS_AUTHOR: u8 = 1;
const HAS_TIME: u8 = 2;

impl Marks {
    fn of(doc: &Html, root: NodeId) -> Marks {
        let mut marks: HashMap<NodeId, u8> = HashMap::default();
        let mut lower = Vec::new();
        let finders = HintFinders::new();
        let Some(top) = doc.tree.get(root) else {
            return Marks {
                below: marks,
                discussion: false,
            };
        };
        let order: Vec<_> = top
            .descendants()
            .skip(1)
            .filter_map(|n| Some((n.id(), n.value().as_element()?, n.parent()?.id())))
            .collect();
        let mut discussion = false;
        // Children before parents: reverse document order.
        for &(id, el, parent) in order.iter().rev() {
            // One pass over the attributes for everything the marks read.
            let (mut class, mut html_id, mut itemprop, mut rel, mut itemtype) =
                (None, None, None, None, None);
            for (name, value) in el.attrs() {
                match name {
                    "class" => class = Some(value),
                    "id" => html_id = Some(value),
                    "itemprop" => itemprop = Some(value),
                    "rel" => rel = Some(value),
                    "itemtype" => itemtype = Some(value),
                    _ => {}
                }
            }
            if !discussion {
                discussion = itemtype.is_some_and(|t| {
                    t.split_whitespace()
                        .any(crate::metadata::is_discussion_type)
                });
            }
            let (author_hint, time_hint) = finders.of(class, html_id, &mut lower);
            let word =
                |v: Option<&str>, w: &str| v.is_some_and(|v| v.split_whitespace().any(|x| x == w));
            let short =
                |max: usize| dom::text_len(doc, id) > 0 && !dom::text_len_at_least(doc, id, max);
            let author = word(itemprop, "author")
                || word(rel, "author")
                || (author_hint && short(META_MAX_CHARS * 4));
            let time = &*el.name.local == "time"
                || ((word(itemprop, "datePublished")
                    || word(itemprop, "dateCreated")
                    || time_hint)
                    && short(META_MAX_CHARS));
            let own = if author { HAS_AUTHOR } else { 0 } | if time { HAS_TIME } else { 0 };
            let bits = own | marks.get(&id).copied().unwrap_or(0);
            if bits != 0 {
                *marks.entry(parent).or_insert(0) |= bits;
            }
        }
        Marks {
            below: marks,
            discussion,
        }
    }

    /// Some element below `id` names an author and some gives a time.
    fn may_be_post(&self, id: NodeId) -> bool {
        self.below.get(&id).copied().unwrap_or(0) == HAS_AUTHOR | HAS_TIME
    }
}

/// Searchers for [`AUTHOR_HINTS`] and [`TIME_HINTS`], built once per page:
/// the class of every element is searched, and a fresh substring search
/// per hint and element cost more than the rest of the thread test.
struct HintFinders {
    /// Parts shared by the hints, searched first: most classes hold none.
    any: Vec<memchr::memmem::Finder<'static>>,
    author: Vec<memchr::memmem::Finder<'static>>,
    time: Vec<memchr::memmem::Finder<'static>>,
}

impl HintFinders {
    fn new() -> HintFinders {
        let build = |hints: &[&'static str]| {
            hints
                .iter()
                .map(|h| memchr::memmem::Finder::new(h.as_bytes()))
                .collect()
        };
        HintFinders {
            any: build(HINT_PARTS),
            author: build(AUTHOR_HINTS),
            time: build(TIME_HINTS),
        }
    }

    /// Whether the element's class or id holds an author hint and a time
    /// hint: both read from one lowercased copy (`buf`, reused).
    fn of(&self, class: Option<&str>, id: Option<&str>, buf: &mut Vec<u8>) -> (bool, bool) {
        buf.clear();
        for v in [class, id].into_iter().flatten() {
            buf.extend_from_slice(v.as_bytes());
            buf.push(b' ');
        }
        if buf.is_empty() {
            return (false, false);
        }
        buf.make_ascii_lowercase();
        if !self.any.iter().any(|f| f.find(buf).is_some()) {
            return (false, false);
        }
        let any = |fs: &[memchr::memmem::Finder<'static>]| fs.iter().any(|f| f.find(buf).is_some());
        (any(&self.author), any(&self.time))
    }
}

fn is_post(doc: &Html, id: NodeId) -> bool {
    dom::text_len_at_least(doc, id, MIN_POST_CHARS)
        && author_element(doc, id).is_some()
        && time_element(doc, id).is_some()
        && score::link_density(doc, id) <= MAX_POST_LINK_DENSITY
}

/// Whether the element's class or id holds one of `hints` (lowercase),
/// in any case; without building a string, as it is asked of every element
/// of every candidate post.
fn has_hint(doc: &Html, id: NodeId, hints: &[&str]) -> bool {
    [dom::attr(doc, id, "class"), dom::attr(doc, id, "id")]
        .into_iter()
        .flatten()
        .any(|v| hints.iter().any(|h| contains_ignore_ascii_case(v, h)))
}

fn contains_ignore_ascii_case(hay: &str, needle: &str) -> bool {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    needle.is_empty()
        || hay
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

/// The element naming the post's author: schema.org `author`, else
/// `rel=author`, else an author class (in that order of trust: Stack
/// Exchange's first `user-info` is the editor's).
fn author_element(doc: &Html, post: NodeId) -> Option<NodeId> {
    let has = |d: NodeId, name: &str, word: &str| {
        dom::attr(doc, d, name).is_some_and(|v| v.split_whitespace().any(|w| w == word))
    };
    let mut by_rel = None;
    let mut by_hint = None;
    for d in elements_below(doc, post) {
        if has(d, "itemprop", "author") {
            return Some(d);
        }
        if by_rel.is_none() && has(d, "rel", "author") {
            by_rel = Some(d);
        }
        if by_hint.is_none()
            && has_hint(doc, d, AUTHOR_HINTS)
            && dom::text_len(doc, d) > 0
            && !dom::text_len_at_least(doc, d, META_MAX_CHARS * 4)
        {
            by_hint = Some(d);
        }
    }
    by_rel.or(by_hint)
}

/// The element giving the post's time: a `time`, a schema.org date, or a
/// short element with a date class; the one nearest the author first (a
/// post's "edited" time comes before its "answered" one on Stack Exchange).
fn time_element(doc: &Html, post: NodeId) -> Option<NodeId> {
    if let Some(author) = author_element(doc, post) {
        let mut cur = dom::parent(doc, author);
        for _ in 0..TIME_NEAR_AUTHOR_LEVELS {
            let Some(up) = cur else { break };
            if !is_within(doc, up, post) || up == post {
                break;
            }
            if let Some(t) = time_within(doc, up) {
                return Some(t);
            }
            cur = dom::parent(doc, up);
        }
    }
    time_within(doc, post)
}

/// Levels above the author element searched for the post's time first.
const TIME_NEAR_AUTHOR_LEVELS: usize = 3;

fn time_within(doc: &Html, root: NodeId) -> Option<NodeId> {
    let mut by_hint = None;
    for d in elements_below(doc, root) {
        if dom::is(doc, d, "time") {
            return Some(d);
        }
        if by_hint.is_none()
            && (dom::attr(doc, d, "itemprop")
                .is_some_and(|p| p == "datePublished" || p == "dateCreated")
                || has_hint(doc, d, TIME_HINTS))
            && dom::text_len(doc, d) > 0
            && !dom::text_len_at_least(doc, d, META_MAX_CHARS)
        {
            by_hint = Some(d);
        }
    }
    by_hint
}

fn author_of(doc: &Html, post: NodeId) -> Option<String> {
    if let Some(a) = dom::attr(doc, post, "data-author") {
        let a = dom::normalize_spaces(a);
        if !a.is_empty() && a.chars().count() <= META_MAX_CHARS {
            return Some(a);
        }
    }
    let el = author_element(doc, post)?;
    // The name itself, not the badges and counts beside it.
    let name = dom::descendant_elements(doc, el)
        .into_iter()
        .find(|d| dom::attr(doc, *d, "itemprop") == Some("name") && dom::text_len(doc, *d) > 0)
        .or_else(|| dom::iter_named(doc, el, &["a"]).find(|a| dom::text_len(doc, *a) > 0))
        .unwrap_or(el);
    let text = dom::inner_text(doc, name);
    (!text.is_empty() && text.chars().count() <= META_MAX_CHARS).then_some(text)
}

fn time_of(doc: &Html, post: NodeId) -> Option<(String, Option<String>)> {
    let el = time_element(doc, post)?;
    let datetime = dom::attr(doc, el, "datetime").map(str::to_string);
    let text = dom::inner_text(doc, el);
    let text = if text.is_empty() {
        datetime.clone()?
    } else {
        text
    };
    (text.chars().count() <= META_MAX_CHARS).then_some((text, datetime))
}

/// The element holding the message: schema.org `text`, else the outermost
/// body class, else the post itself.
fn body_of(doc: &Html, post: NodeId) -> NodeId {
    let all = dom::descendant_elements(doc, post);
    all.iter()
        .copied()
        .find(|d| dom::attr(doc, *d, "itemprop") == Some("text"))
        .or_else(|| {
            all.iter().copied().find(|d| {
                dom::attr(doc, *d, "class").is_some_and(|c| {
                    c.split_whitespace()
                        .any(|t| BODY_CLASSES.iter().any(|b| t.eq_ignore_ascii_case(b)))
                })
            })
        })
        .unwrap_or(post)
}

/// Whether the thread should replace the scored article: it was not found,
/// or most of its text lies within the thread's posts (one post, or the
/// list of them). `scored` is the tree the article was found in and its
/// root; selection moved blocks out of their places there, so where a text
/// stood is read in `doc`, the tree the thread was detected in, whose node
/// ids the scored tree shares.
pub fn replaces(doc: &Html, thread: &Thread, scored: Option<(&Html, NodeId)>) -> bool {
    let Some((work, root)) = scored else {
        return true;
    };
    let Some(top) = work.tree.get(root) else {
        return true;
    };
    let posts: Vec<NodeId> = thread.posts.iter().map(|p| p.root).collect();
    let mut inside = 0usize;
    let mut outside = 0usize;
    for n in top.descendants() {
        let Some(t) = n.value().as_text() else {
            continue;
        };
        let len = t.trim().chars().count();
        if len == 0 {
            continue;
        }
        // A text node the engine made has no place in `doc`: not counted.
        let Some(orig) = doc.tree.get(n.id()).filter(|o| o.value().is_text()) else {
            continue;
        };
        if orig.ancestors().any(|a| posts.contains(&a.id())) {
            inside += len;
        } else {
            outside += len;
        }
    }
    inside > 0 && (outside as f64) <= MAX_TEXT_OUTSIDE_THREAD * (inside + outside) as f64
}

/// Builds the thread's article in `doc` (the tree it was detected in): a
/// `section` per post holding a header line ("author · time") and the
/// cleaned message.
pub fn build(
    doc: &mut Html,
    thread: &Thread,
    title: Option<&str>,
    flags: score::Flags<'_>,
    options: &Options,
) -> Option<Found> {
    let body = super::body_of(doc)?;
    let article = dom::create_element(doc, "div");
    dom::append(doc, body, article);
    let mut sections = Vec::new();
    for post in &thread.posts {
        // Header lines inside the message are replaced by the header built
        // here: the shortest block around the author or time element.
        for meta in [author_element(doc, post.root), time_element(doc, post.root)]
            .into_iter()
            .flatten()
        {
            if is_within(doc, meta, post.body) && meta != post.body {
                let line = meta_line(doc, meta, post.body);
                dom::remove(doc, line);
            }
        }
        for id in dom::descendant_elements(doc, post.body) {
            if is_post_chrome(doc, id) || is_subject_line(doc, id, title) {
                dom::remove(doc, id);
            }
        }
        let section = dom::create_element(doc, "section");
        dom::append(doc, article, section);
        dom::append(doc, section, post.body);
        sections.push(section);
    }
    clean::clean_article(doc, article, flags, options);
    for (post, section) in thread.posts.iter().zip(&sections) {
        if dom::text_len(doc, *section) == 0 {
            dom::remove(doc, *section);
            continue;
        }
        if let Some(header) = header(doc, post) {
            match dom::children(doc, *section).first() {
                Some(first) => dom::insert_before(doc, *first, header),
                None => dom::append(doc, *section, header),
            }
        }
    }
    clean::simplify(doc, article);
    let not_text = clean::not_running_text(doc, article);
    clean::strip_classes(doc, article, options);
    (dom::text_len(doc, article) > 0).then_some(Found {
        root: article,
        byline: None,
        dir: None,
        not_text,
    })
}

/// Class tokens (whole, lowercased) of what a post carries besides its
/// message: signatures, the author's profile card, buttons, reactions and
/// vote counts (phpBB, XenForo, vBulletin, Invision, Stack Exchange).
const POST_CHROME_CLASSES: &[&str] = &[
    "signature",
    "message-signature",
    "post-signature",
    "postprofile",
    "post-buttons",
    "message-actionbar",
    "reactions",
    "reactionsbar",
    "post-likes",
    "js-voting-container",
    "votecell",
];

/// Longest element removed as post chrome: more is the message.
const POST_CHROME_MAX_CHARS: usize = 300;

fn is_post_chrome(doc: &Html, id: NodeId) -> bool {
    dom::attr(doc, id, "class").is_some_and(|c| {
        c.split_whitespace().any(|t| {
            POST_CHROME_CLASSES
                .iter()
                .any(|b| t.eq_ignore_ascii_case(b))
        })
    }) && !dom::text_len_at_least(doc, id, POST_CHROME_MAX_CHARS)
}

/// A reply's subject heading: the thread's title (the start of the page
/// title), with or without "Re:".
fn is_subject_line(doc: &Html, id: NodeId, title: Option<&str>) -> bool {
    let Some(title) = title else {
        return false;
    };
    if !matches!(dom::tag(doc, id), Some("h2" | "h3" | "h4" | "h5" | "h6")) {
        return false;
    }
    let text = dom::inner_text(doc, id);
    let subject = text
        .strip_prefix("Re:")
        .or_else(|| text.strip_prefix("RE:"))
        .unwrap_or(&text)
        .trim();
    // The page title may carry the site's name after the subject.
    let title = title.trim().to_lowercase();
    subject.chars().count() >= MIN_SUBJECT_CHARS && title.starts_with(&subject.to_lowercase())
}

/// Shortest subject compared with the title: a word or two could open
/// any title.
const MIN_SUBJECT_CHARS: usize = 10;

/// The largest block around `meta` (inside `within`) that is still a short
/// line: phpBB's "by name » date" paragraph, not just the name.
fn meta_line(doc: &Html, meta: NodeId, within: NodeId) -> NodeId {
    let mut line = meta;
    while let Some(p) = dom::parent(doc, line) {
        if p == within || dom::text_len_at_least(doc, p, META_MAX_CHARS * 2) {
            break;
        }
        line = p;
    }
    line
}

/// `<p><strong>author</strong> · <time>time</time></p>`.
fn header(doc: &mut Html, post: &Post) -> Option<NodeId> {
    if post.author.is_none() && post.time.is_none() {
        return None;
    }
    let p = dom::create_element(doc, "p");
    if let Some(author) = &post.author {
        let strong = dom::create_element(doc, "strong");
        dom::append_text(doc, strong, author);
        dom::append(doc, p, strong);
    }
    if let Some((text, datetime)) = &post.time {
        if post.author.is_some() {
            dom::append_text(doc, p, " · ");
        }
        let time = dom::create_element(doc, "time");
        if let Some(dt) = datetime {
            dom::set_attr(doc, time, "datetime", dt);
        }
        dom::append_text(doc, time, text);
        dom::append(doc, p, time);
    }
    Some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_hint_holds_a_part() {
        for h in AUTHOR_HINTS.iter().chain(TIME_HINTS) {
            assert!(HINT_PARTS.iter().any(|p| h.contains(p)), "{h}");
        }
    }
}
