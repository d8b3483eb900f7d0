#!/usr/bin/python3
"""newsdex against tantivy-cli, SQLite FTS5 and Xapian: one run, one corpus, one table.

Called by benches/compare.sh, which installs the anchors and builds the helpers. Runs under
Debian's /usr/bin/python3, whose sqlite3 module has FTS5 and which python3-xapian serves.

For each corpus (the real corpora; without --quick also a 20-fold copy):
  1. newsdex indexes the raw files (every format it reads, with dates, speakers and quotes);
     the anchors index the same articles as JSON Lines written by examples/to_jsonl.rs, with
     the body and title positional and stored and the date as a fast/value field.
  2. Every system answers the same query set, in process, top 10 by relevance: p50 and p95 over
     --repeat runs, without and with snippets (FTS5's snippet(), Xapian's MSet.snippet(),
     newsdex's highlighted fragments; tantivy-cli has none and reports its stored-document
     fetch instead).
     tantivy-cli runs twice: as the targets' anchor (no stemming) and, beside it, with
     Tantivy's English stemmer (`en_stem`), the analysis newsdex's own word search has.
  3. Whole-process runs: each command-line tool answers a phrase query (hyperfine), its
     program, libraries and index read back from disk first (`settle`).
Prints one table and writes every figure to COMPARE_DIR/results.json.
"""

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def release_dir():
    """Where `cargo build --release` (run by compare.sh) puts newsdex: `.cargo/config.toml`
    builds for the host tuple as an explicit target, so `<target dir>/<host>/release`."""
    host = subprocess.run(["rustc", "-vV"], capture_output=True, text=True, check=True).stdout
    host = next(line.split(": ", 1)[1] for line in host.splitlines() if line.startswith("host: "))
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    return os.path.join(target, host, "release")


RELEASE = release_dir()
CORPUS_DIRS = [
    "bbc",
    "reuters21578",
    "polnear/data",
    "basil",
    "semeval2019-hyperpartisan-byarticle",
]

# name, newsdex query and filters, tantivy-cli query, FTS5 MATCH and extra SQL, Xapian query.
QUERIES = [
    {"name": "common term", "nd": "government", "tv": "government", "fts": "government",
     "xq": "government"},
    {"name": "rare term", "nd": "cocoa", "tv": "cocoa", "fts": "cocoa", "xq": "cocoa"},
    {"name": "two-word phrase", "nd": '"interest rates"', "tv": '"interest rates"',
     "fts": '"interest rates"', "xq": '"interest rates"'},
    {"name": "phrase + date range", "nd": '"interest rates"',
     "filters": ["since=1987-03-01", "until=1987-03-31"],
     "tv": '+"interest rates" +date:[1987-03-01T00:00:00Z TO 1987-03-31T23:59:59Z]',
     "fts": '"interest rates"', "sql": "AND date BETWEEN '1987-03-01' AND '1987-03-31T23:59:59Z'",
     "xq": '"interest rates" date:19870301..19870331'},
    {"name": "boolean AND/OR", "nd": "(oil AND prices) OR opec", "tv": "(oil AND prices) OR opec",
     "fts": "(oil AND prices) OR opec", "xq": "(oil AND prices) OR opec"},
    {"name": "title-only term", "nd": "title:trump", "tv": "title:trump", "fts": "title : trump",
     "xq": "title:trump"},
    {"name": "speaker filter (newsdex only)", "nd": "election", "filters": ["speaker=trump"]},
]
CLI_PHRASE = "interest rates"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def timed(cmd, stdin=None):
    """Runs cmd under /usr/bin/time: (wall seconds, peak RSS in MiB)."""
    out = os.path.join(ARGS.dir, "time.txt")
    with open(stdin, "rb") if stdin else open(os.devnull, "rb") as inp:
        subprocess.run(["/usr/bin/time", "-f", "%e %M", "-o", out, *cmd], stdin=inp,
                       stdout=subprocess.DEVNULL, check=True)
    wall, kib = open(out).read().split()[-2:]
    return float(wall), int(kib) / 1024


def timed_best(runs, prepare, cmd):
    """Runs prepare() then cmd, `runs` times: the fastest run's (wall seconds, peak RSS in MiB),
    and every run's wall seconds.

    This machine's timings vary by 10-20 % from run to run; the fastest of a few is the
    steadiest figure, and every system gets the same number of tries. The median is kept
    too: a system whose runs vary more can have the better fastest and the worse typical
    run."""
    best, walls = None, []
    for _ in range(runs):
        prepare()
        wall, rss = timed(cmd)
        walls.append(wall)
        if best is None or wall < best[0]:
            best = (wall, rss)
    return best[0], best[1], walls


def du(path):
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(d, f))
    return total


def pct(xs, p):
    xs = sorted(xs)
    return xs[round((len(xs) - 1) * p)] if xs else float("nan")


def bench(fn, repeat):
    """Runs fn once to warm up, then `repeat` times: (result, p50 µs, p95 µs)."""
    result = fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1e6)
    return result, pct(times, 0.5), pct(times, 0.95)


# ---------------------------------------------------------------- anchors: building

TANTIVY_META = {
    "index_settings": {"docstore_compression": "lz4", "docstore_blocksize": 16384},
    "segments": [],
    "schema": [
        {"name": "id", "type": "text", "options": {"indexing": {"record": "basic", "fieldnorms": False,
         "tokenizer": "raw"}, "stored": True, "fast": False}},
        {"name": "title", "type": "text", "options": {"indexing": {"record": "position",
         "fieldnorms": True, "tokenizer": "default"}, "stored": True, "fast": False}},
        {"name": "body", "type": "text", "options": {"indexing": {"record": "position",
         "fieldnorms": True, "tokenizer": "default"}, "stored": True, "fast": False}},
        {"name": "date", "type": "date", "options": {"indexed": False, "fieldnorms": False,
         "fast": True, "stored": True, "precision": "seconds"}},
    ],
    "opstamp": 0,
}


# The same schema with Tantivy's English Snowball stemmer on title and body, the analysis
# newsdex's word search has (`talks` finds `talk`): not a target's anchor (the targets are
# against the unstemmed schema above), shown beside it so that like can be set against like.
STEMMED = "tantivy-cli en_stem"
TANTIVY_STEM_META = json.loads(json.dumps(TANTIVY_META).replace('"tokenizer": "default"',
                                                                 '"tokenizer": "en_stem"'))


def build_sqlite(db, jsonl):
    if os.path.exists(db):
        os.remove(db)
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, date UNINDEXED)")
    with open(jsonl, encoding="utf-8") as f, con:
        con.executemany(
            "INSERT INTO docs(id, title, body, date) VALUES (?, ?, ?, ?)",
            ((d["id"], d["title"], d["body"], d.get("date")) for d in map(json.loads, f)),
        )
    con.execute("INSERT INTO docs(docs) VALUES('optimize')")
    con.commit()
    con.close()


def build_xapian(db, jsonl):
    import xapian

    shutil.rmtree(db, ignore_errors=True)
    w = xapian.WritableDatabase(db, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            doc = xapian.Document()
            tg.set_document(doc)
            tg.index_text(d["title"], 1, "S")
            tg.index_text(d["title"])
            tg.increase_termpos()
            tg.index_text(d["body"])
            date = (d.get("date") or "")[:10].replace("-", "")
            if date:
                doc.add_value(0, date)
            doc.set_data(json.dumps({"id": d["id"], "title": d["title"], "body": d["body"]}))
            doc.add_boolean_term("Q" + d["id"])
            w.replace_document("Q" + d["id"], doc)
    w.commit()
    w.close()


# ---------------------------------------------------------------- anchors: querying

def query_sqlite(db, repeat):
    con = sqlite3.connect(db)
    out = {}
    for q in QUERIES:
        if "fts" not in q:
            continue
        where = "docs MATCH ? " + q.get("sql", "")
        bare = f"SELECT id, title FROM docs WHERE {where} ORDER BY rank LIMIT 10"
        snip = (f"SELECT id, title, snippet(docs, 2, '[', ']', '…', 24) FROM docs WHERE {where} "
                "ORDER BY rank LIMIT 10")
        count = con.execute(f"SELECT count(*) FROM docs WHERE {where}", (q["fts"],)).fetchone()[0]
        _, p50, p95 = bench(lambda: con.execute(bare, (q["fts"],)).fetchall(), repeat)
        _, s50, s95 = bench(lambda: con.execute(snip, (q["fts"],)).fetchall(), repeat)
        out[q["name"]] = {"hits": count, "p50": p50, "p95": p95, "snip_p50": s50, "snip_p95": s95}
    return out


def xapian_parser(db):
    import xapian

    qp = xapian.QueryParser()
    qp.set_database(db)
    qp.add_prefix("title", "S")
    qp.add_rangeprocessor(xapian.RangeProcessor(0, "date:"))
    qp.set_default_op(xapian.Query.OP_OR)
    return qp


def query_xapian(path, repeat):
    import xapian

    db = xapian.Database(path)
    qp = xapian_parser(db)
    flags = (xapian.QueryParser.FLAG_DEFAULT | xapian.QueryParser.FLAG_BOOLEAN
             | xapian.QueryParser.FLAG_PHRASE)
    out = {}
    for q in QUERIES:
        if "xq" not in q:
            continue
        query = qp.parse_query(q["xq"], flags)
        enq = xapian.Enquire(db)
        enq.set_query(query)

        def bare():
            return [(m.docid, json.loads(m.document.get_data())["title"]) for m in enq.get_mset(0, 10)]

        def snip():
            ms = enq.get_mset(0, 10)
            res = []
            for m in ms:
                d = json.loads(m.document.get_data())
                res.append(ms.snippet(d["body"], 200, xapian.Stem("none"),
                                      xapian.MSet.SNIPPET_EXHAUSTIVE, "[", "]", "…"))
            return res

        mset = enq.get_mset(0, 10, db.get_doccount())
        _, p50, p95 = bench(bare, repeat)
        _, s50, s95 = bench(snip, repeat)
        out[q["name"]] = {"hits": mset.get_matches_estimated(), "p50": p50, "p95": p95,
                          "snip_p50": s50, "snip_p95": s95}
    return out


def query_tantivy(index, repeat):
    qfile = os.path.join(ARGS.dir, "tantivy-queries.txt")
    qs = [q for q in QUERIES if "tv" in q]
    with open(qfile, "w") as f:
        f.write("".join(q["tv"] + "\n" for q in qs))
    text = subprocess.run([ARGS.tantivy, "bench", "-i", index, "-q", qfile, "-n", str(repeat)],
                          capture_output=True, text=True, check=True).stdout
    search, fetch = text.split("FETCH STORE")
    hits, st, ft = {}, {}, {}
    for line in search.splitlines():
        cols = line.split("\t")
        if len(cols) == 3 and cols[2].strip().isdigit():
            hits[cols[0]] = int(cols[1])
            st.setdefault(cols[0], []).append(float(cols[2]))
    for line in fetch.splitlines():
        cols = line.split("\t")
        if len(cols) == 2 and cols[1].strip().isdigit():
            ft.setdefault(cols[0], []).append(float(cols[1]))
    out = {}
    for q in qs:
        s, f = st.get(q["tv"], []), ft.get(q["tv"], [])
        both = [a + b for a, b in zip(s, f)]
        out[q["name"]] = {"hits": hits.get(q["tv"]), "p50": pct(both, 0.5), "p95": pct(both, 0.95),
                          "search_only_p50": pct(s, 0.5), "search_only_p95": pct(s, 0.95)}
    return out


def query_newsdex(index, repeat, search_threads=None):
    """newsdex's query latencies; `search_threads` caps the threads one query may use."""
    qfile = os.path.join(ARGS.dir, "newsdex-queries.tsv")
    with open(qfile, "w") as f:
        for q in QUERIES:
            f.write("\t".join([q["name"], q["nd"], *q.get("filters", [])]) + "\n")
    cap = ["--search-threads", str(search_threads)] if search_threads else []
    text = subprocess.run([os.path.join(RELEASE, "examples", "query_latency"), index, qfile,
                           "--repeat", str(repeat), *cap], capture_output=True, text=True, check=True).stdout
    out = {}
    for line in text.splitlines():
        name, hits, p50, p95, s50, s95 = line.split("\t")
        out[name] = {"hits": int(hits), "p50": float(p50), "p95": float(p95),
                     "snip_p50": float(s50), "snip_p95": float(s95)}
    return out


def libraries(program):
    """The shared libraries `program` loads, as `ldd` lists them (none for a static one)."""
    out = subprocess.run(["ldd", program], capture_output=True, text=True).stdout
    return [w for line in out.splitlines() for w in line.split() if w.startswith("/")]


def settle(paths):
    """Writes each file (or every file under a folder) to disk, drops it from the page cache
    and reads it back, as a program or index that has been on disk a while is read.

    A file the kernel reads from disk is cached in large pieces, which a process maps a
    whole piece per page fault; a binary the linker has just written is cached in 4 KiB
    pages. Measured on the real corpora (300 interleaved runs): the same newsdex binary took
    1.97 ms a search process straight from the build and 1.71 ms once read back (81 against
    68 page faults in its code), while the anchors' programs and libraries are installed
    files, long since read from disk. Every system's files are settled the same way before
    they are timed."""
    for path in paths:
        if os.path.isdir(path):
            settle(os.path.join(d, f) for d, _, fs in os.walk(path) for f in fs)
            continue
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            while os.read(fd, 1 << 20):
                pass
        finally:
            os.close(fd)


def cli_times(cmds, files):
    """Median wall time of whole-process runs, in ms, by hyperfine, once each program, its
    libraries and `files` (the indexes) are settled in the page cache."""
    programs = {shutil.which(p) or p for p in (c.split()[0] for c in cmds.values())}
    settle([*programs, *(lib for p in programs for lib in libraries(p)), *files])
    out_json = os.path.join(ARGS.dir, "hyperfine.json")
    args = ["hyperfine", "-N", "--warmup", "3", "--runs", "30", "--export-json", out_json,
            "--style", "none"]
    names = list(cmds)
    for n in names:
        args += ["-n", n, cmds[n]]
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    res = json.load(open(out_json))["results"]
    return {n: r["median"] * 1000 for n, r in zip(names, res)}


# ---------------------------------------------------------------- one corpus

def run_corpus(label, raw_roots, jsonl, threads, repeat, runs):
    d = os.path.join(ARGS.dir, label)
    os.makedirs(d, exist_ok=True)
    n_articles = sum(1 for _ in open(jsonl, encoding="utf-8"))
    raw_bytes = os.path.getsize(jsonl)
    r = {"articles": n_articles, "jsonl_bytes": raw_bytes, "systems": {}, "index_runs": runs}

    def record(name, timing, size, queries):
        wall, rss, walls = timing
        r["systems"][name] = {"wall": wall, "walls": walls, "rss_mib": rss, "size": size,
                              "articles_per_s": n_articles / wall, "mb_per_s": raw_bytes / 1e6 / wall,
                              "queries": queries}
        log(f"  {name}: {wall:.2f} s, {n_articles / wall:,.0f} articles/s, peak {rss:.0f} MiB, "
            f"{size / raw_bytes:.2f} x raw")

    nd = os.path.join(d, "newsdex")
    log(f"[{label}] newsdex, from the raw files")
    timing = timed_best(runs, lambda: shutil.rmtree(nd, ignore_errors=True),
                        [os.path.join(RELEASE, "newsdex"), "index", "-q", "--threads",
                         str(threads), "--index", nd, *raw_roots])
    record("newsdex", timing, du(nd), query_newsdex(nd, repeat, search_threads=threads))
    # tantivy-cli's bench searches in one thread; newsdex splits a costly phrase across
    # threads. Both are shown: the table has newsdex as a user runs it, the note below
    # it with one search thread.
    r["newsdex_one_thread"] = query_newsdex(nd, repeat, search_threads=1)

    def tantivy_cli(name, meta, directory, what):
        """Loads the JSONL with tantivy-cli and `meta`'s schema (fastest of `runs`), then
        searches it; returns the index's path."""
        path = os.path.join(d, directory)

        def fresh():
            shutil.rmtree(path, ignore_errors=True)
            os.makedirs(path)
            json.dump(meta, open(os.path.join(path, "meta.json"), "w"))

        log(f"[{label}] {what}, from JSONL")
        timing = timed_best(runs, fresh, [ARGS.tantivy, "index", "-i", path, "-f", jsonl, "-t", str(threads)])
        record(name, timing, du(path), query_tantivy(path, repeat))
        return path

    tv = tantivy_cli("tantivy-cli", TANTIVY_META, "tantivy", "tantivy-cli")
    tantivy_cli(STEMMED, TANTIVY_STEM_META, "tantivy-stem", "tantivy-cli with English stemming")

    db = os.path.join(d, "fts5.db")
    log(f"[{label}] SQLite FTS5, from JSONL")
    timing = timed_best(runs, lambda: None, ["/usr/bin/python3", __file__, "--build-sqlite", db, jsonl])
    record("sqlite-fts5", timing, du(db), query_sqlite(db, repeat))

    xp = os.path.join(d, "xapian")
    log(f"[{label}] Xapian, from JSONL")
    timing = timed_best(runs, lambda: None, ["/usr/bin/python3", __file__, "--build-xapian", xp, jsonl])
    record("xapian", timing, du(xp), query_xapian(xp, repeat))

    phrase = f'"{CLI_PHRASE}"'
    r["cli_ms"] = cli_times({
        "newsdex": f"{os.path.join(RELEASE, 'newsdex')} search --threads {threads} --index {nd} '{phrase}'",
        "newsdex --threads 1": f"{os.path.join(RELEASE, 'newsdex')} search --threads 1 --index {nd} '{phrase}'",
        "sqlite3": f"sqlite3 {db} \"SELECT id, title FROM docs WHERE docs MATCH '{phrase.replace(chr(34), chr(34) * 2)}'"
                   " ORDER BY rank LIMIT 10\"",
        "quest": f"quest -d {xp} -m 10 '{phrase}'",
        "tantivy-cli": f"{ARGS.tantivy} search -i {tv} -q '{phrase}'",
    }, [nd, db, xp, tv])
    return r


# ---------------------------------------------------------------- the table

def table(label, r):
    s = r["systems"]
    names = ["newsdex", "tantivy-cli", "sqlite-fts5", "xapian"] + [STEMMED] * (STEMMED in s)
    nd = s["newsdex"]
    lines = [f"\n## {label}: {r['articles']:,} articles, {r['jsonl_bytes'] / 1e6:.0f} MB of JSONL, "
             f"{ARGS.threads} threads\n",
             "| | " + " | ".join(names) + " | newsdex ratio to tantivy · FTS5 · Xapian"
             + " · tantivy en_stem" * (STEMMED in s) + " |",
             "|---" * (len(names) + 2) + "|"]

    def ratio(vals, higher_better=True):
        out = []
        for n in names[1:]:
            a, b = vals["newsdex"], vals[n]
            if not a or not b or a != a or b != b:
                out.append("–")
            else:
                out.append(f"{(a / b if higher_better else b / a):.2f}")
        return " · ".join(out)

    def row(title, vals, fmt, higher_better=True):
        cells = [fmt(vals[n]) if vals.get(n) is not None and vals[n] == vals[n] else "–" for n in names]
        lines.append(f"| {title} | " + " | ".join(cells) + f" | {ratio(vals, higher_better)} |")

    runs = r.get("index_runs", 1)
    row("index wall (s)" + (f", fastest of {runs}" if runs > 1 else ""),
        {n: s[n]["wall"] for n in names}, lambda v: f"{v:.2f}", False)
    if runs > 1:
        row(f"index wall (s), median of {runs}",
            {n: statistics.median(s[n]["walls"]) if s[n].get("walls") else None for n in names},
            lambda v: f"{v:.2f}", False)
    row("articles/s", {n: s[n]["articles_per_s"] for n in names}, lambda v: f"{v:,.0f}")
    row("MB/s (of JSONL)", {n: s[n]["mb_per_s"] for n in names}, lambda v: f"{v:.1f}")
    row("peak RSS (MiB)", {n: s[n]["rss_mib"] for n in names}, lambda v: f"{v:.0f}", False)
    row("index size / raw", {n: s[n]["size"] / r["jsonl_bytes"] for n in names}, lambda v: f"{v:.2f}", False)
    for q in QUERIES:
        qn = q["name"]
        for key, what in [("p50", "p50"), ("p95", "p95"), ("snip_p50", "p50 + snippets"),
                          ("snip_p95", "p95 + snippets")]:
            vals = {n: s[n]["queries"].get(qn, {}).get(key) for n in names}
            if key.startswith("snip"):
                vals["tantivy-cli"] = vals[STEMMED] = None
            row(f"{qn}: {what} (ms)", {n: (v / 1000 if v is not None else None) for n, v in vals.items()},
                lambda v: f"{v:.2f}", False)
        hits = {n: s[n]["queries"].get(qn, {}).get("hits") for n in names}
        lines.append(f"| {qn}: matches | " + " | ".join("–" if hits[n] is None else f"{hits[n]:,}"
                                                        for n in names) + " | |")
    for n in ["tantivy-cli", STEMMED]:
        if n in s:
            lines.append(f"\n{n}: `tantivy bench` search + stored-document fetch of the top 10; search alone: "
                         + ", ".join(f"{k} {v['search_only_p50'] / 1000:.2f} ms" for k, v in s[n]["queries"].items()))
    if STEMMED in s:
        lines.append(f"\n{STEMMED} is tantivy-cli with the same schema and Tantivy's English Snowball "
                     "stemmer on title and body, the analysis newsdex's word search has; the targets "
                     "are against tantivy-cli without it.")
    one = r.get("newsdex_one_thread")
    if one:
        lines.append("\nnewsdex splits a phrase whose words are each in 20,000+ articles across "
                     f"{ARGS.threads} threads, tantivy-cli's bench searches in one; newsdex p50 with one "
                     "search thread: " + ", ".join(f"{k} {v['p50'] / 1000:.2f} ms" for k, v in one.items()))
    cli = r["cli_ms"]
    lines.append(f"\nWhole process, phrase \"{CLI_PHRASE}\", median of 30 (ms): "
                 + ", ".join(f"{k} {v:.1f}" for k, v in cli.items())
                 + " (newsdex prints 10 hits with snippets; sqlite3 and quest 10 bare results; "
                   "tantivy-cli prints every match; each program, its libraries and the indexes "
                   "read back from disk first)")
    return "\n".join(lines)


def machine():
    cpu = "?"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = int(open("/proc/meminfo").readline().split()[1]) / 1024 / 1024
    except OSError:
        mem = 0
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, {platform.platform()}"


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--quick", action="store_true", help="real corpora only")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--repeat", type=int, default=100)
    p.add_argument("--copies", type=int, default=20)
    p.add_argument("--index-runs", type=int, default=0,
                   help="index each corpus this many times and keep the fastest (default: 3 for "
                        "the real corpora, 1 for the copy)")
    p.add_argument("--tantivy", default="tantivy")
    p.add_argument("--corpora", default=os.environ.get("NEWSDEX_CORPORA",
                                                      os.path.join(ROOT, "..", "shared", "corpora")))
    p.add_argument("--dir", default=os.environ.get("COMPARE_DIR", os.path.join(ROOT, "target", "compare")))
    p.add_argument("--build-sqlite", nargs=2)
    p.add_argument("--build-xapian", nargs=2)
    ARGS = p.parse_args()
    if ARGS.build_sqlite:
        return build_sqlite(*ARGS.build_sqlite)
    if ARGS.build_xapian:
        return build_xapian(*ARGS.build_xapian)
    os.makedirs(ARGS.dir, exist_ok=True)
    roots = [os.path.join(ARGS.corpora, c) for c in CORPUS_DIRS]
    missing = [r for r in roots if not os.path.isdir(r)]
    if missing:
        sys.exit(f"corpora not found: {', '.join(missing)} (set NEWSDEX_CORPORA)")
    to_jsonl = os.path.join(RELEASE, "examples", "to_jsonl")
    jsonl = os.path.join(ARGS.dir, "real.jsonl")
    subprocess.run([to_jsonl, jsonl, *roots], check=True, stderr=subprocess.DEVNULL)
    results = {"machine": machine(), "threads": ARGS.threads, "corpora": {}}
    results["corpora"]["real corpora"] = run_corpus("real", roots, jsonl, ARGS.threads, ARGS.repeat,
                                                 ARGS.index_runs or 3)
    if not ARGS.quick:
        # The raw files copied N times (hard links: each copy has paths of its own, so newsdex
        # sees N times the articles), and the JSONL written N times with unique ids.
        big = os.path.join(ARGS.dir, f"raw-x{ARGS.copies}")
        if not os.path.isdir(big):
            for i in range(ARGS.copies):
                for r in roots:
                    dst = os.path.join(big, f"copy{i:02}", os.path.relpath(r, ARGS.corpora))
                    os.makedirs(os.path.dirname(dst), exist_ok=True)
                    subprocess.run(["cp", "-al", r, dst], check=True)
        big_jsonl = os.path.join(ARGS.dir, f"x{ARGS.copies}.jsonl")
        subprocess.run([to_jsonl, big_jsonl, *roots, "--copies", str(ARGS.copies)], check=True,
                       stderr=subprocess.DEVNULL)
        results["corpora"][f"{ARGS.copies}-fold copy"] = run_corpus(
            f"x{ARGS.copies}", [big], big_jsonl, ARGS.threads, max(20, ARGS.repeat // 5),
            ARGS.index_runs or 1)
    json.dump(results, open(os.path.join(ARGS.dir, "results.json"), "w"), indent=1)
    print(f"# newsdex compared\n\nMachine: {results['machine']}")
    for label, r in results["corpora"].items():
        print(table(label, r))


if __name__ == "__main__":
    main()
