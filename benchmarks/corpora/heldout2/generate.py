"""Entry point benchmarks/corpus.py calls: the corpus itself is written by make.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from make import main

if __name__ == "__main__":
    raise SystemExit(main())
