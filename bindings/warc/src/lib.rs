//! The HTML pages of a WARC file (WARC/1.0 or 1.1, plain or gzip per record
//! as Common Crawl ships them), one [`Item`] per record, for the front doors
//! that extract them (the CLI's `--warc`, the Python package's
//! `extract_warc`). Knows nothing of extraction: it hands out payload bytes
//! and their HTTP `Content-Type`; the caller decodes and extracts.
//!
//! The record parser is the `warc` crate's. Gzip members are decoded here,
//! one at a time: a record that fails to parse costs only its own member,
//! and the next member starts clean. A truncated or corrupt record becomes
//! an [`Item::Bad`]; only data that cannot be read past (corrupt or cut
//! compressed data, a failing read) ends the iteration, after its `Bad`.
#![forbid(unsafe_code)]

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use flate2::bufread::{GzDecoder, ZlibDecoder};
use lectern::{Article, ErrorKind, Options};
use serde::Serialize;
use warc::{RawRecordHeader, WarcHeader, WarcReader};

/// One record's result, in the shape of a `--warc` line and of an
/// `extract_warc` item: `id`, `url`, then the article's keys or
/// `error`/`errorKind`. Both front doors serialize this one type, so their
/// records cannot drift apart.
#[derive(Debug, Serialize)]
pub struct Output {
    /// `WARC-Record-ID`.
    pub id: Option<String>,
    /// `WARC-Target-URI`.
    pub url: Option<String>,
    /// The article or the error.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// An article, or why a record gave none.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum Outcome {
    /// The extracted article (boxed: an article is large beside an error).
    Article(Box<Article>),
    /// The error, with its kind's stable name.
    Error {
        /// The message.
        error: String,
        /// [`ErrorKind::name`].
        #[serde(rename = "errorKind")]
        error_kind: &'static str,
    },
}

impl Output {
    /// Whether the record gave an error.
    pub fn failed(&self) -> bool {
        matches!(self.outcome, Outcome::Error { .. })
    }
}

/// Extracts a record's article: its payload is decoded by its HTTP
/// `Content-Type` (else `content_type`) and the page itself, and its
/// `WARC-Target-URI` is the page URL. `None` for a skipped record.
pub fn extract(item: &Item, options: &Options, content_type: Option<&str>) -> Option<Output> {
    let error = |kind: ErrorKind, error: String| Outcome::Error {
        error,
        error_kind: kind.name(),
    };
    Some(match item {
        Item::Skipped => return None,
        Item::Bad { id, url, message } => Output {
            id: id.clone(),
            url: url.clone(),
            outcome: error(ErrorKind::InvalidRecord, message.clone()),
        },
        Item::Html(page) => {
            let html =
                lectern::decode_html(&page.body, page.content_type.as_deref().or(content_type));
            let mut options = options.clone();
            if let Some(u) = &page.url {
                options.url = Some(u.clone());
            }
            Output {
                id: page.id.clone(),
                url: page.url.clone(),
                outcome: match lectern::extract(&html, &options) {
                    Ok(article) => Outcome::Article(Box::new(article)),
                    Err(e) => error(e.kind(), e.to_string()),
                },
            }
        }
    })
}

/// One HTML response record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// `WARC-Record-ID`, as written (`<urn:uuid:...>`).
    pub id: Option<String>,
    /// `WARC-Target-URI`, without the angle brackets some WARC/1.0 writers add.
    pub url: Option<String>,
    /// The HTTP `Content-Type` header, the decoder's charset hint.
    pub content_type: Option<String>,
    /// The HTTP payload, de-chunked and decompressed.
    pub body: Vec<u8>,
}

/// What one WARC record gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// An HTML response.
    Html(Page),
    /// Any other record: request, metadata, warcinfo, revisit, or a response
    /// that is not HTML (an image, a PDF, a redirect without a page, ...).
    Skipped,
    /// A record that could not be read; `id`/`url` when its header was.
    Bad {
        /// `WARC-Record-ID`, when known.
        id: Option<String>,
        /// `WARC-Target-URI`, when known.
        url: Option<String>,
        /// What was wrong, in words.
        message: String,
    },
}

/// Read buffer for the file: WARC files are large and read front to back.
const BUF: usize = 1 << 20;

/// Where the WARC bytes come from: a file, or bytes already in memory.
type Input = Box<dyn BufRead + Send + Sync>;

enum State {
    /// An uncompressed WARC file (after a bad record, the line where the
    /// next record starts, chained before the rest of the file).
    Plain(Input),
    /// A gzip file, between two members.
    Between(Input),
    /// A gzip file, inside a member.
    Member(BufReader<GzDecoder<Input>>),
    Done,
}

/// What went wrong while reading a record.
enum Fault {
    /// This record is lost; the stream goes on.
    Record(String),
    /// Nothing after this point can be read.
    Fatal(String),
}

/// The records of one WARC file, in file order.
pub struct Records {
    state: State,
}

impl Records {
    /// Opens a WARC file; gzip is recognized by its magic bytes, whatever the
    /// file is called.
    pub fn open(path: &Path) -> io::Result<Records> {
        Records::from_reader(Box::new(BufReader::with_capacity(BUF, File::open(path)?)))
    }

    /// The records of a WARC file already in memory (Spark's `binaryFile`).
    pub fn from_bytes(bytes: Vec<u8>) -> Records {
        // Reading a Cursor cannot fail.
        Records::from_reader(Box::new(io::Cursor::new(bytes)))
            .unwrap_or(Records { state: State::Done })
    }

    fn from_reader(mut input: Input) -> io::Result<Records> {
        let gzip = input.fill_buf()?.starts_with(&[0x1f, 0x8b]);
        let state = if gzip {
            State::Between(input)
        } else {
            State::Plain(input)
        };
        Ok(Records { state })
    }

    fn next_raw(&mut self) -> Option<Result<(RawRecordHeader, Vec<u8>), Fault>> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Plain(mut file) => {
                    // The `warc` iterator keeps no state but its reader, so
                    // one made per record reads exactly as a kept one would.
                    let next = WarcReader::new(&mut file).iter_raw_records().next()?;
                    return Some(match next {
                        Ok(r) => {
                            self.state = State::Plain(file);
                            Ok(r)
                        }
                        Err(warc::Error::ReadData(e)) => {
                            Err(Fault::Fatal(format!("cannot read the WARC file: {e}")))
                        }
                        Err(warc::Error::UnexpectedEOB) => Err(Fault::Fatal(
                            "the record is truncated: the file ends inside it".to_string(),
                        )),
                        Err(e) => match resync(file) {
                            Ok(file) => {
                                self.state = State::Plain(file);
                                Err(Fault::Record(record_error(&e)))
                            }
                            Err(io) => Err(Fault::Fatal(format!(
                                "{}; then cannot read the WARC file: {io}",
                                record_error(&e)
                            ))),
                        },
                    });
                }
                State::Between(mut file) => match file.fill_buf() {
                    Ok([]) => return None,
                    Ok(_) => self.state = State::Member(BufReader::new(GzDecoder::new(file))),
                    Err(e) => {
                        return Some(Err(Fault::Fatal(format!("cannot read the WARC file: {e}"))))
                    }
                },
                State::Member(mut member) => {
                    let next = WarcReader::new(&mut member).iter_raw_records().next();
                    match next {
                        // The member is over: the file goes on after it.
                        None => self.state = State::Between(member.into_inner().into_inner()),
                        Some(Ok(r)) => {
                            self.state = State::Member(member);
                            return Some(Ok(r));
                        }
                        Some(Err(warc::Error::ReadData(e))) => {
                            return Some(Err(Fault::Fatal(format!(
                                "the gzip data is truncated or corrupt: {e}"
                            ))))
                        }
                        Some(Err(e)) => {
                            // Skip what is left of this member; the next
                            // member holds the next record.
                            return Some(match io::copy(&mut member, &mut io::sink()) {
                                Ok(_) => {
                                    self.state = State::Between(member.into_inner().into_inner());
                                    Err(Fault::Record(record_error(&e)))
                                }
                                Err(io) => Err(Fault::Fatal(format!(
                                    "{}; the gzip data after it is corrupt: {io}",
                                    record_error(&e)
                                ))),
                            });
                        }
                    }
                }
            }
        }
    }
}

/// After a bad record in an uncompressed file: skips to the next line that
/// starts a record (`WARC/1.x`), so that one bad record (a wrong
/// Content-Length, a garbled header) does not end the run. What the bad
/// record's read consumed is lost with it.
fn resync(mut file: Input) -> io::Result<Input> {
    let mut line = Vec::new();
    loop {
        line.clear();
        if file.read_until(b'\n', &mut line)? == 0 {
            return Ok(file);
        }
        if line.starts_with(b"WARC/1.") {
            return Ok(Box::new(io::Cursor::new(line).chain(file)));
        }
    }
}

fn record_error(e: &warc::Error) -> String {
    match e {
        warc::Error::UnexpectedEOB => {
            "the record is truncated: shorter than its Content-Length".to_string()
        }
        warc::Error::ReadOverflow => {
            "the record is longer than its Content-Length, or its end is missing".to_string()
        }
        warc::Error::ParseHeaders(_) => "the WARC record header is invalid".to_string(),
        other => format!("invalid WARC record: {other}"),
    }
}

impl Iterator for Records {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        let (header, block) = match self.next_raw()? {
            Ok(r) => r,
            Err(Fault::Record(message) | Fault::Fatal(message)) => {
                return Some(Item::Bad {
                    id: None,
                    url: None,
                    message,
                })
            }
        };
        let id = header_value(&header, WarcHeader::RecordID);
        let url = header_value(&header, WarcHeader::TargetURI).map(|u| {
            u.strip_prefix('<')
                .and_then(|u| u.strip_suffix('>'))
                .map_or(u.clone(), str::to_string)
        });
        let kind = header_value(&header, WarcHeader::WarcType);
        if !kind.is_some_and(|k| k.eq_ignore_ascii_case("response")) {
            return Some(Item::Skipped);
        }
        Some(match http_payload(&block) {
            Ok(Some((content_type, body))) => Item::Html(Page {
                id,
                url,
                content_type,
                body,
            }),
            Ok(None) => Item::Skipped,
            Err(message) => Item::Bad { id, url, message },
        })
    }
}

fn header_value(header: &RawRecordHeader, name: WarcHeader) -> Option<String> {
    header
        .headers
        .get(&name)
        .map(|v| String::from_utf8_lossy(v).trim().to_string())
}

/// The HTML payload of an HTTP response block and its `Content-Type`, or
/// `None` when the response is not HTML.
/// A payload and its HTTP `Content-Type`.
type Payload = (Option<String>, Vec<u8>);

fn http_payload(block: &[u8]) -> Result<Option<Payload>, String> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let head = match response.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return Err("the HTTP response head is truncated".to_string())
        }
        Err(e) => return Err(format!("the HTTP response head is invalid: {e}")),
    };
    let get = |name: &str| {
        response
            .headers
            .iter()
            .find(|h| h.name.eq_ignore_ascii_case(name))
            .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
    };
    let content_type = get("content-type").filter(|c| !c.is_empty());
    if content_type.as_deref().is_some_and(|c| !is_html_type(c)) {
        return Ok(None);
    }
    let mut body = &block[head..];
    let dechunked;
    if get("transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        dechunked = dechunk(body)?;
        body = &dechunked;
    }
    let body = match get("content-encoding")
        .map(|e| e.to_ascii_lowercase())
        .as_deref()
    {
        None | Some("" | "identity") => body.to_vec(),
        Some("gzip" | "x-gzip") => inflate(GzDecoder::new(body))?,
        Some("deflate") => inflate(ZlibDecoder::new(body))?,
        Some(other) => return Err(format!("unsupported Content-Encoding: {other}")),
    };
    // No Content-Type: HTML only if it looks like HTML.
    if content_type.is_none() && !looks_like_html(&body) {
        return Ok(None);
    }
    Ok(Some((content_type, body)))
}

fn is_html_type(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    mime.eq_ignore_ascii_case("text/html") || mime.eq_ignore_ascii_case("application/xhtml+xml")
}

fn looks_like_html(body: &[u8]) -> bool {
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head: Vec<u8> = body[start..]
        .iter()
        .take(14)
        .map(u8::to_ascii_lowercase)
        .collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html")
}

fn inflate(mut decoder: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    decoder
        .read_to_end(&mut out)
        .map_err(|e| format!("the compressed payload is corrupt: {e}"))?;
    Ok(out)
}

fn dechunk(mut rest: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(rest.len());
    loop {
        match httparse::parse_chunk_size(rest) {
            Ok(httparse::Status::Complete((n, size))) => {
                rest = &rest[n..];
                if size == 0 {
                    return Ok(out);
                }
                let size = usize::try_from(size)
                    .ok()
                    .filter(|&s| s <= rest.len())
                    .ok_or("the chunked payload is truncated")?;
                out.extend_from_slice(&rest[..size]);
                rest = &rest[size..];
                rest = rest.strip_prefix(b"\r\n").unwrap_or(rest);
            }
            Ok(httparse::Status::Partial) => {
                return Err("the chunked payload is truncated".to_string())
            }
            Err(_) => return Err("the chunked payload is invalid".to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_told_from_other_payloads() {
        let page = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>hi</p>";
        let (ct, body) = http_payload(page).unwrap().unwrap();
        assert_eq!(ct.as_deref(), Some("text/html; charset=utf-8"));
        assert_eq!(body, b"<p>hi</p>");
        let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert_eq!(http_payload(image).unwrap(), None);
        let untyped = b"HTTP/1.1 200 OK\r\n\r\n  <!DOCTYPE html><p>x</p>";
        assert!(http_payload(untyped).unwrap().is_some());
        let untyped_text = b"HTTP/1.1 200 OK\r\n\r\nplain words";
        assert_eq!(http_payload(untyped_text).unwrap(), None);
        assert!(http_payload(b"HTTP/1.1 200 OK\r\nContent-Ty").is_err());
    }

    #[test]
    fn chunked_and_gzip_payloads_are_undone() {
        let chunked =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>a\r\n5\r\nb</p>\r\n0\r\n\r\n";
        assert_eq!(http_payload(chunked).unwrap().unwrap().1, b"<p>ab</p>");
        let cut = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\nff\r\n<p>a";
        assert!(http_payload(cut).is_err());
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        io::Write::write_all(&mut gz, b"<p>zipped</p>").unwrap();
        let mut block =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        block.extend(gz.finish().unwrap());
        assert_eq!(http_payload(&block).unwrap().unwrap().1, b"<p>zipped</p>");
    }
}
