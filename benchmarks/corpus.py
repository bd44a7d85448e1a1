"""A seeded, news-like corpus of any size, for the throughput benchmark.

Articles of about 2-6 KB of English news prose (headline, optional byline, paragraphs
separated by blank lines) about trade, chips, energy, cars, ships, finance and diplomacy.
Into them go the names of a table's people and companies: canonical spellings, explicit
aliases, derived pinyin and hangul spellings (``normalize.variants.entity_variants``)
and one-letter typos; site furniture ("Also Read:" with its links, "Share this
article", "Follow us on ...", copyright, "Source: Yonhap", bylines, "Advertisement");
repeated paragraphs; and, in a few articles, spacing faults ("same day.This",
"Korea ’s", "working -level") and a paragraph of mojibake ("donâ€™t").

Document ``i`` depends only on the seed, ``i`` and the entities, so a smaller corpus is
a prefix of a larger one. Files are JSON Lines, ``{"id": i, "text": ...}`` per line,
which ``normalize-file --jsonl`` reads as well.

Usage: python benchmarks/corpus.py OUT.jsonl [--mb 20] [--entities 10000] [--seed 0]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import string
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tables import write_table

from normalize._resources import builtin_aliases_dir
from normalize.tables import Entity, load_tables
from normalize.variants import ROMANIZATION, entity_variants

POOL = 400  # entities a corpus talks about, drawn from the table
SPELLINGS = (("canonical", 45), ("alias", 15), ("derived", 33), ("typo", 7))
P_BYLINE, P_ADVERT, P_TAIL = 0.5, 0.15, 0.6
P_DUPLICATE, P_NEAR_DUPLICATE = 0.15, 0.05
P_SPACING, P_MOJIBAKE = 0.10, 0.03

# ---------------------------------------------------------------- vocabulary

TOPICS = {
    "chips": ["memory chips", "high-bandwidth memory", "foundry capacity", "chip equipment",
              "advanced packaging", "semiconductor supply chains", "wafer production",
              "chip design talent", "export controls on chips", "AI accelerators"],
    "trade": ["tariffs on steel", "the free trade agreement", "export financing",
              "customs procedures", "the trade deficit", "critical minerals",
              "supply chain resilience", "investment screening", "rules of origin"],
    "energy": ["nuclear power plants", "liquefied natural gas", "offshore wind farms",
               "hydrogen fuel cells", "the power grid", "small modular reactors",
               "carbon capture", "energy security", "solar modules"],
    "autos": ["electric vehicles", "battery cells", "charging networks", "autonomous driving",
              "hybrid models", "vehicle exports", "battery recycling", "cathode materials"],
    "ships": ["LNG carriers", "container ships", "naval vessels", "eco-friendly ships",
              "shipyard workforce", "order backlogs", "ammonia-fuelled engines"],
    "finance": ["interest rates", "household debt", "the won", "bond yields",
                "foreign investment", "pension reform", "inflation", "venture capital"],
    "diplomacy": ["the security alliance", "bilateral ties", "regional stability",
                  "development aid", "cultural exchanges", "visa waivers",
                  "defense cooperation", "the joint statement"],
}
TOPIC_NAMES = list(TOPICS)
VERBS = ["strengthen", "expand", "secure", "stabilize", "boost", "review", "support",
         "accelerate", "diversify", "streamline", "protect", "modernize", "promote"]
GOALS = ["ease the burden on exporters", "attract foreign investment",
         "maintain its technological edge", "create high-quality jobs",
         "respond to rising global competition", "reduce its reliance on imports",
         "keep prices in check", "meet its carbon neutrality target"]
CONCERNS = ["demand remains weak in China", "the details have yet to be worked out",
            "higher borrowing costs could weigh on investment",
            "the plan depends on parliamentary approval",
            "rivals in Taiwan and Japan are moving faster",
            "a shortage of engineers could delay the projects",
            "the won’s weakness is raising import costs"]
CHALLENGES = ["rising protectionism", "slowing global demand", "fierce price competition",
              "tighter export controls", "an ageing workforce", "volatile energy prices"]
COUNTRIES = ["South Korea", "the United States", "Japan", "China", "the Netherlands",
             "Germany", "Vietnam", "India", "Australia", "Indonesia", "Poland", "Canada"]
CITIES = ["Seoul", "Busan", "Sejong", "Washington", "Beijing", "Tokyo", "The Hague",
          "Eindhoven", "Detroit", "Jakarta", "Hanoi", "Brussels", "Singapore", "Ulsan"]
MINISTRIES = ["Ministry of Trade, Industry and Energy", "Ministry of Economy and Finance",
              "Ministry of Foreign Affairs", "Ministry of Science and ICT",
              "Ministry of Land, Infrastructure and Transport", "Bank of Korea",
              "Financial Services Commission", "Korea Customs Service"]
SECTORS = ["semiconductor", "battery", "shipbuilding", "automobile", "steel", "petrochemical",
           "display", "bio-health", "defense", "nuclear"]
ASSETS = ["supply chains", "research capacity", "production base", "export markets",
          "talent pool", "cost competitiveness"]
ROLES = ["chief executive", "vice chairman", "head of research", "senior analyst",
         "director general", "chief economist", "spokesperson"]
PERSON_TITLES = ["President", "Prime Minister", "Industry Minister", "Trade Minister",
                 "Finance Minister", "Foreign Minister", "Vice Minister", "Vice President",
                 "Deputy Prime Minister", "former President"]
QUOTE_ADJECTIVES = ["a turning point", "a milestone for both countries",
                    "the start of a new chapter", "long overdue", "a practical first step"]
SUPPORT = ["low-interest loans", "tax credits", "research grants", "policy financing",
           "infrastructure subsidies"]
BENEFICIARIES = ["small and medium-sized firms", "exporters", "start-ups", "parts suppliers",
                 "local governments", "research institutes"]
FACILITIES = ["production lines", "research centers", "fabrication plants", "test beds",
              "industrial complexes", "training centers"]
METRICS = ["exports", "imports", "industrial output", "chip shipments", "retail sales",
           "capital investment", "factory orders"]
MOVES = ["rose", "fell", "jumped", "slipped", "climbed", "declined", "edged up"]
CHANGES = ["increase", "drop", "gain", "decline", "swing"]
SUPERLATIVES = ["largest", "smallest", "steepest", "sharpest", "biggest"]
ADJECTIVES = ["global", "regional", "digital", "post-pandemic", "low-carbon", "knowledge"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
PERIODS = ["week", "month", "quarter"]
OUTLETS = ["AsiaToday", "Korea Business Daily", "The Seoul Ledger", "Pulse Asia",
           "Korea Economic Review", "Maeil Wire"]
AGENCIES = ["Yonhap", "Yonhap News", "Newsis", "News1", "Korea.net"]
NETWORKS = ["Twitter", "Facebook", "LinkedIn", "X", "Facebook and Instagram"]
REPORTERS = ["Hong Sun-mi", "Park Ji-won", "Lee Seung-woo", "Choi Da-eun", "Jung Min-ho",
             "Kang Hye-jin", "Oh Jae-hyun", "Song Yu-na", "Yoo Dong-hwan", "Baek Ji-hoon"]
HYPHENATED = ["working-level", "long-term", "high-level", "follow-up", "state-run",
              "year-on-year", "two-day", "low-interest", "high-quality", "medium-sized"]

SENTENCES = [
    "{Person} said on {day} that the government would {verb} {thing} to {goal}.",
    "According to the {ministry}, {metric} {moved} {pct} percent in {month} from a year "
    "earlier, the {superlative} {change} since {year}.",
    "“We will {verb} {thing} together with our partners,” {Person} told reporters in {city}.",
    "Shares of {Org} {moved} {pct} percent on {day} after the company said it would "
    "{verb} {thing}.",
    "The agreement is expected to {verb} {thing} and {verb} {thing2} over the next "
    "{small} years.",
    "Analysts said the move could {verb} {thing}, although {concern}.",
    "{Person}, {role} of {Org}, met {Person} in {city} on the same day to discuss {thing} "
    "and {thing2}.",
    "Officials from both sides also agreed to hold a working-level meeting on {thing} in "
    "{month}.",
    "Industry sources said {Org} has been in talks with {Org} over a {amount} deal on "
    "{thing}.",
    "The {ministry} said it would provide {amount} in {support} to {beneficiaries} by {year}.",
    "{Person} stressed that {country}’s {sector} sector must {verb} its {asset} in the "
    "face of {challenge}.",
    "In {year}, the two countries signed a memorandum of understanding on {thing}, which "
    "{Person} described as “{quote}.”",
    "Exports of {thing} totaled {amount} last year, accounting for {pct} percent of "
    "{country}’s total exports.",
    "The plan, first announced in {month}, calls for {small} new {facilities} to be "
    "completed by {year}.",
    "The long-term goal is to {verb} {thing}, {Person} said, adding that {country} doesn’t "
    "intend to {verb} {thing2}.",
    "{Org} did not comment on the report, but a company official said the talks were at "
    "an early stage.",
    "The {ministry} plans to announce detailed measures on {thing} as early as next "
    "{period}.",
    "Experts warned that {concern}, and urged the government to {verb} {thing2}.",
    "{Person}, who took office in {month} {year}, has made {thing} a top priority.",
    "The two-day forum in {city} drew more than {hundreds} officials and executives, "
    "including {Person} and {Person}.",
    "Meanwhile, {Org} said its operating profit for the {period} {moved} {pct} percent to "
    "{amount}, beating market expectations.",
    "“There is no doubt that {thing} will shape the {adjective} economy,” said {Person}, "
    "a {role} at {Org}.",
    "{country} and {country2} agreed to expand cooperation in {thing}, {thing2} and "
    "{thing3}.",
    "The high-level dialogue will be held regularly, and a follow-up meeting is scheduled "
    "for {month} in {city}.",
    "Under the deal, {Org} will supply {thing} to {Org} for {small} years starting in {year}.",
    "Critics, however, said the state-run program had failed to {verb} {thing} and called "
    "for a review.",
    "{Person} is set to visit {city} next week for talks with executives of {Org}.",
    "Data from the {ministry} showed that investment in {thing} reached {amount} in the "
    "first half, up {pct} percent year-on-year.",
    "It was not immediately clear whether {Org} would join the project, which is backed by "
    "{amount} in public funds.",
    "The company’s plant in {city} employs about {hundreds} workers and makes {thing} for "
    "customers in {country2}.",
    "{Person} added that {country} would not {verb} {thing2} “at the expense of its "
    "allies.”",
    "The {sector} industry accounts for about {pct} percent of {country}’s exports, and "
    "{Org} is its second-largest player.",
]
HEADLINES = [
    "{country} and {country2} to strengthen cooperation on {thing}",
    "{Org} to invest {amount} in {thing}",
    "{Person} calls for closer ties on {thing}",
    "{ministry} unveils plan to {verb} {thing}",
    "{Org} shares {moved} on {thing} outlook",
    "{metric} {moved} {pct}% in {month} on {thing}",
    "{Person} meets {Person} in {city} to discuss {thing}",
    "Why {thing} matters for {country}’s {sector} industry",
    "{Org} and {Org} sign deal on {thing}",
    "{country} seeks to {verb} {thing} amid {challenge}",
]


def _compile(template: str) -> tuple[tuple[str, str | None], ...]:
    """A template as (literal, slot) pairs, so filling it is one join."""
    return tuple((lit, slot) for lit, slot, _, _ in string.Formatter().parse(template))


_SENTENCES = [_compile(t) for t in SENTENCES]
_HEADLINES = [_compile(t) for t in HEADLINES]
_HYPHEN_FAULT = re.compile("|".join(re.escape(w) for w in HYPHENATED))
_GLUE_FAULT = re.compile(r"\. (?=[A-Z])")
_APOSTROPHE_FAULT = re.compile(r"(?<=\w)’s\b")
_CP1252 = {b: bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(0x80, 0xA0)}
_MOJIBAKE = str.maketrans({chr(b): c for b, c in _CP1252.items()})

# ---------------------------------------------------------------- names


@dataclass(frozen=True, slots=True)
class Name:
    """The spellings of one entity that the corpus uses."""

    canonical: str
    aliases: tuple[str, ...]
    derived: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Cast:
    """The people and companies a corpus talks about."""

    people: tuple[Name, ...]
    orgs: tuple[Name, ...]


def make_cast(entities: Sequence[Entity], seed: int = 0, pool: int = POOL) -> Cast:
    """A seeded sample of ``pool`` people and companies with their spellings."""
    eligible = [e for e in entities if e.type in ("person", "organization")]
    chosen = random.Random(f"cast/{seed}").sample(eligible, min(pool, len(eligible)))
    derived: dict[int, list[str]] = {}
    for v in entity_variants(chosen, ROMANIZATION):
        if v.rule.startswith("derived:") and v.text != chosen[v.entity].canonical:
            derived.setdefault(v.entity, []).append(v.text)
    names = [(e.type, Name(e.canonical, e.aliases, tuple(derived.get(i, ()))))
             for i, e in enumerate(chosen)]
    return Cast(tuple(n for t, n in names if t == "person"),
                tuple(n for t, n in names if t == "organization"))


def spell(name: Name, rng: random.Random) -> str:
    """One mention: canonical, alias, derived or misspelt, by the weights of SPELLINGS."""
    kind = rng.choices(_SPELLING_KINDS, _SPELLING_WEIGHTS)[0]
    if kind == "alias" and name.aliases:
        return rng.choice(name.aliases)
    if kind == "derived" and name.derived:
        return rng.choice(name.derived)
    if kind == "typo":
        return typo(name.canonical, rng)
    return name.canonical


_SPELLING_KINDS = [k for k, _ in SPELLINGS]
_SPELLING_WEIGHTS = [w for _, w in SPELLINGS]


def typo(name: str, rng: random.Random) -> str:
    """One letter changed, dropped, doubled or swapped, never a word's first letter."""
    spots = [i for i in range(1, len(name) - 1)
             if name[i].isalpha() and name[i - 1].isalpha() and name[i + 1].isalpha()]
    if not spots:
        return name
    i = rng.choice(spots)
    op = rng.randrange(4)
    if op == 0:
        return name[:i] + rng.choice("aeiounrst") + name[i + 1:]
    if op == 1:
        return name[:i] + name[i + 1:]
    if op == 2:
        return name[:i] + name[i] + name[i:]
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


# ---------------------------------------------------------------- documents


class _Writer:
    """Fills templates for one document: its topic, its people, its companies."""

    def __init__(self, cast: Cast, rng: random.Random) -> None:
        self.rng = rng
        self.things = TOPICS[rng.choice(TOPIC_NAMES)]
        self.people = rng.sample(cast.people, min(3, len(cast.people)))
        self.orgs = rng.sample(cast.orgs, min(2, len(cast.orgs)))
        self.slots = self._slots()

    def fill(self, template: tuple[tuple[str, str | None], ...]) -> str:
        slots = self.slots
        return "".join(lit + (slots[slot]() if slot else "") for lit, slot in template)

    def sentence(self) -> str:
        return _capitalized(self.fill(self.rng.choice(_SENTENCES)))

    def headline(self) -> str:
        return _capitalized(self.fill(self.rng.choice(_HEADLINES)))

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 5)))

    def person(self) -> str:
        if not self.people:
            return self.rng.choice(REPORTERS)
        name = spell(self.rng.choice(self.people), self.rng)
        if self.rng.random() < 0.6:
            return f"{self.rng.choice(PERSON_TITLES)} {name}"
        return name

    def org(self) -> str:
        if not self.orgs:
            return self.rng.choice(OUTLETS)
        return spell(self.rng.choice(self.orgs), self.rng)

    def _slots(self) -> dict[str, Callable[[], str]]:
        r = self.rng

        def pick(words: list[str]) -> Callable[[], str]:
            return lambda: r.choice(words)

        return {
            "Person": self.person, "Org": self.org,
            "thing": pick(self.things), "thing2": pick(self.things), "thing3": pick(self.things),
            "verb": pick(VERBS), "goal": pick(GOALS), "concern": pick(CONCERNS),
            "challenge": pick(CHALLENGES), "country": pick(COUNTRIES),
            "country2": pick(COUNTRIES), "city": pick(CITIES), "ministry": pick(MINISTRIES),
            "sector": pick(SECTORS), "asset": pick(ASSETS), "role": pick(ROLES),
            "quote": pick(QUOTE_ADJECTIVES), "support": pick(SUPPORT),
            "beneficiaries": pick(BENEFICIARIES), "facilities": pick(FACILITIES),
            "metric": pick(METRICS), "moved": pick(MOVES), "change": pick(CHANGES),
            "superlative": pick(SUPERLATIVES), "adjective": pick(ADJECTIVES),
            "day": pick(DAYS), "month": pick(MONTHS), "period": pick(PERIODS),
            "pct": lambda: f"{r.randint(0, 40)}.{r.randint(0, 9)}",
            "year": lambda: str(r.randint(2012, 2025)),
            "small": lambda: str(r.randint(2, 12)),
            "hundreds": lambda: f"{r.randint(1, 9) * 100 + r.randint(0, 9) * 10:,}",
            "amount": lambda: _amount(r),
        }


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _amount(rng: random.Random) -> str:
    n = f"{rng.randint(1, 99)}.{rng.randint(1, 9)}"
    return rng.choice((f"${n} billion", f"{n} trillion won", f"W{n} trillion",
                       f"{rng.randint(10, 900)} billion won", f"${rng.randint(10, 900)} million"))


def document(cast: Cast, i: int, seed: int = 0) -> str:
    """Article ``i`` of the corpus: its own seeded stream, independent of the others."""
    rng = random.Random(f"doc/{seed}/{i}")
    w = _Writer(cast, rng)
    target = rng.randint(1700, 5000)  # with headline and furniture: 2-6 KB
    paragraphs = _body(w, target)
    if rng.random() < P_SPACING:
        paragraphs = [_spacing_faults(p, rng) for p in paragraphs]
    if rng.random() < P_MOJIBAKE:
        k = rng.randrange(len(paragraphs))
        paragraphs[k] = mojibake(paragraphs[k])
    blocks = [w.headline()]
    if rng.random() < P_BYLINE:
        blocks.append(_byline(rng))
    blocks += paragraphs
    if rng.random() < P_TAIL:
        blocks += _tail(w)
    return "\n\n".join(blocks) + "\n"


def _body(w: _Writer, target: int) -> list[str]:
    rng = w.rng
    paragraphs: list[str] = []
    size = 0
    while size < target:
        paragraphs.append(w.paragraph())
        size += len(paragraphs[-1]) + 2
    if len(paragraphs) > 2 and rng.random() < P_DUPLICATE:
        k = rng.randrange(len(paragraphs) - 1)
        copy = paragraphs[k]
        if rng.random() < P_NEAR_DUPLICATE / P_DUPLICATE:  # reworded a little
            copy = copy.replace(". ", ".  ", 1).replace("percent", "per cent", 1)
        paragraphs.insert(rng.randint(k + 1, len(paragraphs)), copy)
    if len(paragraphs) > 3 and rng.random() < P_ADVERT:
        paragraphs.insert(rng.randint(1, len(paragraphs) - 1), "Advertisement")
    return paragraphs


def _byline(rng: random.Random) -> str:
    name = rng.choice(REPORTERS)
    return rng.choice((f"By {name}", f"By {rng.choice(OUTLETS)} reporter {name}",
                       f"By {name}, Staff Reporter", f"Reporter {name}"))


def _tail(w: _Writer) -> list[str]:
    rng = w.rng
    items = []
    if rng.random() < 0.6:
        links = "\n".join(f"- {w.headline()}" for _ in range(rng.randint(2, 4)))
        items.append(f"{rng.choice(('Also Read:', 'Also Read', 'Related Articles'))}\n{links}")
    year = rng.randint(2020, 2025)
    extras = ["Share this article", f"Follow us on {rng.choice(NETWORKS)}",
              f"© {year} {rng.choice(OUTLETS)}. All rights reserved.",
              f"Source: {rng.choice(AGENCIES)}"]
    items += rng.sample(extras, rng.randint(1, len(extras)))
    return items


def _spacing_faults(paragraph: str, rng: random.Random) -> str:
    """Machine-translation spacing: "day.This", "Korea ’s", "working -level"."""
    p = _GLUE_FAULT.sub(lambda m: "." if rng.random() < 0.3 else ". ", paragraph)
    p = _APOSTROPHE_FAULT.sub(lambda m: " ’s" if rng.random() < 0.5 else "’s", p)
    return _HYPHEN_FAULT.sub(lambda m: m.group().replace("-", " -"), p)


def mojibake(text: str) -> str:
    """UTF-8 read as Windows-1252: "don’t" becomes "donâ€™t"."""
    return text.encode("utf-8").decode("latin-1").translate(_MOJIBAKE)


# ---------------------------------------------------------------- corpus and files


def iter_documents(entities: Sequence[Entity], seed: int = 0) -> Iterator[str]:
    """Documents 0, 1, 2, ... of the corpus of ``entities``, without end."""
    cast = make_cast(entities, seed)
    i = 0
    while True:
        yield document(cast, i, seed)
        i += 1


def make_corpus(size_bytes: int, entities: Sequence[Entity], seed: int = 0) -> list[str]:
    """Documents until their UTF-8 size reaches ``size_bytes``."""
    docs, total = [], 0
    for doc in iter_documents(entities, seed):
        if total >= size_bytes:
            break
        docs.append(doc)
        total += len(doc.encode("utf-8"))
    return docs


def write_documents(path: Path, docs: Sequence[str]) -> int:
    """Write JSON Lines; returns the bytes written."""
    data = "".join(_record(i, d) + "\n" for i, d in enumerate(docs)).encode("utf-8")
    path.write_bytes(data)
    return len(data)


def read_documents(path: Path) -> list[str]:
    """The texts of a JSON Lines file written by :func:`write_documents`."""
    text = path.read_text(encoding="utf-8")
    return [json.loads(line)["text"] for line in text.split("\n") if line]


def _record(i: int, doc: str) -> str:
    return json.dumps({"id": i, "text": doc}, ensure_ascii=False)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--mb", type=float, default=20.0)
    parser.add_argument("--entities", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        table = write_table(Path(tmp) / "table.yaml", args.entities, args.seed)
        entities = load_tables([builtin_aliases_dir(), table]).entities
    docs = make_corpus(int(args.mb * 1e6), entities, args.seed)
    size = write_documents(args.out, docs)
    print(f"{args.out}: {len(docs)} documents, {size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
