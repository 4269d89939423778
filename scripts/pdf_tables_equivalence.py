"""Compare pipeline.read.pdf_tables with pdfplumber's extract_tables() on every page of many PDFs.

    python3 scripts/pdf_tables_equivalence.py [--no-tests] [--no-soffice] [--keep DIR]

PDFs compared: sample_submissions (zips unpacked), a fresh samplegen run, every PDF that
the reading/audit tests read (captured by running them), LibreOffice exports of the
sample .docx/.xlsx files and of python-docx tables with merged cells, and hand-made
reportlab/raw pages (grids as lines, rects, one path, a form XObject, a rotated page, an
offset MediaBox, thin filled rects). Cell texts are compared after normalize_text and
whitespace removal; None (covered by a merged cell) must stay None.
Then prints ms per statement page for both on the sample audit reports.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pdfplumber  # noqa: E402
import pypdfium2 as pdfium  # noqa: E402

from pipeline.read.normalize import normalize_text  # noqa: E402
from pipeline.read.pdf_tables import extract_tables  # noqa: E402

BIG = 10**12
TEST_FILES = [
    "tests/test_read.py",
    "tests/test_read_formats.py",
    "tests/test_read_pdf_tables.py",
    "tests/test_extract_audit.py",
    "tests/test_extract_audit_layouts.py",
    "tests/test_extract_samples.py",
    "tests/test_extract_variants.py",
    "tests/test_extract_support.py",
    "tests/test_samplegen_builders.py",
    "tests/test_hostile.py",
    "tests/test_end_to_end.py",
]

CAPTURE_PLUGIN = '''
import os, shutil, itertools
import pypdfium2 as pdfium
_dir = os.environ["PDF_TABLES_CAPTURE"]
_n = itertools.count()
_orig = pdfium.PdfDocument
class _Capturing(_orig):
    def __init__(self, input, *a, **k):
        if isinstance(input, (str, os.PathLike)) and os.path.isfile(input):
            try:
                shutil.copyfile(input, os.path.join(_dir, "%05d.pdf" % next(_n)))
            except OSError:
                pass
        elif isinstance(input, (bytes, bytearray)):
            with open(os.path.join(_dir, "%05d.pdf" % next(_n)), "wb") as fh:
                fh.write(bytes(input))
        super().__init__(input, *a, **k)
pdfium.PdfDocument = _Capturing
'''


def norm(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", "", normalize_text(text))


def normalised(tables: list) -> list:
    return [[[norm(c) for c in row] for row in t] for t in tables]


def compare_file(path: Path) -> tuple[int, int, list[str]]:
    """(pages, tables, differences) for one PDF. A page pdfplumber cannot read (mutated
    PDFs from the fuzz tests) counts only as a check that pdf_tables does not raise."""
    diffs: list[str] = []
    pages = tables = 0
    try:
        doc = pdfium.PdfDocument(str(path))
    except Exception:  # pdfium cannot open it: read_pdf reports it unreadable, nothing to compare
        return 0, 0, []
    try:
        plumber = pdfplumber.open(str(path))
        plumber_pages = plumber.pages
    except Exception:
        plumber, plumber_pages = None, None
    try:
        if plumber_pages is not None and len(plumber_pages) != len(doc):
            plumber_pages = None
        for i in range(len(doc)):
            want: list | str | None = None
            if plumber_pages is not None:
                try:
                    want = plumber_pages[i].extract_tables()
                except Exception as exc:
                    want = f"error {type(exc).__name__}"
            try:
                page = doc[i]
                textpage = page.get_textpage()
            except Exception:  # pdfium cannot load the page: read_pdf fails the same way
                continue
            try:
                got = extract_tables(page, textpage)
            except Exception as exc:
                got = f"error {type(exc).__name__}: {exc}"
            finally:
                textpage.close()
                page.close()
            if isinstance(got, str):
                diffs.append(f"{path} p{i + 1}: pdf_tables raised {got}")
                continue
            if want is None or isinstance(want, str):
                continue  # pdfplumber could not read the page: no reference
            pages += 1
            tables += len(want)
            a, b = normalised(want), normalised(got)
            if a != b:
                tag = ""
                with contextlib.suppress(Exception):
                    tag = KNOWN if _only_chars_pdfminer_lost(a, b, plumber_pages[i].chars) else ""
                diffs.append(f"{tag}{path} p{i + 1}: {describe(a, b)}")
    finally:
        if plumber is not None:
            with contextlib.suppress(Exception):
                plumber.close()
        doc.close()
    return pages, tables, diffs


KNOWN = "[pdfminer lost chars that pdfium reads] "
FUZZ = "fuzz (malformed)"


def _only_chars_pdfminer_lost(a: list, b: list, plumber_chars: list) -> bool:
    """The tables differ only by characters pdfminer has nowhere on the page (it decodes
    some glyphs to nothing, e.g. ☑ in a UniGB-UCS2-H font; pdfium's text layer, which
    the pipeline reads everything else from, has them)."""
    seen = set(norm("".join(c["text"] for c in plumber_chars)) or "")
    missing = {ch for t in b for row in t for cell in row if cell for ch in cell} - seen
    if not missing or len(a) != len(b):
        return False
    strip = str.maketrans("", "", "".join(missing))
    return [[[None if c is None else c.translate(strip) for c in row] for row in t] for t in b] == a


def describe(a: list, b: list) -> str:
    if len(a) != len(b):
        return f"{len(a)} tables (pdfplumber) vs {len(b)} (pdfium)"
    for t, (ta, tb) in enumerate(zip(a, b, strict=True)):
        if len(ta) != len(tb) or any(len(ra) != len(rb) for ra, rb in zip(ta, tb, strict=True)):
            return f"table {t + 1}: shape {[len(r) for r in ta]} vs {[len(r) for r in tb]}"
        for r, (ra, rb) in enumerate(zip(ta, tb, strict=True)):
            for c, (ca, cb) in enumerate(zip(ra, rb, strict=True)):
                if ca != cb:
                    return f"table {t + 1} r{r + 1}c{c + 1}: {ca!r} vs {cb!r}"
    return "?"


def unpack(paths: list[Path], into: Path) -> list[Path]:
    out = []
    for path in paths:
        if path.suffix.lower() == ".zip":
            target = into / f"zip{len(out)}_{path.stem}"
            try:
                with zipfile.ZipFile(path) as zf:
                    for info in zf.infolist():
                        name = info.filename
                        if info.flag_bits & 0x800 == 0:  # legacy zips: names in GBK
                            with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                                name = name.encode("cp437").decode("gbk")
                        if name.lower().endswith(".pdf"):
                            dest = target / Path(name).name
                            dest.parent.mkdir(parents=True, exist_ok=True)
                            dest.write_bytes(zf.read(info))
                            out.append(dest)
            except zipfile.BadZipFile:
                pass
        elif path.suffix.lower() == ".pdf":
            out.append(path)
    return out


def soffice_pdfs(sources: list[Path], work: Path) -> list[Path]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not sources:
        return []
    outdir = work / "soffice"
    outdir.mkdir(parents=True, exist_ok=True)
    staged = []
    for i, src in enumerate(sources):  # unique names: many samples are all 申请报告.docx
        dest = work / "soffice_in" / f"{i:03d}_{src.name}"
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, dest)
        staged.append(dest)
    profile = (work / "lo-profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir", str(outdir),
         *map(str, staged)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600, check=False,
    )
    return sorted(outdir.glob("*.pdf"))


def merged_docx(work: Path) -> list[Path]:
    """python-docx documents whose tables have merged cells (horizontal and vertical)."""
    import docx
    from docx.shared import Pt

    out = []
    for variant in range(3):
        d = docx.Document()
        d.add_paragraph("资产负债表" if variant != 2 else "人员名单")
        rows, cols = 8 + variant * 6, 4 + variant
        t = d.add_table(rows=rows, cols=cols)
        t.style = "Table Grid"
        for r in range(rows):
            for c in range(cols):
                t.cell(r, c).text = f"项目{r}-{c}" if c == 0 else f"{(r + 1) * 1234.5 + c:,.2f}"
        t.cell(0, 0).merge(t.cell(0, 1)).text = "合并表头"
        t.cell(2, 0).merge(t.cell(4, 0)).text = "纵向合并\n两行文字"
        t.cell(5, 1).merge(t.cell(6, 2)).text = "块合并"
        if variant == 1:
            for cell in t.columns[cols - 1].cells:
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(7)
        d.add_paragraph("表后说明文字。")
        path = work / f"merged{variant}.docx"
        d.save(str(path))
        out.append(path)
    return out


def handmade(work: Path) -> list[Path]:
    """reportlab and raw pages covering each way a grid can be drawn."""
    sys.path.insert(0, str(REPO / "tests"))
    from tests.test_read_pdf_tables import GRID_BUILDERS, raw_pdf_cases

    out = []
    for name, build in GRID_BUILDERS.items():
        path = work / f"hand_{name}.pdf"
        path.write_bytes(build())
        out.append(path)
    for name, data in raw_pdf_cases().items():
        path = work / f"raw_{name}.pdf"
        path.write_bytes(data)
        out.append(path)
    return out


FUZZ_SELECTION = ["tests/test_fuzz_read.py", "tests/test_read_pdf_tables.py::test_mutated_path_operators_never_raise_out_of_read_pdf"]


def captured_from_tests(work: Path, name: str, selection: list[str], deselect: list[str] = ()) -> list[Path]:
    """Every PDF pdfium opens while the selected tests run."""
    capture = work / f"captured-{name}"
    plugin_dir = work / "plugin"
    capture.mkdir()
    plugin_dir.mkdir(exist_ok=True)
    (plugin_dir / "pdf_capture_plugin.py").write_text(CAPTURE_PLUGIN)
    env = {**os.environ, "PDF_TABLES_CAPTURE": str(capture),
           "PYTHONPATH": os.pathsep.join([str(plugin_dir), os.environ.get("PYTHONPATH", "")])}
    skip = [arg for d in deselect for arg in ("--deselect", d)]
    subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "pdf_capture_plugin", "-p", "no:cacheprovider",
                    *selection, *skip],
                   cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    seen: dict[bytes, Path] = {}
    for path in sorted(capture.glob("*.pdf")):
        seen.setdefault(path.read_bytes(), path)
    return sorted(seen.values())


def speed(audits: list[Path]) -> None:
    """ms per statement page: pdfplumber (the old reader: one pdfplumber open per file, then
    extract_tables on its statement pages) against pdf_tables on the page the text pass has
    open; then the whole read_pdf, old (git HEAD) and new."""
    from pipeline.models import FileEntry, FileKind
    from pipeline.read import pdf as new_pdf

    jobs: list[tuple[Path, list[int]]] = []
    for path in audits:
        doc = pdfium.PdfDocument(str(path))
        texts = [normalize_text(doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
        doc.close()
        pages = [i + 1 for i, t in enumerate(texts) if len(t) >= 8]  # read_pdf looks at every page with text
        if pages:
            jobs.append((path, pages))
    n = sum(len(p) for _, p in jobs)
    if not n:
        print("no statement pages")
        return
    best_before = best_after = best_load = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        for path, pages in jobs:
            with pdfplumber.open(str(path)) as pdf:
                for number in pages:
                    pdf.pages[number - 1].extract_tables()
        best_before = min(best_before, time.perf_counter() - t0)
        after = load = 0.0
        for path, pages in jobs:
            doc = pdfium.PdfDocument(str(path))
            for number in pages:
                t0 = time.perf_counter()
                page = doc[number - 1]
                tp = page.get_textpage()
                t1 = time.perf_counter()
                extract_tables(page, tp)
                t2 = time.perf_counter()
                tp.close()
                page.close()
                load, after = load + t1 - t0, after + t2 - t1
            doc.close()
        best_after, best_load = min(best_after, after), min(best_load, load)
    print(f"statement pages: {n} in {len(jobs)} audit reports")
    print(f"before  pdfplumber extract_tables:  {best_before / n * 1000:6.1f} ms/page (its open and parse included)")
    print(f"after   pdf_tables.extract_tables:  {best_after / n * 1000:6.1f} ms/page (on the page the text pass has open)")
    print(f"        (a pdfium page + text page load, paid by the text pass anyway: {best_load / n * 1000:.1f} ms/page)")
    print(f"speed-up: {best_before / best_after:.1f}x")

    old = _old_reader()
    if old is None:
        return
    entries = [FileEntry(rel_path=p.name, disk_path=p, size=p.stat().st_size, kind=FileKind.pdf) for p in audits]
    timings = {}
    for name, reader in (("old", old.read_pdf), ("new", new_pdf.read_pdf)):
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            for e in entries:
                reader(e)
            best = min(best, time.perf_counter() - t0)
        timings[name] = best
    print(f"read_pdf on {len(entries)} audit reports: old {timings['old'] * 1000 / len(entries):.1f} ms/file, "
          f"new {timings['new'] * 1000 / len(entries):.1f} ms/file")
    same = all(_tables(old.read_pdf(e)) == _tables(new_pdf.read_pdf(e)) for e in entries)
    print(f"read_pdf tables identical old vs new on these files: {same}")


def _tables(doc) -> list:
    return [(t.page, [[norm(c.text) for c in row] for row in t.rows]) for t in doc.tables]


def _old_reader():
    """pipeline/read/pdf.py as committed (pdfplumber tables), loaded beside the new one."""
    import types

    try:
        src = subprocess.check_output(["git", "show", "HEAD:pipeline/read/pdf.py"], cwd=REPO, text=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    if "pdfplumber" not in src:
        return None
    mod = types.ModuleType("pipeline.read._pdf_before")
    mod.__package__ = "pipeline.read"
    exec(compile(src, "pdf_before.py", "exec"), mod.__dict__)
    return mod


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-tests", action="store_true", help="skip capturing the PDFs the tests read")
    ap.add_argument("--no-soffice", action="store_true")
    ap.add_argument("--keep", type=Path, help="work directory to keep (default: a temp dir)")
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="pdf-tables-eq-"))
    work.mkdir(parents=True, exist_ok=True)
    groups: dict[str, list[Path]] = {}
    samples = sorted((REPO / "sample_submissions").rglob("*"))
    groups["sample_submissions"] = unpack([p for p in samples if p.is_file()], work / "samples")
    gen = work / "samplegen"
    subprocess.run([sys.executable, "-m", "samplegen", str(gen)], cwd=REPO, check=True, stdout=subprocess.DEVNULL)
    groups["samplegen"] = unpack(sorted(p for p in gen.rglob("*") if p.is_file()), work / "samplegen_zips")
    groups["handmade"] = handmade(work)
    if not args.no_tests:
        files = [f for f in TEST_FILES if (REPO / f).exists()]
        groups["test-captured"] = captured_from_tests(work, "tests", files, FUZZ_SELECTION[1:])
        # mutated files: the two parsers recover differently from broken content streams, so
        # differences there are listed but expected; pdf_tables must only never raise
        groups[FUZZ] = captured_from_tests(work, "fuzz", FUZZ_SELECTION)
    if not args.no_soffice:
        office = [p for p in samples if p.suffix.lower() in {".docx", ".xlsx", ".doc", ".xls"}]
        groups["libreoffice"] = soffice_pdfs(office + merged_docx(work), work)
    failing: list[str] = []
    print(f"{'group':20} {'files':>6} {'pages':>6} {'tables':>7} {'diffs':>6} {'known':>6}")
    for name, paths in groups.items():
        pages = tables = 0
        diffs: list[str] = []
        for path in paths:
            p, t, d = compare_file(path)
            pages, tables, diffs = pages + p, tables + t, diffs + d
        known = [d for d in diffs if d.startswith(KNOWN)]
        print(f"{name:20} {len(paths):6} {pages:6} {tables:7} {len(diffs):6} {len(known):6}")
        for d in diffs:
            print("   ", d)
        raised = [d for d in diffs if "pdf_tables raised" in d]
        failing += raised if name == FUZZ else [d for d in diffs if d not in known]
    audits = [p for p in groups["sample_submissions"] if "审计" in p.name]
    speed(audits)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
