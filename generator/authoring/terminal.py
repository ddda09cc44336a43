"""What the command line adds for a person at a terminal: colour and a live status line.

Both are off when stderr is not a terminal (a pipe, a file, a CI log) or is
``TERM=dumb``; colour is off under ``NO_COLOR`` too (https://no-color.org).
With ``-v`` a build also prints how long each stage took, terminal or not.
None of it changes what a command does or the lines it prints.
"""
from __future__ import annotations

import os
import signal
import threading
import time
from typing import Callable, TextIO

from ..content.diagnostics import ERROR, WARNING, Diagnostic

SHOW_AFTER = 2.0   # seconds: a shorter build is over before a status line would help
REDRAW = 0.5       # seconds between redraws of the status line

_COLOURS = {ERROR: "\x1b[1;31m", WARNING: "\x1b[1;33m"}
_RESET = "\x1b[0m"
_ERASE_LINE = "\r\x1b[K"


def is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and os.environ.get("TERM") != "dumb"


def colour_wanted(stream: TextIO) -> bool:
    return is_terminal(stream) and not os.environ.get("NO_COLOR")


def format_diagnostic(diagnostic: Diagnostic, colour: bool) -> str:
    """``path:line:col: severity: message``, the severity in colour when asked for."""
    text = diagnostic.format()
    if not colour:
        return text
    where = f"{diagnostic.path}:{diagnostic.line}:{diagnostic.col}: "
    rest = text[len(where) + len(diagnostic.severity):]
    return f"{where}{_COLOURS.get(diagnostic.severity, '')}{diagnostic.severity}{_RESET}{rest}"


class BuildProgress:
    """Told each stage of a build as it starts; shows it on a terminal once the build has run a while.

    The status line (``chrono: rendering 5,400 entries  12.5 s``) is redrawn in
    place from a SIGALRM timer rather than a thread: the build forks worker
    processes, which must not start beside a running thread. Every draw goes
    straight to the file descriptor, so a redraw that interrupts another write
    to stderr cannot break it; ``close`` erases the line before anything else
    is printed.
    """

    def __init__(self, stream: TextIO, *, live: bool, verbose: bool, show_after: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.stream, self.live, self.verbose = stream, live, verbose
        self.show_after = SHOW_AFTER if show_after is None else show_after
        self.clock = clock
        self.started = clock()
        self.current: tuple[str, float] | None = None   # the stage running and when it started
        self.drawn = False                                 # a status line is on the screen
        self.busy = False                                  # a redraw now would interleave with our own write
        self.previous_handler: object = None
        self.timed = False                                 # the redraw timer is set

    def __enter__(self) -> "BuildProgress":
        if self.live and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread():
            self.previous_handler = signal.signal(signal.SIGALRM, self._on_timer)
            signal.setitimer(signal.ITIMER_REAL, self.show_after or REDRAW, REDRAW)
            self.timed = True
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def stage(self, name: str, count: int | None = None, unit: str = "") -> None:
        now = self.clock()
        self.busy = True
        try:
            self._finish(now)
            self.current = (f"{name} {count:,} {unit}".rstrip() if count is not None else name, now)
            self._draw(now)
        finally:
            self.busy = False

    def close(self) -> None:
        if self.timed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous_handler if self.previous_handler is not None else signal.SIG_DFL)  # type: ignore[arg-type]
            self.timed = False
        self.busy = True
        self._finish(self.clock())
        self.current = None

    def _finish(self, now: float) -> None:
        """Erase the status line, and under -v say how long the stage that ends took."""
        if self.drawn:
            os.write(self.stream.fileno(), _ERASE_LINE.encode())
            self.drawn = False
        if self.verbose and self.current:
            label, began = self.current
            print(f"{label}: {now - began:.2f} s", file=self.stream, flush=True)

    def _on_timer(self, signum: int, frame: object) -> None:
        if not self.busy:
            self._draw(self.clock())

    def _draw(self, now: float) -> None:
        if not self.live or self.current is None or now - self.started < self.show_after:
            return
        try:
            width = (os.get_terminal_size(self.stream.fileno()).columns or 80) - 1
        except OSError:
            width = 79
        line = f"chrono: {self.current[0]}  {now - self.started:.1f} s"[:width]
        os.write(self.stream.fileno(), (_ERASE_LINE + line).encode())
        self.drawn = True


def build_progress(stream: TextIO, verbosity: int) -> BuildProgress:
    """The status line on a terminal unless -q; stage times under -v."""
    return BuildProgress(stream, live=verbosity >= 0 and is_terminal(stream), verbose=verbosity > 0)
