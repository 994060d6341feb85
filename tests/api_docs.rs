//! The documented lists match the code: the README's table of error kinds,
//! the npm package's `ErrorKind` type in `index.d.ts` and the npm README's
//! list of error kinds each name exactly the kinds of `ErrorKind::ALL`, in
//! its order, so the front doors' documentation cannot drift from the one
//! list (a kind missing, or one that no longer exists).

use lectern::ErrorKind;

fn read(path: &str) -> String {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn all_kinds() -> Vec<String> {
    ErrorKind::ALL
        .iter()
        .map(|k| k.name().to_string())
        .collect()
}

/// The text from the line that starts with `start` up to the first line
/// (after it) that `end` accepts.
fn section<'a>(text: &'a str, start: &str, end: impl Fn(&str) -> bool, what: &str) -> Vec<&'a str> {
    let mut lines = text.lines().skip_while(|l| !l.starts_with(start));
    let first = lines
        .next()
        .unwrap_or_else(|| panic!("{what}: no line starting {start:?}"));
    std::iter::once(first)
        .chain(lines.take_while(|l| !end(l)))
        .collect()
}

/// The `` `Name` `` spans of `text` that look like a kind (start upper-case).
fn backticked_kinds(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|s| s.chars().next().is_some_and(|c| c.is_ascii_uppercase()))
        .filter(|s| s.chars().all(|c| c.is_ascii_alphanumeric()))
        .map(str::to_string)
        .collect()
}

#[test]
fn readme_table_lists_every_error_kind() {
    let readme = read("README.md");
    let table = section(
        &readme,
        "| kind | when |",
        |l| !l.starts_with('|'),
        "README.md",
    );
    let kinds: Vec<String> = table
        .iter()
        .skip(2) // header and |---|
        .map(|row| {
            let cell = row.split('|').nth(1).unwrap_or_default().trim();
            cell.trim_matches('`').to_string()
        })
        .collect();
    assert_eq!(kinds, all_kinds(), "README.md's table of error kinds");
}

#[test]
fn index_d_ts_error_kind_is_every_error_kind() {
    let types = read("bindings/wasm/npm/index.d.ts");
    let union = section(
        &types,
        "export type ErrorKind =",
        |l| l.trim().is_empty(),
        "index.d.ts",
    );
    let kinds: Vec<String> = union
        .iter()
        .skip(1)
        .map(|l| {
            let l = l
                .trim()
                .trim_start_matches('|')
                .trim()
                .trim_end_matches(';');
            l.trim_matches('\'').to_string()
        })
        .collect();
    assert_eq!(kinds, all_kinds(), "index.d.ts's ErrorKind union");
}

#[test]
fn npm_readme_lists_every_error_kind() {
    let readme = read("bindings/wasm/npm/README.md");
    let paragraph = section(
        &readme,
        "Error kinds,",
        |l| l.trim().is_empty(),
        "the npm README",
    );
    assert_eq!(
        backticked_kinds(&paragraph.join("\n")),
        all_kinds(),
        "the npm README's paragraph of error kinds"
    );
}
