"""PDF copies of the Word documents, made by LibreOffice after the batch is rendered.

One `soffice` call converts many files (start-up costs ~1 s, a dossier ~0.5 s, a checklist ~0.1 s), so
the batch's .docx files are staged under unique names and converted in a few parallel
LibreOffice processes of about equal work, each with its own profile (two conversions sharing a profile
fail silently). A fontconfig file maps the font names the templates use (仿宋, 黑体,
宋体, 楷体 …, as Word and WPS know them) to the Simplified Chinese Noto CJK faces, so
the PDF shows what Word would show on a Chinese Windows machine.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ...read.tools import soffice_path
from .config import settings

log = logging.getLogger(__name__)

_SERIF = "Noto Serif CJK SC"
_SANS = "Noto Sans CJK SC"
FONT_ALIASES = {
    "仿宋": _SERIF,
    "仿宋_GB2312": _SERIF,
    "FangSong": _SERIF,
    "宋体": _SERIF,
    "SimSun": _SERIF,
    "方正小标宋简体": _SERIF,
    "楷体": _SERIF,
    "楷体_GB2312": _SERIF,
    "KaiTi": _SERIF,
    "黑体": _SANS,
    "SimHei": _SANS,
    "微软雅黑": _SANS,
    "Microsoft YaHei": _SANS,
}


def pdf_available() -> bool:
    return soffice_path() is not None


def _fontconfig(directory: Path) -> Path:
    aliases = "\n".join(
        f'  <alias binding="same"><family>{name}</family><prefer><family>{target}</family></prefer></alias>'
        for name, target in FONT_ALIASES.items()
    )
    path = directory / "fonts.conf"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"{aliases}\n</fontconfig>\n",
        encoding="utf-8",
    )
    return path


def _convert_group(soffice: str, files: list[Path], workdir: Path, fonts: Path) -> None:
    profile = workdir / "profile"
    outdir = workdir / "pdf"
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(outdir),
        *map(str, files),
    ]
    env = {**os.environ, "FONTCONFIG_FILE": str(fonts)}
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=workdir, env=env, start_new_session=True
    )
    if not _wait_while_progressing(proc, outdir):
        # soffice is a wrapper around soffice.bin: end the whole process group, keep what was converted
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def _wait_while_progressing(proc: subprocess.Popen, outdir: Path) -> bool:
    """Wait for `proc` as long as it keeps producing PDFs: a batch of any size finishes, a
    conversion stuck on one document for pdf_seconds_per_document (or a run past the absolute
    pdf_batch_seconds_max) is stopped. False when it had to be stopped."""
    cfg = settings()
    started = last_progress = time.monotonic()
    done = 0
    while True:
        try:
            proc.wait(timeout=0.25)
            return True
        except subprocess.TimeoutExpired:
            pass
        now = time.monotonic()
        count = sum(1 for _ in outdir.glob("*.pdf"))
        if count != done:
            done, last_progress = count, now
        if now - last_progress > cfg.pdf_seconds_per_document or now - started > cfg.pdf_batch_seconds_max:
            log.warning(
                "LibreOffice 转换 PDF 已停止（用时 %.0f 秒，已完成 %d 份）；未转换的文档在 index.html 中列出",
                now - started,
                done,
            )
            return False


def balanced_groups(sizes: dict[str, int], count: int) -> list[list[str]]:
    """Split the documents into at most `count` groups of about equal work, largest first
    into the lightest group: a dossier takes LibreOffice about five times as long as a
    checklist, and each group is one process, so the batch waits for the heaviest group."""
    groups: list[list[str]] = [[] for _ in range(max(1, min(count, len(sizes))))]
    load = [0] * len(groups)
    for name in sorted(sizes, key=lambda n: (-sizes[n], n)):
        lightest = load.index(min(load))
        groups[lightest].append(name)
        load[lightest] += sizes[name]
    return [sorted(group) for group in groups if group]


def convert_to_pdf(documents: list[Path], processes: int = 2) -> list[Path]:
    """Write `x.pdf` beside every `x.docx` in `documents`; return the documents that failed.

    Never raises: a missing LibreOffice or a failed conversion leaves the .docx as is.
    """
    soffice = soffice_path()
    if soffice is None or not documents:
        return list(documents)
    with tempfile.TemporaryDirectory(prefix="nx-prescreen-pdf-") as tmp:
        root = Path(tmp)
        fonts = _fontconfig(root)
        staged: dict[str, Path] = {}
        for n, doc in enumerate(documents):
            name = f"doc{n:05d}.docx"
            (root / "in").mkdir(exist_ok=True)
            shutil.copyfile(doc, root / "in" / name)
            doc.with_suffix(".pdf").unlink(missing_ok=True)  # never leave a stale copy behind
            staged[name] = doc
        groups = balanced_groups({name: doc.stat().st_size for name, doc in staged.items()}, processes)
        with ThreadPoolExecutor(max_workers=len(groups)) as pool:
            for i, group in enumerate(groups):
                pool.submit(_convert_group, soffice, [root / "in" / g for g in group], root / f"w{i}", fonts)
        failed = []
        for i, group in enumerate(groups):
            for name in group:
                pdf = root / f"w{i}" / "pdf" / name.replace(".docx", ".pdf")
                target = staged[name].with_suffix(".pdf")
                if pdf.exists() and pdf.stat().st_size > 0:
                    shutil.move(str(pdf), target)
                else:
                    failed.append(staged[name])
        return failed
