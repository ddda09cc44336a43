"""Command-line wiring and exit codes: 0 ok, 1 content errors, 2 bad usage."""
from __future__ import annotations

import argparse
import gc
import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence, TextIO

from .content.diagnostics import Diagnostics
from .authoring.newsite import chrono_version
from .authoring.terminal import build_progress, colour_wanted, format_diagnostic
from .content.kinds import BY_SINGULAR

# Each command imports what it runs when it runs: ``check`` never loads Jinja2,
# Python-Markdown or Pagefind, and starts that much sooner.

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 as well; keep its wording
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


QUIET, NORMAL, VERBOSE = -1, 0, 1


def fail(command: str, error: object, code: int) -> int:
    print(f"chrono {command}: error: {error}", file=sys.stderr)
    return code


def report(diagnostics: Diagnostics, err: TextIO, verbosity: int = NORMAL) -> None:
    """Every problem, sorted; under -q only the errors."""
    colour = colour_wanted(err)
    for diagnostic in diagnostics.sorted():
        if diagnostic.is_error or verbosity > QUIET:
            print(format_diagnostic(diagnostic, colour), file=err)


def cmd_check(args: argparse.Namespace) -> int:
    from .content.read import read_site
    with build_progress(sys.stderr, args.verbosity) as progress:
        progress.stage("reading content")
        site, diagnostics = read_site(args.site, strict=args.strict, drafts=True)
    report(diagnostics, sys.stderr, args.verbosity)
    if args.verbosity == QUIET:
        return EXIT_CONTENT if diagnostics.fails(args.strict) else EXIT_OK
    errors, warnings = len(diagnostics.errors), len(diagnostics.warnings)
    print(f"checked {len(site.entries()) + len(site.failed)} files: "
          f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}", file=sys.stderr)
    return EXIT_CONTENT if diagnostics.fails(args.strict) else EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build
    from .content.diagnostics import BuildError
    from .site.lock import OutputBusy
    from .site.write import OutputFolderError, OutputWriteError
    try:
        with build_progress(sys.stderr, args.verbosity) as progress, _interruptible():
            result = build(args.site, args.output, base_url=args.base_url, drafts=args.drafts, strict=args.strict,
                           cache=not args.no_cache, progress=progress)
    except OutputFolderError as exc:
        return fail("build", exc, EXIT_USAGE)
    except (BuildError, OutputBusy, OutputWriteError) as exc:
        return fail("build", exc, EXIT_CONTENT)
    except OSError as exc:   # beside the output folder: its lock, its parent
        return fail("build", f"cannot write {exc.filename or args.output or 'output'}: {exc.strerror or exc}", EXIT_CONTENT)
    except Interrupted as exc:
        print(f"chrono build: interrupted; {args.output or 'output/'} holds the last complete build", file=sys.stderr)
        return 128 + exc.signum
    report(result.diagnostics, sys.stderr, args.verbosity)
    if result.failed:
        problems = len(result.diagnostics.errors) + (len(result.diagnostics.warnings) if args.strict else 0)
        print(f"build failed: {problems} problem{'s' * (problems != 1)}; the output folder was left as it was", file=sys.stderr)
        return EXIT_CONTENT
    if args.verbosity == QUIET:
        return EXIT_OK
    if args.verbosity == VERBOSE and result.stats:
        print(f"{result.stats.written} files written, {result.stats.unchanged} unchanged", file=sys.stderr)
    warnings = len(result.diagnostics.warnings)
    done = "up to date, nothing changed since the last build:" if result.up_to_date else "built"
    print(f"{done} {result.pages} pages ({result.files} files) in {result.seconds:.2f} s, "
          f"{warnings} warning{'s' * (warnings != 1)}", file=sys.stderr)
    return EXIT_OK


def base_url_option(value: str) -> str:
    from .content.weburl import base_url_problem
    problem = base_url_problem(value)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return value


class Interrupted(BaseException):
    """Ctrl-C or SIGTERM: unwinds the build like an error, so that it removes its temporary folder."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _interruptible() -> Iterator[None]:
    """SIGINT and SIGTERM raise ``Interrupted`` in this process; a forked worker just ends, quietly."""
    parent = os.getpid()

    def stop(signum: int, frame: object) -> None:
        if os.getpid() != parent:
            os._exit(128 + signum)
        raise Interrupted(signum)

    before = {signum: signal.signal(signum, stop) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)


def cmd_new(args: argparse.Namespace) -> int:
    from .authoring.scaffold import FileExists, ScaffoldError, new_file
    try:
        made = new_file(args.site, args.kind, args.title, date=args.date, id=args.id)
    except ScaffoldError as exc:
        return fail("new", exc, EXIT_USAGE)
    except FileExists as exc:
        return fail("new", exc, EXIT_CONTENT)
    print(made.path)
    if made.placeholders and args.verbosity > QUIET:
        print(f"fill in the YYYY-MM-DD placeholder in {made.path}; `chrono check` reports it until then", file=sys.stderr)
    return EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from .authoring.newsite import InitError, init_site
    folder = args.folder if args.folder is not None else args.site
    try:
        made = init_site(folder)
    except InitError as exc:
        return fail("init", exc, EXIT_CONTENT)
    if args.verbosity == VERBOSE:
        for path in made.files:
            print(f"wrote {folder / path}", file=sys.stderr)
    if args.verbosity > QUIET:
        if not made.requirement.reachable:
            print(f"chrono init: warning: requirements.txt names {made.requirement.line}, which the Pages workflow "
                  "cannot install while this chrono comes from a local folder; name a Git URL there instead", file=sys.stderr)
        print(f"made a new site in {folder}: see its README.md; `chrono -C {folder} serve` previews it", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .authoring.serve import DevServer
    try:
        server = DevServer(args.site, host=args.host, port=args.port, drafts=args.drafts,
                           allowed_hosts=tuple(args.allow_host), out=sys.stderr)
    except OSError as exc:
        return fail("serve", f"cannot listen on {args.host} port {args.port}: {exc.strerror or exc}", EXIT_USAGE)
    server.run()
    return EXIT_OK


def cmd_import(args: argparse.Namespace) -> int:
    from .authoring.importer import run_import
    from .authoring.importing.fetch import is_url
    source = args.source
    if not is_url(source):
        path = Path(source)
        source = path if path.exists() or path.is_absolute() else args.site / path
    return run_import(args.site, source, article_id=args.id, force=args.force, dry_run=args.dry_run, out=sys.stdout)


def add_verbosity(parser: argparse.ArgumentParser, default: object) -> None:
    """-q and -v. A command's own copy defaults to SUPPRESS, so that ``chrono -q build`` stays quiet."""
    either = parser.add_mutually_exclusive_group()
    either.add_argument("-q", "--quiet", dest="verbosity", action="store_const", const=QUIET, default=default,
                        help="print only errors")
    either.add_argument("-v", "--verbose", dest="verbosity", action="store_const", const=VERBOSE, default=default,
                        help="say more: how long each stage of a build took, every file written")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="chrono", description="Build a static chronology site from Markdown files.")
    add_verbosity(parser, NORMAL)
    parser.add_argument("--version", action="version", version=f"chrono {chrono_version()}")
    parser.add_argument("-C", "--site", type=Path, default=Path("."), metavar="DIR",
                        help="the site folder, holding site.yaml and content/ (default: the current folder)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    init = commands.add_parser("init", help="start a new site in an empty or new folder; it builds as it is")
    init.add_argument("folder", nargs="?", type=Path, metavar="DIR", help="where to make it (default: the site folder, -C)")
    init.set_defaults(run=cmd_init, needs_site=False)

    check = commands.add_parser("check", help="validate every file and report every problem; writes nothing")
    check.add_argument("--strict", action="store_true", help="warnings fail too, and every meeting and history entry needs a source")
    check.set_defaults(run=cmd_check)

    build_command = commands.add_parser("build", help="build the site into the output folder, replacing it only when the whole build succeeds")
    build_command.add_argument("--output", type=Path, metavar="DIR", help="where to write the site (default: output/ in the site folder)")
    build_command.add_argument("--base-url", metavar="URL", type=base_url_option, help="the address the site is served from: / for a user site, /<repo>/ for a GitHub project site (default: base_url in site.yaml)")
    build_command.add_argument("--drafts", action="store_true", help="include files marked draft: true")
    build_command.add_argument("--strict", action="store_true", help="warnings fail the build too, and every meeting and history entry needs a source")
    build_command.add_argument("--no-cache", action="store_true", help="render everything again, neither reading nor writing .chrono-cache/ in the site folder")
    build_command.set_defaults(run=cmd_build)

    serve = commands.add_parser("serve", help="serve the site from memory, rebuild on every change and reload open pages")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1, this machine only; 0.0.0.0 opens it to the network)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000; 0 picks a free one)")
    serve.add_argument("--drafts", action="store_true", help="include files marked draft: true")
    serve.add_argument("--allow-host", metavar="NAME", action="append", default=[],
                       help="also answer requests addressed to NAME (repeatable); only localhost, 127.0.0.1, [::1] "
                            "and the --host address are answered otherwise")
    serve.set_defaults(run=cmd_serve)

    importing = commands.add_parser("import", help="turn a clipped article (seeds/<file> or a URL) into content/articles/<id>.md")
    importing.add_argument("source", metavar="SEED|URL", help="the clipped page: page text, a saved .html page or a Markdown web clip "
                           "(relative to the current folder or the site folder), or an http(s) URL, saved to seeds/ first")
    importing.add_argument("--id", help="the article id, instead of one made from its title")
    importing.add_argument("--force", action="store_true", help="replace the article file if it exists, or the article already imported from the same page")
    importing.add_argument("--dry-run", action="store_true", help="print the article file instead of writing it")
    importing.set_defaults(run=cmd_import)

    new = commands.add_parser("new", help="write a new content file with its required front matter filled in")
    new.add_argument("kind", choices=sorted(BY_SINGULAR), help="what the file describes")
    new.add_argument("title", help="the name of a person, or the title of anything else; the file name is made from it")
    new.add_argument("--date", help="an EDTF date (2018-09-05, 2018-09, 2018-09-18/2018-09-20); for an article, its ISO publication date")
    new.add_argument("--id", help="the file name without .md, instead of one made from the title")
    new.set_defaults(run=cmd_new)

    for command in commands.choices.values():   # after the command too: `chrono build -q`
        add_verbosity(command, argparse.SUPPRESS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # A build allocates millions of small objects that live to the end; collecting
    # after every 700 (Python's default) re-scans them all, for a tenth of the run time.
    gc.set_threshold(50_000)
    args = build_parser().parse_args(argv)
    if getattr(args, "needs_site", True) and not args.site.is_dir():
        print(f"chrono: error: site folder {args.site} does not exist", file=sys.stderr)
        return EXIT_USAGE
    return args.run(args)
