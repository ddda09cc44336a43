"""Run each hostile input of docs/security.md ("Limits") and print its time, peak memory and message.

    python tests/bench/hostile.py [--timeout 120] [--only NAME,NAME] [--keep DIR]

Each case is a small site with one hostile file, checked or built by a real
``python -m generator`` subprocess. The goal: every case ends in under 10 s
and under 500 MiB, with a message and no traceback. Peak memory is the
child's maximum resident set size (``ru_maxrss``, read from ``os.wait4``: the
``RUSAGE_CHILDREN`` figure of that one child). A child is stopped at the
timeout and its address space capped at 3 GiB, so a case that has not been
bounded yet shows as a timeout or a MemoryError rather than stalling the
machine.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[2]
GOAL_SECONDS, GOAL_MIB = 10, 500
ADDRESS_SPACE = 3 << 30

SITE = "title: Talks\nbase_url: /\n"
PERSON = "---\nname: Kim Jong-un\n---\n"
FRONT = "---\ntitle: A visit\npublication: The Paper\nauthor: Reporter\npublished: 2018-09-06\n"


def article(body: str = "Kim Jong-un met envoys.\n", front: str = "") -> str:
    return FRONT + front + "---\n\n" + body


def laughs(levels: int, width: int) -> str:
    lines = ["l0: &l0 [" + ", ".join(["lol"] * width) + "]\n"]
    lines += [f"l{n}: &l{n} [" + ", ".join([f"*l{n - 1}"] * width) + "]\n" for n in range(1, levels)]
    return "".join(lines)


def write_big_article(path: Path, megabytes: int) -> None:
    paragraph = ("Kim Jong-un met the envoys in Pyongyang on Wednesday, and the talks went on. " * 12 + "\n\n").encode()
    with path.open("wb") as out:
        out.write(FRONT.encode() + b"---\n\n")
        for _ in range(megabytes * 1024 * 1024 // len(paragraph)):
            out.write(paragraph)


def meeting(date: str) -> str:
    return f"---\ntitle: Far off\ndate: {date}\nparticipants: [kim-jong-un]\n---\n"


# name -> (command, {path: text}, or a function that makes the hostile file in the site folder)
Case = tuple[str, "dict[str, str] | Callable[[Path], None]"]
CASES: dict[str, Case] = {
    "yaml: 9 levels of 9 aliases": ("check", {"content/articles/visit.md": article(front=laughs(9, 9))}),
    "yaml: 19,000 aliases of 100 kB text": ("check", {"content/articles/visit.md": article(
        front="big: &big " + "w" * 100_000 + "\nmany: [" + ", ".join(["*big"] * 19_000) + "]\n")}),
    "yaml: 5,000-deep flow list": ("check", {"content/articles/visit.md": article(front="d: " + "[" * 5_000 + "]" * 5_000 + "\n")}),
    "body: 500-deep list": ("build", {"content/articles/visit.md": article("".join("    " * d + "- x\n" for d in range(500)))}),
    "body: 2,000-deep list": ("build", {"content/articles/visit.md": article("".join("  " * d + "- x\n" for d in range(2_000)))}),
    "body: 10,000-deep brackets": ("build", {"content/articles/visit.md": article("[" * 10_000 + "x" + "]" * 10_000 + "\n")}),
    "body: 10,000-deep emphasis": ("build", {"content/articles/visit.md": article("*" * 10_000 + "x" + "*" * 10_000 + "\n")}),
    "body: 2,000 alternating * and _": ("build", {"content/articles/visit.md": article("*a _b " * 1_000 + "x" + " b_ a*" * 1_000 + "\n")}),
    "body: 10,000-deep quote": ("build", {"content/articles/visit.md": article(">" * 10_000 + " x\n")}),
    "body: 200,000 [[links]] on one line": ("build", {"content/articles/visit.md": article("[[kim-jong-un]] " * 200_000 + "\n")}),
    "body: 10,000 [[links]] on one line": ("build", {"content/articles/visit.md": article("[[kim-jong-un]] " * 10_000 + "\n")}),
    "body: 20,000 Markdown links, one paragraph": ("build", {"content/articles/visit.md": article(
        "".join(f"[s{n}](https://example.org/{n}) " for n in range(20_000)) + "\n")}),
    "body: 400,000-character paragraph of emphasis": ("build", {"content/articles/visit.md": article("*a* " * 100_000 + "\n")}),
    "body: 99,000 emphasis marks, 48,000-character paragraphs": ("build", {"content/articles/visit.md": article(
        "\n\n".join(["*a* " * 12_000] * 4 + ["*a* " * 1_500]) + "\n")}),
    "body: 49,000 Markdown links, 47,000-character paragraphs": ("build", {"content/articles/visit.md": article(
        "\n\n".join(["".join(f"[{n}](p{n}) " for n in range(3_500))] * 14) + "\n")}),
    "body: 49,000 code spans, 48,000-character paragraphs": ("build", {"content/articles/visit.md": article(
        "\n\n".join(["`c` " * 12_000] * 4 + ["`c` " * 1_000]) + "\n")}),
    "body: 10,000 [[links]], 48,000-character paragraphs": ("build", {"content/articles/visit.md": article(
        "\n\n".join(["[[kim-jong-un]] " * 3_000] * 3 + ["[[kim-jong-un]] " * 1_000]) + "\n")}),
    "body: 5 MB of emphasis": ("build", {"content/articles/visit.md": article("\n\n".join(["*a* " * 12_000] * 104) + "\n")}),
    "body: unclosed <style>": ("build", {"content/articles/visit.md": article("One.\n\n<style>\n\nTwo.\n")}),
    "name: 100,000 characters": ("check", {"content/people/kim-jong-un.md": "---\nname: " + "K" * 100_000 + "\n---\n"}),
    "title: 100,000 characters": ("build", {"content/articles/visit.md": article().replace("A visit", "T" * 100_000)}),
    "date: 2018-09/9999": ("build", {"content/meetings/far.md": meeting("2018-09/9999")}),
    "date: 9999-12-31": ("build", {"content/meetings/far.md": meeting("9999-12-31")}),
    "file: 50 MB article": ("check", lambda root: write_big_article(root / "content/articles/big.md", 50)),
    "file: 5 MB article, built": ("build", lambda root: write_big_article(root / "content/articles/big.md", 5)),
    "file: 50 MB article, built": ("build", lambda root: write_big_article(root / "content/articles/big.md", 50)),
    "file: /dev/zero as an article": ("check", lambda root: (root / "content/articles/zero.md").symlink_to("/dev/zero")),
}


def make_site(root: Path, files: dict[str, str] | Callable[[Path], None]) -> None:
    base = {"site.yaml": SITE, "content/people/kim-jong-un.md": PERSON, "content/articles/visit.md": article()}
    for path, text in {**base, **(files if isinstance(files, dict) else {})}.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text, encoding="utf-8")
    if callable(files):
        files(root)


def run_case(root: Path, command: str, timeout: float) -> tuple[float, int, int | None, str]:
    """(seconds, peak RSS in KiB, exit code or None when stopped, the last line it printed)."""
    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-m", "generator", "-C", str(root), command], cwd=REPO,
                                 stdout=output, stderr=subprocess.STDOUT, preexec_fn=cap)
        stopped = threading.Event()

        def stop() -> None:
            stopped.set()
            child.kill()
        timer = threading.Timer(timeout, stop)
        timer.start()
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - started
        timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        lines = output.read().decode("utf-8", "replace").splitlines()
    traceback = next((line for line in reversed(lines) if "Error" in line and not line.startswith("content/")), None)
    message = traceback if any("Traceback" in line for line in lines) else next(
        (line for line in lines if ": error: " in line or ": warning: " in line), lines[-1] if lines else "")
    return seconds, usage.ru_maxrss, None if stopped.is_set() else child.returncode, message


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--only", default="", help="comma-separated words; runs the cases whose name holds one")
    parser.add_argument("--keep", type=Path, help="make the sites in this folder and keep them")
    args = parser.parse_args()
    words = [word.strip() for word in args.only.split(",") if word.strip()]
    folder = args.keep or Path(tempfile.mkdtemp(prefix="chrono-hostile-"))
    print(f"| case | command | seconds | peak MiB | exit | goal | message |\n|---|---|---:|---:|---:|---|---|")
    try:
        for number, (name, (command, files)) in enumerate(CASES.items()):
            if words and not any(word in name for word in words):
                continue
            root = folder / f"case{number}"
            shutil.rmtree(root, ignore_errors=True)
            make_site(root, files)
            seconds, rss, code, message = run_case(root, command, args.timeout)
            mib = rss / 1024
            met = code is not None and seconds < GOAL_SECONDS and mib < GOAL_MIB and "Traceback" not in message \
                and "Error" not in message
            shown = message if len(message) <= 110 else message[:107] + "..."
            print(f"| {name} | {command} | {seconds:.2f} | {mib:.0f} | {'timeout' if code is None else code} "
                  f"| {'met' if met else 'MISSED'} | {shown.replace('|', '/')} |", flush=True)
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
