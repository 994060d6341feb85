# Sourced by bench/batch.sh and bench/instructions.sh: builds the three batch
# processes they compare. target/release/lectern (as shipped, mimalloc),
# target/release/lectern-system-alloc (--no-default-features) and
# bench/compare's smoothie-batch.
cargo build --release --locked -p lectern-cli --no-default-features >/dev/null 2>&1
cp target/release/lectern target/release/lectern-system-alloc
cargo build --release --locked -p lectern-cli >/dev/null 2>&1
(cd bench/compare && cargo build --release --locked --bin smoothie-batch >/dev/null 2>&1)
