"""Reading a site again without re-reading the files that did not change.

``SourceCache`` keeps, for each content file, what reading it produced (the
``SourceFile``, its typed record, and the problems found on the way), keyed
by path and checked against the file's modification time, size and inode.
A second read stats every file but parses only the changed ones; the checks
that span files (unique ids, references, mentions) run on the whole site every
time, because one file's change can break or mend another's references.

``read.read_site`` goes through here too, so ``check``, ``build`` and ``serve``
read a site the same way.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Diagnostics
from .load import SourceFile, check_ids, content_files, load_file
from .model import Entry
from .parallel import render_all
from .schema import to_record

Signature = tuple[int, int, int]   # mtime_ns, size, inode
UNREAD: Signature = (-1, -1, -1)   # matches no file, so the next read tries again


@dataclass(frozen=True)
class _Read:
    """What reading one file produced, for as long as the file is unchanged."""

    signature: Signature
    source: SourceFile | None
    load_problems: tuple[Diagnostic, ...]
    record: Entry | None
    record_problems: tuple[Diagnostic, ...]


def signature(file: Path) -> Signature | None:
    try:
        stat = file.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


class SourceCache:
    """Per-file reading results, reused while a file's signature is unchanged."""

    def __init__(self) -> None:
        self._files: dict[Path, _Read] = {}
        self.last_reread: tuple[str, ...] = ()   # site paths parsed by the latest ``records`` call
        self._walk: tuple[list[tuple[str, Path]], Diagnostics, list] | None = None   # left by ``is_current``

    def records(self, root: Path, diagnostics: Diagnostics,
                parallel: bool = False) -> tuple[list[Entry], set[tuple[str, str]]]:
        """The typed records of every readable file with a valid id, and the (kind, id) of every file found.

        ``parallel`` reads changed files in forked workers (see ``parallel``);
        only for a process that runs no other threads.
        """
        if self._walk is not None:   # walking the folders costs as much as the rest; do it once per build
            (files, walked, signatures), self._walk = self._walk, None
            diagnostics.extend(walked.sorted())
        else:
            files = content_files(root, diagnostics)
            signatures = [signature(file) for _, file in files]
        kept = [self._files.get(file) for _, file in files]
        stale = [index for index, (read, current) in enumerate(zip(kept, signatures))
                 if read is None or current is None or read.signature != current]
        jobs = [(*files[index], signatures[index]) for index in stale]
        fresh = (render_all(lambda job: _read_file(root, *job), jobs) if parallel
                 else [_read_file(root, *job) for job in jobs])
        for index, read in zip(stale, fresh):
            kept[index] = read
        reads: list[_Read] = kept   # type: ignore[assignment]   # every stale or missing read is replaced
        reread = [read.source.path if read.source else files[index][1].relative_to(root).as_posix()
                  for index, read in zip(stale, fresh)]
        self._files = {file: read for (_, file), read in zip(files, reads)}
        self.last_reread = tuple(reread)
        for read in reads:
            diagnostics.extend(read.load_problems)
        valid = {id(source) for source in check_ids([r.source for r in reads if r.source], diagnostics)}
        records: list[Entry] = []
        for read in reads:
            if read.source is not None and id(read.source) in valid:
                diagnostics.extend(read.record_problems)
                if read.record is not None:
                    records.append(read.record)
        return records, {(kind, file.stem) for kind, file in files}

    def is_current(self, root: Path) -> bool:
        """Whether every content file is as last read and none came or went; parses nothing.

        The list of files found is kept for the ``records`` call that follows.
        """
        walked = Diagnostics()
        files = content_files(root, walked)
        signatures = [signature(file) for _, file in files]
        self._walk = (files, walked, signatures)
        return len(files) == len(self._files) and all(
            file in self._files and self._files[file].signature == current
            for (_, file), current in zip(files, signatures))


def _read_file(root: Path, kind: str, file: Path, current: Signature | None) -> _Read:
    """Load and type one file, keeping its problems apart from the site's."""
    loading, typing = Diagnostics(), Diagnostics()
    try:
        source = load_file(root, file, kind, loading)
    except OSError as exc:   # vanished or unreadable between the walk and the read: try again next time
        loading.error(file.relative_to(root).as_posix(), 1, 1, f"cannot read the file: {exc.strerror or exc}")
        source, current = None, UNREAD
    record = to_record(source, typing) if source is not None else None
    return _Read(current or UNREAD, source, tuple(loading.sorted()), record, tuple(typing.sorted()))

