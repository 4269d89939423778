"""The PDF step against LibreOffice's floor: the same .docx files converted by the pipeline's
converter (pipeline/render/common/pdf.py) and by one plain `soffice --headless --convert-to pdf`.

    python benchmarks/pdf_bench.py OUT [--repeat 3]

OUT is a `run` output folder; every applicants/*/dossier.docx and checklist.docx is
converted (copies in a temporary folder, OUT is not touched). Prints the best and median
wall time of each way over --repeat rounds (rounds interleaved, so load from other work
falls on each way alike).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.read.tools import soffice_path  # noqa: E402
from pipeline.render.common.pdf import convert_to_pdf  # noqa: E402


def _stage(documents: list[Path], folder: Path) -> list[Path]:
    folder.mkdir(parents=True)
    staged = []
    for n, doc in enumerate(documents):
        target = folder / f"{n:04d}-{doc.name}"
        shutil.copyfile(doc, target)
        staged.append(target)
    return staged


def _plain(soffice: str, files: list[Path], outdir: Path, profile: Path | None) -> None:
    env = [f"-env:UserInstallation={profile.as_uri()}"] if profile else []
    subprocess.run([soffice, *env, "--headless", "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    soffice = soffice_path()
    if soffice is None:
        print("LibreOffice is not installed")
        return 1
    documents = sorted(args.out.glob("applicants/*/dossier.docx")) + sorted(args.out.glob("applicants/*/checklist.docx"))
    if not documents:
        print(f"no documents under {args.out}/applicants")
        return 1
    ways = {
        "pipeline converter (2 processes)": lambda files, tmp: convert_to_pdf(files, processes=2),
        "pipeline converter (1 process)": lambda files, tmp: convert_to_pdf(files, processes=1),
        "plain soffice, one call, user profile": lambda files, tmp: _plain(soffice, files, tmp / "pdf", None),
        "plain soffice, one call, new profile": lambda files, tmp: _plain(soffice, files, tmp / "pdf", tmp / "p"),
    }
    with tempfile.TemporaryDirectory() as tmp:  # the user profile exists before the first timed round
        warm = _stage(documents[:1], Path(tmp) / "in")
        _plain(soffice, warm, Path(tmp) / "pdf", None)
    times: dict[str, list[float]] = {name: [] for name in ways}
    for _ in range(args.repeat):
        for name, way in ways.items():
            with tempfile.TemporaryDirectory() as tmp:
                files = _stage(documents, Path(tmp) / "in")
                started = time.monotonic()
                failed = way(files, Path(tmp))
                times[name].append(time.monotonic() - started)
                made = len(list(Path(tmp).rglob("*.pdf")))
                if failed or made < len(files):
                    print(f"  {name}: {made} of {len(files)} converted")
    print(f"{len(documents)} documents ({sum(d.stat().st_size for d in documents) // 1024} KiB of .docx), "
          f"{args.repeat} rounds")
    for name, values in times.items():
        print(f"  {name:40s} best {min(values):6.2f} s  median {statistics.median(values):6.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
