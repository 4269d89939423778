"""``python -m samplegen [OUT_DIR]``: wipe OUT_DIR (default: sample_submissions/) and write every case."""

from __future__ import annotations

import sys
from pathlib import Path

from samplegen.build import write_batch
from samplegen.cases import all_cases

DEFAULT_OUT = Path(__file__).resolve().parent.parent / "sample_submissions"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) > 1 or (args and args[0] in ("-h", "--help")):
        print("用法：python -m samplegen [输出目录]（默认 sample_submissions/，会先清空再生成）")
        return 0 if args and args[0] in ("-h", "--help") else 2
    out = Path(args[0]) if args else DEFAULT_OUT
    written = write_batch(all_cases(), out)
    print(f"已生成 {len(written)} 份申报材料样例：{out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
