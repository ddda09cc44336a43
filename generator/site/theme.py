"""Themes: where templates and static files come from, and the Jinja2 setup.

A theme is a folder with ``templates/`` and ``static/``. The built-in
``default`` theme ships with the package; a site may have its own
``themes/<name>/`` whose files override the default's by name, so a site only
copies the templates it changes. Reading the theme is the only file access of
rendering: templates then see read-only model objects and never touch files.
"""
from __future__ import annotations

import types
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping

import jinja2

from ..content.config import DEFAULT_THEME, THEMES, theme_problem
from ..content.diagnostics import BuildError


def builtin_theme_dir() -> Path:
    """The default theme: package data in an installed wheel, ``themes/default`` in a checkout."""
    packaged = Path(__file__).parents[1] / "themes" / DEFAULT_THEME
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "themes" / DEFAULT_THEME


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory, for every environment of one theme and between builds;
    Jinja2 recompiles one whose source changed."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class ThemeError(BuildError):
    """A theme that cannot be used (missing folder)."""


@dataclass(frozen=True)
class Theme:
    """Template folders, most specific first, and static files by name."""

    template_dirs: tuple[Path, ...]
    static: Mapping[str, bytes]

    def environment(self, functions: Mapping[str, Callable], filters: Mapping[str, Callable]) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(d), encoding="utf-8") for d in self.template_dirs]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
        )
        env.globals.update(functions)
        env.filters.update(filters)
        return env


def load_theme(site_root: Path, name: str = DEFAULT_THEME) -> Theme:
    """The site's ``themes/<name>/`` over the built-in default theme."""
    builtin = builtin_theme_dir()
    if not (builtin / "templates").is_dir():
        raise ThemeError(f"the built-in theme is missing: no folder {builtin / 'templates'}")
    problem = theme_problem(site_root, name)
    if problem:
        raise ThemeError(f"site.yaml: {problem[0]}; {problem[1]}")
    folders = [builtin]
    own = site_root / THEMES / name
    if own.is_dir() and own.resolve() != builtin.resolve():
        folders.insert(0, own)
    static: dict[str, bytes] = {}
    for folder in reversed(folders):          # default first, so the site's files replace it
        static.update(_read_static(folder / "static"))
    return Theme(tuple(f / "templates" for f in folders if (f / "templates").is_dir()),
                 types.MappingProxyType(dict(sorted(static.items()))))


def _read_static(folder: Path) -> dict[str, bytes]:
    if not folder.is_dir():
        return {}
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file() and not path.name.startswith(".")}


def template_location(error: BaseException, template_dirs: tuple[Path, ...]) -> tuple[str, int | None]:
    """Which template and line a Jinja2 error comes from, as a readable path."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return _shorten(error.filename or error.name or "?", template_dirs), error.lineno
    where: tuple[str, int | None] = ("?", None)
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml", ".txt", ".svg")) or "templates" in Path(filename).parts:
            where = (_shorten(filename, template_dirs), trace.tb_lineno)
        trace = trace.tb_next
    return where


def _shorten(filename: str, template_dirs: tuple[Path, ...]) -> str:
    path = Path(filename)
    for folder in template_dirs:
        try:
            return (Path("themes") / folder.parent.name / "templates" / path.relative_to(folder)).as_posix()
        except ValueError:
            continue
    return filename
