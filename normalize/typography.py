"""Table-free character repairs: mojibake, invisible characters, spacing faults.

Each repair is a small named function ``text -> Iterator[Edit]``; its name is the
second half of the rule id (``typography:apostrophe-space``). They never restyle
quotes, dashes or character widths: only faults are fixed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import ftfy
import regex
from rapidfuzz.distance import Indel

from normalize.lexicon import zipf
from normalize.lines import iter_lines
from normalize.tracked import Edit, TrackedText

# Characters that only occur in text when UTF-8 was decoded as Latin-1/cp1252 or when
# a C1 control survived: a line without any of them cannot hold mojibake.
_MOJIBAKE_HINT = regex.compile(r"[\u0080-\u00ff\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
                               r"\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022"
                               r"\u2026\u2030\u2039\u203a\u20ac\u2122]{2}")
# C0 controls (tab, newline, carriage return and form feed stay), zero-width space,
# word joiner, soft hyphen, and a byte-order mark inside the text. C1 controls go only
# after the mojibake fixer, which needs them to recognise cp1252 mojibake.
_INVISIBLE = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\u00ad\u200b\u2060\ufeff]+")
_C1_CONTROLS = regex.compile(r"[\x80-\x9f]+")
_MAX_ENCODING_ROUNDS = 4
_MAX_SPACING_ROUNDS = 4
_HSPACE = r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]"
_SPACE_RUN = regex.compile(rf"(?<=\S){_HSPACE}{{2,}}(?=\S)|\t(?=\S)(?<=\S\t)")
# Line starts and ends, for \n, \r\n and a lone \r alike (the M flag knows only \n).
_BOL = r"(?<![^\r\n])"
_EOL = r"(?=[\r\n]|\Z)"
_LINE_EDGE_SPACE = regex.compile(rf"{_BOL}{_HSPACE}+|{_HSPACE}+{_EOL}")
_OPENS_BLOCK = regex.compile(  # "def f(x):", "def f() -> int:", "if (x) {", "else:"
    r"(?:[)\]]\s*(?:->\s*[\w\[\]., ]+)?:|\{|^\s*(?:else|try|finally)\s*:)\s*$")
_COMMAND_LINE = regex.compile(  # "    pip install x": indented, no capital, no stop
    r"( {4,}|\t+)[\p{Ll}$#/.>][^\r\n]*(?<![.!?:;,\s])[ \t]*(?:\r\n|\r|\n)?\Z")
_INDENTED = regex.compile(r"(?:\r\n|\r|\n)(?: {4,}|\t)\S")  # code may follow
_BLOCK_OPENED = regex.compile(r"[:{][ \t]*(?:\r\n|\r|\n)[ \t]+\S")  # "def f():\n    x"
_APOSTROPHE = "'’"
# "Korea ’s", "President’ s", "Korea ’ s": a possessive or contraction split by spaces
# (not the Dutch "’s-Hertogenbosch").
_SPLIT_APOSTROPHE = regex.compile(
    rf"(?<=\w)(?P<pre> *)(?P<ap>[{_APOSTROPHE}])(?P<post> *)(?=(?:s|t|re|ve|ll|d|m)"
    rf"(?![\w{_APOSTROPHE}-]))")
# "same day.This": a sentence end glued to the next sentence. The word before the stop
# must have two lowercase letters or digits, so "U.S.", "e.g." and "3.5" are not touched.
_GLUED_SENTENCE = regex.compile(
    r"(?<=(?:^|[\s(\"“‘])[^\s]*?(?:\p{Ll}{2}|\d{2}|\p{Ll}\)))(?P<stop>[.!?]+[\"”’]?)"
    r"(?=\p{Lu}(?:\p{Ll}|\s|[’']))")
# "java.util.List", "Console.WriteLine(", "Math.Max(a,": a name in code, not two sentences.
_CODE = regex.compile(r"\.\w+\.|\.\p{Lu}\p{Ll}+\p{Lu}|[(){}\[\]=;<>]")
_URLISH = regex.compile(r"://|^www\.|@|\.(?:com|org|net|gov|edu|io|co|kr|cn|nl|uk)\b", regex.I)
# "working -level", "non -memory": a space before the hyphen of a compound word.
_SPACED_HYPHEN = regex.compile(r"(?<=\p{L}) +(?=-\p{Ll})")
_FLAG_LETTERS = regex.compile(r"\p{Ll}+")
_COMPOUND_HEAD_ZIPF = 4.5  # "follow -up" is a split compound, "ls -la" an option
_COMPOUND_TAIL_ZIPF = 2.0  # "-level" is a word, "-xzf" an option
# "Source:Network": a label colon with no space after it (not a URL scheme, not a time).
_LABEL_COLON = regex.compile(r"(?<=(?:^|[\s:])\p{L}[\p{L}.]{1,24}):(?=[\p{L}\d])(?!//)")
_MIN_LABEL = 3  # letters: "Nd:YAG", "Ti:sapphire" are notation, not a label
_URL_SCHEMES = frozenset({"http", "https", "ftp", "mailto", "file", "urn", "tel", "data",
                          "news", "irc", "git", "ssh", "sftp", "ws", "wss", "doi", "isbn"})
# "afterSemiconductor": a lowercase word glued to a capitalised one.
_GLUED_WORDS = regex.compile(r"\b(?P<left>\p{Ll}{2,})(?P<right>\p{Lu}\p{Ll}+)\b")
# Both halves must be common words for the split to be safe (Zipf scale, wordfreq).
_COMMON_WORD_ZIPF = 3.0
# "according toYonhap", "withASML": one of the commonest English words glued to a
# capitalized word English does not use, a name; never inside code, a handle or a URL.
_GLUED_TO_NAME = regex.compile(
    r"(?<![\p{L}\p{N}_.@#/\\-])(?P<left>\p{Ll}{2,4})(?P<right>\p{Lu}(?:\p{Ll}{2,}|\p{Lu}{2,5}))"
    r"(?![\p{L}\p{N}_(]|\.\p{L})")
_FUNCTION_WORD_ZIPF = 6.5  # "to", "with", "of", "from": not "me", "go", "said"
# A space before , ; : ! ? or a sentence-final period ("leak’ ." / "said ,"); not the
# first dot of a spaced ellipsis ("shall . . . regulate").
_SPACE_BEFORE_PUNCT = regex.compile(
    r"(?<=[\w\"”’)]) +(?=[,;:!?](?:\s|\Z)|\.(?! \.)(?:\s|\Z)(?<!\.\.))")
# "leak.” .": a stray period after a quotation that already ended the sentence.
_STRAY_STOP = regex.compile(r"(?<=[.!?][\"”’]) ?\.(?!\.)(?=\s|$)")
# 'enterprises. "' at the end of a line: a space before the closing quotation mark.
_SPACE_BEFORE_CLOSING_QUOTE = regex.compile(rf"(?<=[.!?,]) +(?=[\"”][ \t]*{_EOL})")


# Screens: cheap tests that a text can hold a step's fault at all. Most news text holds
# none, and a plain substring test runs at memory speed where a pattern with a
# lookbehind at every position does not. Each screen is implied by its step's pattern.
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_SPACE_FAULT_PAIRS = ("  ", "\t", " \n", "\n ", " \r", "\r ")
_SPLIT_APOSTROPHE_PAIRS = tuple(f"{a}{b}" for q in _APOSTROPHE for a, b in ((" ", q), (q, " ")))
_PUNCTUATION_FAULT_PAIRS = (" ,", " ;", " :", " !", " ?", " .", '".', "”.", "’.")
_CLOSING_QUOTE_SCREEN = re.compile(r"[.!?,] +[\"”][ \t]*(?:[\r\n]|\Z)")
_LOWER_UPPER = regex.compile(r"\p{Ll}\p{Lu}")
_STOP_BEFORE_LETTER = re.compile(r"[.!?][\"”’]?[^\W\d_]")


def _may_have_space_faults(text: str) -> bool:
    return (any(pair in text for pair in _SPACE_FAULT_PAIRS) or text[:1] == " "
            or text[-1:] == " " or _ODD_SPACE.search(text) is not None)


def _may_have_punctuation_faults(text: str) -> bool:
    return (any(pair in text for pair in _PUNCTUATION_FAULT_PAIRS)
            or _CLOSING_QUOTE_SCREEN.search(text) is not None)


def fix_mojibake(text: str) -> Iterator[Edit]:
    """Undo UTF-8 read as Latin-1/cp1252, line by line, with ftfy's encoding fixer only.

    >>> [e.after for e in fix_mojibake("Koreaâ€™s chips")]
    ['’']
    """
    for start, line in _lines_with(text, _MOJIBAKE_HINT):
        for offset, chunk in _chunks(line):
            if not _MOJIBAKE_HINT.search(chunk):
                continue
            fixed = _fixed_point(chunk)
            if fixed != chunk:
                yield from _diff_edits(chunk, fixed, start + offset, "encoding:mojibake",
                                       "encoding")


def _fixed_point(line: str) -> str:
    """Fix until nothing changes (bounded), C1 controls dropped and NFC applied between
    rounds, so that a second run finds nothing more to fix ("e" + U+0301 + cp1252 quotes
    composes into fixable mojibake)."""
    for _ in range(_MAX_ENCODING_ROUNDS):
        fixed = _C1_CONTROLS.sub("", ftfy.fix_encoding(line))
        if fixed == line:
            break
        line = unicodedata.normalize("NFC", fixed)  # composing can complete a sequence
    return line


def compose_unicode(text: str) -> Iterator[Edit]:
    """NFC: a letter and its combining accent become the one precomposed character.

    >>> [e.after for e in compose_unicode("cafe\\u0301")]
    ['é']
    """
    if unicodedata.is_normalized("NFC", text):
        return
    for start, line in iter_lines(text):
        for offset, chunk in _chunks(line.rstrip("\r\n")):
            if not unicodedata.is_normalized("NFC", chunk):
                fixed = unicodedata.normalize("NFC", chunk)
                yield from _diff_edits(chunk, fixed, start + offset, "typography:nfc",
                                       "typography")


def remove_invisible(text: str) -> Iterator[Edit]:
    """Control characters, zero-width spaces and soft hyphens carry no meaning in news.

    >>> [(e.start, e.end, e.after) for e in remove_invisible("semi\\u00adcon\\u200bductor")]
    [(4, 5, ''), (8, 9, '')]
    """
    for m in _INVISIBLE.finditer(text):
        yield Edit(m.start(), m.end(), "", "typography:invisible", "typography")


def remove_c1_controls(text: str) -> Iterator[Edit]:
    """C1 control characters that the mojibake fixer did not explain.

    >>> [(e.start, e.end) for e in remove_c1_controls("a\x85b")]
    [(1, 2)]
    """
    for m in _C1_CONTROLS.finditer(text):
        yield Edit(m.start(), m.end(), "", "typography:invisible", "typography")


def collapse_spaces(text: str) -> Iterator[Edit]:
    """Runs of spaces become one; spaces at the start or end of a line go.

    >>> [(e.start, e.end, e.after) for e in collapse_spaces("  Yin  Xilie \\nok")]
    [(0, 2, ''), (5, 7, ' '), (12, 13, '')]
    """
    if not _may_have_space_faults(text):
        return
    edits = [Edit(m.start(), m.end(), " ", "typography:spaces", "typography")
             for m in _SPACE_RUN.finditer(text)]
    code = _BLOCK_OPENED.search(text) or _INDENTED.search(text)
    kept = _code_indents(text) if code else frozenset()
    edits += [Edit(m.start(), m.end(), "", "typography:spaces", "typography")
              for m in _LINE_EDGE_SPACE.finditer(text) if m.start() not in kept]
    yield from sorted(edits, key=lambda e: e.start)


def _code_indents(text: str) -> frozenset[int]:
    """Where the indentation of a code block starts: the indented lines after a line
    of code that opens a block ("def greet(name):", "if (x) {"), up to the next line
    that is not indented. Indentation is what code means; elsewhere, even after "He
    said:", it is scraper debris.

    >>> sorted(_code_indents("def f():\\n    if x:\\n        y()\\n\\n    z()\\nText\\n  a"))
    [9, 19, 32]
    >>> _code_indents("He said:\\n   The talks went well.")
    frozenset()
    """
    kept, block, opens = set(), False, False
    for start, line in iter_lines(text):
        body = line.rstrip("\r\n")
        if not body.strip():
            continue  # a blank line inside a block does not end it
        block = body[:1] in " \t" and (opens or block)
        if block:
            kept.add(start)
        opens = bool(_OPENS_BLOCK.search(body))
    return frozenset(kept) | _command_blocks(text)


def _command_blocks(text: str) -> frozenset[int]:
    """Where the indentation of a block of commands starts: two or more lines in a row
    with the same indentation of four or more, each a command, not a sentence (it
    opens in lower case or with "$", "#", "/", "." or ">", and ends with no stop).

    >>> text = "Run:\\n\\n    pip install x\\n    python -m venv .venv\\n\\n    A sentence."
    >>> sorted(_command_blocks(text))
    [6, 24]
    """
    kept: set[int] = set()
    run: list[int] = []
    indent = None
    for start, line in [*iter_lines(text), (len(text), "")]:
        m = _COMMAND_LINE.match(line)
        if m and (indent is None or m.group(1) == indent):
            run.append(start)
            indent = m.group(1)
            continue
        if len(run) >= 2:
            kept.update(run)
        run, indent = ([start], m.group(1)) if m else ([], None)
    return frozenset(kept)


def join_split_apostrophes(text: str) -> Iterator[Edit]:
    """ "Korea ’s" and "President’ s" lose the space machine translation put in.

    >>> [(e.start, e.end, e.after) for e in join_split_apostrophes("Korea ’s President’ s")]
    [(5, 7, '’'), (18, 20, '’')]
    """
    if not any(pair in text for pair in _SPLIT_APOSTROPHE_PAIRS):
        return
    for m in _SPLIT_APOSTROPHE.finditer(text):
        if text.startswith("t", m.end()) and text[m.start() - 1] != "n":
            continue  # "don ’t" is split; "Gerard ’t Hooft" is Dutch
        if m.group("pre") or m.group("post"):
            yield Edit(m.start(), m.end(), m.group("ap"), "typography:apostrophe-space",
                       "typography")


def space_after_sentence_end(text: str) -> Iterator[Edit]:
    """ "same day.This" gets its space back; URLs, "U.S.", "3.5", "Node.js" and names in
    code ("java.util.List", "Console.WriteLine") stay.

    >>> [e.start for e in space_after_sentence_end("same day.This is it. U.S.Army 3.5")]
    [9]
    >>> list(space_after_sentence_end("call java.util.List or Console.WriteLine(x)"))
    []
    """
    if not _STOP_BEFORE_LETTER.search(text):
        return
    for m in _GLUED_SENTENCE.finditer(text):
        token = text[_token_start(text, m.start()) : _token_end(text, m.end())]
        if _URLISH.search(token) or _CODE.search(token):
            continue
        yield Edit(m.end(), m.end(), " ", "typography:sentence-space", "typography")


def attach_spaced_hyphens(text: str) -> Iterator[Edit]:
    """ "working -level" becomes "working-level"; "pre- and post-war" and " - " stay.

    >>> [(e.start, e.end) for e in attach_spaced_hyphens("a working -level talk - ok")]
    [(9, 10)]
    """
    if " -" not in text:
        return
    for m in _SPACED_HYPHEN.finditer(text):
        if not _is_command_flag(text, m.start(), m.end()):
            yield Edit(m.start(), m.end(), "", "typography:hyphen-space", "typography")


def _is_command_flag(text: str, start: int, end: int) -> bool:
    """A command-line option, not a word split from its compound: a single letter
    ("git commit -m"), two letters after a word that is no common English word
    ("ls -la"), letters that make no English word ("tar -xzf"), or anything inside an
    inline code span (`python -m pytest`).

    >>> [_is_command_flag(s, s.index(" -"), s.index(" -") + 1) for s in (
    ...     "Pass the -v flag", "Run ls -la now", "a follow -up talk", "a working -level")]
    [True, True, False, False]
    """
    line_start = text.rfind("\n", 0, start) + 1
    if text.count("`", line_start, start) % 2:
        return True
    letters = _FLAG_LETTERS.match(text, end + 1).group()
    if len(letters) == 1 or zipf(letters.casefold()) < _COMPOUND_TAIL_ZIPF:
        return True  # "-m"; "tar -xzf": no English word follows the hyphen
    word = text[text.rfind(" ", line_start, start) + 1 : start]
    return len(letters) == 2 and zipf(word.casefold()) < _COMPOUND_HEAD_ZIPF


def space_after_label_colon(text: str) -> Iterator[Edit]:
    """ "Source:Network" becomes "Source: Network"; "https://", "10:30", a two-letter
    label ("Nd:YAG") and a lower-case word before a number ("localhost:8080") stay.

    >>> [e.start for e in space_after_label_colon("Source:Yonhap at 10:30 https://x.kr")]
    [7]
    >>> list(space_after_label_colon("Nd:YAG lasers on localhost:8080, arXiv:2401.01234"))
    []
    """
    for m in _LABEL_COLON.finditer(text):
        label = text[_token_start(text, m.start()) : m.start()]
        if label.casefold() in _URL_SCHEMES or len(label) < _MIN_LABEL or (
                text[m.end()].isdigit() and not label[0].isupper()):
            continue  # "Nd:YAG", "Re:Zero"; "localhost:8080", "arXiv:2401.01234"
        yield Edit(m.end(), m.end(), " ", "typography:label-colon", "typography")


def space_after_stops_and_labels(text: str) -> Iterator[Edit]:
    """Both missing-space rules, repeated until neither finds more: each can make work
    for the other (a label colon ends a URL-like token that shielded "day.This"; a
    space after a stop puts a label at a word start).

    >>> [(e.start, e.rule) for e in space_after_stops_and_labels('he said."Source:Yonhap')]
    [(9, 'typography:sentence-space'), (16, 'typography:label-colon')]
    """
    tracked = TrackedText(text)  # maps each round's offsets back to ``text``
    for _ in range(_MAX_SPACING_ROUNDS):
        current = tracked.text
        found = [*space_after_label_colon(current), *space_after_sentence_end(current)]
        if not found:
            break
        tracked.apply(found)
    for c in tracked.spans():
        yield Edit(c.start, c.end, c.after, c.rule, c.kind)


def split_glued_words(text: str) -> Iterator[Edit]:
    """ "afterSemiconductor" splits when both halves are common words and the whole is
    not; "according toYonhap" when a very common word is glued to a name.

    >>> [e.start for e in split_glued_words("afterSemiconductor equipmentThe iPhone SoftBank")]
    [5, 28]
    >>> [e.start for e in split_glued_words("according toYonhap, the toJSON() call")]
    [12]
    """
    if not _LOWER_UPPER.search(text):
        return
    splits = {m.start("right") for m in _GLUED_WORDS.finditer(text)
              if _is_glued(m.group("left"), m.group("right"))}
    splits.update(m.start("right") for m in _GLUED_TO_NAME.finditer(text)
                  if _is_glued_to_name(m.group("left"), m.group("right")))
    for at in sorted(splits):
        yield Edit(at, at, " ", "typography:glued-words", "typography")


def drop_space_before_punctuation(text: str) -> Iterator[Edit]:
    """ "said ," and "leak’.” ." lose the stray space or stop; ellipses stay.

    >>> [(e.start, e.end, e.after) for e in drop_space_before_punctuation("said , then .")]
    [(4, 5, ''), (11, 12, '')]
    """
    if not _may_have_punctuation_faults(text):
        return
    edits = {}
    for m in _SPACE_BEFORE_PUNCT.finditer(text):
        edits[m.start()] = Edit(m.start(), m.end(), "", "typography:punctuation-space",
                                "typography")
    for m in _SPACE_BEFORE_CLOSING_QUOTE.finditer(text):
        edits[m.start()] = Edit(m.start(), m.end(), "", "typography:punctuation-space",
                                "typography")
    for m in _STRAY_STOP.finditer(text):
        for k in [k for k, e in edits.items() if e.start < m.end() and m.start() < e.end]:
            del edits[k]
        edits[m.start()] = Edit(m.start(), m.end(), "", "typography:stray-stop", "typography")
    yield from sorted(edits.values(), key=lambda e: e.start)


def tidy_blank_lines(text: str) -> Iterator[Edit]:
    """No blank lines at the start, at most one between paragraphs, one newline at the end.

    >>> [(e.start, e.end) for e in tidy_blank_lines("\\n\\na\\n\\n\\n\\nb\\n\\n")]
    [(0, 2), (5, 7), (9, 10)]
    """
    lead = regex.match(r"(?:[ \t]*(?:\r\n|\n|\r))+", text)
    if lead:
        yield Edit(0, lead.end(), "", "typography:blank-lines", "typography")
    tail = regex.search(r"(?<=\S)(?>\r\n|\n|\r)(?P<extra>\s+)$", text)
    body_end = tail.start("extra") if tail else len(text)
    for m in _EXTRA_BLANK_LINES.finditer(text, lead.end() if lead else 0, body_end):
        if m.end() < body_end:
            yield Edit(m.start("extra"), m.end(), "", "typography:blank-lines", "typography")
    if tail:
        yield Edit(tail.start("extra"), len(text), "", "typography:blank-lines", "typography")


# Three or more line breaks in a row: the first two stay, a CRLF is never split.
_EXTRA_BLANK_LINES = regex.compile(r"(?:(?>\r\n|\n|\r)){2}(?P<extra>(?:(?>\r\n|\n|\r))+)")


# -- helpers -------------------------------------------------------------------------


def _is_glued(left: str, right: str) -> bool:
    whole = (left + right).casefold()
    return zipf(left) >= _COMMON_WORD_ZIPF and zipf(right) >= _COMMON_WORD_ZIPF and \
        zipf(whole) < 1.0


def _is_glued_to_name(left: str, right: str) -> bool:
    """A function word before a capitalized word that is no English word ("toYonhap",
    not "toString" or "theGuardian").

    >>> [_is_glued_to_name(a, b) for a, b in (("to", "Yonhap"), ("to", "String"),
    ...                                       ("team", "Lab"), ("with", "ASML"))]
    [True, False, False, True]
    """
    return zipf(left) >= _FUNCTION_WORD_ZIPF and zipf(right) < _COMMON_WORD_ZIPF and \
        zipf(left + right) < 1.0


def _token_start(text: str, pos: int) -> int:
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _token_end(text: str, pos: int) -> int:
    n = len(text)
    while pos < n and not text[pos].isspace():
        pos += 1
    return pos


def _lines_with(text: str, hint: regex.Pattern) -> Iterator[tuple[int, str]]:
    """Only the lines where ``hint`` matches, without visiting the others one by one."""
    pos = 0
    while True:
        m = hint.search(text, pos)
        if not m:
            return
        start = max(text.rfind("\n", 0, m.start()), text.rfind("\r", 0, m.start())) + 1
        end = len(text)
        for sep in ("\n", "\r"):
            k = text.find(sep, m.end())
            if k != -1:
                end = min(end, k)
        yield start, text[start:end]
        pos = end


_CHUNK = 1000  # a long line is fixed in pieces of about this size, cut at a space


def _chunks(line: str) -> Iterator[tuple[int, str]]:
    """Pieces of a line cut at spaces, so that fixing and diffing stay linear in size.
    A piece never starts with a combining mark, so NFC sees each letter whole."""
    pos, n = 0, len(line)
    while pos < n:
        end = min(n, pos + _CHUNK)
        if end < n:
            cut = line.rfind(" ", pos + _CHUNK // 2, end)
            end = cut + 1 if cut != -1 else end
            while end < n and unicodedata.combining(line[end]):
                end += 1
        yield pos, line[pos:end]
        pos = end


def _diff_edits(old: str, new: str, offset: int, rule: str, kind) -> Iterator[Edit]:
    """The smallest edits that turn ``old`` into ``new``, located at ``offset``
    (rapidfuzz's Indel alignment; a deletion next to an insertion is one edit)."""
    pending: list[int] | None = None  # [old_start, old_end, new_start, new_end]
    for op in Indel.opcodes(old, new):
        if op.tag == "equal":
            if pending:
                yield Edit(offset + pending[0], offset + pending[1],
                           new[pending[2] : pending[3]], rule, kind)
                pending = None
            continue
        if pending is None:
            pending = [op.src_start, op.src_end, op.dest_start, op.dest_end]
        else:
            pending[1], pending[3] = op.src_end, op.dest_end
    if pending:
        yield Edit(offset + pending[0], offset + pending[1], new[pending[2] : pending[3]],
                   rule, kind)
