"""On a Dask cluster of two worker processes: the single-process results, in order."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

import cloudpickle  # noqa: E402
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402

from normalize import Normalizer  # noqa: E402
from normalize.batch import result_report  # noqa: E402
from normalize.corpus import LineStats, line_key  # noqa: E402
from normalize.dask import collect_line_stats, normalize_bag, normalize_column  # noqa: E402

SEEDS = Path(__file__).parent.parent / "seeds"
FOOTER = "Lakeside Gazette online edition, printed in Ohio\n"
SNIPPETS = [
    "South Korean President Yin Xilie said.",
    "Hanhe ties deepened on the same day.This was new.",
    "South Korea ’s President’ s Office met Lutter at a working -level meeting.",
    "CafÃ© owners in Seoul welcomed Ahn Deok-geun , officials said.\n",
    "Li\u200bYongfei spoke.\r\nThe talks went well.\r\n",
    "Source:Network finishing\nRelease on:2024-02-21\nYin Xiyue arrived in The Hague.\n",
    "Chips sold well afterSemiconductor week.\n\n\n\nChips sold well afterSemiconductor week.",
    "Also Read:\n• Yoon visits Amsterdam\n• Rutte meets Yoon\n\nThe summit ended.\n",
    "",
    "\n",
    "Plain text with nothing to fix.",
]


def _read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:
        return f.read()


def _documents() -> list[str]:
    """Seeds as they are, with a site footer, cut to their first paragraphs; snippets."""
    articles = [_read(p) for p in sorted(SEEDS.glob("*.txt"))
                if not p.name.endswith(".expected.txt")]
    heads = ["\n\n".join(a.split("\n\n")[:3]) for a in articles]
    snippets = [s + ("\n" + FOOTER if i % 2 else "") for i, s in enumerate(SNIPPETS)]
    return (articles + [a + "\n" + FOOTER for a in articles]
            + [h + "\n" + FOOTER for h in heads] + snippets)


TEXTS = _documents()


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        yield client


@pytest.fixture(scope="module")
def expected(normalizer):
    return [normalizer.normalize(t) for t in TEXTS]


def _frame(npartitions: int) -> dd.DataFrame:
    frame = pd.DataFrame({"id": range(len(TEXTS)), "text": TEXTS,
                          "score": [i / 4 for i in range(len(TEXTS))],
                          "site": [f"site-{i % 3}" for i in range(len(TEXTS))]},
                         index=pd.RangeIndex(100, 100 + len(TEXTS), name="row"))
    return dd.from_pandas(frame, npartitions=npartitions)


@pytest.mark.parametrize("shipped", [False, True], ids=["default", "given"])
def test_bag_gives_the_single_process_results_in_order(client, expected, normalizer,
                                                        shipped):
    bag = db.from_sequence(TEXTS, npartitions=7)
    results = normalize_bag(bag, normalizer if shipped else None).compute()
    assert results == expected  # text, changes, removed and metadata, document by document
    assert any(r.removed for r in results) and any(r.metadata for r in results)
    assert {c.kind for r in results for c in r.changes} >= {"typography", "encoding", "alias",
                                                          "compound"}


def test_text_only_bag_gives_the_clean_texts(client, expected, normalizer):
    bag = db.from_sequence(TEXTS, npartitions=4)
    assert normalize_bag(bag, normalizer, text_only=True).compute() == [
        r.text for r in expected]


def test_the_normalizer_reaches_each_worker_once_not_each_task(client, normalizer):
    here = sys.modules[__name__]
    cloudpickle.register_pickle_by_value(here)  # the workers need not import this file
    try:
        client.run(_count_rebuilds)
        bag = db.from_sequence(TEXTS, npartitions=10)
        normalize_bag(bag, normalizer, text_only=True).compute()
        rebuilds = client.run(_rebuilds)
    finally:
        cloudpickle.unregister_pickle_by_value(here)
    assert 1 <= sum(rebuilds.values()) <= len(rebuilds) < bag.npartitions


def test_column_is_normalized_and_other_columns_are_untouched(client, expected):
    frame = _frame(npartitions=5)
    out = normalize_column(frame, "text")
    got = out.compute()
    source = frame.compute()
    assert got["text"].tolist() == [r.text for r in expected]
    pd.testing.assert_frame_equal(got.drop(columns="text"), source.drop(columns="text"))
    assert got.index.equals(source.index)
    assert got.dtypes.equals(out.dtypes) and got.dtypes.equals(source.dtypes)


def test_changes_column_holds_the_report_as_the_cli_writes_it(client, expected):
    out = normalize_column(_frame(npartitions=3), changes_column="normalize").compute()
    assert list(out.columns) == ["id", "text", "score", "site", "normalize"]
    reports = out["normalize"].tolist()
    assert [json.loads(r) for r in reports] == [result_report(r) for r in expected]
    assert reports == [json.dumps(result_report(r), ensure_ascii=False) for r in expected]


def test_missing_texts_stay_missing_and_a_missing_column_is_refused(client):
    frame = dd.from_pandas(pd.DataFrame({"text": ["Yin Xilie left.", None]}, dtype=object),
                           npartitions=1)
    got = normalize_column(frame, changes_column="report").compute()
    assert got["text"][0] == "Yoon Suk-yeol left." and pd.isna(got["text"][1])
    assert json.loads(got["report"][0])["changes"] and pd.isna(got["report"][1])
    with pytest.raises(KeyError, match="body"):
        normalize_column(frame, "body")


@pytest.mark.parametrize(("npartitions", "split_every"), [(1, None), (4, None), (9, 2),
                                                          (len(TEXTS), None)])
def test_line_stats_equal_the_single_process_count(client, npartitions, split_every):
    bag = db.from_sequence(TEXTS, npartitions=npartitions)
    stats = collect_line_stats(bag, split_every=split_every)
    single = LineStats.collect(TEXTS)
    assert stats.documents == single.documents == len(TEXTS)
    assert stats.counts == single.counts


def test_line_stats_of_a_dataframe_column_skip_missing_values(client):
    frame = _frame(npartitions=4)
    with_gap = frame.assign(text=frame["text"].where(frame["id"] != 3))
    assert collect_line_stats(with_gap["text"]) == LineStats.collect(
        t for i, t in enumerate(TEXTS) if i != 3)


def test_two_passes_remove_corpus_furniture_as_in_one_process(client, tmp_path):
    bag = db.from_sequence(TEXTS, npartitions=6)
    stats = collect_line_stats(bag)
    single = LineStats.collect(TEXTS)
    assert stats == single
    assert line_key(FOOTER) in stats.recurring()
    texts = normalize_bag(bag, Normalizer(line_stats=stats), text_only=True).compute()
    one_process = Normalizer(line_stats=single)
    assert texts == [one_process.normalize(t).text for t in TEXTS]
    assert not any("Lakeside Gazette" in t for t in texts)
    stats.save(tmp_path / "a.json")
    single.save(tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()


def test_a_user_alias_table_reaches_the_workers(client, tmp_path):
    table = tmp_path / "people.yaml"
    table.write_text("version: 1\nentities:\n  - canonical: Jan Kowalski\n    type: person\n"
                     "    aliases: [Yang Kewosiji]\n", encoding="utf-8")
    n = Normalizer(aliases=[table])
    table.unlink()  # the table travels inside the normalizer; workers never read the file
    texts = ["Yang Kewosiji met Yin Xilie.", "Nothing here."]
    bag = db.from_sequence(texts, npartitions=2)
    assert normalize_bag(bag, n, text_only=True).compute() == [
        "Jan Kowalski met Yoon Suk-yeol.", "Nothing here."]
    assert normalize_bag(bag, text_only=True).compute()[0] == "Yang Kewosiji met Yoon Suk-yeol."
    frame = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=2)
    assert normalize_column(frame, normalizer=n).compute()["text"].tolist()[0] == (
        "Jan Kowalski met Yoon Suk-yeol.")


def test_importing_normalize_does_not_import_dask():
    code = ("import sys, normalize, normalize.batch, normalize.cli, normalize.dask; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "[]"


def _count_rebuilds() -> None:
    """Run on each worker: count how often a shipped normalizer is unpickled there."""
    import normalize.normalizer as module

    rebuild = getattr(module._rebuild, "__wrapped__", module._rebuild)

    def counted(*args):
        counted.calls += 1
        return rebuild(*args)

    counted.calls = 0
    counted.__wrapped__ = rebuild
    counted.__module__, counted.__qualname__ = module.__name__, "_rebuild"  # pickled by name
    module._rebuild = counted


def _rebuilds() -> int:
    """Run on each worker: the count, and the original function back in place."""
    import normalize.normalizer as module

    calls = module._rebuild.calls
    module._rebuild = module._rebuild.__wrapped__
    return calls
