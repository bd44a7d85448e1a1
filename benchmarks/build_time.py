"""How long a Normalizer takes to build from a large table with script forms.

Usage: python benchmarks/build_time.py [N ...]   (default: 1000 10000)
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from tables import write_table

from normalize import Normalizer


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000, 10000]
    Normalizer()  # warm the imports and the built-in tables
    print(f"{'entities':>9} {'build s':>8} {'peak RSS MB':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            path = write_table(Path(tmp) / f"t{n}.yaml", n)
            t0 = time.perf_counter()
            Normalizer(aliases=[path])
            elapsed = time.perf_counter() - t0
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{n:9} {elapsed:8.2f} {peak:12.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
