"""HTML that works everywhere, checked in a real browser (issue 13 point 4 and its Done-when).

The diff report (curated 2015 -> 2020, the normal and the side-by-side view) and the SVG pictures
are rendered in headless Chromium from the distribution's package (``/usr/bin/chromium``, which
``.ci/run`` installs), driven over the DevTools protocol through ``--remote-debugging-pipe`` by the
small standard-library client below (no driver, no websocket, no port). With print emulation
(``Emulation.setEmulatedMedia``) the computed ``text-decoration`` of every ``ins`` and ``del`` must
still be underline and line-through: browsers drop background colours when printing, so the marks
must not rest on colour. Every page must load without a console error.

The browser tests skip where Chromium is missing, and fail in CI (``CI`` set). With
``EDCOMPETENCIES_SCREENSHOTS=DIR`` they also save a PNG screenshot of every page in ``DIR``.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import select
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import edcompetencies as ec
from edcompetencies import cli, crosswalk, diff, themes

CHROMIUM = os.environ.get("EDCOMPETENCIES_CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags, Chromium phones home at start, which a closed network refuses.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
)
TIMEOUT = 20.0  # seconds for any one answer of the browser: a hang fails the test, it never blocks the suite
SCREENSHOTS = os.environ.get("EDCOMPETENCIES_SCREENSHOTS")


class BrowserError(Exception):
    """The browser did not answer, or answered with an error."""


class Chromium:
    """Headless Chromium over the DevTools protocol on a pipe: Chromium reads JSON commands, each
    ended by a NUL byte, from its file descriptor 3 and writes answers and events to descriptor 4."""

    def __init__(self, executable: str = CHROMIUM) -> None:
        self.profile = tempfile.TemporaryDirectory(prefix="edc-chromium-")
        self._log = (Path(self.profile.name) / "stderr.txt").open("wb")  # what it says, should it not start
        commands, self._to = os.pipe()
        self._from, answers = os.pipe()

        def as_3_and_4() -> None:  # in the child, before exec
            a, b = os.dup(commands), os.dup(answers)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile.name}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._log,
            pass_fds=(3, 4),
            preexec_fn=as_3_and_4,
        )
        os.close(commands)
        os.close(answers)
        self._buffer = b""
        self._last_id = 0
        self._events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """Send a command and wait for its answer (the events that arrive meanwhile are kept)."""
        self._last_id += 1
        message: dict[str, Any] = {"id": self._last_id, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._to, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read()
            if answer.get("id") == self._last_id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self._events.append(answer)

    def wait_for(self, method: str, session: str, **params: object) -> dict[str, Any]:
        """The next event *method* of *session* whose parameters include *params*."""
        while True:
            for n, event in enumerate(self._events):
                if (
                    event.get("method") == method
                    and event.get("sessionId") == session
                    and params.items() <= event.get("params", {}).items()
                ):
                    return self._events.pop(n)
            self._events.append(self._read())

    def events(self, session: str) -> list[dict[str, Any]]:
        """The events of *session* received so far (and forgets them)."""
        mine = [e for e in self._events if e.get("sessionId") == session]
        self._events = [e for e in self._events if e.get("sessionId") != session]
        return mine

    def _read(self) -> dict[str, Any]:
        deadline = time.monotonic() + TIMEOUT
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._from], [], [], left)[0]:
                raise BrowserError(f"Chromium did not answer within {TIMEOUT:.0f} s")
            chunk = os.read(self._from, 1 << 16)
            if not chunk:
                log = (Path(self.profile.name) / "stderr.txt").read_text(errors="replace").splitlines()[-5:]
                raise BrowserError(f"Chromium exited (status {self.process.poll()}): " + " | ".join(log))
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(raw)
        return message

    def close(self) -> None:
        with contextlib.suppress(BrowserError, OSError):
            self.send("Browser.close")
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to)
        os.close(self._from)
        self._log.close()
        self.profile.cleanup()


class Page:
    """One tab: a file loaded with screen or print media, its console errors, scripts run in it."""

    def __init__(self, browser: Chromium, path: Path, *, media: str = "screen", width: int = 1000) -> None:
        self.browser = browser
        target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.target = target
        self.session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")
        self.send("Page.setLifecycleEventsEnabled", {"enabled": True})
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": False},
        )
        self.send("Emulation.setEmulatedMedia", {"media": media})
        navigation = self.send("Page.navigate", {"url": path.resolve().as_uri()})
        if "errorText" in navigation:
            raise BrowserError(f"{path}: {navigation['errorText']}")
        # the load of this navigation, not a late one of the blank page the tab opened with
        browser.wait_for("Page.lifecycleEvent", self.session, name="load", loaderId=navigation["loaderId"])

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, self.session)

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (an exception in it fails the test)."""
        answer = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in answer:
            raise BrowserError(f"{expression}: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def errors(self) -> list[str]:
        """Console errors, uncaught exceptions and the browser's own error entries (a resource that
        failed to load, a blocked request ...) since the page was opened."""
        self.evaluate("0")  # a round trip, so every message sent before now has arrived
        found = []
        for event in self.browser.events(self.session):
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(" ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                details = params.get("exceptionDetails", {})
                found.append(f"{details.get('text')} {details.get('exception', {}).get('description', '')}")
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                found.append(str(params["entry"].get("text")))
        return found

    def screenshot(self, name: str) -> None:
        """With ``EDCOMPETENCIES_SCREENSHOTS`` set, the whole page as a PNG in that directory."""
        if not SCREENSHOTS:
            return
        size = self.send("Page.getLayoutMetrics")["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        shot = self.send("Page.captureScreenshot", {"format": "png", "clip": clip, "captureBeyondViewport": True})
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        (Path(SCREENSHOTS) / f"{name}.png").write_bytes(base64.b64decode(shot["data"]))

    def close(self) -> None:
        self.browser.send("Target.closeTarget", {"targetId": self.target})


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    """One headless Chromium for the module; skipped where there is none, a failure in CI."""
    if os.name != "posix" or not os.access(CHROMIUM, os.X_OK):
        message = f"no Chromium at {CHROMIUM} (.ci/run installs the distribution's chromium package)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    chromium = Chromium()
    try:
        chromium.send("Browser.getVersion")
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(scope="module")
def curated() -> diff.Diff:
    return diff.compare(ec.load(2015), ec.load(2020), lineage=ec.lineage(2015, 2020))


def _open(browser: Chromium, tmp_path: Path, name: str, text: str, *, media: str = "screen") -> Page:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return Page(browser, path, media=media)


# --------------------------------------------------------------------------- the report

_MARKS = """[...document.querySelectorAll('ins, del')].map(e => {
  const s = getComputedStyle(e), r = e.getBoundingClientRect();
  return [e.tagName.toLowerCase(), s.textDecorationLine, s.color, r.width > 0 && r.height > 0];
})"""


@pytest.mark.parametrize("side_by_side", [False, True], ids=["normal", "side-by-side"])
@pytest.mark.parametrize("media", ["print", "screen"])
def test_the_report_keeps_insertions_and_deletions_visible(
    browser: Chromium, curated: diff.Diff, tmp_path: Path, side_by_side: bool, media: str
) -> None:
    """Issue 13 Done-when: printed (print emulation), insertions are still underlined and deletions
    struck, in the normal and in the side-by-side report, and the page has no console error."""
    html = curated.to_html(side_by_side=side_by_side)
    page = _open(browser, tmp_path, "report.html", html, media=media)
    try:
        page.screenshot(f"report-{'side-by-side' if side_by_side else 'normal'}-{media}")
        assert media == "print" if page.evaluate("matchMedia('print').matches") else media == "screen"
        marks = page.evaluate(_MARKS)
        assert len(re.findall("<ins[ >]", html)) == sum(1 for m in marks if m[0] == "ins") > 100
        assert len(re.findall("<del[ >]", html)) == sum(1 for m in marks if m[0] == "del") > 100
        assert {("ins", "underline"), ("del", "line-through")} == {(tag, line) for tag, line, _, _ in marks}
        assert all(shown for *_, shown in marks)
        assert {"ins": {"rgb(0, 102, 68)"}, "del": {"rgb(153, 0, 0)"}} == {
            tag: {colour for t, _, colour, _ in marks if t == tag} for tag in ("ins", "del")
        }
        root = "getComputedStyle(document.querySelector('.edc-diff'))"
        assert "exact" == page.evaluate(f"{root}.printColorAdjust")
        if side_by_side:
            assert len(curated) == page.evaluate("document.querySelectorAll('table.sbs').length")
            widths = page.evaluate(
                "[...document.querySelectorAll('table.sbs tbody td')].map(td => td.getBoundingClientRect().width)"
            )
            assert len(widths) == 2 * len(curated) and max(widths) - min(widths) < 2  # two equal columns
            assert 0 == page.evaluate("document.querySelectorAll('table.sbs td.old ins, table.sbs td.new del').length")
        assert [] == page.errors()
    finally:
        page.close()


def test_a_notebook_keeps_the_report_left_aligned(browser: Chromium, curated: diff.Diff, tmp_path: Path) -> None:
    """Issue 13 point 4: in Jupyter (whose CSS right-aligns table cells and centres tables) the
    fragment keeps its text cells left-aligned; only the counts are right-aligned."""
    jupyter = (
        "<style>.jp-RenderedHTMLCommon td,.jp-RenderedHTMLCommon th,.jp-RenderedHTMLCommon tr"
        "{text-align:right;vertical-align:middle;padding:.5em;border:none}"
        ".jp-RenderedHTMLCommon table{margin-left:auto;margin-right:auto;border:none;table-layout:fixed;font-size:12px}"
        "</style>"
    )
    cell = curated.change_for("2015:intrapersonal.3.2")
    body = "".join(f'<div class="jp-RenderedHTMLCommon">{html}</div>' for html in (
        curated._repr_html_(), cell._repr_html_(), cell.to_html(document=False, side_by_side=True),
    ))  # fmt: skip
    page = _open(browser, tmp_path, "notebook.html", f'<!DOCTYPE html><meta charset="utf-8">{jupyter}{body}')
    try:
        page.screenshot("notebook")
        aligned = page.evaluate(
            "[...document.querySelectorAll('.edc td, .edc th')].map(c => "
            "[c.closest('table').className, c.cellIndex, getComputedStyle(c).textAlign])"
        )
        assert aligned
        for table_class, index, align in aligned:
            counts = "edc-table" in table_class and "edc-records" not in table_class and index > 0
            assert ("right" if counts else "left") == align, (table_class, index)
        margins = page.evaluate(
            "[...document.querySelectorAll('.edc table, table.edc')].map(t => getComputedStyle(t).marginLeft)"
        )
        assert margins and set(margins) == {"0px"}  # not centred
        sizes = page.evaluate(
            "[...document.querySelectorAll('table.sbs td')].map(c => "
            "getComputedStyle(c).fontSize === getComputedStyle(c.closest('.edc-diff')).fontSize)"
        )
        assert sizes and all(sizes)  # the texts side by side keep the size of the text around them
        assert [] == page.errors()
    finally:
        page.close()


def test_a_table_of_records_aligns_its_text_left_and_its_numbers_right(browser: Chromium, tmp_path: Path) -> None:
    """Every tabular result's HTML (here the toolkit's sources, glossary terms, a tag migration) is a
    table of records: its text cells are left-aligned (they were all right-aligned, as the counts of
    a table of named rows are) and its number cells (``num``) right-aligned, as a page and in Jupyter."""
    from edcompetencies import glossary, migrate, toolkit

    jupyter = "<style>.jp-RenderedHTMLCommon td,.jp-RenderedHTMLCommon th{text-align:right}</style>"
    results = (
        toolkit.framework_sources(),
        glossary.terms(),
        migrate.ids(["2015:instructional.2", "nonsense"]),
    )
    for n, result in enumerate(results):
        fragment = f'<div class="jp-RenderedHTMLCommon">{result.to_html(document=False)}</div>'
        for name, html in ((f"records-{n}", result.to_html()), (f"records-{n}-notebook", jupyter + fragment)):
            page = _open(browser, tmp_path, f"{name}.html", html)
            try:
                page.screenshot(name)
                cells = page.evaluate(
                    "[...document.querySelectorAll('table.edc-records td')].map(c => "
                    "[c.classList.contains('num'), c.textContent, getComputedStyle(c).textAlign])"
                )
                assert cells, name
                for number, text, align in cells:
                    assert ("right" if number else "left") == align, (name, text)
                assert [] == page.errors()
            finally:
                page.close()


def test_the_console_check_catches_an_error(browser: Chromium, tmp_path: Path) -> None:
    """The check above would see an error: a script's console.error, an exception, a missing image."""
    page = _open(
        browser,
        tmp_path,
        "broken.html",
        '<!DOCTYPE html><meta charset="utf-8"><script>console.error("broken")</script>'
        '<img src="missing.png"><script>undefined_function()</script>',
    )
    try:
        errors = page.errors()
        assert "broken" in errors and any("undefined_function" in e for e in errors) and len(errors) == 3
    finally:
        page.close()


# --------------------------------------------------------------------------- the pictures

_SHAPES = """(() => {
  const svg = document.documentElement, box = svg.getBoundingClientRect();
  const drawn = cls => [...document.querySelectorAll('.' + cls)].filter(e => {
    const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0; }).length;
  const outside = [...document.querySelectorAll('text')].filter(t => {
    const b = t.getBoundingClientRect();  /* as drawn: rotated labels too */
    return b.left < box.left - 0.5 || b.top < box.top - 0.5 || b.right > box.right + 0.5
      || b.bottom > box.bottom + 0.5; }).map(t => t.textContent);
  return {root: svg.localName, width: box.width, height: box.height,
          band: drawn('band'), segment: drawn('segment'), cell: drawn('cell'), node: drawn('node'), outside};
})()"""


def _pictures() -> list[tuple[str, Any, str, int]]:
    """(name, picture, shape class, how many of them): the lineage's bands counted from the lineage."""
    old, new, lin = ec.load(2015), ec.load(2020), ec.lineage(2015, 2020)
    d = diff.compare(old, new, lineage=lin)
    out: list[tuple[str, Any, str, int]] = []
    for level, kinds in (("competency", ("competency",)), ("indicator", ("indicator", "sub-indicator"))):
        links = sum(1 for x in lin.links if old[x.old].kind in kinds)
        unmatched = sum(1 for u in lin.removed if old[u.id].kind in kinds) + sum(
            1 for u in lin.added if new[u.id].kind in kinds
        )
        out.append((f"sankey-{level}", d.sankey(level=level), "band", links + unmatched))
    s = d.summary()
    nonzero = sum(1 for row in [*s.by_domain.values(), *s.by_theme.values()] for n in row.values() if n)
    out.append(("summary-chart", s.chart(), "segment", nonzero))
    out.append(("crosswalk-heatmap", crosswalk.heatmap(), "cell", 80))
    counts = themes.counts(ec.load(2020))
    out.append(("themes-chart", counts.chart(), "segment", counts.chart().to_svg().count('class="segment"')))
    return out


@pytest.mark.parametrize(
    ("name", "picture", "shape", "expected"), _pictures(), ids=lambda x: x if isinstance(x, str) else ""
)
def test_the_pictures_load_and_draw_every_shape(
    browser: Chromium, tmp_path: Path, name: str, picture: Any, shape: str, expected: int
) -> None:
    """Issue 13 Done-when: each SVG loads in a browser without an error, draws the expected number of
    bands, segments or cells (each with an area), and no label runs outside the picture."""
    page = _open(browser, tmp_path, f"{name}.svg", picture.to_svg())
    try:
        page.screenshot(name)
        drawn = page.evaluate(_SHAPES)
        assert "svg" == drawn["root"] and drawn["width"] > 0 and drawn["height"] > 0
        assert expected == drawn[shape]
        assert [] == drawn["outside"]
        assert [] == page.errors()
    finally:
        page.close()


# --------------------------------------------------------------------------- every page the command line writes


def _html_commands() -> list[list[str]]:
    """Every command whose ``--format`` offers html, with arguments that give it something to show."""
    sample = {
        "diff": ["diff", "2015", "2020"],
        "search": ["search", "2020", "trauma"],
        "export": ["export", "2020"],
        "migrate": ["migrate", "2015:cognitive.1"],
    }
    parser = cli._parser()
    commands = next(a for a in parser._actions if a.dest == "command").choices
    offering = sorted(
        name
        for name, sub in commands.items()
        if any(a.dest == "format" and "html" in (a.choices or ()) for a in sub._actions)
    )
    assert sorted(sample) == offering, "a command got --format html: add it here"
    return [sample[name] for name in offering] + [["diff", "2015", "2020", "--side-by-side"]]


@pytest.mark.parametrize("args", _html_commands(), ids=" ".join)
def test_every_html_the_cli_writes_is_a_page_unless_a_fragment(
    args: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Issue 13 point 4: DOCTYPE, UTF-8 charset and a title, printed or written with -o; a fragment
    (the stylesheet and the body, nothing of a page) with --fragment."""
    target = tmp_path / "out.html"
    assert 0 == cli.main([*args, "--format", "html", "-o", str(target)])
    assert 0 == cli.main([*args, "--format", "html"])
    printed = capsys.readouterr().out
    for page in (printed, target.read_text(encoding="utf-8")):
        assert page.startswith("<!DOCTYPE html>\n") and '<meta charset="utf-8">' in page
        assert "<title>" in page and "</title>" in page and page.rstrip().endswith("</html>")
    assert 0 == cli.main([*args, "--format", "html", "--fragment"])
    fragment = capsys.readouterr().out
    import re

    outside_pictures = re.sub(r"<svg\b.*?</svg>", "", fragment, flags=re.S)  # an SVG has <title>s of its own
    assert fragment.startswith("<style>") and "<html" not in fragment and "<title>" not in outside_pictures
