"""Messy-format helpers: legacy .doc/.xls files kept as committed static files, and
merged PDFs.

LibreOffice's .doc/.xls output is not byte-stable, so legacy samples are converted
once (`python -m samplegen.legacy`, needs LibreOffice) and committed under
samplegen/static/<applicant_id>/; the generator copies them from there.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdfium2 as pdfium

STATIC = Path(__file__).parent / "static"
# legacy kind → (base kind it is converted from, LibreOffice target format)
LEGACY_KINDS = {"report_doc": ("report", "doc"), "staff_list_xls": ("staff_list", "xls")}


def merge_pdfs(parts: list[bytes]) -> bytes:
    merged = pdfium.PdfDocument.new()
    for data in parts:
        merged.import_pages(pdfium.PdfDocument(data))
    out = io.BytesIO()
    merged.save(out)
    return out.getvalue()


def page_counts(parts: list[bytes]) -> list[int]:
    return [len(pdfium.PdfDocument(data)) for data in parts]


def static_file(case, path: str) -> bytes:
    target = STATIC / case.applicant_id / path
    if not target.exists():
        raise FileNotFoundError(f"{target} is missing: run `python -m samplegen.legacy` (needs LibreOffice)")
    return target.read_bytes()


def convert_static(case) -> None:
    """Write the case's legacy files under STATIC by converting the modern builders' output."""
    from samplegen.build import BUILDERS

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed to make the legacy samples")
    for path, kind in case.files.items():
        if kind not in LEGACY_KINDS:
            continue
        base, fmt = LEGACY_KINDS[kind]
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / f"source.{'docx' if fmt == 'doc' else 'xlsx'}"
            source.write_bytes(BUILDERS[base](case))
            subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
                            "--convert-to", fmt, "--outdir", tmp, str(source)], check=True, capture_output=True)
            target = STATIC / case.applicant_id / path
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(Path(tmp) / f"source.{fmt}", target)
            print(target)


if __name__ == "__main__":
    from samplegen.cases import all_cases

    for case in all_cases():
        convert_static(case)
