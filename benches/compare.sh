#!/usr/bin/env bash
# newsdex against the engines a user would pick instead, in one run on the same corpus.
#
#   benches/compare.sh [--quick] [--threads N] [--repeat N]
#
# Installs the anchors when they are missing (tantivy-cli from crates.io; SQLite FTS5 and Xapian
# from Debian: sqlite3, python3-xapian, xapian-tools; hyperfine for whole-process timings),
# builds newsdex and its bench helpers, then runs benches/compare.py, which indexes the real
# corpora in ../shared/corpora (newsdex from the raw files, the anchors from the same articles
# shaped as JSON Lines by examples/to_jsonl.rs), runs one query set on each and prints one
# table. --quick stops after the real corpora; the default adds a 20-fold copy.
#
# Environment: NEWSDEX_CORPORA (default ../shared/corpora), COMPARE_DIR (scratch space,
# default target/compare), ANCHORS_DIR (where tantivy-cli is installed, default
# target/anchors).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
anchors=${ANCHORS_DIR:-$root/target/anchors}

need_apt=()
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
command -v quest >/dev/null || need_apt+=(xapian-tools)
/usr/bin/python3 -c 'import xapian' 2>/dev/null || need_apt+=(python3-xapian)
command -v hyperfine >/dev/null || need_apt+=(hyperfine)
if ((${#need_apt[@]})); then
    echo "installing ${need_apt[*]} from Debian" >&2
    sudo_cmd=()
    [ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${need_apt[@]}" >&2
fi
if [ ! -x "$anchors/bin/tantivy" ]; then
    # 0.24.0 is the release the reference figures were taken with. Without --locked: its lock
    # file pins a traitobject that no longer compiles.
    echo "installing tantivy-cli 0.24.0 into $anchors (a few minutes)" >&2
    # From outside the repository: its .cargo/config.toml (static linking) is newsdex's
    # choice, not the anchor's; tantivy-cli is built as `cargo install` builds it anywhere.
    (cd / && cargo install tantivy-cli --version 0.24.0 --root "$anchors" >&2)
fi

cd "$root"
cargo build --release --bin newsdex --example to_jsonl --example query_latency >&2
exec /usr/bin/python3 "$root/benches/compare.py" --tantivy "$anchors/bin/tantivy" "$@"
