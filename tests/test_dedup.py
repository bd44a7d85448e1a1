"""Near repeats: the same statement reworded goes, the same wording about another
subject stays."""

from normalize.dedup import Duplicates

_TAIL = ("shares rose 2.1% on Tuesday after the company said demand for memory chips "
         "used in AI servers had recovered faster than expected.")


def _removed(text: str) -> list[str]:
    return [text[e.start:e.end].strip() for e in Duplicates()(text)]


def test_a_paragraph_about_another_company_stays():
    text = f"Chip stocks rally\n\nSamsung Electronics {_TAIL}\n\nSK hynix {_TAIL}\n"
    assert _removed(text) == []


def test_the_same_paragraph_reworded_goes():
    reworded = _TAIL.replace("rose", "climbed")
    text = f"Chip stocks rally\n\nSamsung Electronics {_TAIL}\n\nSamsung Electronics {reworded}\n"
    assert _removed(text) == [f"Samsung Electronics {reworded}"]


def test_a_headline_repeated_about_another_company_stays():
    text = f"Samsung Electronics {_TAIL}\n\nSK hynix {_TAIL}\n"
    assert _removed(text) == []


def test_a_chant_repeated_on_purpose_stays_and_a_doubled_name_line_goes():
    chant = "The crowd chanted:\n“Not in our name.”\n“Not in our name.”\n"
    assert _removed(chant) == []
    doubled = "Chip stocks rally\nKim Tae-hyo\nKim Tae-hyo\nThe adviser spoke.\n"
    assert _removed(doubled) == ["Kim Tae-hyo"]


def test_a_verse_said_again_stays_whole():
    refrain = "I will come back, I will come back, my love,\nwhen the winter lets me go.\n"
    text = f"The wind was cold.\n\n{refrain}\nThe lamps were lit.\n\n{refrain}"
    assert _removed(text) == []


def test_a_short_sentence_said_twice_stays_and_a_doubled_name_line_goes():
    text = ("The crowd sang.\n\nWe shall overcome.\n\nWe shall overcome.\n\n"
            "Yoon Suk-yeol\nYoon Suk-yeol\n")
    assert _removed(text) == ["Yoon Suk-yeol"]
