"""Tidy frames (issue 13 point 7): every ``to_dataframe()`` follows one convention.

Nullable integers (``Int64``, never float64 with NaN), one missing value (``pd.NA``, never None
or NaN), themes as a list column plus one boolean column per theme, ``kind`` columns ordered
``Categorical`` in the documented order; the records stay plain Python values.
"""

from __future__ import annotations

import math
from typing import Any

import pytest

import edcompetencies as ec
from edcompetencies import _markup, crosswalk, diff, toolkit

from .test_display import INSTANCES

pd = pytest.importorskip("pandas")

THEME_FLAGS = ["FC", "EI", "SE", "RL"]
TREE_KINDS = ["domain", "competency", "indicator", "sub-indicator"]


def frames() -> dict[str, Any]:
    """Every frame the library makes: each tabular result's, the framework's, the lineage's."""
    out = {type(obj).__name__: obj.to_dataframe() for obj in INSTANCES.values() if isinstance(obj, _markup.Tabular)}
    out["Framework"] = ec.load(2020).to_dataframe()
    out["Framework 2015"] = ec.load(2015).to_dataframe()
    out["Lineage"] = ec.lineage(2015, 2020).to_dataframe()
    out["crosswalk"] = crosswalk.to_dataframe()
    return out


FRAMES = frames()


@pytest.mark.parametrize("name", sorted(FRAMES))
def test_one_missing_value_and_nullable_numbers(name: str) -> None:
    frame = FRAMES[name]
    for column in frame.columns:
        dtype = frame[column].dtype
        assert str(dtype) not in ("float64", "int64", "bool"), (name, column, dtype)
        if dtype is object or str(dtype) == "object":
            values = frame[column].tolist()
            assert not any(v is None for v in values), (name, column)
            assert not any(isinstance(v, float) and math.isnan(v) for v in values), (name, column)


@pytest.mark.parametrize("name", sorted(FRAMES))
def test_themes_are_a_list_and_a_flag_per_theme(name: str) -> None:
    frame = FRAMES[name]
    if "themes" not in frame.columns:
        return
    assert list(frame.columns[-4:]) == THEME_FLAGS
    for codes, *flags in zip(frame["themes"], *(frame[c] for c in THEME_FLAGS), strict=True):
        assert isinstance(codes, list)
        assert [c for c, flag in zip(THEME_FLAGS, flags, strict=True) if flag] == codes


@pytest.mark.parametrize("name", sorted(FRAMES))
def test_kind_columns_are_ordered_categories(name: str) -> None:
    frame = FRAMES[name]
    if "kind" not in frame.columns:
        return
    kind = frame["kind"]
    assert isinstance(kind.dtype, pd.CategoricalDtype) and kind.cat.ordered, name
    assert not (kind.isna()).any()


def test_the_framework_frame() -> None:
    """The issue's example: ``competency`` was float64 with NaN, ``title`` mixed None and NaN."""
    frame = ec.load(2015).to_dataframe()
    assert "Int64" == str(frame["competency"].dtype)
    assert frame.loc[0, "competency"] is pd.NA and frame.loc[0, "title"] is pd.NA
    assert TREE_KINDS == list(frame["kind"].cat.categories)
    assert 21 == int(frame["kind"].eq("competency").sum())


def test_the_diff_frames_keep_the_kind_order() -> None:
    d = diff.compare(ec.load(2015), ec.load(2020), lineage=ec.lineage(2015, 2020))
    order = [k.value for k in diff.ChangeKind]
    assert order == list(d.to_dataframe()["kind"].cat.categories)
    assert order == list(d.changes[0].to_dataframe()["kind"].cat.categories)
    summary = d.summary().to_dataframe()
    assert order == list(summary.columns[2:])
    assert all("Int64" == str(summary[k].dtype) for k in order)


def test_the_lineage_frame_has_a_row_per_link_removed_and_added() -> None:
    lineage = ec.lineage(2015, 2020)
    frame = lineage.to_dataframe()
    assert len(lineage.links) + len(lineage.removed) + len(lineage.added) == len(frame)
    assert ["same", "reworded", "merged", "split", "removed", "added"] == list(frame["relation"].cat.categories)
    assert frame[frame.relation == "added"]["old"].isna().all()
    assert len(lineage.removed) == int(frame["new"].isna().sum())


def test_records_stay_plain_python_values() -> None:
    """Only the frames get the pandas types: records hold None, ints and space-joined themes."""
    rows = ec.load(2020).to_records() + ec.lineage(2015, 2020).to_records() + toolkit.respondents().to_records()
    for row in rows:
        assert all(v is None or type(v) in (str, int, float, bool) for v in row.values())
    assert None is toolkit.respondents().to_records()[2]["2014"]


def test_an_empty_frame_keeps_its_columns_and_types() -> None:
    frame = _markup.dataframe([], "test", ("id", "kind", "themes"), {"kind": ("a", "b")})
    assert ["id", "kind", "themes", *THEME_FLAGS] == list(frame.columns) and 0 == len(frame)
    assert isinstance(frame["kind"].dtype, pd.CategoricalDtype)


def test_the_assessment_and_reflection_tools_are_tables_too() -> None:
    """Issue 13 point 7: the toolkit's two tools have records, CSV and tidy frames."""
    from edcompetencies import toolkit

    tool = toolkit.assessment_tool()
    rows = tool.to_records()
    assert sum(len(list(_walk(e.level(level)))) for e in tool.entries for level in toolkit.LEVELS) == len(rows)
    df = tool.to_dataframe()
    assert list(df.columns) == list(tool.columns) and str(df.level.dtype) == "category"
    assert list(df.level.cat.categories) == list(toolkit.LEVELS) and str(df.position.dtype) == "Int64"
    assert tool.to_csv().startswith("competency,level,position,depth,text,refs\r\n")
    reflection = toolkit.reflection_tool()
    frame = reflection.to_dataframe()
    assert list(frame.part.cat.categories) == ["indicator", "reflective question", "look-for"]
    assert len(frame) == len(reflection.to_records()) and frame.text.notna().all()


def _walk(items: tuple) -> object:  # type: ignore[type-arg]
    for d in items:
        yield d
        yield from _walk(d.children)
