"""The REST API on a DuckDB store of hand-made events: filters, pages, errors, auth, exports, ingest."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from strife.schema import ACLED_COLUMNS, Article, ArticleResult, Event, Evidence
from strife.serve.app import create_app

from .sample import REPORT_A, REPORT_B, TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def client(sample_store) -> Iterator[TestClient]:
    with TestClient(create_app(sample_store, token=TOKEN)) as c:
        yield c


def ids(page: dict) -> list[str]:
    return [e["event_id"] for e in page["items"]]


# ---- events -------------------------------------------------------------------------------


def test_list_events_newest_first_with_total(client: TestClient) -> None:
    page = client.get("/api/events").json()
    assert page["total"] == 4
    assert page["limit"] == 100 and page["offset"] == 0
    assert ids(page)[:3] == ["TST2", "TST1", "TST3"]  # by date, newest first; undated last
    assert ids(page)[3] == "TST4"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"event_type": "Battles"}, {"TST3"}),
        ({"country": "mali"}, {"TST1", "TST2"}),  # case-insensitive
        ({"admin1": "Mopti"}, {"TST1"}),
        ({"sub_event_type": "Peaceful protest"}, {"TST2"}),
        ({"actor": "fighters front"}, {"TST3"}),  # substring of actor2
        ({"since": "2024-03-01"}, {"TST1", "TST2"}),
        ({"until": "2024-03-03"}, {"TST1", "TST3"}),
        ({"since": "2024-03-01", "until": "2024-03-10"}, {"TST1"}),
        ({"q": "market tax"}, {"TST2"}),
        ({"bbox": "-9,12,-3,15"}, {"TST1", "TST2"}),  # western Mali
        ({"bbox": "-2,13,-1,15"}, {"TST3"}),
        ({"bbox": "-2,15,-1,13"}, {"TST3"}),  # latitudes in either order
        ({"bbox": "170,-90,-170,90"}, set()),  # across the antimeridian
        ({"article_id": REPORT_B.id}, {"TST1"}),
        ({"country": "Mali", "event_type": "Protests"}, {"TST2"}),
        ({"country": "Niger"}, set()),
    ],
)
def test_filters(client: TestClient, params: dict, expected: set[str]) -> None:
    page = client.get("/api/events", params=params).json()
    assert set(ids(page)) == expected
    assert page["total"] == len(expected)


def test_pagination_walks_all_events_once(client: TestClient) -> None:
    seen: list[str] = []
    for offset in (0, 2, 4):
        page = client.get("/api/events", params={"limit": 2, "offset": offset}).json()
        assert page["total"] == 4
        seen.extend(ids(page))
    assert sorted(seen) == ["TST1", "TST2", "TST3", "TST4"]


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 1001},
        {"limit": 0},
        {"offset": -1},
        {"since": "yesterday"},
        {"bbox": "1,2,3"},
        {"bbox": "a,b,c,d"},
        {"bbox": "0,0,5,91"},
        {"bbox": "0,0,200,10"},
    ],
)
def test_bad_query_is_422_with_detail(client: TestClient, params: dict) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_event_detail_has_claims_evidence_and_sources(client: TestClient) -> None:
    response = client.get("/api/events/TST1")
    assert response.status_code == 200
    body = response.json()
    event = body["event"]
    assert event["fatalities"] == 12
    assert [c["number_low"] for c in event["claims"]] == [12, 5, 14]
    assert event["claims"][1]["partisan"] is True
    assert event["confidence"]["location"] == pytest.approx(0.95)
    articles = {a["id"]: a for a in body["articles"]}
    assert set(articles) == {REPORT_A.id, REPORT_B.id}
    # every evidence span points at its quote in the article text the API returns
    for spans in event["evidence"].values():
        for ev in spans:
            assert articles[ev["article_id"]]["text"][ev["start"] : ev["end"]] == ev["quote"]


def test_unknown_event_is_404_json(client: TestClient) -> None:
    response = client.get("/api/events/NOPE")
    assert response.status_code == 404
    assert "NOPE" in response.json()["detail"]


# ---- articles -----------------------------------------------------------------------------


def test_articles_listing_and_detail(client: TestClient) -> None:
    page = client.get("/api/articles", params={"limit": 2}).json()
    assert len(page["items"]) == 2
    assert page["total"] == 5
    everything = client.get("/api/articles", params={"limit": 10}).json()["items"]
    assert REPORT_A.id in {a["id"] for a in everything}
    detail = client.get(f"/api/articles/{REPORT_A.id}").json()
    assert detail["article"]["text"] == REPORT_A.text
    assert detail["event_ids"] == ["TST1"]
    missing = client.get("/api/articles/0000000000000000")
    assert missing.status_code == 404 and missing.json()["detail"]


# ---- stats and map ------------------------------------------------------------------------


def test_stats_by_type_and_country(client: TestClient) -> None:
    by_type = {r["key"]: r for r in client.get("/api/stats", params={"by": "event_type"}).json()["items"]}
    assert by_type["Violence against civilians"] == {"key": "Violence against civilians", "events": 1, "fatalities": 12}
    assert by_type["Battles"]["fatalities"] == 7
    by_country = {r["key"]: r["events"] for r in client.get("/api/stats", params={"by": "country"}).json()["items"]}
    assert by_country["Mali"] == 2 and by_country["Burkina Faso"] == 1


def test_stats_by_week_keys_are_mondays_and_filters_apply(client: TestClient) -> None:
    rows = client.get("/api/stats", params={"by": "week", "country": "Mali"}).json()["items"]
    weeks = {r["key"]: r["events"] for r in rows if r["key"]}
    assert weeks == {"2024-02-26": 1, "2024-03-11": 1}
    assert all(date.fromisoformat(k).weekday() == 0 for k in weeks)


def test_stats_rejects_unknown_grouping(client: TestClient) -> None:
    assert client.get("/api/stats", params={"by": "colour"}).status_code == 422


def test_map_points_are_compact_parallel_arrays(client: TestClient) -> None:
    points = client.get("/api/map").json()
    assert points["total"] == 3  # the undated talks have no coordinates
    assert not points["truncated"]
    n = len(points["id"])
    assert n == 3 and all(len(points[k]) == n for k in ("lat", "lon", "type", "fatalities"))
    by_id = {points["id"][i]: i for i in range(n)}
    i = by_id["TST3"]
    assert (points["lat"][i], points["lon"][i]) == (14.1, -1.63)
    assert points["types"][points["type"][i]] == "Battles"
    assert points["fatalities"][by_id["TST1"]] == 12
    only = client.get("/api/map", params={"event_type": "Protests"}).json()
    assert only["id"] == ["TST2"]
    assert client.get("/api/map", params={"limit": 1}).json()["truncated"] is True


# ---- exports ------------------------------------------------------------------------------


def test_export_csv_is_acled_columns_and_filtered(client: TestClient) -> None:
    response = client.get("/api/export.csv", params={"country": "Mali"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert tuple(rows[0]) == ACLED_COLUMNS
    records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert {r["event_id_cnty"] for r in records} == {"TST1", "TST2"}
    attack = next(r for r in records if r["event_id_cnty"] == "TST1")
    assert attack["fatalities"] == "12" and attack["event_date"] == "2024-03-03"


def test_export_geojson_points(client: TestClient) -> None:
    response = client.get("/api/export.geojson")
    assert response.status_code == 200
    collection = json.loads(response.text)
    assert collection["type"] == "FeatureCollection"
    features = {f["id"]: f for f in collection["features"]}
    assert set(features) == {"TST1", "TST2", "TST3", "TST4"}
    assert features["TST3"]["geometry"] == {"type": "Point", "coordinates": [-1.63, 14.1]}
    assert features["TST4"]["geometry"] is None
    assert features["TST1"]["properties"]["event_type"] == "Violence against civilians"
    filtered = json.loads(client.get("/api/export.geojson", params={"event_type": "Battles"}).text)
    assert [f["id"] for f in filtered["features"]] == ["TST3"]


# ---- dashboard and docs -------------------------------------------------------------------


def test_dashboard_and_vendored_assets_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and 'id="map"' in page.text
    assert "https://" not in page.text  # nothing fetched from outside the app
    for path in (
        "/static/app.js",
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/leaflet.markercluster/leaflet.markercluster.js",
        "/static/vendor/topojson-client/topojson-client.min.js",
        "/static/vendor/world-atlas/countries-50m.json",
    ):
        assert client.get(path).status_code == 200, path


def test_openapi_declares_models_and_bearer_auth(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/articles", "/api/stats", "/api/map",
            "/api/export.csv", "/api/export.geojson"} <= set(spec["paths"])
    assert spec["paths"]["/api/events"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    post = spec["paths"]["/api/articles"]["post"]
    assert post["security"] and "HTTPBearer" in spec["components"]["securitySchemes"]
    assert set(post["requestBody"]["content"]) == {"application/json", "multipart/form-data"}
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text and "cdn" not in docs.text.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200


# ---- auth and writes ----------------------------------------------------------------------


class OneEventPipeline:
    """Stands in for the spaCy pipeline: one Protests event per article, cited on its first word."""

    batch_size = 4

    def process(self, articles: Iterable[Article]) -> Iterator[ArticleResult]:
        for article in articles:
            first = article.text.split()[0]
            event = Event(
                event_id=f"API{article.id[:8]}",
                event_date=article.published,
                event_type="Protests",
                sub_event_type="Peaceful protest",
                country="Mali",
                latitude=12.6,
                longitude=-8.0,
                article_ids=[article.id],
                evidence={"actor1": [Evidence.from_text(article.text, 0, len(first), article.id)]},
            )
            yield ArticleResult(article=article, events=[event])


@pytest.fixture()
def write_client(tmp_path) -> Iterator[TestClient]:
    from strife.store import open_store

    store = open_store(str(tmp_path / "writes.duckdb"))
    app = create_app(store, token=TOKEN, pipeline=OneEventPipeline(), max_body_bytes=20_000)
    with TestClient(app) as c:
        yield c
    store.close()


POSTED = {
    "title": "Students rally in Segou",
    "text": "Students rallied in Segou on Monday to demand the reopening of the university.",
    "published": "2024-04-01",
    "url": "https://news.example.org/segou-students",
}


def test_post_needs_the_token(write_client: TestClient) -> None:
    assert write_client.post("/api/articles", json=POSTED).status_code == 401
    wrong = write_client.post("/api/articles", json=POSTED, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and wrong.json()["detail"]
    assert write_client.get("/api/events").json()["total"] == 0


def test_post_text_is_ingested_once(write_client: TestClient) -> None:
    response = write_client.post("/api/articles", json=POSTED, headers=AUTH)
    assert response.status_code == 200, response.text
    summary = response.json()
    assert summary["articles_new"] == 1 and summary["events"] == 1 and summary["failures"] == []
    (article_id,) = summary["article_ids"]
    article = write_client.get(f"/api/articles/{article_id}").json()["article"]
    assert "Segou" in article["text"] and article["url"] == POSTED["url"]
    assert article["published"] == "2024-04-01"
    assert write_client.get("/api/events").json()["total"] == 1
    again = write_client.post("/api/articles", json=POSTED, headers=AUTH).json()
    assert again["articles_skipped"] == 1 and again["articles_new"] == 0


def test_post_file_upload(write_client: TestClient) -> None:
    text = b"Farmers blocked the road to Sikasso on Friday in protest at fuel prices.\n"
    response = write_client.post(
        "/api/articles", files={"file": ("sikasso.txt", text, "text/plain")}, headers=AUTH
    )
    assert response.status_code == 200, response.text
    summary = response.json()
    assert summary["articles_read"] == 1 and summary["articles_new"] == 1


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"json": {}}, 422),
        ({"json": {"text": "   "}}, 422),
        ({"json": {"url": "file:///etc/passwd"}}, 422),
        ({"json": {"text": "x", "published": "someday"}}, 422),
        ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 422),
        ({"content": b"hello", "headers": {"Content-Type": "text/plain"}}, 415),
        ({"json": {"text": "x" * 30_000}}, 413),
        ({"files": {"file": ("a.txt", b"Some text.", "text/plain")}, "data": {"published": "soon"}}, 422),
        ({"files": {"other": ("a.txt", b"Some text.", "text/plain")}}, 422),
    ],
)
def test_bad_posts_are_clear_errors(write_client: TestClient, kwargs: dict, status: int) -> None:
    headers = {**AUTH, **kwargs.pop("headers", {})}
    response = write_client.post("/api/articles", headers=headers, **kwargs)
    assert response.status_code == status
    assert response.json()["detail"]


def test_server_without_token_refuses_writes(sample_store) -> None:
    with TestClient(create_app(sample_store)) as c:
        response = c.post("/api/articles", json=POSTED, headers=AUTH)
    assert response.status_code == 401
    assert "token" in response.json()["detail"]


def test_closed_reads_need_the_token(sample_store) -> None:
    with TestClient(create_app(sample_store, token=TOKEN, open_reads=False)) as c:
        assert c.get("/api/events").status_code == 401
        assert c.get("/api/events/TST1").status_code == 401
        assert c.get("/api/events", headers=AUTH).json()["total"] == 4
        assert c.get("/").status_code == 200  # the page itself is static; its data needs the token
