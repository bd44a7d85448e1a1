"""How common an English word is, from wordfreq's frequency list (Zipf scale).

A Zipf value of 3 is a word seen about once per million words. The list is loaded
once, on first use, and looked up as a plain dict: no tokenizing per call.
"""

from __future__ import annotations

import math
from functools import cache

from wordfreq import get_frequency_dict


@cache
def _frequencies() -> dict[str, float]:
    return get_frequency_dict("en")


def zipf(word: str) -> float:
    """Zipf frequency of one lowercase-insensitive word; 0.0 when it is not listed.

    >>> zipf("after") > 6 > zipf("xiyue")
    True
    """
    freq = _frequencies().get(word.casefold())
    return round(math.log10(freq) + 9, 2) if freq else 0.0
