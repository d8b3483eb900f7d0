#!/usr/bin/env bash
# Where a newsdex load's time goes, measured: the same load with one part left out at a time
# (quote documents, extraction's results, extraction, stemming), beside tantivy-cli and
# SQLite FTS5 loading the same articles, interleaved round by round.
#
#   benches/ablation.sh [--quick] [--rounds N] [--threads N]
#
# Builds newsdex with the `ablation` feature (src/ablation.rs) into a target directory of its
# own (target/ablation, or ABLATION_TARGET_DIR), so the release binary is left as it is; the
# first build takes several minutes. Reuses what benches/compare.sh installed and wrote (run
# it first, with --quick for --quick): tantivy-cli, the corpora as JSON Lines and the
# 20-fold copy. Environment as compare.sh: NEWSDEX_CORPORA, COMPARE_DIR, ANCHORS_DIR.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
anchors=${ANCHORS_DIR:-$root/target/anchors}
if [ ! -x "$anchors/bin/tantivy" ]; then
    echo "tantivy-cli not found in $anchors: run benches/compare.sh first" >&2
    exit 2
fi
target=${ABLATION_TARGET_DIR:-$root/target/ablation}
cd "$root"
cargo build --release --features ablation --bin newsdex --target-dir "$target" >&2
host=$(rustc -vV | sed -n 's/^host: //p')
exec /usr/bin/python3 "$root/benches/ablation.py" --newsdex "$target/$host/release/newsdex" \
    --tantivy "$anchors/bin/tantivy" "$@"
