//! The documented lists match the code: every error kind (`ErrorKind::ALL`)
//! is named in the README, in the npm package's `index.d.ts` and in the
//! npm README, so the front doors' documentation cannot drift from the one list.

use lectern::ErrorKind;

fn read(path: &str) -> String {
    let full = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

#[test]
fn every_error_kind_is_documented() {
    let readme = read("README.md");
    let types = read("bindings/wasm/npm/index.d.ts");
    let npm_readme = read("bindings/wasm/npm/README.md");
    for kind in ErrorKind::ALL {
        let name = kind.name();
        assert!(
            readme.contains(&format!("`{name}`")),
            "README.md does not name `{name}`"
        );
        assert!(
            types.contains(&format!("'{name}'")),
            "index.d.ts ErrorKind lacks '{name}'"
        );
        assert!(
            npm_readme.contains(name),
            "the npm README does not name {name}"
        );
    }
}
