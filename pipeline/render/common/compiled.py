"""Compiled templates kept in the cache folder between runs.

Parsing and compiling the dossier's and the checklist's templates costs a worker about
0.1 s before its first document, which a re-run that changed one application pays on its
critical path. jinja2's bytecode cache keeps the compiled code, checked against the
template source on load; the folder is named after the jinja2 version and the render
code, which sets the environments' options that shape the compiled code. Each file
carries a digest of its content: a damaged one is compiled again, never run.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from functools import cache
from pathlib import Path

import jinja2
from jinja2 import BytecodeCache, Environment, Template
from jinja2.bccache import Bucket

from ...cache import RENDER_CODE, code_version, touch
from .config import compiled_dir


class _Kept(BytecodeCache):
    def __init__(self, directory: Path):
        self.directory = directory

    def _path(self, bucket: Bucket) -> Path:
        return self.directory / f"{bucket.key}.bin"

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            data = self._path(bucket).read_bytes()
        except OSError:
            return
        digest, body = data[:32], data[32:]
        if hashlib.sha256(body).digest() != digest:
            return  # damaged: compiled again and written over
        try:
            bucket.load_bytecode(io.BytesIO(body))
        except Exception:  # what the digest cannot catch: an entry from another Python
            bucket.reset()
        else:
            touch(self._path(bucket))

    def dump_bytecode(self, bucket: Bucket) -> None:
        buffer = io.BytesIO()
        bucket.write_bytecode(buffer)
        body = buffer.getvalue()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.directory, prefix=".tmp-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(hashlib.sha256(body).digest() + body)
            os.replace(tmp, self._path(bucket))
        except OSError:  # a full or read-only cache folder costs speed, never the documents
            pass


def _kept() -> _Kept | None:
    """The cache for the folder config.keep_compiled_in named (None: templates are not kept)."""
    folder = compiled_dir()
    return None if folder is None else _kept_in(folder)


@cache
def _kept_in(folder: Path) -> _Kept:
    return _Kept(folder / f"jinja{jinja2.__version__}-{code_version(RENDER_CODE)}")


def use_kept(env: Environment) -> Environment:
    """`env`, loading and storing its file templates' compiled code in the cache folder."""
    env.bytecode_cache = _kept()
    return env


def from_source(env: Environment, name: str, source: str) -> Template:
    """env.from_string(source), its compiled code kept under `name`."""
    kept = _kept()
    if kept is None:
        return env.from_string(source)
    bucket = kept.get_bucket(env, name, None, source)
    if bucket.code is None:
        bucket.code = env.compile(source, name)
        kept.set_bucket(bucket)
    return env.template_class.from_code(env, bucket.code, env.make_globals(None))
