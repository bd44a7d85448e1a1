"""How long a Normalizer takes to build from a large table with script forms.

Usage: python benchmarks/build_time.py [N ...]   (default: 1000 10000)
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from tables import write_table

from normalize import Normalizer


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000, 10000]
    Normalizer()  # warm the imports and the built-in tables
    print(f"{'entities':>9} {'build s':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = write_table(Path(tmp) / f"t{n}.yaml", n)
            tracemalloc.start()
            t0 = time.perf_counter()
            Normalizer(aliases=[path])
            elapsed = time.perf_counter() - t0
            peak = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            print(f"{n:9} {elapsed:8.2f} {peak:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
