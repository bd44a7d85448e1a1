"""Hostile inputs: time must grow linearly with size (no catastrophic backtracking).

Usage: python benchmarks/adversarial.py [--sizes 250000,500000,1000000] [KIND ...]
Prints seconds and MB/s per kind and size, and the ratio of the largest to the
smallest time divided by the size ratio (about 1.0 means linear).
"""

from __future__ import annotations

import argparse
import sys
import time

from normalize import Normalizer

KINDS = {
    "one-line": lambda n: ("Yin Xilie met Lutter in the Netherlands on the same day.This "
                           "was new, said Koreaâ€™s office. " * (n // 90 + 1))[:n],
    "punctuation": lambda n: "!" * n,
    "one-letter": lambda n: "a" * n,
    "trigger": lambda n: ("Also Read:\n- Share this\n" * (n // 24 + 1))[:n],
    "invisible": lambda n: ("a\u200b\u202e\u2066b\u0301 " * (n // 7 + 1))[:n],
    "combining": lambda n: ("e" + "\u0301" * 30 + " ") * (n // 32 + 1),
    "surrogates": lambda n: ("word\udcff\udc80 " * (n // 7 + 1))[:n],
    "mojibake": lambda n: ("Koreaâ€™s chips " * (n // 16 + 1))[:n],
    "paragraphs": lambda n: "".join(
        f"Paragraph {i} says the ministry expects exports of chips to grow again this year.\n"
        for i in range(n // 85 + 1)),
}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="250000,500000,1000000")
    parser.add_argument("kinds", nargs="*", default=list(KINDS))
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    normalizer = Normalizer()
    print(f"{'kind':12} " + " ".join(f"{s:>12,}" for s in sizes) + "   MB/s  linearity")
    for kind in args.kinds:
        times = []
        for size in sizes:
            text = KINDS[kind](size)
            start = time.perf_counter()
            normalizer.normalize(text)
            times.append(time.perf_counter() - start)
        mbps = len(KINDS[kind](sizes[-1]).encode("utf-8", "surrogatepass")) / times[-1] / 1e6
        linearity = (times[-1] / times[0]) / (sizes[-1] / sizes[0])
        print(f"{kind:12} " + " ".join(f"{t:11.2f}s" for t in times) +
              f" {mbps:6.2f} {linearity:10.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
