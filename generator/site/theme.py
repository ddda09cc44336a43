"""Themes: where templates and static files come from, and the Jinja2 setup.

A theme is a folder with ``templates/`` and ``static/``. The built-in
``default`` theme ships with the package; a site may have its own
``themes/<name>/`` whose files override the default's by name, so a site only
copies the templates it changes. Reading the theme is the only file access of
rendering: templates then see read-only model objects and never touch files.
"""
from __future__ import annotations

import functools
import os
import types
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any, Callable, Mapping

import jinja2
import jinja2.ext
import jinja2.meta
import jinja2.nodes
import jinja2.parser
import jinja2.runtime
import jinja2.sandbox

from ..content.changes import seal, unseal, write_atomic
from ..content.config import DEFAULT_THEME, THEMES, theme_problem
from ..content import sitefiles
from ..content.diagnostics import BuildError, Diagnostics


def builtin_theme_dir() -> Path:
    """The default theme: package data in an installed wheel, ``themes/default`` in a checkout."""
    packaged = Path(__file__).parents[1] / "themes" / DEFAULT_THEME
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "themes" / DEFAULT_THEME


class ThemeError(BuildError):
    """A theme that cannot be used (missing folder)."""


class ThemeSandbox(jinja2.sandbox.SandboxedEnvironment):
    """Jinja2's sandbox, as themes are often downloaded: a template reaches no Python internals
    (``__class__``, ``__globals__``, …), and no path or module either, so it cannot run
    a command or touch a file even through a path the model holds (``site.static.site``)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._verdicts: dict[tuple[type, str, type], bool] = {}

    def is_safe_attribute(self, obj: object, attr: str, value: object) -> bool:
        """Called for every attribute a template reads (about 280,000 times at 1,000 meetings), so each
        verdict is remembered: Jinja's test and ours ask only what types obj and value are, and the name."""
        key = (type(obj), attr, type(value))
        verdict = self._verdicts.get(key)
        if verdict is None:
            verdict = self._verdicts[key] = (_JINJA_SAFE(self, obj, attr, value) and not isinstance(obj, _OFF_LIMITS)
                                             and not isinstance(value, _OFF_LIMITS))
        return verdict


_JINJA_SAFE = jinja2.sandbox.SandboxedEnvironment.is_safe_attribute
# Not io.IOBase: an abstract class, slow to test against, and a file object can only come from a path.
_OFF_LIMITS = (PurePath, os.DirEntry, types.ModuleType)


@dataclass(frozen=True)
class Theme:
    """Template folders, most specific first, and static files by name."""

    template_dirs: tuple[Path, ...]
    static: Mapping[str, bytes]
    site: Path | None = None          # the site folder (resolved): templates outside the built-in theme are read
                                      # under its file rule (None: followed anywhere)

    def environment(self, functions: Mapping[str, Callable], filters: Mapping[str, Callable]) -> jinja2.Environment:
        env = ThemeSandbox(
            loader=self._loader,
            extensions=EXTENSIONS,
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

    def uses(self, template: str) -> tuple[str, ...]:
        """The templates rendering template reads: itself and those it extends, imports or includes, and
        theirs; every template when one of them names another by an expression."""
        found, pending = set(), [template]
        while pending:
            name = pending.pop()
            if name not in found:
                found.add(name)
                named = self._references(name)
                if None in named:
                    return tuple(sorted(self._loader.list_templates()))
                pending.extend(named)   # type: ignore[arg-type]
        return tuple(sorted(found))

    @functools.cached_property
    def _loader(self) -> jinja2.BaseLoader:
        builtin = builtin_theme_dir().resolve()
        return jinja2.ChoiceLoader([SiteTemplates(d, None if d.resolve().is_relative_to(builtin) else self.site)
                                    for d in self.template_dirs])

    @functools.cached_property
    def _named(self) -> dict[str, tuple[str | None, ...]]:
        return {}

    def _references(self, name: str) -> tuple[str | None, ...]:
        """The templates one template names (None for a name computed when it renders)."""
        if name not in self._named:
            env = ThemeSandbox(loader=self._loader, extensions=EXTENSIONS)
            try:
                self._named[name] = tuple(jinja2.meta.find_referenced_templates(env.parse(self._loader.get_source(env, name)[0])))
            except jinja2.TemplateError:
                self._named[name] = ()     # missing or broken: rendering will say so
        return self._named[name]


class SiteTemplates(jinja2.FileSystemLoader):
    """The templates of one folder, read under the rule of ``content.sitefiles``: a template that is a link
    out of site, or no regular file, is as if it were not there (the scan warns about it) and the next
    folder is asked; one too large or unreadable is an error. With site None (the built-in theme) links
    are followed anywhere."""

    def __init__(self, folder: Path, site: Path | None) -> None:
        super().__init__(str(folder), encoding="utf-8")
        self.folder, self.site = folder, site

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        file = self.folder.joinpath(*jinja2.loaders.split_template_path(template))
        try:
            data = sitefiles.read(file, self.site, template)
        except FileNotFoundError:
            raise jinja2.TemplateNotFound(template) from None
        except sitefiles.SiteFileError as problem:
            if problem.skipped:
                raise jinja2.TemplateNotFound(template) from None
            raise jinja2.TemplateError(f"{template}: {problem.message}") from None
        mtime = os.path.getmtime(file)
        return data.decode(self.encoding), os.path.normpath(file), lambda: os.path.getmtime(file) == mtime


class SharedPieces(jinja2.ext.Extension):
    """``{% shared key %}…{% endshared %}``: markup several pages show, such as an entry's chronology row,
    rendered once per environment (one per build) for each key and each folder depth of the page that
    shows it, since links relative to a page depend only on that depth. The block must show nothing
    but what its key determines: every other page showing that key gets the first one's markup."""

    tags = {"shared"}

    def __init__(self, environment: jinja2.Environment) -> None:
        super().__init__(environment)
        self.pieces: dict[tuple, str] = {}

    def parse(self, parser: jinja2.parser.Parser) -> jinja2.nodes.Node:
        line = next(parser.stream).lineno
        key = parser.parse_expression()
        body = parser.parse_statements(("name:endshared",), drop_needle=True)
        where = jinja2.nodes.Const(f"{parser.name}:{line}")
        call = self.call_method("_piece", [where, key, jinja2.nodes.ContextReference()])
        return jinja2.nodes.CallBlock(call, [], [], body).set_lineno(line)

    def _piece(self, where: str, key: object, context: jinja2.runtime.Context, caller: Callable[[], str]) -> str:
        page = context.get("page")
        depth = page.output.count("/") if page is not None else 0
        found = self.pieces.get((where, key, depth))
        if found is None:
            found = self.pieces[(where, key, depth)] = caller()
        return found


EXTENSIONS = (SharedPieces,)


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept between builds: in memory, and in folder when given, signed so that only
    code this user's builds compiled is ever loaded (``content.changes.seal``). Jinja2 compiles a
    template again whenever its source changed."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is None and self.folder is not None:
            try:
                code = unseal((self.folder / bucket.key).read_bytes())
            except OSError:
                code = None
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code[bucket.key] = bucket.bytecode_to_string()
        if self.folder is not None:
            sealed = seal(code)
            if sealed is not None:
                write_atomic(self.folder / bucket.key, sealed)


def load_theme(site_root: Path, name: str = DEFAULT_THEME) -> Theme:
    """The site's ``themes/<name>/`` over the built-in default theme."""
    builtin = builtin_theme_dir()
    if not (builtin / "templates").is_dir():
        raise ThemeError(f"the built-in theme is missing: no folder {builtin / 'templates'}")
    problem = theme_problem(site_root, name)
    if problem:
        raise ThemeError(f"site.yaml: {problem[0]}; {problem[1]}")
    site = site_root.resolve()
    folders = [builtin]
    own = site_root / THEMES / name
    if own.is_dir() and own.resolve() != builtin.resolve():
        if sitefiles.inside(own, site) is None:
            raise ThemeError(f"{THEMES}/{name}: the theme folder lies outside the site (a symbolic link); "
                             "it is not read; copy the theme into the site instead")
        folders.insert(0, own)
    static: dict[str, bytes] = {}
    for folder in reversed(folders):          # default first, so the site's files replace it
        static.update(_read_static(folder / "static", site if folder is own else None))
    return Theme(tuple(f / "templates" for f in folders if (f / "templates").is_dir()),
                 types.MappingProxyType(dict(sorted(static.items()))), site)


def _read_static(folder: Path, site: Path | None) -> dict[str, bytes]:
    """A theme's static files, found and read under the rule of ``content.sitefiles`` (the scan reports what
    it skips); with site None (the built-in theme) links are followed anywhere."""
    if not folder.is_dir():
        return {}
    static: dict[str, bytes] = {}
    for parts in sitefiles.walk(folder, site or folder.resolve(), "static", Diagnostics()):
        name = "/".join(parts)
        try:
            static[name] = sitefiles.read(folder.joinpath(*parts), site, name, listed=True, limit=None)
        except sitefiles.SiteFileError as problem:
            raise ThemeError(f"{folder.joinpath(*parts)}: {problem.message}") from None
    return static


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
