"""What depends on what: each output's inputs, remembered so that only outputs whose inputs changed are made again.

The output plan names what each output reads (``plan.Output.reads``): the
config file, theme files, content files whole or their front matter alone
(``content/x/y.md#front``), or every file of a content folder
(``content/people/``, ``content/#front``). ``Fingerprints`` turns those
names into one hash per output from the hashes ``changes`` took of the
sources, so an output's fingerprint changes exactly when something it reads
does, including a file coming or going in a folder it reads.

A build leaves ``outputs.json`` in the cache folder: the fingerprint of every
output with the hash of each file it wrote, and a signature of the output
folder as the build left it (the size, times and inode of every file its
manifest lists). The next build keeps an output whose fingerprint is
unchanged, as long as the output folder still matches that signature; a
file the build wrote edited by hand, or any change
to the generator, the libraries that shape the output or the build's options
(``engine_key``), makes every output again. ``Store`` keeps rendered pieces
made from hashed inputs (Markdown bodies, search index shards) under those
hashes, so such a piece can go unused but never stale.

Both are sealed with this user's key (``content.changes.seal``), like the
record of reads and the compiled templates: a cache restored from elsewhere
or edited by hand (a CI cache, say) is ignored, never trusted, so it cannot
put a script into a page or keep a tampered output. Verifying the seal costs
about as much as the checksum it replaced; sanitising the HTML again on load
would cost three times the whole load (docs/security.md).
"""
from __future__ import annotations

import bisect
import hashlib
import json
import os
import stat
import sys
from collections import OrderedDict
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Iterable, Mapping

from ..content.changes import FileRead, Scan, digest, seal, signing_key, unseal, write_atomic
from ..content.config import CONFIG_FILE
from ..content.diagnostics import Diagnostic, Diagnostics
from ..content.static import STATIC
from .manifest import MANIFEST, read_manifest
from .plan import FRONT, THEME

FORMAT = 1
OUTPUTS_FILE = "outputs.json"
SHAPING_LIBRARIES = ("markdown", "jinja2", "markupsafe", "nh3", "pagefind", "pyyaml", "anyascii")


def engine_key(options: Mapping[str, object]) -> str:
    """A hash of what shapes every output besides the sources: this generator's code, the
    libraries, Python, and the build's options. When it changes, nothing recorded is trusted."""
    code = Path(__file__).resolve().parents[1]
    parts = {"format": FORMAT, "python": sys.version, "options": dict(options),
             "libraries": [_version(name) for name in SHAPING_LIBRARIES],
             "code": [(path.relative_to(code).as_posix(), digest(path.read_bytes()))
                      for path in sorted(code.rglob("*.py")) if "__pycache__" not in path.parts]}
    return digest(json.dumps(parts, sort_keys=True).encode())


class Fingerprints:
    """One hash per set of reads, from the hashes of the sources and of the content files as read."""

    def __init__(self, sources: Scan, reads: Mapping[str, FileRead], theme: str, facts: Mapping[str, str] = {}) -> None:
        """facts: values the link stage worked out from many files, read by name like a file (``plan.NOW``)."""
        self._files: dict[str, str] = {CONFIG_FILE: sources.files.get(CONFIG_FILE, ""), **facts}
        self._files.update((THEME + name, hashed) for name, hashed in sources.theme(theme).items())
        self._files.update((path, hashed) for path, hashed in sources.files.items() if path.startswith(STATIC + "/"))
        for path, read in reads.items():
            self._files[path] = read.digest
            self._files[path + FRONT] = read.front
        self._sorted = sorted(self._files)
        self._folders: dict[str, str] = {}

    def of(self, reads: Iterable[str]) -> str:
        return digest("\0".join(f"{name}\1{self.value(name)}" for name in reads).encode())

    def value(self, name: str) -> str:
        """The hash of one read: a file (missing: ''), or every file of a folder with its path."""
        if name not in self._folders:
            folder, front, _ = name.partition(FRONT)
            if not folder.endswith("/"):
                return self._files.get(name, "")
            wanted = [path for path in self._in(folder) if path.endswith(FRONT) == bool(front)]
            self._folders[name] = digest("\0".join(f"{path}\1{self._files[path]}" for path in wanted).encode())
        return self._folders[name]

    def _in(self, folder: str) -> list[str]:
        start = bisect.bisect_left(self._sorted, folder)
        end = bisect.bisect_left(self._sorted, folder[:-1] + chr(ord("/") + 1))
        return self._sorted[start:end]


# -- the record of the last build ------------------------------------------------------

@dataclass
class Built:
    """What one output was made from (its fingerprint) and the hash of each file it wrote."""

    fingerprint: str
    files: dict[str, str]


@dataclass
class OutputState:
    """Everything the next build needs to know about the output folder as this build left it."""

    engine: str = ""
    sources: dict[str, str] = field(default_factory=dict)        # the scan the build was made from
    tree: str = ""                                               # ``tree_signature`` of the output folder
    outputs: dict[str, Built] = field(default_factory=dict)      # output path -> what it was made from
    pages: int = 0
    diagnostics: tuple[Diagnostic, ...] = ()

    def file_digests(self) -> dict[str, str]:
        return {path: hashed for built in self.outputs.values() for path, hashed in built.files.items()}

    def save(self, folder: Path) -> None:
        data = {"format": FORMAT, "engine": self.engine, "sources": self.sources, "tree": self.tree,
                "pages": self.pages,
                "outputs": {path: [built.fingerprint, built.files] for path, built in self.outputs.items()},
                "diagnostics": [[d.path, d.line, d.col, d.severity, d.message, d.hint] for d in self.diagnostics]}
        sealed = seal(json.dumps(data, ensure_ascii=False).encode())
        if sealed is not None:
            write_atomic(folder / OUTPUTS_FILE, sealed)

    @classmethod
    def load(cls, folder: Path, engine: str) -> "OutputState":
        """The state the last successful build left, or an empty one (missing, damaged, made otherwise)."""
        try:
            data = json.loads(unseal((folder / OUTPUTS_FILE).read_bytes()) or b"null")
            if data["format"] != FORMAT or data["engine"] != engine:
                return cls()
            return cls(engine, {str(k): str(v) for k, v in data["sources"].items()}, str(data["tree"]),
                       {str(path): Built(str(fingerprint), {str(k): str(v) for k, v in files.items()})
                        for path, (fingerprint, files) in data["outputs"].items()},
                       int(data["pages"]),
                       tuple(Diagnostic(str(p), int(line), int(col), str(sev), str(msg), str(hint))
                             for p, line, col, sev, msg, hint in data["diagnostics"]))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    @staticmethod
    def forget(folder: Path) -> None:
        """Before a build changes the output: a build that fails must not leave an old record behind."""
        try:
            (folder / OUTPUTS_FILE).unlink(missing_ok=True)
        except OSError:
            pass

    def replayed(self) -> Diagnostics:
        diagnostics = Diagnostics()
        diagnostics.extend(self.diagnostics)
        return diagnostics


def tree_signature(folder: Path) -> str | None:
    """A hash of every file the last build wrote in folder (its manifest) by path, size, times and inode;
    None when folder has no manifest, or one of those files is missing or not a regular file. The other
    entries (a ``.git``, your notes) do not count: a build carries them over and never changes them."""
    files = read_manifest(folder)
    if files is None:
        return None
    hashed = hashlib.sha256()
    for relative in sorted(files | {MANIFEST}):
        try:
            status = os.lstat(os.path.join(folder, relative))
        except OSError:
            return None
        if not stat.S_ISREG(status.st_mode):
            return None
        hashed.update(f"{relative}\0{status.st_mode}\0{status.st_size}\0{status.st_mtime_ns}\0"
                      f"{status.st_ctime_ns}\0{status.st_ino}\0".encode())
    return hashed.hexdigest()


# -- pieces kept under the hash of what they were made from -------------------------------

MEMORY_LIMIT = 20_000    # pieces kept in memory; the least recently used go first
_MAGIC = b"chrono-piece-2\n"


class Store:
    """Bytes under the hash of their inputs: in memory for as long as the object, on disk when given a folder.

    A file that cannot be read, or does not hold what its name promises under
    this user's seal, is ignored and rewritten: a bad store never changes the output, and deleting
    the folder is always safe.
    """

    def __init__(self, directory: Path | None = None) -> None:
        # Never written or pruned through a symbolic link (``build`` refuses such a cache folder first).
        self.directory = None if directory is not None and directory.is_symlink() else directory
        self._key = signing_key() if self.directory is not None else None   # read once: a build reads thousands of pieces
        self._memory: OrderedDict[str, bytes] = OrderedDict()

    def get(self, key: str) -> bytes | None:
        if key in self._memory:
            self._memory.move_to_end(key)
            return self._memory[key]
        if self.directory is None:
            return None
        try:
            data = unseal((self.directory / key).read_bytes(), self._key) if self._key else None
        except OSError:
            return None
        header = _MAGIC + key.encode() + b"\n"
        if data is None or not data.startswith(header):
            return None
        payload = data[len(header):]
        self._remember(key, payload)
        return payload

    def put(self, key: str, value: bytes) -> None:
        self._remember(key, value)
        sealed = seal(_MAGIC + key.encode() + b"\n" + value, self._key) if self._key else None
        if sealed is not None:
            write_atomic(self.directory / key, sealed)

    def prune(self, used: set[str]) -> int:
        """Delete the files of keys not in used once they outnumber used; how many went.

        Pieces of earlier versions of the sources, or made for other options
        (another ``--base-url``), are left until then, so that a site built two
        ways does not make everything again at each switch.
        """
        if self.directory is None:
            return 0
        try:
            names = [name for name in os.listdir(self.directory) if not name.startswith(".")]
        except OSError:
            return 0
        unused = [name for name in names if name not in used]
        if len(unused) <= len(used):
            return 0
        removed = 0
        for name in unused:
            try:
                os.unlink(self.directory / name)
                removed += 1
            except OSError:
                pass
        return removed

    def _remember(self, key: str, value: bytes) -> None:
        self._memory[key] = value
        self._memory.move_to_end(key)
        while len(self._memory) > MEMORY_LIMIT:
            self._memory.popitem(last=False)


def pack(files: Mapping[str, bytes]) -> bytes:
    """Several files as one piece: a JSON list of (path, length) then the bytes one after another."""
    header = json.dumps([[path, len(data)] for path, data in files.items()]).encode()
    return len(header).to_bytes(8, "big") + header + b"".join(files.values())


def unpack(piece: bytes) -> dict[str, bytes] | None:
    try:
        size = int.from_bytes(piece[:8], "big")
        listing = json.loads(piece[8:8 + size])
        files, at = {}, 8 + size
        for path, length in listing:
            files[str(path)] = piece[at:at + int(length)]
            at += int(length)
        return files if at == len(piece) else None
    except (ValueError, TypeError):
        return None


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return ""
