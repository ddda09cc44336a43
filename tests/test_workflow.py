"""The GitHub Pages workflow: valid for GitHub, on current actions, caching what it can."""
from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import yaml

from generator.build import CACHE_FOLDER
from generator.cli import build_parser

WORKFLOW = Path(__file__).resolve().parents[1] / ".github" / "workflows" / "pages.yml"

# The first major version of each action that runs on Node 24 (Node 20 left GitHub's
# runners in September 2026). upload-pages-artifact is composite: from v5 it calls
# upload-artifact v7, which runs on Node 24.
NODE24_SINCE = {
    "actions/checkout": 5,
    "actions/setup-python": 6,
    "actions/cache": 5,
    "actions/configure-pages": 6,
    "actions/upload-pages-artifact": 5,
    "actions/deploy-pages": 5,
}


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def validate(path: Path) -> subprocess.CompletedProcess:
    """check-jsonschema against its vendored copy of the workflow schema: no network."""
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
                          capture_output=True, text=True, timeout=60)


def test_workflow_is_valid_against_the_github_workflow_schema():
    result = validate(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_rejects_a_misspelt_workflow(tmp_path):
    broken = tmp_path / "pages.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "run-on:", 1), encoding="utf-8")
    result = validate(broken)
    assert result.returncode == 1
    assert "runs-on" in result.stdout


def test_every_action_is_on_a_node24_major():
    used = [step["uses"] for step in steps(yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))) if "uses" in step]
    assert {action.split("@")[0] for action in used} == set(NODE24_SINCE)
    for action in used:
        name, version = action.split("@")
        assert version.startswith("v") and int(version[1:]) >= NODE24_SINCE[name], action


def test_pip_downloads_and_the_build_cache_are_kept_between_runs():
    cached = [step["with"]["path"] for step in steps(yaml.safe_load(WORKFLOW.read_text(encoding="utf-8")))
              if step.get("uses", "").startswith("actions/cache@")]
    assert sorted(cached) == sorted(["~/.cache/pip", CACHE_FOLDER])


def test_build_step_uses_options_the_command_line_has():
    run = next(step["run"] for step in steps(yaml.safe_load(WORKFLOW.read_text(encoding="utf-8")))
               if step.get("name") == "Build")
    argv = shlex.split(run.replace("${{ steps.pages.outputs.base_url }}", "https://owner.github.io/repo/"))
    assert argv[0] == "chrono"
    args = build_parser().parse_args(argv[1:])
    assert (args.command, args.output, args.base_url) == ("build", Path("_site"), "https://owner.github.io/repo/")
