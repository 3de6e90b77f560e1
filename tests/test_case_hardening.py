"""CASE under hostile input (issue 11): size, files, numbers, arguments, nesting, text, API answers.

Each test pins one refusal or repair of ``edcompetencies.case`` that the reader and the writer
got wrong before (a quadratic path, a hang, a ``ValueError`` from ``int()``, a plain
``TypeError``, a ``RecursionError``, a control character let through, ``$`` as the only
location). The last tests state the property for generated hostile input: nothing but the
library's own errors escapes, and whatever is accepted is a framework the library can write
and read back.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import edcompetencies as ec
from edcompetencies import case
from edcompetencies._rules import is_label, text_problem
from edcompetencies.case import _reader
from edcompetencies.errors import ArgumentTypeError, ArgumentValueError, CaseFormatError, EdCompetenciesError

from .strategies import case_hostile_texts, case_nested, case_texts, frameworks, json_values
from .test_case import child, item, package

ROOT = Path(__file__).resolve().parents[1]


def round_trips(result: case.CaseImport) -> None:
    """What is accepted can be written in both formats and read back equal."""
    fw = result.framework
    assert ec.loads(ec.dumps(fw)) == fw
    assert case.loads(case.dumps(case.export(fw))) == fw  # codes and metadata come back too


def reported(result: case.CaseImport) -> list[str]:
    return [str(entry) for entry in result.ignored]


# --------------------------------------------------------------------------- item 2: no quadratic paths


def _counting(base: type[Any]) -> Any:
    """A str or int subclass that counts how often it is compared (a list scan compares; a set lookup hashes)."""

    class Counting(base):  # type: ignore[misc, valid-type]
        comparisons = 0

        def __eq__(self, other: object) -> bool:
            Counting.comparisons += 1
            return bool(base.__eq__(self, other))

        def __hash__(self) -> int:
            return int(base.__hash__(self))

    return Counting


_CountingStr = _counting(str)
_CountingInt = _counting(int)


def test_notes_are_checked_against_a_set_not_each_other() -> None:
    """n notes in the document extension: each new note ID is looked up, not compared with every
    earlier note (16,000 notes took 6.1 s; ``benchmarks/growth_case.py`` prints the growth)."""
    n = 400
    notes = [
        {"id": _CountingStr(f"note-{k}"), "kind": "editorial", "items": ["v1"], "text": f"Note {k}."} for k in range(n)
    ]
    data = package([item("d")], extensions={"edcompetencies": {"notes": notes}})
    _CountingStr.comparisons = 0
    result = case.read(data)
    assert n == len(result.framework.notes)
    assert _CountingStr.comparisons < 4 * n  # a comparison per pair of notes would be n * n / 2 = 80,000


def test_extension_numbers_are_checked_against_a_set_not_each_other() -> None:
    """n siblings numbered by the extension: each number is looked up among those taken (64,000 took 28 s)."""
    n = 400
    items = [item("d", humanCodingScheme="D")]
    items += [item(f"c{k}", extensions={"edcompetencies": {"number": _CountingInt(n - k)}}) for k in range(n)]
    data = package(items, [child(f"c{k}", "d") for k in range(n)])
    _CountingInt.comparisons = 0
    result = case.read(data)
    assert list(range(n, 0, -1)) == [c.number for c in result.framework.domains[0].competencies]
    assert _CountingInt.comparisons < 4 * n


def test_a_repeated_note_or_number_is_still_ignored() -> None:
    notes = [{"id": "n", "kind": "editorial", "items": ["v1"], "text": t} for t in ("First.", "Second.")]
    items = [item("d"), *(item(f"c{k}", extensions={"edcompetencies": {"number": 7}}) for k in range(2))]
    data = package(items, [child("c0", "d", 1), child("c1", "d", 2)], extensions={"edcompetencies": {"notes": notes}})
    result = case.read(data)
    assert ["First."] == [note.text for note in result.framework.notes]
    assert [7, 2] == [c.number for c in result.framework.domains[0].competencies]
    assert any("the note 'n'" in r and "repeats" in r for r in reported(result))
    assert any("not a valid or distinct number: 7" in r for r in reported(result))


def test_the_growth_benchmark_measures_the_paths_it_names() -> None:
    """benchmarks/growth_case.py's packages read with every note and every extension number used
    (a package whose notes were all ignored would measure nothing)."""
    spec = importlib.util.spec_from_file_location("_growth_case", ROOT / "benchmarks" / "growth_case.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    notes = case.read(bench.with_notes(50))
    assert (50, ()) == (len(notes.framework.notes), notes.ignored)
    numbers = case.read(bench.with_numbers(50))
    assert list(range(50, 0, -1)) == [c.number for c in numbers.framework.domains[0].competencies]
    assert () == numbers.ignored


# --------------------------------------------------------------------------- item 3: files


def _run(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    """A FIFO with no writer used to block ``case.read`` for ever (run in a child with a timeout)."""
    fifo = tmp_path / "package.json"
    os.mkfifo(fifo)
    result = _run(
        f"""
        from edcompetencies import case
        from edcompetencies.errors import CaseFormatError
        try:
            case.read({str(fifo)!r})
        except CaseFormatError as error:
            print(error)
        """
    )
    assert f"{fifo}: $: cannot read the file: not a regular file but a FIFO (named pipe)\n" == result.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero on this system")
def test_a_device_is_refused_before_reading() -> None:
    """``/dev/zero`` used to be read until memory ran out (the child runs with 1 GiB of address space)."""
    result = _run(
        """
        import resource
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))
        from edcompetencies import case
        from edcompetencies.errors import CaseFormatError
        try:
            case.read("/dev/zero")
        except CaseFormatError as error:
            print(error)
        """
    )
    assert "/dev/zero: $: cannot read the file: not a regular file but a device\n" == result.stdout, result.stderr


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CaseFormatError, match="not a regular file but a directory"):
        case.read(tmp_path)


def test_the_size_limit_and_its_keyword(tmp_path: Path) -> None:
    """Files over ``max_bytes`` are refused before they are decoded; the keyword raises the limit."""
    path = tmp_path / "2020.json"
    text = case.dumps(case.export(ec.load(2020)))
    path.write_text(text, encoding="utf-8")
    size = len(text.encode("utf-8"))
    with pytest.raises(CaseFormatError, match=r"more than the limit of 1,000 bytes; case.read\(..., max_bytes=\)"):
        case.read(path, max_bytes=1000)
    assert ec.load(2020) == case.load(path, max_bytes=size)
    assert 200 * 1024 * 1024 < case.MAX_BYTES  # the default fits the largest real package (3.8 MB) many times
    with pytest.raises(ArgumentTypeError):
        case.read(path, max_bytes="big")  # type: ignore[arg-type]
    with pytest.raises(ArgumentValueError):
        case.read(path, max_bytes=-1)


# --------------------------------------------------------------------------- item 4: only ASCII digits are numbers

_LONG = "9" * 5000


@pytest.mark.parametrize(
    "fields",
    [
        {"listEnumeration": "²"},
        {"listEnumeration": "1¹"},
        {"humanCodingScheme": "²"},
        {"humanCodingScheme": "1¹"},
        {"humanCodingScheme": "X.1¹"},
        {"listEnumeration": _LONG},
        {"listEnumeration": f"({_LONG})"},
        {"humanCodingScheme": f"X.{_LONG}"},
        {"listEnumeration": "٢"},
    ],
    ids=lambda f: f"{next(iter(f))}={next(iter(f.values()))[:6]!r}",
)
def test_unicode_digits_and_huge_numbers_in_codes(fields: dict[str, str]) -> None:
    """Unicode digits are no numbers and no label; thousands of digits never reach ``int()``."""
    items = [item("d", humanCodingScheme="X"), item("c", **fields), item("i", **fields)]
    result = case.read(package(items, [child("c", "d"), child("i", "c")]))
    competency = result.framework.domains[0].competencies[0]
    assert 1 == competency.number  # its position: the enumeration or code gives no number
    assert competency.indicators[0].label.isascii()
    round_trips(result)


def _label_by_pattern(text: str | None) -> str | None:
    """The label an enumeration or code suffix spells by the reader's general rule (no shortcut)."""
    m = _reader._ENUMERATION.fullmatch(text) if text is not None else None
    return m.group(1) if m is not None and is_label(m.group(1)) else None


@given(st.lists(st.one_of(st.none(), st.text(max_size=40), st.sampled_from(["a", "ii", "12", "A" * 32, "A" * 33]))))
def test_a_label_taken_as_it_is_is_the_label_the_pattern_gives(texts: list[str | None]) -> None:
    """The reader takes a plain ASCII label ("a", "12") as it is, and an empty group at once; what
    it gives is what the pattern and ``is_label`` give every text, Unicode letters and digits too."""
    assert [_label_by_pattern(t) for t in texts] == _reader._labels(texts)


@pytest.mark.parametrize("version", [_LONG, "²", "٢٠٢٠", "0" * 12, "2020\n", " 2020 "])
def test_versions_that_are_not_numbers(version: str) -> None:
    """A version is an edition number only when it is 1 to 9 ASCII digits, matched whole."""
    result = case.read(package([item("d")], version=version, lastChangeDateTime="2019-05-01T00:00:00Z"))
    edition = result.framework.edition
    assert isinstance(edition, int) or edition.isascii()
    assert "\n" not in str(edition) and len(str(edition)) < 20
    round_trips(result)


def test_a_trailing_newline_does_not_make_an_edition() -> None:
    """``version "2020\\n"`` used to give the edition ``"2020\\n"`` (``re.match`` with ``$``)."""
    result = case.read(package([item("d")], version="2020\n"))
    assert 2020 == result.framework.edition
    assert "$.CFDocument.version (identifier doc): version '2020\\n' read as the edition 2020" in reported(result)


def test_huge_numbers_in_extensions_are_ignored() -> None:
    ext = {"edcompetencies": {"edition": _LONG}}
    data = package([item("d", extensions={"edcompetencies": {"number": 10**5000}})], extensions=ext)
    data["CFItems"].append(item("c", extensions={"edcompetencies": {"number": 10**5000}}))
    data["CFAssociations"].append(child("c", "d"))
    result = case.read(data)
    assert "v1" == result.framework.edition
    assert 1 == result.framework.domains[0].competencies[0].number
    assert any(r.startswith("$.CFDocument.extensions.edcompetencies.edition") for r in reported(result))
    assert any(r.startswith("$.CFItems[1].extensions.edcompetencies.number") for r in reported(result))
    assert all(len(r) < 300 for r in reported(result))  # the values are shown cut short
    round_trips(result)


def test_sequence_numbers_as_strings() -> None:
    items = [item("d"), item("a"), item("b"), item("c")]
    associations = [child("a", "d"), child("b", "d"), child("c", "d")]
    associations[0]["sequenceNumber"] = " 2 "
    associations[1]["sequenceNumber"] = "²"
    associations[2]["sequenceNumber"] = _LONG
    result = case.read(package(items, associations))
    assert ["a", "b", "c"] == [case_item.identifier for case_item in result.items[1:]]
    assert any("sequenceNumber ' 2 ' is a string, not an integer; read as 2" in r for r in reported(result))
    assert any("sequenceNumber '²' is not an integer; ignored" in r for r in reported(result))


# --------------------------------------------------------------------------- item 5: the library's errors for arguments


_VALID = package([item("x")])


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: case.export({"edition": 2020}), ArgumentTypeError),
        (lambda: case.export(ec.load(2020), intasc="yes"), ArgumentTypeError),
        (lambda: case.export(ec.load(2020), lineage=1), ArgumentTypeError),
        (lambda: case.export(ec.load(2020), base_uri=5), ArgumentTypeError),
        (lambda: case.export(ec.load(2020), base_uri="not a uri"), ArgumentValueError),
        (lambda: case.intasc_package(base_uri="no uri"), ArgumentValueError),
        (lambda: case.dumps([]), ArgumentTypeError),
        (lambda: case.dumps({"CFDocument": {1, 2}}), ArgumentTypeError),
        (lambda: case.dumps({"CFDocument": float("nan")}), ArgumentValueError),
        (lambda: case.dumps({"CFDocument": {(1, 2): "tuple key"}}), ArgumentValueError),
        (lambda: case.dumps({"CFDocument": 10**5000}), ArgumentValueError),
        (lambda: case.dumps({"CFDocument": "\ud800"}), ArgumentValueError),
        (lambda: case.dumps({"CFDocument": case_nested(100_000)}), ArgumentValueError),
        (lambda: case.packages([]), ArgumentTypeError),
        (lambda: case.packages({"CFItems": []}), ArgumentTypeError),
        (lambda: case.identifier(5), ArgumentTypeError),
        (lambda: case.identifier(" "), ArgumentValueError),
        (lambda: case.identifier("x\x1b[2J"), ArgumentValueError),
        (lambda: case.read(_VALID, edition=True), ArgumentTypeError),
        (lambda: case.read(_VALID, edition=2.5), ArgumentTypeError),
        (lambda: case.read(_VALID, edition=-1), ArgumentValueError),
        (lambda: case.read(_VALID, edition=10**12), ArgumentValueError),
        (lambda: case.read(_VALID, edition="has space"), ArgumentValueError),
        (lambda: case.read(_VALID, edition="2020\n"), ArgumentValueError),
        (lambda: case.loads(json.dumps(_VALID), edition=[]), ArgumentTypeError),
        (lambda: case.loads(json.dumps(_VALID), source=3), ArgumentTypeError),
    ],
)
def test_wrong_arguments_raise_the_librarys_errors(call: Any, error: type[Exception]) -> None:
    """Each is the library's error (the CLI catches those) and still the built-in TypeError / ValueError."""
    with pytest.raises(error) as info:
        call()
    assert isinstance(info.value, EdCompetenciesError)
    assert "\x1b" not in str(info.value) and "\ud800" not in str(info.value)


def test_argument_errors_say_what_was_wanted() -> None:
    with pytest.raises(ArgumentValueError) as info:
        case.export(ec.load(2015), base_uri="not a uri")
    assert (
        "case.export(): base_uri must be an absolute URI such as 'https://example.org/case/', not 'not a uri'"
        == str(info.value)
    )
    with pytest.raises(ArgumentTypeError, match=r"case.dumps\(\): package must be JSON data .*, not set"):
        case.dumps({"CFDocument": {1}})


# --------------------------------------------------------------------------- items 6 and 14: nesting and locations


def test_deep_json_text_is_refused_with_its_location() -> None:
    """Deep nesting used to say only "nested too deeply" (and the CLI gave a RecursionError)."""
    deep = "[" * 100_000 + "]" * 100_000
    text = '{"CFDocument": {"identifier": "d", "title": "T"},\n "CFItems": ' + deep + "}"
    with pytest.raises(CaseFormatError) as info:
        case.loads(text)
    message = str(info.value)
    assert message.startswith("<string>: $: the JSON is nested too deeply (at least 500 arrays and objects")
    assert message.endswith("by line 2 column 511)")


def test_deep_values_inside_a_decoded_package_are_refused_at_their_path() -> None:
    data = package([item("d", notes=case_nested(100_000))])
    with pytest.raises(CaseFormatError) as info:
        case.read(data)
    assert ("$.CFItems[0]", "d") == (info.value.path, info.value.identifier)
    assert "nested too deeply" in str(info.value)


def test_duplicate_keys_are_reported_at_their_path(tmp_path: Path) -> None:
    """A repeated key used to be reported at ``$`` only, whatever object repeated it."""
    statements = ", ".join(f'"fullStatement": "Text {k}."' for k in range(600))
    path = tmp_path / "dup.json"
    path.write_text(
        '{"CFDocument": {"identifier": "d", "title": "A", "title": "B"},\n'
        f' "CFItems": [{{"identifier": "x", {statements}}}, {{"identifier": "y", "fullStatement": "Y."}}],\n'
        ' "extensions": {"odd key": {"k": 1, "k": 2}}}',
        encoding="utf-8",
    )
    result = case.read(path)
    assert "Text 599." == result.framework.domains[0].name
    duplicates = [r for r in reported(result) if "repeats the key" in r]
    assert [
        "$.CFDocument (identifier d): a JSON object repeats the key 'title'; its last value was used",
        "$.CFItems[0] (identifier x): a JSON object repeats the key 'fullStatement'; its last value was used",
        "$.extensions[\"odd key\"]: a JSON object repeats the key 'k'; its last value was used",
    ] == duplicates


def test_a_byte_order_mark_is_accepted_in_text_and_bytes() -> None:
    """The same rule as the framework reader's: a UTF-8 BOM at the start is skipped."""
    text = case.dumps(case.export(ec.load(2015)))
    assert ec.load(2015) == case.loads("\ufeff" + text)
    assert ec.load(2015) == case.loads(b"\xef\xbb\xbf" + text.encode("utf-8"))


# --------------------------------------------------------------------------- items 7-9: text that must not get through


@pytest.mark.parametrize(
    ("char", "problem"),
    [
        ("\x1b", "the control character U+001B"),
        ("\x07", "the control character U+0007"),
        ("\x00", "the control character U+0000"),
        ("\x9b", "the control character U+009B"),
        ("\x7f", "the control character U+007F"),
        ("\u202e", "the bidirectional control U+202E"),
        ("\u2066", "the bidirectional control U+2066"),
        ("\ud800", "a lone surrogate U+D800"),
    ],
)
@pytest.mark.parametrize(
    ("where", "build"),
    [
        ("$.CFItems[1].fullStatement", lambda bad: package([item("d"), item("x", bad)], [child("x", "d")])),
        ("$.CFItems[0].abbreviatedStatement", lambda bad: package([item("x", abbreviatedStatement=bad)])),
        ("$.CFItems[0].humanCodingScheme", lambda bad: package([item("x", humanCodingScheme=bad)])),
        ("$.CFItems[0].listEnumeration", lambda bad: package([item("x", listEnumeration=bad)])),
        ("$.CFItems[0].CFItemType", lambda bad: package([item("x", CFItemType=bad)])),
        ("$.CFItems[0].uri", lambda bad: package([item("x", uri=bad)])),
        ("$.CFDocument.title", lambda bad: package([item("i")], title=bad, identifier="x")),
        ("$.CFDocument.creator", lambda bad: package([item("i")], creator=bad, identifier="x")),
        ("$.CFDocument.version", lambda bad: package([item("i")], version=bad, identifier="x")),
        (
            "$.CFItems[0].extensions.edcompetencies.name",
            lambda bad: package([item("x", extensions={"edcompetencies": {"name": bad}})]),
        ),
        (
            "$.CFDocument.extensions.edcompetencies.publishers[1]",
            lambda bad: package([item("i")], identifier="x", extensions={"edcompetencies": {"publishers": ["A", bad]}}),
        ),
    ],
)
def test_forbidden_characters_in_text_are_refused_with_path_and_identifier(
    char: str, problem: str, where: str, build: Any
) -> None:
    """Controls, bidi overrides and lone surrogates used to reach the model (then every terminal
    and every UTF-8 file); now each is refused at its JSON path, naming the item, from a mapping
    and from JSON text (where ``"\\ud800"`` is how a lone surrogate arrives)."""
    data = build(f"Bad {char} text")
    for read in (case.read, lambda d: case.loads(json.dumps(d))):
        with pytest.raises(CaseFormatError) as info:
            read(data)
        assert (where, "x") == (info.value.path, info.value.identifier)
        assert f"it holds {problem} at offset 4" in str(info.value)


def test_a_forbidden_character_in_an_identifier_is_shown_escaped() -> None:
    with pytest.raises(CaseFormatError) as info:
        case.read(package([item("x\x1b[2J")]))
    assert "$.CFItems[0].identifier" == info.value.path and info.value.identifier is None
    assert "the identifier 'x\\x1b[2J' cannot be read" in str(info.value) and "\x1b" not in str(info.value)


def test_line_ends_are_read_as_newlines() -> None:
    """CR LF (the OpenSALT and SBAC statements' line ends) and a lone CR are read as LF, silently."""
    result = case.read(package([item("x", "Line one\r\n\r\n-\tline two\rline three")], [child("x", "doc")]))
    assert "Line one\n\n-\tline two\nline three" == result.framework.domains[0].name
    assert () == result.ignored
    round_trips(result)


def test_a_json_form_feed_escape_is_read_as_the_latex_it_was() -> None:
    """``"$\\frac{1}{3}$"`` written in JSON with one backslash holds a form feed (4 real SBAC files do)."""
    result = case.read(package([item("x", "Plot $\x0crac{1}{3}$ and $\x08eta$.")], [child("x", "doc")]))
    assert "Plot $\\frac{1}{3}$ and $\\beta$." == result.framework.domains[0].name
    assert [
        '$.CFItems[0].fullStatement (identifier x): U+000C, what a JSON "\\f" escape gives, read as the two '
        "characters \\f: a LaTeX command such as \\frac written with one backslash",
        '$.CFItems[0].fullStatement (identifier x): U+0008, what a JSON "\\b" escape gives, read as the two '
        "characters \\b: a LaTeX command such as \\beta written with one backslash",
    ] == reported(result)


# --------------------------------------------------------------------------- item 13: what is not a package


@pytest.mark.parametrize(
    ("data", "what"),
    [
        ({"CFDocuments": [{"identifier": "d", "title": "T"}]}, "a list of CFDocuments (the CASE API's /CFDocuments"),
        ({"CFItem": {"identifier": "x"}, "CFAssociations": []}, "one CFItem with its associations"),
        ({"identifier": "x", "fullStatement": "Text."}, "one CFItem (the CASE API's /CFItems/{id} answer)"),
        ({"identifier": "a", "associationType": "isChildOf"}, "one CFAssociation"),
        ({"identifier": "d", "title": "T", "creator": "C"}, "a CFDocument on its own"),
        ({"CFConcepts": []}, "a list of CFConcepts"),
    ],
)
def test_other_case_api_answers_say_what_they_are(data: dict[str, Any], what: str) -> None:
    with pytest.raises(CaseFormatError) as info:
        case.read(data)
    assert str(info.value).startswith(f"<package>: $: missing CFDocument: not a CASE package but {what}")
    assert "/CFPackages/{identifier}" in str(info.value)


def test_a_package_wrapped_in_cfpackage_is_read_with_its_paths() -> None:
    exported = case.export(ec.load(2015))
    result = case.read({"CFPackage": exported})
    assert ec.load(2015) == result.framework
    assert ["$.CFPackage: the package comes wrapped in a CFPackage object; read from inside it"] == reported(result)
    assert "$.CFPackage.CFItems[0]" == result.items[0].path
    broken = {"CFPackage": package([item("x", "\x1b")])}
    with pytest.raises(CaseFormatError) as info:
        case.loads(json.dumps(broken))
    assert "$.CFPackage.CFItems[0].fullStatement" == info.value.path


# --------------------------------------------------------------------------- the property, on generated hostile input

_hostile = case_hostile_texts | json_values
_DEEP = case_nested(100_000)  # deeper than the interpreter's recursion limit
_hostile_items = st.lists(
    st.fixed_dictionaries(
        {"identifier": st.sampled_from(["a", "b", "c"]) | case_hostile_texts},
        optional={
            "fullStatement": _hostile,
            "abbreviatedStatement": _hostile,
            "humanCodingScheme": _hostile,
            "listEnumeration": _hostile,
            "CFItemType": st.sampled_from(["Domain", "Competency"]) | case_hostile_texts,
            "notes": st.sampled_from([case_nested(50), _DEEP]) | _hostile,
            "extensions": st.fixed_dictionaries(
                {},
                optional={
                    "edcompetencies": st.dictionaries(
                        st.sampled_from(["key", "number", "label", "name", "text", "statement", "themes"]),
                        _hostile | st.integers(min_value=-(10**30), max_value=10**30),
                    )
                },
            ),
        },
    ),
    max_size=5,
)
_hostile_associations = st.lists(
    st.fixed_dictionaries(
        {
            "associationType": st.sampled_from(["isChildOf", "exactMatchOf"]) | case_hostile_texts,
            "originNodeURI": st.fixed_dictionaries({"identifier": st.sampled_from(["a", "b", "c"])}),
            "destinationNodeURI": st.fixed_dictionaries(
                {"identifier": st.sampled_from(["a", "b", "doc"]) | case_hostile_texts},
                optional={"title": case_hostile_texts},
            ),
        },
        optional={"sequenceNumber": _hostile | st.integers(), "identifier": case_hostile_texts},
    ),
    max_size=5,
)
_hostile_packages = st.fixed_dictionaries(
    {
        "CFDocument": st.fixed_dictionaries(
            {"identifier": st.just("doc") | case_hostile_texts, "title": st.just("T") | case_hostile_texts},
            optional={
                "version": case_hostile_texts,
                "creator": case_hostile_texts,
                "lastChangeDateTime": st.just("2019-01-01T00:00:00Z") | case_hostile_texts,
                "extensions": st.fixed_dictionaries(
                    {"edcompetencies": st.dictionaries(st.sampled_from(["edition", "publishers", "notes"]), _hostile)}
                ),
            },
        ),
        "CFItems": _hostile_items,
        "CFAssociations": _hostile_associations,
    }
)


@settings(max_examples=300)
@given(_hostile_packages, st.booleans(), st.booleans())
def test_hostile_packages_only_raise_the_documented_error(data: dict[str, Any], as_text: bool, wrapped: bool) -> None:
    """Controls, surrogates, Unicode digits, huge numbers, trailing newlines and deep nesting in
    any field: the reader reads or raises CaseFormatError, and what it reads the writer writes."""
    source: Any = {"CFPackage": data} if wrapped else data
    try:
        if as_text:
            try:
                text = json.dumps(source, ensure_ascii=True)
            except (ValueError, RecursionError):
                return
            framework = case.loads(text)
            result = None
        else:
            result = case.read(source)
            framework = result.framework
    except CaseFormatError:
        return
    assert ec.loads(ec.dumps(framework)) == framework
    written = case.dumps(case.export(framework))
    written.encode("utf-8")
    assert framework == case.loads(written)
    if result is not None:
        for entry in result.ignored:
            assert all(c not in str(entry) for c in "\x1b\x07\x00\u202e\ud800")


@given(case_hostile_texts | json_values, case_hostile_texts | json_values)
def test_hostile_arguments_only_raise_the_librarys_errors(first: Any, second: Any) -> None:
    """Any value in any argument of the public functions: a result or the library's own error."""
    calls = [
        lambda: case.identifier(first),
        lambda: case.dumps(first),
        lambda: case.dumps({"CFDocument": first}),
        lambda: case.packages(first),
        lambda: case.export(ec.load(2015), base_uri=first),
        lambda: case.export(first),
        lambda: case.read({"CFDocument": first}, edition=second),
        lambda: case.loads(first if isinstance(first, str) else json.dumps(first), edition=second),
        lambda: case.is_package(first),
        lambda: case.read(first),  # a string is a path: missing, a folder, a NUL in it ...
        lambda: case.read(_VALID, edition=first),
        lambda: case.intasc_package(base_uri=first),
    ]
    for call in calls:
        with contextlib.suppress(EdCompetenciesError):
            call()


@settings(max_examples=40)
@given(frameworks(text=case_texts))
def test_generated_frameworks_survive_export_and_import(fw: ec.Framework) -> None:
    """The writer's output of any framework in the model's shape reads back equal (the rules are the same)."""
    assert fw == case.loads(case.dumps(case.export(fw)).encode("utf-8"))


def test_python_built_packages_with_odd_keys_and_values_are_read() -> None:
    """A mapping built in Python may hold what JSON cannot: keys that are no strings, integers too
    long for text, cycles. They are kept as text; none of them raises (a TypeError did before)."""
    cyclic: dict[str, Any] = {}
    cyclic["self"] = cyclic
    data = package([item("x", notes=10**5000, subject={(1, 2): "tuple key"}, language=cyclic)])
    data[7] = "a key that is a number"  # type: ignore[index]
    data["CFItems"][0]["extensions"] = {"edcompetencies": {object(): 1}}
    result = case.read(data)
    assert "Statement x." == result.framework.domains[0].name
    assert any(r.startswith('$["7"]: not a CFPackage field') for r in reported(result))
    assert isinstance(result.items[0].unmapped, str)


def test_fields_kept_as_they_are_stay_encodable() -> None:
    """A lone surrogate in a field the model has no place for is kept, escaped, so the JSON text encodes."""
    result = case.loads(json.dumps(package([item("x", notes="odd \ud800 note")])))
    assert result.domains[0].name == "Statement x."
    kept = case.read(json.loads(json.dumps(package([item("x", notes="odd \ud800 note")]))))
    kept.items[0].unmapped.encode("utf-8")
    assert "odd \ud800 note" == kept.items[0].unmapped_fields()["notes"]


@pytest.mark.parametrize("text", ["a\\u0007", "\\u202e", "\\ud800", "\u202e", "\x85", "\x7f"])
def test_a_kept_field_with_a_forbidden_character_is_left_out_of_the_metadata(text: str, tmp_path: Path) -> None:
    """The reader's fast path (JSON text with nothing to refuse) must not let a refused text into
    the metadata: a package's other field holding one, raw or escaped, is reported and left out."""
    raw = json.dumps(package([item("d", notes="NOTE")]), ensure_ascii=False).replace("NOTE", text)
    (tmp_path / "p.json").write_text(raw, encoding="utf-8")
    result = case.read(tmp_path / "p.json")
    notes = result.framework.domains[0].metadata.get("notes")
    assert notes is None or text_problem(notes) is None
    assert any(entry.path == "$.CFItems[0].notes" for entry in result.ignored), result.ignored


def test_a_kept_field_with_a_carriage_return_is_kept_with_line_feeds(tmp_path: Path) -> None:
    """A CR in an escaped JSON text is no clean text either: the slow path repairs its line end."""
    raw = json.dumps(package([item("d", notes="a\r\nb\rc")]))
    (tmp_path / "p.json").write_text(raw, encoding="utf-8")
    assert "a\nb\nc" == case.read(tmp_path / "p.json").framework.domains[0].metadata["notes"]


def test_read_reports_a_repaired_uri_once() -> None:
    """case.read() takes each item's uri once: a repair (here a LaTeX form feed) is listed once, though
    the repaired text is both the CaseItem's column and the metadata's copy."""
    package = {
        "CFDocument": {"identifier": "d1", "uri": "u", "title": "T", "creator": "c"},
        "CFItems": [{"identifier": "i1", "fullStatement": "Hello", "uri": "http://x/\u000c"}],
        "CFAssociations": [
            {
                "identifier": "e1",
                "associationType": "isChildOf",
                "originNodeURI": {"identifier": "i1", "uri": "x", "title": "t"},
                "destinationNodeURI": {"identifier": "d1", "uri": "u", "title": "T"},
            }
        ],
    }
    imported = case.read(package)
    assert "http://x/\\f" == imported.items[0].uri == imported.framework.domains[0].metadata["uri"]
    assert 1 == sum(entry.path == "$.CFItems[0].uri" for entry in imported.ignored)
