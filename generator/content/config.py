"""site.yaml: read into frozen, typed settings, reporting every problem."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .diagnostics import Diagnostics, did_you_mean
from .fields import LANGUAGE_TAG
from .phases import Phase, read_phases
from .textfile import decode
from .yamltext import YamlProblem, YMap, read_yaml

CONFIG_FILE = "site.yaml"
_THEME = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")


@dataclass(frozen=True)
class Config:
    title: str = "Chronology"
    base_url: str = "/"
    language: str = "en"
    theme: str = "default"
    description: str = ""
    timezone: str | None = None     # IANA zone for imported times that print none
    phases: tuple[Phase, ...] = ()  # the chapters of the story, in date order

    def with_base_url(self, base_url: str) -> "Config":
        return replace(self, base_url=normalise_base_url(base_url))


FIELDS = ("title", "base_url", "language", "theme", "description", "timezone", "phases")


def normalise_base_url(value: str) -> str:
    """'/repo', 'repo/', 'https://x.github.io/repo' all end in exactly one '/'."""
    value = value.strip()
    if "://" not in value:
        value = "/" + value.strip("/")
    return value.rstrip("/") + "/"


def load_config(root: Path, diagnostics: Diagnostics) -> Config:
    file = root / CONFIG_FILE
    if not file.is_file():
        return Config()
    text = decode(file.read_bytes(), CONFIG_FILE, diagnostics)
    if text is None:
        return Config()
    try:
        data = read_yaml(text)
    except YamlProblem as problem:
        diagnostics.error(CONFIG_FILE, problem.line, problem.col, problem.message)
        return Config()
    if data is None:
        return Config()
    if not isinstance(data, YMap):
        diagnostics.error(CONFIG_FILE, 1, 1, "site.yaml must be a mapping of settings")
        return Config()
    values: dict[str, str] = {}
    phases: tuple[Phase, ...] = ()
    for key, value in data.items():
        line, col = data.key_pos(key)
        if key not in FIELDS:
            diagnostics.warning(CONFIG_FILE, line, col, f"unknown setting '{key}'", did_you_mean(key, FIELDS))
        elif value is None:
            continue
        elif key == "phases":
            phases = read_phases(value, CONFIG_FILE, line, col, diagnostics)
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
    if "timezone" in values and not _is_zone(values["timezone"]):
        diagnostics.error(CONFIG_FILE, *data.value_pos("timezone"),
                          f"timezone '{values['timezone']}' is not an IANA time zone such as 'Asia/Seoul'")
        values.pop("timezone")
    if "base_url" in values:
        values["base_url"] = normalise_base_url(values["base_url"])
    return Config(**values, phases=phases)


def _is_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
