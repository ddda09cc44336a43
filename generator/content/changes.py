"""What changed since the last build: every source file by the hash of its bytes.

A scan lists the site's sources (``site.yaml``, every file under ``content/``,
``themes/`` and ``static/``, and the built-in theme) with the SHA-256 of each, found and
read under the rule of ``sitefiles``; a path that rule skips (a link out of the site, a FIFO)
is listed by where it leads, so that making or changing one counts as a change. Two scans
differ exactly where a file's bytes differ, whatever its times say. ``build``
reads and hashes every file (about 20 ms for 1,800 content files); ``serve``,
which scans after every edit, may let an unchanged ``stat`` stand for the
hash, but only for a file whose change time was at least ``SETTLED_NS`` older
than the scan that hashed it: any later write moves the change time, which no
program can set back, so such a file cannot have changed unseen.

``Reader`` keeps what reading each content file produced (its record and its
problems), under the hash of the bytes it was read from, and reads a file
again only when its hash changed. The checks that span files (unique ids,
references, mentions) run on the whole site every time. ``build`` keeps the
reader in ``.chrono-cache/`` between runs (``save``/``load``); the file is
signed with a key kept outside the site folder (``seal``), so a cache that
came with a site, or was altered, is never unpickled, only ignored.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .config import CONFIG_FILE, THEMES
from . import sitefiles
from .limits import MAX_FILE_BYTES
from .static import STATIC, scan_static
from .diagnostics import Diagnostic, Diagnostics
from .load import content_files, check_ids, load_file
from .kinds import KINDS
from .model import Entry
from .parallel import render_all
from .schema import to_record

BUILTIN = "<built-in theme>/"        # prefix of the built-in theme's files in a scan
SKIPPED = "skipped:"                 # digest prefix of a path the rule of ``sitefiles`` skipped (a link out, a FIFO)
SETTLED_NS = 2_000_000_000           # file systems stamp times in steps of up to two seconds (FAT)
Signature = tuple[int, int, int, int]   # mtime_ns, ctime_ns, size, inode


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


@dataclass(frozen=True)
class Scan:
    """Every source file of a site, by site-relative path, with the hash of its bytes."""

    files: dict[str, str]                                  # path -> digest
    signatures: dict[str, Signature] = field(repr=False)   # what stat said when it was hashed
    taken_ns: int = 0
    content: list[tuple[str, Path]] = field(default_factory=list, repr=False)   # (kind, file) as ``load`` lists them
    walk_problems: tuple[Diagnostic, ...] = ()
    unlisted: tuple[str, ...] = ()       # folders under content/ that could not be listed

    def unlisted_kinds(self) -> frozenset[str]:
        """The kinds some of whose files may be missing from the scan, as a folder of theirs could not be listed."""
        kinds = {path.split("/")[1] if "/" in path else "*" for path in self.unlisted}
        return frozenset(KINDS) if "*" in kinds else frozenset(kinds)

    def changed(self, previous: "Scan | None") -> set[str]:
        """Paths added, removed or with other bytes since previous (everything without one)."""
        if previous is None:
            return set(self.files)
        old, new = previous.files, self.files
        return {path for path in old.keys() | new.keys() if old.get(path) != new.get(path)}

    def theme(self, name: str) -> dict[str, str]:
        """``templates/x.html``/``static/x`` -> digest of the file a theme of that name uses (the site's over the built-in)."""
        own = f"{THEMES}/{name}/"
        layered: dict[str, str] = {}
        for prefix in (BUILTIN, own):
            layered.update((path[len(prefix):], hashed) for path, hashed in self.files.items() if path.startswith(prefix))
        return layered


def scan(root: Path, builtin_theme: Path, previous: Scan | None = None, *, trust_stat: bool = False,
         touched: Iterable[str] = ()) -> Scan:
    """Hash every source of the site in root; with trust_stat, a settled file whose stat is unchanged is not read.

    touched names site paths (files or folders) that an event says changed: their files are hashed
    whatever stat says, for file systems whose times cannot tell (coarse or unreliable change times).
    """
    walked = Diagnostics()
    site = root.resolve()
    skipped: list[str] = []
    unlisted: list[str] = []
    content = content_files(root, walked, skipped, unlisted)
    content_paths = {file.relative_to(root).as_posix() for _, file in content}
    found: list[tuple[str, Path]] = [(CONFIG_FILE, root / CONFIG_FILE)]
    found += [(file.relative_to(root).as_posix(), file) for _, file in content]
    found += _site_themes(root, walked, skipped)
    found += _tree(builtin_theme, BUILTIN, builtin_theme.resolve(), Diagnostics())
    found += [(f"{STATIC}/{name}", root / STATIC / name)
              for name in scan_static(root, Diagnostics(), skipped).files]   # its problems: ``read_site``
    events = set(touched)
    prefixes = tuple(path.rstrip("/") + "/" for path in events)
    taken = time.time_ns()
    files: dict[str, str] = {}
    signatures: dict[str, Signature] = {}
    for path, file in found:
        try:
            status = os.stat(file)
        except OSError:
            continue
        signature = (status.st_mtime_ns, status.st_ctime_ns, status.st_size, status.st_ino)
        if trust_stat and previous is not None and previous.signatures.get(path) == signature \
                and signature[1] < previous.taken_ns - SETTLED_NS and path in previous.files \
                and path not in events and not path.startswith(prefixes):
            files[path] = previous.files[path]
        else:
            try:
                files[path] = digest(sitefiles.read(file, None if path.startswith(BUILTIN) else site, path,
                                                    listed=path != CONFIG_FILE, limit=_limit(path)))
            except sitefiles.SiteFileError as problem:
                if path not in content_paths:    # a content file's problem is reported when it is read
                    problem.report(path, walked)
                continue
            except OSError:
                continue
        signatures[path] = signature
    for path in skipped:   # what the rule skipped, by where it leads: a link made or changed is a change
        try:
            target = os.fsencode(os.readlink(root / path))
        except OSError:       # no link (a FIFO), or gone since
            target = b""
        files[path] = SKIPPED + digest(target)
    return Scan(files, signatures, taken, content, tuple(walked.sorted()), tuple(unlisted))


def _limit(path: str) -> int | None:
    """The size limit of the file at a scan's path: none for a file copied as it is (static/, a theme's static/)."""
    if path.startswith(BUILTIN):
        copied = path.removeprefix(BUILTIN).startswith(f"{STATIC}/")
    elif path.startswith(f"{THEMES}/"):
        copied = path.split("/")[2:3] == [STATIC]          # themes/<name>/static/...
    else:
        copied = path.startswith(f"{STATIC}/")
    return None if copied else MAX_FILE_BYTES


def _site_themes(root: Path, diagnostics: Diagnostics, skipped: list[str] | None = None) -> list[tuple[str, Path]]:
    """Every file of the site's themes/ under the rule of ``sitefiles``; a themes/ linked out of the site is reported."""
    refused = sitefiles.folder_problem(root, THEMES)
    if refused is not None:
        refused.report(THEMES, diagnostics)
        return []
    return _tree(root / THEMES, f"{THEMES}/", root.resolve(), diagnostics, skipped)


def _tree(folder: Path, prefix: str, site: Path, diagnostics: Diagnostics,
          skipped: list[str] | None = None) -> list[tuple[str, Path]]:
    """Every visible file below folder, as (prefix + relative path, file), under the rule of ``sitefiles``."""
    if not folder.is_dir():
        return []
    return [(prefix + "/".join(parts), folder.joinpath(*parts))
            for parts in sitefiles.walk(folder, site, prefix.rstrip("/"), diagnostics, skipped=skipped)]


# -- reading content files again only when their bytes changed -----------------------------

@dataclass(frozen=True)
class Named:
    """Where a file's record would live: what ``load.check_ids`` looks at."""

    kind: str
    id: str
    path: str


@dataclass(frozen=True)
class FileRead:
    """What reading one content file produced, for as long as its bytes are the same."""

    digest: str
    front: str                  # hash of the front matter: what the record holds besides the body
    body: str                   # hash of the body
    named: Named | None
    load_problems: tuple[Diagnostic, ...]
    record: Entry | None
    record_problems: tuple[Diagnostic, ...]


UNREAD = ""   # the digest of a file that could not be read: matches no file, so the next read tries again


class Reader:
    """Per-file reading results, reused while a file's hash is unchanged."""

    FORMAT = 1

    def __init__(self) -> None:
        self.reads: dict[str, FileRead] = {}      # site path -> what reading it gave
        self.last_reread: tuple[str, ...] = ()   # site paths parsed by the latest ``records`` call

    def records(self, root: Path, diagnostics: Diagnostics, parallel: bool = False,
                sources: Scan | None = None) -> tuple[list[Entry], set[tuple[str, str]]]:
        """The typed records of every readable file with a valid id, and the (kind, id) of every file found.

        ``sources`` is a scan of root taken just before (one is taken without
        it). ``parallel`` reads changed files in forked workers (see
        ``parallel``); only for a process that runs no other threads.
        """
        if sources is None:
            sources = scan_content(root)
        diagnostics.extend(sources.walk_problems)
        paths = [file.relative_to(root).as_posix() for _, file in sources.content]
        stale = [index for index, path in enumerate(paths)
                 if path not in self.reads or self.reads[path].digest != sources.files.get(path)
                 or self.reads[path].digest == UNREAD]
        jobs = [(*sources.content[index], paths[index]) for index in stale]
        fresh = (render_all(lambda job: _read_file(root, *job), jobs) if parallel
                 else [_read_file(root, *job) for job in jobs])
        reads = {path: self.reads.get(path) for path in paths}
        for index, read in zip(stale, fresh):
            reads[paths[index]] = read
        self.reads = reads   # type: ignore[assignment]   # every stale or missing read is replaced
        self.last_reread = tuple(paths[index] for index in stale)
        for read in self.reads.values():
            diagnostics.extend(read.load_problems)
        named = [read.named for read in self.reads.values() if read.named is not None]
        valid = {id(name) for name in check_ids(named, diagnostics)}   # type: ignore[arg-type]
        records: list[Entry] = []
        for read in self.reads.values():
            if read.named is not None and id(read.named) in valid:
                diagnostics.extend(read.record_problems)
                if read.record is not None:
                    records.append(read.record)
        return records, {(kind, file.stem) for kind, file in sources.content}

    def save(self, folder: Path) -> None:
        """Keep the reads for the next build, signed; a cache that cannot be written only costs time."""
        sealed = seal(pickle.dumps((self.FORMAT, self.reads), protocol=pickle.HIGHEST_PROTOCOL))
        if sealed is not None:
            write_atomic(folder / READS_FILE, sealed)

    @classmethod
    def load(cls, folder: Path) -> "Reader":
        """The reads a build left in folder, or an empty reader when there are none we wrote ourselves."""
        reader = cls()
        try:
            data = unseal((folder / READS_FILE).read_bytes())
        except OSError:
            return reader
        if data is None:
            return reader
        try:
            version, reads = pickle.loads(data)
        except Exception:   # signed by us but from an older generator whose classes moved: start afresh
            return reader
        if version == cls.FORMAT and isinstance(reads, dict):
            reader.reads = reads
        return reader


def scan_content(root: Path) -> Scan:
    """A scan of the content files alone, for reading a site once (``check``); the site's theme folders are
    walked too, so that check reports the theme files build would skip."""
    walked = Diagnostics()
    unlisted: list[str] = []
    content = content_files(root, walked, unlisted=unlisted)
    _site_themes(root, walked)
    return Scan({}, {}, 0, content, tuple(walked.sorted()), tuple(unlisted))


def _read_file(root: Path, kind: str, file: Path, path: str) -> FileRead:
    """Load and type one file, keeping its problems apart from the site's; hashed from the bytes it was read from."""
    loading, typing = Diagnostics(), Diagnostics()
    try:
        data = sitefiles.read(file, root.resolve(), path, listed=True)
    except (OSError, sitefiles.SiteFileError) as problem:   # unreadable, or vanished since the walk: tried again next time
        if isinstance(problem, OSError):
            problem = sitefiles.unreadable(path, problem)
        problem.report(path, loading)
        return FileRead(UNREAD, UNREAD, UNREAD, Named(kind, file.stem, path), tuple(loading.sorted()), None, ())
    source = load_file(root, file, kind, loading, data)
    if source is None:
        hashed = digest(data)
        return FileRead(hashed, hashed, digest(b""), Named(kind, file.stem, path), tuple(loading.sorted()), None, ())
    record = to_record(source, typing)
    front = "\n".join(source.text.split("\n")[:source.body_line - 1])
    return FileRead(digest(data), digest(front.encode()), digest(source.body.encode()),
                    Named(kind, source.id, source.path), tuple(loading.sorted()), record, tuple(typing.sorted()))


# -- signed cache files -------------------------------------------------------------------

READS_FILE = "reads.pickle"
KEY_FILE = "cache-key"


def seal(data: bytes, key: bytes | None = None) -> bytes | None:
    """data with a signature of this user's key in front; None when there is no key to sign with.

    key: ``signing_key()`` read once by a caller that seals many pieces; read here when not given."""
    key = key or signing_key()
    return None if key is None else hmac.new(key, data, "sha256").digest() + data


def unseal(sealed: bytes, key: bytes | None = None) -> bytes | None:
    """What ``seal`` sealed, or None when this user's key did not sign it (altered, or from elsewhere)."""
    key = key or signing_key()
    mac, data = sealed[:32], sealed[32:]
    if key is None or len(mac) < 32 or not hmac.compare_digest(mac, hmac.new(key, data, "sha256").digest()):
        return None
    return data


def signing_key() -> bytes | None:
    """This user's key for signing caches, made on first use in ``$XDG_CACHE_HOME/chrono/`` (None when impossible)."""
    home = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    file = Path(home) / "chrono" / KEY_FILE
    try:
        key = file.read_bytes()
        if len(key) == 32 and stat.S_IMODE(file.stat().st_mode) & 0o077 == 0:
            return key
    except OSError:
        pass
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(file, secrets.token_bytes(32), mode=0o600)
        return file.read_bytes() if file.stat().st_size == 32 else None
    except OSError:
        return None


def write_atomic(target: Path, data: bytes, mode: int = 0o644) -> None:
    """Write through a temporary file and rename, so a reader never sees half a file; failures are ignored."""
    temporary = target.with_name(f".{target.name}.tmp-{os.getpid()}-{secrets.token_hex(4)}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
        os.replace(temporary, target)
    except OSError:
        temporary.unlink(missing_ok=True)
