"""End to end: `strife serve`'s app in a real headless Chromium (Debian's), driven by Playwright."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from strife.serve.app import create_app

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed at /usr/bin/chromium"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(sample_store) -> Iterator[str]:
    import uvicorn

    port = free_port()
    config = uvicorn.Config(create_app(sample_store), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(200):  # wait for the socket, not a measured delay
        if srv.started:
            break
        time.sleep(0.05)
    assert srv.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def page(browser, server: str) -> Iterator[object]:  # noqa: ANN001
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)

    def only_this_server(route) -> None:  # noqa: ANN001
        if route.request.url.startswith(server):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    page.goto(server + "/")
    page.wait_for_selector("#status[data-state=idle]", state="attached")
    page.wait_for_selector("#map[data-basemap=ready]", state="attached")
    page.wait_for_selector("#events-body tr")
    page.wait_for_selector("#map[data-loaded]", state="attached")  # every marker added
    yield page
    assert not errors, f"errors in the page: {errors}"
    assert not outside, f"the page asked for something outside the app: {outside}"
    context.close()


def test_dashboard_shows_map_timeline_and_table(page) -> None:  # noqa: ANN001
    assert page.get_attribute("#map", "data-points") == "3"  # the undated talks have no place
    markers = page.locator("#map .marker-cluster, #map path.event-marker")
    assert markers.count() >= 1
    assert page.locator("#map path.leaflet-interactive, #map svg path").count() > 3  # countries drawn
    assert page.locator("#events-body tr").count() == 4
    assert page.get_attribute("#event-count", "data-total") == "4"
    assert int(page.get_attribute("#timeline", "data-weeks")) == 3
    assert page.locator("#timeline rect.bar").count() == 3


def test_filter_by_type_requeries_everything(page) -> None:  # noqa: ANN001
    page.select_option("#filter-type", "Battles")
    page.wait_for_selector("#event-count[data-total='1']", state="attached")
    page.wait_for_selector("#status[data-state=idle]", state="attached")
    rows = page.locator("#events-body tr")
    assert rows.count() == 1
    assert rows.first.get_attribute("data-event-type") == "Battles"
    assert page.get_attribute("#map", "data-points") == "1"
    page.wait_for_selector("#map[data-loaded]", state="attached")
    assert page.locator("#map path.event-marker, #map .marker-cluster").count() == 1
    assert page.locator("#timeline rect.bar").count() == 1
    assert "event_type=Battles" in (page.get_attribute("#export-csv", "href") or "")
    assert page.url.endswith("#event_type=Battles")  # the view can be bookmarked
    page.click("#map path.event-marker")  # a marker opens its event too
    page.wait_for_selector("#event-panel[data-ready='TST3']", state="attached")
    assert "Djibo" in page.inner_text("#panel-title")
    page.click("#filter-reset")
    page.wait_for_selector("#event-count[data-total='4']", state="attached")


def test_event_panel_highlights_evidence_and_shows_claims(page, server: str) -> None:  # noqa: ANN001
    page.fill("#filter-q", "Kourama")
    page.press("#filter-q", "Enter")
    page.wait_for_selector("#event-count[data-total='1']", state="attached")
    assert page.locator("#events-body tr").first.get_attribute("data-event-id") == "TST1"
    page.click("#filter-reset")
    page.wait_for_selector("#event-count[data-total='4']", state="attached")
    page.click("#events-body tr[data-event-id='TST1']")
    page.wait_for_selector("#event-panel:not([hidden]) mark[data-field]")

    detail = page.request.get(f"{server}/api/events/TST1").json()
    # Every evidence span of every field is a <mark> whose text is exactly the quote.
    for field, spans in detail["event"]["evidence"].items():
        for ev in spans:
            texts = page.eval_on_selector_all(
                f"#event-panel article[data-article-id='{ev['article_id']}'] mark[data-field~='{field}']",
                "marks => marks.map(m => m.textContent)",
            )
            assert ev["quote"] in texts, (field, ev["quote"], texts)

    claims = page.locator("#claims-table tbody tr")
    assert claims.count() == 3
    assert "at least 14" in claims.nth(2).inner_text()
    assert page.locator("#claims-table .partisan").count() == 1
    links = page.locator("#event-panel a.source-link")
    assert sorted(links.evaluate_all("ls => ls.map(l => l.href)")) == sorted(
        a["url"] for a in detail["articles"]
    )
    assert page.locator("#event-panel article[data-article-id]").count() == 2

    page.click("#panel-fields button.show-evidence[data-field='actor1']")
    assert page.locator("mark.active").count() == 2  # one span in each report
    assert page.locator("mark.active").first.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=False)
    assert (ARTIFACTS / "dashboard.png").stat().st_size > 10_000


def test_filters_from_a_shared_link(page, server: str) -> None:  # noqa: ANN001
    page.goto("about:blank")
    page.goto(server + "/#country=Burkina+Faso")
    page.wait_for_selector("#event-count[data-total='1']", state="attached")
    assert page.input_value("#filter-country") == "Burkina Faso"
    assert page.locator("#events-body tr").first.get_attribute("data-event-id") == "TST3"
    page.focus("#events-body tr")
    page.keyboard.press("Enter")  # rows open from the keyboard too
    page.wait_for_selector("#event-panel[data-ready='TST3']", state="attached")


def test_api_docs_render_offline(page, server: str) -> None:  # noqa: ANN001
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    text = page.inner_text(".swagger-ui")
    assert "/api/events" in text and "/api/articles" in text
