"""How long a Normalizer takes to build from a large table with script forms: the first
time (an empty compiled-table cache) and again in a new process (served by the cache).

Each build runs in its own process, so import time and peak memory are its own.

Usage: python benchmarks/build_time.py [N ...]   (default: 1000 10000)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from tables import write_table

_BUILD = """
import json, resource, sys, time
t = time.perf_counter()
from normalize import Normalizer
imported = time.perf_counter() - t
t = time.perf_counter()
Normalizer(aliases=[sys.argv[1]])
print(json.dumps({"import": imported, "build": time.perf_counter() - t,
                  "rss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def build(table: Path, cache: Path) -> dict:
    env = {**os.environ, "NORMALIZE_CACHE_DIR": str(cache)}
    out = subprocess.run([sys.executable, "-c", _BUILD, str(table)], env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out)


def main(argv: list[str]) -> int:
    sizes = [int(a) for a in argv] or [1000, 10000]
    print(f"{'entities':>9} {'first s':>8} {'cached s':>9} {'import s':>9} "
          f"{'peak RSS MB':>12} {'cached RSS MB':>14}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            table = write_table(Path(tmp) / f"t{n}.yaml", n)
            cache = Path(tmp) / f"cache{n}"
            first, again = build(table, cache), build(table, cache)
            print(f"{n:9} {first['build']:8.2f} {again['build']:9.2f} {again['import']:9.2f} "
                  f"{first['rss']:12.0f} {again['rss']:14.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
