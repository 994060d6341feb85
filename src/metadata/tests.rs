//! Unit tests of the metadata reader, and a corpus report.

use super::*;

fn meta(html: &str) -> Metadata {
    read(&Html::parse_document(html), None)
}

/// Per-field agreement with the Readability test corpus, printed; run with
/// `cargo test --lib metadata -- --ignored --nocapture`.
#[test]
#[ignore]
fn corpus_report() {
    use std::path::Path;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/readability-test-pages");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("corpus not found at {}", dir.display());
        return;
    };
    let mut cases: Vec<_> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("source.html").exists())
        .collect();
    cases.sort();
    let fields = [
        "title",
        "byline",
        "excerpt",
        "siteName",
        "publishedTime",
        "lang",
    ];
    let mut hits = [0usize; 6];
    let mut misses: Vec<String> = Vec::new();
    let base = Url::parse("http://fakehost/test/page.html").ok();
    for case in &cases {
        let src = std::fs::read_to_string(case.join("source.html")).unwrap_or_default();
        let expected: serde_json::Value =
            std::fs::read_to_string(case.join("expected-metadata.json"))
                .ok()
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default();
        let got = read(&Html::parse_document(&src), base.as_ref());
        let ours = [
            &got.title,
            &got.byline,
            &got.excerpt,
            &got.site_name,
            &got.published_time,
            &got.lang,
        ];
        for (i, f) in fields.iter().enumerate() {
            let want = expected
                .get(*f)
                .and_then(|v| v.as_str())
                .filter(|s| !s.is_empty());
            if want == ours[i].as_deref() {
                hits[i] += 1;
            } else {
                let name = case
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                misses.push(format!(
                    "{f:14} {name:40} want {want:?}\n{:56}got  {:?}",
                    "", ours[i]
                ));
            }
        }
    }
    for m in &misses {
        println!("{m}");
    }
    for (i, f) in fields.iter().enumerate() {
        println!(
            "{f:14} {}/{} = {:.3}",
            hits[i],
            cases.len(),
            hits[i] as f64 / cases.len() as f64
        );
    }
}

/// The project's own fixture must come out exactly.
#[test]
fn infinite_edge_fixture() {
    use std::path::Path;
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures/infinite-edge-capital");
    let Ok(src) = std::fs::read_to_string(dir.join("source.html")) else {
        return;
    };
    let got = meta(&src);
    assert_eq!(
        got.title.as_deref(),
        Some("Washington and Baghdad plan to hold talks soon to end presence of US-led coalition in Iraq")
    );
    assert_eq!(got.site_name.as_deref(), Some("Infinite Edge Capital"));
    assert_eq!(got.published_time.as_deref(), Some("2025-04-28T11:45:07"));
    assert_eq!(got.byline, None);
    assert_eq!(got.lang, None);
}

#[test]
fn meta_precedence_follows_reader_view() {
    let m = meta(
        r#"<html><head><title>Title Element</title>
        <meta name="title" content="Meta name title">
        <meta name="twitter:title" content="Twitter name title">
        <meta property="og:title" content="Open Graph property title">
        <meta name="DC.title" content="Dublin Core name title">
        <meta name="author" content="Meta name author">
        <meta name="description" content="Meta name description">
        <meta property="og:description" content="OG description">
        <meta property="og:site_name" content="The Site">
        <meta property="article:published_time" content="2020-01-02T03:04:05Z">
        </head><body><h1>Heading</h1></body></html>"#,
    );
    assert_eq!(m.title.as_deref(), Some("Dublin Core name title"));
    assert_eq!(m.byline.as_deref(), Some("Meta name author"));
    assert_eq!(m.excerpt.as_deref(), Some("OG description"));
    assert_eq!(m.site_name.as_deref(), Some("The Site"));
    assert_eq!(m.published_time.as_deref(), Some("2020-01-02T03:04:05Z"));
}

#[test]
fn space_separated_properties_use_first_known_entry() {
    let m = meta(
        r#"<html><head><title>Title Element</title>
        <meta property="x:title dc:title" content="Preferred title">
        <meta property="og:title twitter:title" content="A title">
        <meta property="dc:creator twitter:site_name" content="Creator Name">
        <meta name="author" content="FAIL">
        <meta property="dc:description og:description" content="Preferred description">
        <meta name="description" content="FAIL">
        </head><body></body></html>"#,
    );
    assert_eq!(m.title.as_deref(), Some("Preferred title"));
    assert_eq!(m.byline.as_deref(), Some("Creator Name"));
    assert_eq!(m.excerpt.as_deref(), Some("Preferred description"));
    assert_eq!(m.site_name, None);
}

#[test]
fn article_author_only_when_not_a_url() {
    let m = meta(
        r#"<head><meta property="article:author" content="https://facebook.com/someone"></head>"#,
    );
    assert_eq!(m.byline, None);
    let m = meta(r#"<head><meta property="article:author" content="Jane Doe"></head>"#);
    assert_eq!(m.byline.as_deref(), Some("Jane Doe"));
    let m = meta(
        r#"<head><meta name="parsely-author" content="Jane Doe"><meta name="parsely-pub-date" content="2024-04-20T04:20:00.000Z"><meta name="parsely-title" content="P"></head>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Jane Doe"));
    assert_eq!(
        m.published_time.as_deref(),
        Some("2024-04-20T04:20:00.000Z")
    );
    assert_eq!(m.title.as_deref(), Some("P"));
}

#[test]
fn json_ld_wins_over_meta() {
    let m = meta(
        r#"<html><head><title>Headline here | Site</title>
        <meta property="og:title" content="OG title">
        <meta name="author" content="Meta author">
        <meta property="og:site_name" content="OG site">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
          "headline":"LD headline","author":[{"name":"A"},{"name":"B"}],
          "publisher":{"name":"LD site"},"datePublished":"2021-05-06","description":"LD desc"}</script>
        </head><body></body></html>"#,
    );
    assert_eq!(m.title.as_deref(), Some("LD headline"));
    assert_eq!(m.byline.as_deref(), Some("A, B"));
    assert_eq!(m.site_name.as_deref(), Some("LD site"));
    assert_eq!(m.published_time.as_deref(), Some("2021-05-06"));
    assert_eq!(m.excerpt.as_deref(), Some("LD desc"));
}

#[test]
fn document_title_is_cleaned_only_without_metadata_title() {
    let m = meta("<title>Rain returns to the valley at last | Daily Planet</title>");
    assert_eq!(
        m.title.as_deref(),
        Some("Rain returns to the valley at last")
    );
    let m = meta(r#"<title>X | Y</title><meta property="og:title" content="Story - Site Name">"#);
    assert_eq!(m.title.as_deref(), Some("Story - Site Name"));
}

#[test]
fn glued_site_suffix_gives_heading_and_site_name() {
    let m = meta(
        "<title>Rain returns to the valley at last -Daily Planet</title>\
         <body><h1>Rain returns to the valley at last</h1></body>",
    );
    assert_eq!(
        m.title.as_deref(),
        Some("Rain returns to the valley at last")
    );
    assert_eq!(m.site_name.as_deref(), Some("Daily Planet"));
    // og:site_name, when present, still names the site.
    let m = meta(
        "<title>Rain returns to the valley at last -Daily Planet</title>\
         <meta property=\"og:site_name\" content=\"The Planet\">\
         <body><h1>Rain returns to the valley at last</h1></body>",
    );
    assert_eq!(m.site_name.as_deref(), Some("The Planet"));
}

#[test]
fn entities_escaped_twice_are_decoded() {
    let m = meta(
        r#"<head><meta property="og:description" content="&amp;#x1F62D; Tom &amp;amp; Jerry &amp;quot;x&amp;quot;"></head>"#,
    );
    assert_eq!(m.excerpt.as_deref(), Some("😭 Tom & Jerry \"x\""));
}

#[test]
fn values_are_trimmed_and_empty_ones_dropped() {
    let m = meta(
        r#"<head><meta name="author" content="   "><meta name="description" content=" a  b "></head>"#,
    );
    assert_eq!(m.byline, None);
    assert_eq!(m.excerpt.as_deref(), Some("a  b"));
    let m = meta("<html><body>no title</body></html>");
    assert_eq!(m.title, None);
}

#[test]
fn lang_from_html_element() {
    assert_eq!(
        meta(r#"<html lang=" en-US "><body></body></html>"#)
            .lang
            .as_deref(),
        Some("en-US")
    );
    assert_eq!(
        meta(r#"<html xml:lang="fr"><body></body></html>"#)
            .lang
            .as_deref(),
        Some("fr")
    );
    assert_eq!(
        meta(r#"<html><head><meta http-equiv="content-language" content="de"></head></html>"#).lang,
        None
    );
}

#[test]
fn lead_image_resolved_against_base() {
    let base = Url::parse("https://example.com/news/story.html").ok();
    let doc = Html::parse_document(
        r#"<head><meta property="og:image" content="/img/a.jpg?x=1&amp;amp;y=2"></head>"#,
    );
    assert_eq!(
        read(&doc, base.as_ref()).lead_image_url.as_deref(),
        Some("https://example.com/img/a.jpg?x=1&y=2")
    );
    let doc = Html::parse_document(
        r#"<head><script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","image":["i.png"]}</script></head>"#,
    );
    assert_eq!(
        read(&doc, base.as_ref()).lead_image_url.as_deref(),
        Some("https://example.com/news/i.png")
    );
    let doc = Html::parse_document(
        r#"<head><meta name="twitter:image" content="data:image/png;base64,AAAA"></head>"#,
    );
    assert_eq!(read(&doc, base.as_ref()).lead_image_url, None);
    let doc = Html::parse_document(r#"<head><link rel="image_src" href="pic.jpg"></head>"#);
    assert_eq!(read(&doc, None).lead_image_url.as_deref(), Some("pic.jpg"));
}

#[test]
fn visible_date_only_without_metadata_date() {
    let body = r#"<body><h1>Story title here</h1><div class="meta"><span class="date">2024-03-02 10:11</span></div><p>Text</p></body>"#;
    assert_eq!(
        meta(body).published_time.as_deref(),
        Some("2024-03-02T10:11")
    );
    let with_meta = format!(
        r#"<head><meta property="article:published_time" content="2024-03-01"></head>{body}"#
    );
    assert_eq!(
        meta(&with_meta).published_time.as_deref(),
        Some("2024-03-01")
    );
}

#[test]
fn odd_input_does_not_panic() {
    for html in [
        "",
        "<title>\u{a0}|\u{a0}</title>",
        "<title> - - - </title><h1></h1>",
        "<title>a: b: c:</title>",
        "<title>é – è — ü » ß</title>",
        r#"<meta property="og:title" content="&#;&#x;&#xZZ;&amp;&">"#,
        r#"<script type="application/ld+json">[1, null, "x", {"@type": 5}]</script>"#,
        r#"<script type="application/ld+json">{"@context": null, "@graph": [null, 1]}</script>"#,
        r#"<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article","author":[null,{"name":5}],"publisher":[],"image":{}}</script>"#,
    ] {
        let _ = meta(html);
    }
    let deep = "[".repeat(10_000);
    let _ = meta(&format!(
        r#"<script type="application/ld+json">{deep}</script>"#
    ));
}

/// Prints what is read from the article benchmark's pages (no expectations
/// there for metadata: a smoke test for panics and odd values); run with
/// `cargo test --lib metadata::tests::benchmark_smoke -- --ignored --nocapture`.
#[test]
#[ignore]
fn benchmark_smoke() {
    use std::io::Read;
    use std::path::Path;
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/article-benchmark-dev/html");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("benchmark not found at {}", dir.display());
        return;
    };
    let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    for path in files {
        let Ok(file) = std::fs::File::open(&path) else {
            continue;
        };
        let mut bytes = Vec::new();
        if flate2::read::GzDecoder::new(file)
            .read_to_end(&mut bytes)
            .is_err()
        {
            continue;
        }
        let html = crate::decode_html(&bytes, None);
        let m = meta(&html);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!(
            "{name}\n  title {:?}\n  byline {:?} | site {:?} | time {:?} | lang {:?}\n  image {:?}",
            m.title, m.byline, m.site_name, m.published_time, m.lang, m.lead_image_url
        );
    }
}
