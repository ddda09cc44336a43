"""site.yaml: read into frozen, typed settings, reporting every problem."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from . import sitefiles
from .diagnostics import Diagnostics, did_you_mean
from .fields import LANGUAGE_TAG
from .phases import Phase, read_phases
from .textfile import decode
from .weburl import base_url_problem
from .yamltext import Note, YamlProblem, YMap, read_yaml

CONFIG_FILE = "site.yaml"
THEMES = "themes"
DEFAULT_THEME = "default"   # built in; a site's themes/default/ overrides its files
_THEME = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


@dataclass(frozen=True)
class Config:
    title: str = "Chronology"
    base_url: str = "/"
    language: str = "en"
    theme: str = "default"
    description: str = ""
    timezone: str | None = None     # IANA zone for imported times that print none
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}), hash=False)   # free-form, for themes
    phases: tuple[Phase, ...] = ()  # the chapters of the story, in date order

    def with_base_url(self, base_url: str) -> "Config":
        """These settings with another base_url (``build --base-url``, checked by the command line first)."""
        problem = base_url_problem(base_url)
        if problem:
            raise ValueError(problem)
        return replace(self, base_url=normalise_base_url(base_url))


FIELDS = ("title", "base_url", "language", "theme", "description", "timezone", "phases", "params")


def normalise_base_url(value: str) -> str:
    """'/repo', 'repo/', 'https://x.github.io/repo' all end in exactly one '/'."""
    value = value.strip()
    if "://" not in value:
        value = "/" + value.strip("/")
    return value.rstrip("/") + "/"


def load_config(root: Path, diagnostics: Diagnostics) -> Config:
    file = root / CONFIG_FILE
    if not os.path.lexists(file):
        return Config()
    try:
        data = sitefiles.read(file, root.resolve(), CONFIG_FILE)
    except (OSError, sitefiles.SiteFileError) as problem:
        (sitefiles.unreadable(CONFIG_FILE, problem) if isinstance(problem, OSError) else problem).report(CONFIG_FILE, diagnostics)
        return Config()
    text = decode(data, CONFIG_FILE, diagnostics)
    if text is None:
        return Config()
    notes: list[Note] = []
    try:
        data = read_yaml(text, notes=notes)
    except YamlProblem as problem:
        diagnostics.error(CONFIG_FILE, problem.line, problem.col, problem.message, problem.hint)
        return Config()
    for line, col, message, hint in notes:
        diagnostics.warning(CONFIG_FILE, line, col, message, hint)
    if data is None:
        return Config()
    if not isinstance(data, YMap):
        diagnostics.error(CONFIG_FILE, 1, 1, "site.yaml must be a mapping of settings")
        return Config()
    values: dict[str, Any] = {}
    for key, value in data.items():
        line, col = data.key_pos(key)
        if key not in FIELDS:
            diagnostics.warning(CONFIG_FILE, line, col, f"unknown setting '{key}'", did_you_mean(key, FIELDS))
        elif value is None:
            continue
        elif key == "params":
            if isinstance(value, YMap):
                values[key] = frozen(value)
            else:
                diagnostics.error(CONFIG_FILE, *data.value_pos(key), "'params' must be a mapping of names to values",
                                  "write each on its own line below params:, indented, such as  logo: images/logo.svg")
        elif key == "phases":
            values[key] = read_phases(value, CONFIG_FILE, line, col, diagnostics)
        elif not isinstance(value, str):
            diagnostics.error(CONFIG_FILE, *data.value_pos(key), f"'{key}' must be text")
        else:
            values[key] = value
    if "language" in values and not LANGUAGE_TAG.fullmatch(values["language"]):
        diagnostics.error(CONFIG_FILE, *data.value_pos("language"), f"language '{values['language']}' is not a language tag such as 'en' or 'ko-KR'")
        values.pop("language")
    if "theme" in values and not _THEME.fullmatch(values["theme"]):
        diagnostics.error(CONFIG_FILE, *data.value_pos("theme"), f"theme '{values['theme']}' is not a folder name under themes/")
        values.pop("theme")
    if "theme" in values and (problem := theme_problem(root, values["theme"])):
        diagnostics.error(CONFIG_FILE, *data.value_pos("theme"), *problem)
    if "timezone" in values and not _is_zone(values["timezone"]):
        diagnostics.error(CONFIG_FILE, *data.value_pos("timezone"),
                          f"timezone '{values['timezone']}' is not an IANA time zone such as 'Asia/Seoul'")
        values.pop("timezone")
    if "base_url" in values and (problem := base_url_problem(values["base_url"])):
        diagnostics.error(CONFIG_FILE, *data.value_pos("base_url"), problem)
        values.pop("base_url")
    if "base_url" in values:
        values["base_url"] = normalise_base_url(values["base_url"])
    return Config(**values)


def theme_problem(root: Path, name: str) -> tuple[str, str] | None:
    """(message, hint) when the theme site.yaml names has no folder; None when it can be used."""
    if name == DEFAULT_THEME or (root / THEMES / name).is_dir():
        return None
    themes = root / THEMES
    there = sorted(p.name for p in themes.iterdir() if p.is_dir()) if themes.is_dir() else []
    hint = (f"themes/ holds {', '.join(there)}" if there else
            f"make the folder themes/{name}/ with templates/ and static/, or leave theme out to use the built-in one")
    return f"theme '{name}' has no folder themes/{name}/", hint


def frozen(value: Any) -> Any:
    """A YAML value as plain, read-only Python: text, tuples and read-only mappings (for ``params``)."""
    if isinstance(value, dict):
        return MappingProxyType({str(key): frozen(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(frozen(item) for item in value)
    return None if value is None else str(value)


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
