"""Remove site furniture line by line, and lift what it says into metadata.

The phrasings are data (``data/boilerplate.yaml``); this module holds the mechanisms:
whole-line rules, headings that open a block (a link list, an author box), rules that
only apply at the end of an article (author bios), and rules that trim the end of a
line (photo credits). A content sentence that merely contains a trigger word never
matches, because every pattern must match the whole line.
"""

from __future__ import annotations

import datetime as _dt
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick
import regex
from dateutil import parser as _dateparser

from normalize.corpus import line_key
from normalize.lines import iter_lines
from normalize.prefilter import matches_space, required_literals
from normalize.rules import METADATA_KEYS, Family
from normalize.tracked import Edit

_BULLET = regex.compile(r"^\s*(?:[-•*·–—▪►▸▶▷◦●■>]+\s+|\d{1,2}[.)]\s+)?")
_BULLET_MARKS = frozenset("-•*·–—▪►▸▶▷◦●■>")  # or a space or a digit opens a bullet
_NAME_LINE = regex.compile(r"\p{Lu}[\p{L}'’.-]+(?: \p{Lu}[\p{L}'’.-]+){1,3}")
_BIO_OPENER = regex.compile(r"(\p{Lu}[\p{L}'’.-]+(?: \p{Lu}[\p{L}'’.-]+){1,3}) \p{Ll}")
_FIRST_PERSON = regex.compile(r"(?:I'm|I’m|I am|I've|I’ve|I have|He is|She is|They are)\b")
_MAX_RULE_LINE = 2000  # longer lines are prose; patterns are never tried on them
_MAX_ITEM_WORDS = 30
_MAX_AUTHOR_PROSE = 3
_MAX_CONTACT_WORDS = 12
_MAX_PROSE_LINES = 3
_MIN_INTRO_WORDS = 3  # a sentence that introduces a list, not a label ("Related:")
_MAX_LIST_ITEMS = 12
_FIRST_WEB_YEAR = 1995  # a date line older than this dates an event, not the page
_MAX_BUTTON_WORDS = 4
_MAX_LABEL_WORDS = 4
_CELL_SEP = regex.compile(r"\s*\|\s*")
_HEADER_CELL = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}&%$€£₩()'’. -]{0,39}")
_RULE_CELL = regex.compile(r"[-+:=]*-[-+:=]*")
_REMEMBERED_LINES = 4096  # line bodies whose rule matches are kept for reuse
_UNTRIED = object()
_WHOLE_LINE = ("heading", "line")  # the stages tried first; "trailing" and "tail" follow


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # offset of the first character
    end: int  # offset after the line break
    body: str  # the line without bullet, surrounding spaces or line break
    body_start: int
    bulleted: bool


def _split_lines(text: str) -> list[_Line]:
    out = []
    for start, line in iter_lines(text):
        end = start + len(line)
        raw = line.rstrip("\r\n")
        first = raw[:1]
        opens = first in _BULLET_MARKS or first.isspace() or first.isdigit()
        bullet = _BULLET.match(raw).end() if opens else 0
        rest = raw[bullet:]
        body = rest.strip()
        lead = bullet + len(rest) - len(rest.lstrip())
        bulleted = bool(raw[:bullet].strip())
        out.append(_Line(start, end, body, start + lead, bulleted))
    return out


@dataclass(frozen=True, slots=True)
class _Rule:
    family: Family
    stage: str  # heading | line | trailing | tail
    pattern: regex.Pattern


class _RuleIndex:
    """Every pattern in the order rules are tried, with a literal prefilter: a line is
    tried only against the patterns whose required literals it contains."""

    def __init__(self, families: Sequence[Family]) -> None:
        self.rules: list[_Rule] = []
        for fam in families:  # whole-line rules first, then end-of-article ones
            self.rules += [_Rule(fam, "heading", p) for p in fam.headings]
            self.rules += [_Rule(fam, "line", p) for p in fam.lines]
        for stage, kind in (("trailing", "trailing"), ("tail", "tails")):
            self.rules += [_Rule(f, stage, p) for f in families for p in getattr(f, kind)]
        self._spaceless = {i for i, r in enumerate(self.rules)
                           if r.stage != "tail" and not matches_space(r.pattern.pattern)}
        self._always: list[int] = []
        self._needs: list[list[int]] = []  # literal number -> rules that need it
        self._literals = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        numbers: dict[str, int] = {}
        for i, rule in enumerate(self.rules):
            literals = required_literals(rule.pattern.pattern)
            if literals is None:
                self._always.append(i)
                continue
            for lit in literals:
                if lit not in numbers:
                    numbers[lit] = len(numbers)
                    self._needs.append([])
                    self._literals.add_word(lit, numbers[lit])
                self._needs[numbers[lit]].append(i)
        if numbers:
            self._literals.make_automaton()
        self.matches = lru_cache(maxsize=_REMEMBERED_LINES)(self._tried)

    def candidates(self, body: str) -> list[_Rule]:
        """The rules that can match ``body``, in the order they are tried."""
        found = set(self._always)
        if len(self._literals):
            needs = self._needs
            for lit in {n for _, n in self._literals.iter(body.casefold())}:
                found.update(needs[lit])
        if len(body.split(maxsplit=1)) > 1:  # a spaced line: no space-free pattern fits
            found -= self._spaceless
        rules = self.rules
        return [rules[i] for i in sorted(found)]

    def _tried(self, body: str) -> _LineMatches:
        return _LineMatches(body, self.candidates(body))


class _LineMatches:
    """The rules a line body matches, tried lazily in order and remembered: the step
    reads most lines twice (again after the repeats go), and a site's furniture lines
    recur from page to page. A rule tried once is never tried again on that body."""

    __slots__ = ("body", "found", "rules")

    def __init__(self, body: str, rules: list[_Rule]) -> None:
        self.body = body
        self.rules = rules
        self.found: list = [_UNTRIED] * len(rules)  # filled in place: safe to share

    def __iter__(self) -> Iterator[tuple[_Rule, regex.Match]]:
        return self.scan()

    def scan(self, whole_line_only: bool = False) -> Iterator[tuple[_Rule, regex.Match]]:
        """(rule, match) for every rule that matches, in order; ``whole_line_only``
        stops before the end-of-article rules, which come last."""
        for k, rule in enumerate(self.rules):
            if whole_line_only and rule.stage not in _WHOLE_LINE:
                return
            m = self.found[k]
            if m is _UNTRIED:  # a time limit only where a rule file sets one: passing
                p, timeout = rule.pattern, rule.family.timeout  # none costs a third
                find = p.search if rule.stage == "tail" else p.fullmatch  # of the call
                m = find(self.body) if timeout is None else find(self.body, timeout=timeout)
                self.found[k] = m
            if m is not None:
                yield rule, m


@dataclass(frozen=True)
class Boilerplate:
    """The boilerplate step: propose removals, each carrying the metadata it lifted."""

    families: tuple[Family, ...]
    _index: _RuleIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", _RuleIndex(self.families))

    def __call__(self, text: str) -> Iterator[Edit]:
        lines = _split_lines(text)
        verdicts: dict[int, tuple[str, dict[str, str], bool]] = {}  # index -> (rule, meta, soft)
        tails: list[Edit] = []
        i = 0
        while i < len(lines):
            i = self._classify(lines, i, verdicts, tails)
        self._drop_unconfirmed_soft(lines, verdicts)
        _keep_table_headers(lines, verdicts)
        _keep_listed_items(lines, verdicts)
        _drop_repeated_bylines(lines, verdicts)
        _drop_header_labels(lines, verdicts)
        edits = list(tails)
        for k, (rule, meta, _) in verdicts.items():
            ln = lines[k]
            edits.append(Edit(ln.start, ln.end, "", f"boilerplate:{rule}", "boilerplate",
                              metadata=tuple(meta.items())))
        yield from sorted(edits, key=lambda e: e.start)

    def _classify(self, lines: list[_Line], i: int, verdicts: dict, tails: list) -> int:
        ln = lines[i]
        if not ln.body or len(ln.body) > _MAX_RULE_LINE:
            return i + 1
        kept: dict[int, bool] = {}  # keep patterns of a file -> whether they find the line
        for rule, m in self._index.matches(ln.body):
            fam = rule.family
            if rule.stage == "tail":
                if m.start() > 0 and regex.search(r"\w", ln.body[: m.start()]):
                    a = ln.body_start + m.start()
                    tails.append(Edit(a, a + len(m.group()), "", f"boilerplate:{fam.name}",
                                      "boilerplate", metadata=tuple(_metadata(m).items())))
                    return i + 1
                continue
            if not _subject_follows(m, lines, i):
                continue
            meta = _metadata(m)
            if _is_historic(meta) or (fam.keep and _is_kept(ln.body, fam.keep, kept)):
                continue
            verdicts[i] = (fam.name, meta, rule.stage == "trailing")
            if rule.stage == "heading":
                return _consume_block(fam, lines, i + 1, verdicts, self._index)
            return i + 1
        return i + 1

    @staticmethod
    def _drop_unconfirmed_soft(lines: list[_Line], verdicts: dict) -> None:
        """A soft line goes only when nothing but furniture, blank lines or repeats of
        earlier lines (which the duplicate step removes) follows it, and some content
        comes before it (so a headline is never taken for a bio)."""
        if not any(soft for _, _, soft in verdicts.values()):
            return
        content_before = [False] * len(lines)
        repeat = [False] * len(lines)
        seen = False
        bodies: set[str] = set()
        for k, ln in enumerate(lines):
            content_before[k] = seen
            seen = seen or (bool(ln.body) and k not in verdicts)
            key = line_key(ln.body)  # as the duplicate step compares lines
            repeat[k] = bool(key) and key in bodies
            bodies.add(key)
        for k in [k for k, v in verdicts.items() if v[2] and not content_before[k]]:
            del verdicts[k]
        only_furniture_after = True
        for k in range(len(lines) - 1, -1, -1):
            if not lines[k].body:
                continue
            if k in verdicts:
                if verdicts[k][2] and not only_furniture_after:
                    del verdicts[k]
                    only_furniture_after = False
            elif not repeat[k]:
                only_furniture_after = False

    def __reduce__(self):
        return (Boilerplate, (self.families,))


def _drop_repeated_bylines(lines: Sequence[_Line], verdicts: dict) -> None:
    """A line that only repeats the lifted byline ("Daniel Cho" under "By Daniel Cho")."""
    names = {meta["byline"].casefold() for _, meta, _ in verdicts.values() if "byline" in meta}
    for k, ln in enumerate(lines):
        if k not in verdicts and ln.body and ln.body.casefold() in names:
            verdicts[k] = ("author-box", {}, False)


def _cells(body: str) -> list[str]:
    return _CELL_SEP.split(body.strip("| \t"))


def _keep_table_headers(lines: Sequence[_Line], verdicts: dict) -> None:
    """A row of labels over a kept table row with as many cells is that table's header
    ("Year | Korea | Netherlands" over "2022 | 6.1 | 7.4"), not a breadcrumb; a rule row
    ("|---|---|") between them stays with it."""
    body = [k for k, ln in enumerate(lines) if ln.body]
    for pos, k in enumerate(body[:-1]):
        if body[pos + 1] not in verdicts and k not in verdicts:
            continue  # nothing to give back
        if "|" not in lines[k].body or (k in verdicts and verdicts[k][1]):
            continue  # a line that lifted metadata is furniture
        head = _cells(lines[k].body)
        if len(head) < 2 or not all(_HEADER_CELL.fullmatch(c) for c in head):
            continue
        rules = []
        for j in body[pos + 1:]:
            cells = _cells(lines[j].body) if "|" in lines[j].body else []
            if j in verdicts and cells and all(_RULE_CELL.fullmatch(c) for c in cells):
                rules.append(j)
                continue
            if j not in verdicts and len(cells) == len(head):
                for r in (k, *rules):
                    verdicts.pop(r, None)
            break


def _keep_listed_items(lines: Sequence[_Line], verdicts: dict) -> None:
    """The lines a kept sentence introduces with a colon are its list ("The nominees
    are:", "The messages said:"), however much they look like furniture: names, short
    words, "Name | Title" rows. A furniture label ("Related:") is no such sentence. The
    list runs to the first blank line after an item, or to a line that ends a sentence
    of its own."""
    k = 0
    while k < len(lines):
        body = lines[k].body
        k += 1
        if k - 1 in verdicts or not body.endswith((":", "：")) or \
                len(body.split()) < _MIN_INTRO_WORDS:
            continue
        items = 0
        while k < len(lines) and items < _MAX_LIST_ITEMS:
            if not lines[k].body:
                if items:
                    break
                k += 1
                continue
            if lines[k].body.endswith((":", "：", ".", "!", "?", "。")):
                break  # the next list's introduction, or a sentence: the list is over
            verdicts.pop(k, None)
            items += 1
            k += 1


def _drop_header_labels(lines: Sequence[_Line], verdicts: dict) -> None:
    """A short label ("Markets", "Local News") in the article header: after the headline,
    before any body text, with furniture right after it. A subheading inside the
    article is followed by its paragraph, so it never qualifies."""
    body = [k for k, ln in enumerate(lines) if ln.body]
    headline_seen = False
    for pos, k in enumerate(body):
        if k in verdicts:
            continue
        if not headline_seen:
            headline_seen = True  # the first line that is not furniture is the headline
            continue
        text = lines[k].body
        label = len(text.split()) <= _MAX_LABEL_WORDS and not text.endswith(
            (".", "!", "?", ":", ",", ";"))
        following = body[pos + 1] if pos + 1 < len(body) else None
        if not (label and following is not None and following in verdicts):
            break  # the first body line ends the header
        verdicts[k] = ("section-label", {}, False)


def _is_kept(body: str, keep: tuple[regex.Pattern, ...], kept: dict[int, bool]) -> bool:
    """Whether a ``keep`` pattern finds the line ("..., the regulator said."): news
    prose, whatever furniture it resembles. Searched once per line and file."""
    found = kept.get(id(keep))
    if found is None:
        found = kept[id(keep)] = any(p.search(body) for p in keep)
    return found


def _consume_block(fam: Family, lines: Sequence[_Line], i: int, verdicts: dict,
                   others: _RuleIndex) -> int:
    if fam.block == "links":
        return _consume_links(fam, lines, i, verdicts, others)
    if fam.block == "author":
        return _consume_author(fam, lines, i, verdicts)
    if fam.block == "buttons":
        return _consume_short(fam, lines, i, verdicts, _MAX_BUTTON_WORDS, others)
    if fam.block == "contact":
        return _consume_short(fam, lines, i, verdicts, _MAX_CONTACT_WORDS, others)
    if fam.block == "prose":
        return _consume_prose(fam, lines, i, verdicts, others)
    return i


def _consume_prose(fam: Family, lines: Sequence[_Line], i: int, verdicts: dict,
                   others: _RuleIndex) -> int:
    """The paragraph or two under a heading such as "About Acme" or "Forward-Looking
    Statements", up to the next heading another family claims."""
    taken = 0
    while i < len(lines) and taken < _MAX_PROSE_LINES:
        body = lines[i].body
        if body and _is_other_furniture(body, others):
            break
        if body:
            verdicts[i] = (fam.name, {}, False)
            taken += 1
        i += 1
    return i


def _consume_short(fam: Family, lines: Sequence[_Line], i: int, verdicts: dict,
                   max_words: int, others: _RuleIndex) -> int:
    """Short lines after a heading: consent buttons ("Accept all", "Ok"), contact lines;
    up to the next heading of another family ("Related Posts"), which opens its own
    block."""
    while i < len(lines):
        body = lines[i].body
        if body and (len(body.split()) > max_words or body.endswith((".", "!", "?"))
                     or _opens_other_block(body, fam, others)):
            break
        if body:
            verdicts[i] = (fam.name, {}, False)
        i += 1
    return i


def _opens_other_block(body: str, fam: Family, index: _RuleIndex) -> bool:
    return any(rule.stage == "heading" and rule.family is not fam
               for rule, _ in index.matches(body).scan(whole_line_only=True))


def _is_other_furniture(body: str, index: _RuleIndex) -> bool:
    return next(index.matches(body).scan(whole_line_only=True), None) is not None


def _consume_links(fam: Family, lines: Sequence[_Line], i: int, verdicts: dict,
                   others: _RuleIndex) -> int:
    """Item lines after a link-list heading: all bulleted like the first, or title-like.

    The list ends at the first line that is not an item or that another family claims.
    """
    bulleted = None
    while i < len(lines):
        ln = lines[i]
        if not ln.body:
            i += 1
            continue
        if _is_other_furniture(ln.body, others):
            break
        has_bullet = ln.bulleted
        if bulleted is None:
            bulleted = has_bullet
        if (bulleted and not has_bullet) or not _is_item(ln.body, bulleted):
            break
        verdicts[i] = (fam.name, {}, False)
        i += 1
    return i




def _is_item(body: str, bulleted: bool) -> bool:
    words = body.split()
    if len(words) > _MAX_ITEM_WORDS:
        return False
    if bulleted:
        return True
    ends_sentence = body.endswith((".", "!", "?", "。", '."', ".”")) and not body.endswith("...")
    return (len(words) <= 16 and not ends_sentence and body[:1].isupper()) or body[:1].isdigit()


def _consume_author(fam: Family, lines: Sequence[_Line], i: int, verdicts: dict) -> int:
    """Name lines and up to a few lines of bio after an author heading."""
    names: list[str] = []
    prose = 0
    while i < len(lines):
        body = lines[i].body
        if not body:
            i += 1
            continue
        if _NAME_LINE.fullmatch(body):
            meta = {} if names else {"byline": body}
            names.append(body)
        elif not names and not prose and (opener := _BIO_OPENER.match(body)):
            # "Linda Hart has covered ...": the bio names its writer
            meta = {"byline": opener.group(1)}
            names.append(opener.group(1))
            prose += 1
        elif prose < _MAX_AUTHOR_PROSE and (_FIRST_PERSON.match(body)
                                            or any(body.startswith(n) for n in names)):
            meta = {}
            prose += 1
        else:
            break
        verdicts[i] = (fam.name, meta, False)
        i += 1
    return i


def _is_historic(meta: dict[str, str]) -> bool:
    """A date line from before the web ("March 1, 1919", a timeline entry) is content:
    no page was published then. ``meta`` holds the date as ISO 8601, if it has one."""
    date = meta.get("date")
    return date is not None and int(date[:4]) < _FIRST_WEB_YEAR


def _subject_follows(m: regex.Match, lines: Sequence[_Line], i: int) -> bool:
    """A heading's ``subject`` ("About Acme") must open the first line under it ("Acme
    is ..."): "About Time" above a film's synopsis is no company profile."""
    subject = m.groupdict().get("subject")
    if not subject:
        return True
    after = next((ln.body for ln in lines[i + 1 :] if ln.body), "").casefold()
    return after.removeprefix("the ").startswith(subject.split()[0].casefold())


def _metadata(m: regex.Match) -> dict[str, str]:
    out = {}
    for key, value in m.groupdict().items():
        if key not in METADATA_KEYS or not value or not value.strip():
            continue
        value = " ".join(value.split()).strip(" .,;|")
        if key == "date":
            iso = iso_date(value)
            if iso is None:
                continue
            value = iso
        out[key] = value
    return out


def iso_date(value: str) -> str | None:
    """A date as ISO 8601, or None when it is not a date.

    >>> iso_date("2024-02-21"), iso_date("Feb. 21, 2024 10:15 KST"), iso_date("soon")
    ('2024-02-21', '2024-02-21T10:15', None)
    """
    sentinel = _dt.datetime(1, 1, 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = _dateparser.parse(value, default=sentinel, ignoretz=True, fuzzy=False)
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed.year == 1:
        return None
    if parsed.hour or parsed.minute:
        return parsed.isoformat(timespec="minutes")
    return parsed.date().isoformat()
