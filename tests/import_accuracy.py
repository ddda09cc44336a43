"""Per-field accuracy of `import` on the clippings corpus, for each half of the split.

    python tests/import_accuracy.py [--details]

prints the table docs/import.md reports (tests/test_import_accuracy.py checks they agree).
A field counts as right only when it equals the expected value exactly; the body counts
twice: every expected paragraph kept, and nothing else kept (no furniture).
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent
if str(ROOT.parent) not in sys.path:
    sys.path.insert(0, str(ROOT.parent))

from generator.authoring.importing.clipping import ClippingError  # noqa: E402
from generator.authoring.importing.formats import read_clipping  # noqa: E402

CORPUS = ROOT / "clippings"
HALVES = ("dev", "held-back")
FIELDS = ("title", "publication", "authors", "published", "url", "body kept", "furniture removed")


def cases(half: str) -> list[tuple[Path, dict]]:
    return [(seed, yaml.safe_load(seed.with_suffix(".yaml").read_text(encoding="utf-8")))
            for seed in sorted(CORPUS.joinpath(half).iterdir()) if seed.suffix != ".yaml"]


def judge(seed: Path, expected: dict) -> dict[str, bool]:
    """Field name → whether import got it exactly right."""
    try:
        got = read_clipping(seed.read_bytes(), seed.name)
    except ClippingError:
        return dict.fromkeys(FIELDS, False)
    body = list(got.paragraphs)
    return {"title": got.title == expected["title"], "publication": got.publication == expected["publication"],
            "authors": list(got.authors) == expected["authors"], "published": got.published == expected["published"],
            "url": got.url == expected["url"], "body kept": all(p in body for p in expected["body"]),
            "furniture removed": all(p in expected["body"] for p in body)}


def table() -> str:
    """The Markdown table of per-field accuracy for both halves."""
    results = {half: [judge(seed, expected) for seed, expected in cases(half)] for half in HALVES}
    rows = ["| field | " + " | ".join(f"{half} ({len(results[half])} clippings)" for half in HALVES) + " |",
            "| --- | " + " | ".join("---:" for _ in HALVES) + " |"]
    for field in FIELDS + ("all fields",):
        cells = []
        for half in HALVES:
            if field == "all fields":
                right = sum(r[k] for r in results[half] for k in FIELDS)
                total = len(results[half]) * len(FIELDS)
            else:
                right, total = sum(r[field] for r in results[half]), len(results[half])
            cells.append(f"{right}/{total} ({100 * right / total:.0f}%)")
        rows.append(f"| {field} | " + " | ".join(cells) + " |")
    return "\n".join(rows)


def details(half: str) -> None:
    for seed, expected in cases(half):
        try:
            got = read_clipping(seed.read_bytes(), seed.name)
        except ClippingError as exc:
            print(f"{seed.name}: {exc}")
            continue
        wrong = [k for k, ok in judge(seed, expected).items() if not ok]
        if not wrong:
            continue
        print(f"== {seed.name}: {', '.join(wrong)}")
        for key in ("title", "publication", "authors", "published", "url"):
            value = list(got.authors) if key == "authors" else getattr(got, key)
            if value != expected[key]:
                print(f"   {key}: got {value!r}, expected {expected[key]!r}")
        for p in expected["body"]:
            if p not in got.paragraphs:
                print(f"   missing: {p[:90]}")
        for p in got.paragraphs:
            if p not in expected["body"]:
                print(f"   extra:   {p[:90]}")


if __name__ == "__main__":
    if "--details" in sys.argv:
        details(sys.argv[sys.argv.index("--details") + 1] if len(sys.argv) > sys.argv.index("--details") + 1 else "dev")
    else:
        print(table())
