"""PDF copies of the Word documents, made by LibreOffice after the batch is rendered.

One `soffice` call converts many files (start-up costs ~1 s, a dossier ~0.5 s, a checklist ~0.1 s), so
the batch's .docx files are staged under unique names and converted in a few parallel
LibreOffice processes of about equal work, each with its own profile (two conversions sharing a profile
fail silently). A fontconfig file maps the font names the templates use (仿宋, 黑体,
宋体, 楷体, 方正小标宋简体, as Word and WPS know them) to the free Fandol faces (else the Noto
CJK ones), so the PDF shows what Word would show on a Chinese Windows machine.
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

# The Fandol faces (free, GPL with font exception; Debian ships them in texlive-lang-chinese,
# scripts/install.sh installs it) are a real 仿宋, 楷体, 黑体 and 宋体; 小标宋 has no free face, its
# nearest is the bold Song. They live outside fontconfig's folders: the fonts.conf names the folder.
FANDOL_DIRS = (
    Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"),
    Path("/usr/share/fonts/opentype/fandol"),
)
_SERIF = "Noto Serif CJK SC"
_SANS = "Noto Sans CJK SC"
# name as the templates use it → (Fandol family, the weight meant, the Noto CJK fallback)
FONT_FACES = {
    "仿宋": ("FandolFang", "regular", _SERIF),
    "仿宋_GB2312": ("FandolFang", "regular", _SERIF),
    "FangSong": ("FandolFang", "regular", _SERIF),
    "楷体": ("FandolKai", "regular", _SERIF),
    "楷体_GB2312": ("FandolKai", "regular", _SERIF),
    "KaiTi": ("FandolKai", "regular", _SERIF),
    "黑体": ("FandolHei", "regular", _SANS),
    "SimHei": ("FandolHei", "regular", _SANS),
    "宋体": ("FandolSong", "regular", _SERIF),
    "SimSun": ("FandolSong", "regular", _SERIF),
    "方正小标宋简体": ("FandolSong", "bold", _SERIF),
    "方正小标宋_GBK": ("FandolSong", "bold", _SERIF),
    "微软雅黑": (None, "regular", _SANS),
    "Microsoft YaHei": (None, "regular", _SANS),
}
FONT_ALIASES = {name: fandol or noto for name, (fandol, _, noto) in FONT_FACES.items()}


def fandol_dir() -> Path | None:
    return next((d for d in FANDOL_DIRS if (d / "FandolFang-Regular.otf").is_file()), None)


def pdf_available() -> bool:
    return soffice_path() is not None


# 小标宋 has no free face; its nearest is the bold Song (FandolSong-Bold), given the 小标宋
# family name in the conversion's own font folder (see fontconfig_text).
TITLE_FACES = ("方正小标宋简体", "方正小标宋_GBK")
_TITLE_SOURCE = "FandolSong-Bold.otf"
_TITLE_LINK = "XiaoBiaoSong-FandolSong-Bold.otf"


def fontconfig_text(cache_dir: Path | None = None, font_dir: Path | None = None) -> str:
    """A fonts.conf mapping the Chinese font names of the templates to installed faces: the
    Fandol family where it is installed (a real 仿宋/楷体/黑体/宋体), else Noto CJK.

    `font_dir` (made by _font_folder) holds links to the Fandol faces, so fontconfig scans them
    afresh with the rules below (a font folder already in a system cache is not scanned again,
    and scan rules do not apply to it). The Fandol bold faces declare a regular weight; told they
    are bold, LibreOffice finds them. And 小标宋 (方正小标宋简体), which LibreOffice would draw in
    the regular face of whatever family a substitution names (it takes the family only), is a
    family of its own: a second link to FandolSong-Bold named 方正小标宋简体, so the title and
    the 发文机关标志 are drawn in the bold Song glyphs (the PDF names the face FandolSong-Bold)."""
    fandol = fandol_dir()
    title = font_dir / _TITLE_LINK if font_dir is not None and (font_dir / _TITLE_LINK).exists() else None
    rules = []
    for name, (family, _, noto) in FONT_FACES.items():
        target = family if fandol is not None and family else noto
        if title is not None and name in TITLE_FACES:
            if name == TITLE_FACES[0]:
                continue  # the family exists: no substitution
            target = TITLE_FACES[0]
        rules.append(
            f'  <match target="pattern"><test name="family"><string>{name}</string></test>'
            f'<edit name="family" mode="assign" binding="strong"><string>{target}</string></edit></match>'
        )
    for face in sorted(font_dir.glob("Fandol*-Bold.otf")) if font_dir is not None else []:
        rules.append(
            f'  <match target="scan"><test name="file"><string>{face}</string></test>'
            '<edit name="weight" mode="assign_replace"><const>bold</const></edit></match>'
        )
    if title is not None:
        rules.append(
            f'  <match target="scan"><test name="file"><string>{title}</string></test>'
            f'<edit name="family" mode="assign_replace"><string>{TITLE_FACES[0]}</string></edit>'
            '<edit name="familylang" mode="assign_replace"><string>zh-cn</string></edit>'
            f'<edit name="fullname" mode="assign_replace"><string>{TITLE_FACES[0]}</string></edit>'
            '<edit name="weight" mode="assign_replace"><const>bold</const></edit></match>'
        )
    head = f"  <cachedir>{cache_dir}</cachedir>\n" if cache_dir is not None else ""
    folder = font_dir if font_dir is not None else fandol
    folders = f"  <dir>{folder}</dir>\n" if folder is not None else ""
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"{head}"
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
        f"{folders}" + "\n".join(rules) + "\n</fontconfig>\n"
    )


def _font_folder(directory: Path) -> Path | None:
    """Links to the Fandol faces (and the 小标宋 link) in a folder of the conversion's own."""
    fandol = fandol_dir()
    if fandol is None:
        return None
    folder = directory / "fonts"
    folder.mkdir(exist_ok=True)
    for face in sorted(fandol.glob("Fandol*.otf")):
        if face.name.startswith(("FandolFang", "FandolKai", "FandolHei", "FandolSong")):
            (folder / face.name).symlink_to(face)
    if (fandol / _TITLE_SOURCE).is_file():
        (folder / _TITLE_LINK).symlink_to(fandol / _TITLE_SOURCE)
    return folder


def _fontconfig(directory: Path) -> Path:
    path = directory / "fonts.conf"
    # Its own font cache: the font folder is the conversion's, scanned once per conversion (~0.1 s).
    path.write_text(fontconfig_text(directory / "fontcache", _font_folder(directory)), encoding="utf-8")
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
