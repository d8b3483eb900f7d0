#!/usr/bin/python3
"""Where a newsdex load's time goes: the same load with one part left out at a time, beside
tantivy-cli and SQLite FTS5 loading the same articles, in one run.

Called by benches/ablation.sh, which builds newsdex with the `ablation` feature (the parts
are switched off through NEWSDEX_ABLATE: see src/ablation.rs) and checks that
benches/compare.sh has run (its anchors and its JSON Lines of the corpora are reused).

Each round loads the corpus once in every configuration, one after another, so that a slow
minute of the machine falls on all of them alike; the table has each configuration's
fastest wall time, its median CPU time (user + system) and its speed as a ratio to
tantivy-cli's and FTS5's fastest loads of the same round set. The rows, from the load as
released down to newsdex doing little more than tantivy-cli does:
  - newsdex: the load as released;
  - no quote documents: the quotes are found and stored with their article, but no
    document of their own is added for each (speaker search needs them);
  - extraction's results dropped: quotes and speakers are looked for, then thrown away (so
    the step from here to the row below is extraction's own cost, and from the row above
    to here what its results cost as fields and stored values);
  - no extraction: no quotes or speakers looked for;
  - no extraction, no stemming: words indexed as written as well.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import compare  # noqa: E402  (the corpora, tantivy-cli's schema and FTS5's loader)

CONFIGS = [
    ("newsdex", ""),
    ("no quote documents", "quote-documents"),
    ("extraction's results dropped", "extracted"),
    ("no extraction", "extraction"),
    ("no extraction, no stemming", "extraction,stemming"),
]


def timed(cmd, env=None):
    """(wall, user + system) seconds of one run of cmd."""
    out = os.path.join(ARGS.dir, "ablation-time.txt")
    subprocess.run(["/usr/bin/time", "-f", "%e %U %S", "-o", out, *cmd], env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall, user, system = open(out).read().split()[-3:]
    return float(wall), float(user) + float(system)


def run(label, roots, jsonl):
    work = os.path.join(ARGS.dir, f"ablation-{label}")
    os.makedirs(work, exist_ok=True)
    nd, tv, db = (os.path.join(work, n) for n in ("newsdex", "tantivy", "fts5.db"))
    runs = {name: [] for name, _ in CONFIGS}
    runs["tantivy-cli"], runs["sqlite-fts5"] = [], []
    for i in range(ARGS.rounds):
        compare.log(f"[{label}] round {i + 1} of {ARGS.rounds}")
        for name, parts in CONFIGS:
            shutil.rmtree(nd, ignore_errors=True)
            env = dict(os.environ, NEWSDEX_ABLATE=parts)
            runs[name].append(timed([ARGS.newsdex, "index", "-q", "--threads", str(ARGS.threads),
                                     "--index", nd, *roots], env))
        shutil.rmtree(tv, ignore_errors=True)
        os.makedirs(tv)
        with open(os.path.join(tv, "meta.json"), "w") as f:
            json.dump(compare.TANTIVY_META, f)
        runs["tantivy-cli"].append(timed([ARGS.tantivy, "index", "-i", tv, "-f", jsonl,
                                          "-t", str(ARGS.threads)]))
        runs["sqlite-fts5"].append(timed(["/usr/bin/python3", compare.__file__, "--build-sqlite",
                                          db, jsonl]))
    shutil.rmtree(work, ignore_errors=True)
    best = {name: min(w for w, _ in r) for name, r in runs.items()}
    cpu = {name: statistics.median(c for _, c in r) for name, r in runs.items()}
    lines = [f"\n## {label}: {ARGS.threads} threads, {ARGS.rounds} rounds\n",
             "| load | wall (s), fastest | CPU (s), median | share of newsdex's CPU "
             "| × tantivy-cli | × FTS5 |", "|---|---|---|---|---|---|"]
    for name in runs:
        share = f"{cpu[name] / cpu['newsdex']:.0%}" if name in dict(CONFIGS) else "–"
        lines.append(f"| {name} | {best[name]:.2f} | {cpu[name]:.2f} | {share} "
                     f"| {best['tantivy-cli'] / best[name]:.2f} | {best['sqlite-fts5'] / best[name]:.2f} |")
    return "\n".join(lines)


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--newsdex", required=True, help="newsdex built with the `ablation` feature")
    p.add_argument("--tantivy", required=True)
    p.add_argument("--quick", action="store_true", help="real corpora only")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--copies", type=int, default=20)
    p.add_argument("--corpora", default=os.environ.get(
        "NEWSDEX_CORPORA", os.path.join(compare.ROOT, "..", "shared", "corpora")))
    p.add_argument("--dir", default=os.environ.get("COMPARE_DIR",
                                                  os.path.join(compare.ROOT, "target", "compare")))
    ARGS = p.parse_args()
    roots = [os.path.join(ARGS.corpora, c) for c in compare.CORPUS_DIRS]
    corpora = [("real corpora", roots, os.path.join(ARGS.dir, "real.jsonl"))]
    if not ARGS.quick:
        corpora.append((f"{ARGS.copies}-fold copy", [os.path.join(ARGS.dir, f"raw-x{ARGS.copies}")],
                        os.path.join(ARGS.dir, f"x{ARGS.copies}.jsonl")))
    for _, paths, jsonl in corpora:
        for path in [*paths, jsonl]:
            if not os.path.exists(path):
                sys.exit(f"{path} not found: run benches/compare.sh{' --quick' * ARGS.quick} first")
    print(f"# Where a newsdex load's time goes\n\nMachine: {compare.machine()}")
    for label, paths, jsonl in corpora:
        print(run(label, paths, jsonl), flush=True)


if __name__ == "__main__":
    main()
