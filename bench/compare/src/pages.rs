//! Reading a corpus page as the CLI does (gunzipped when `.gz`), shared by
//! the benchmark binaries.

use std::io::Read;
use std::path::Path;

pub fn read_page(path: &Path) -> std::io::Result<Vec<u8>> {
    let raw = std::fs::read(path)?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&raw[..]).read_to_end(&mut out)?;
        Ok(out)
    } else {
        Ok(raw)
    }
}
