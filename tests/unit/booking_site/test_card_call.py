"""The book page's card calls wait for /site/card.js: Helmet loads it asynchronously, and after a
client-side navigation the page's on_load used to call `gjCard.mount` before it existed, so the
card field never appeared (a CI failure of the 3-D Secure e2e test)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from booking_site.state.book import CARD_JS, card_call

pytestmark = pytest.mark.skipif(shutil.which("node") is None, reason="needs Node (Reflex does)")

# A browser stand-in: a document whose head records appended scripts, and timers.
HARNESS = """
const appended = [];
globalThis.window = globalThis;
globalThis.document = {
  querySelector: (sel) => (globalThis.__tag ? {} : null),
  createElement: (name) => ({name}),
  head: {appendChild: (el) => { appended.push(el.src); if (globalThis.__loadOnAppend)
    setTimeout(() => { window.gjCard = {mount: (...a) => 'mounted:' + a.join('|')}; }, 30); }},
};
Object.assign(globalThis, CONFIG);
if (globalThis.__loadAfter !== undefined)
  setTimeout(() => { window.gjCard = {mount: (...a) => 'mounted:' + a.join('|')}; },
             globalThis.__loadAfter);
const started = Date.now();
(CALL).then((r) => console.log(JSON.stringify({result: r, appended,
                                               waited: Date.now() - started})));
"""


def _run(config: dict, wait_s: float = 15) -> dict:
    script = (HARNESS.replace("CONFIG", json.dumps(config))
              .replace("CALL", card_call("mount('js', 'pk', '#card-element')", wait_s)))
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_a_call_made_before_the_script_has_loaded_waits_for_it():
    got = _run({"__tag": True, "__loadAfter": 400})
    assert got["result"] == "mounted:js|pk|#card-element"
    assert got["waited"] >= 350 and got["appended"] == []  # Helmet's tag was there: no second


def test_a_script_tag_helmet_never_added_is_added_by_the_call():
    got = _run({"__tag": False, "__loadOnAppend": True})
    assert got["result"] == "mounted:js|pk|#card-element"
    assert got["appended"] == [CARD_JS]


def test_a_script_that_never_loads_answers_an_error_the_page_shows():
    got = _run({"__tag": True}, wait_s=2)
    assert got["result"] == {"error": "The payment form could not load."}
    assert got["waited"] >= 1_900  # it gave the script its time before giving up
