"""Property-based run of the API against its own OpenAPI spec: no input may make it fail with a 5xx."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

import strife.serve.app as serve_app
from strife.schema import ReadFailure
from strife.serve.app import create_app

from .sample import TOKEN, fill
from .test_serve_api import OneEventPipeline


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    from strife.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("schemathesis") / "events.duckdb"))
    fill(store)
    # Posted URLs must not reach the network: reading one gives a failure item instead.
    patch = pytest.MonkeyPatch()
    patch.setattr(serve_app, "fetch_url", lambda url: [ReadFailure(origin=url, error="no network in tests")])
    app = create_app(store, token=TOKEN, pipeline=OneEventPipeline(), max_body_bytes=200_000)
    yield schemathesis.openapi.from_asgi("/openapi.json", app)
    patch.undo()
    store.close()


def test_api_conforms_to_its_openapi(api_schema) -> None:  # noqa: ANN001 - a schemathesis schema
    """Every operation, positive and negative data: no 5xx, responses as declared.

    Driven through schemathesis' Python API (one Hypothesis run per operation) rather
    than its pytest plugin, whose lazy fixtures do not work with this pytest.
    """
    failures: dict[str, str] = {}
    labels: list[str] = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        labels.append(operation.label)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True,
                      database=None)
            def check(case) -> None:  # noqa: ANN001 - schemathesis Case
                # With the token, so POST /api/articles runs its body validation and ingest too.
                case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"})

            try:
                check()
            except Unsatisfiable:  # nothing to negate (e.g. a free-form path parameter)
                continue
            except Exception as exc:  # noqa: BLE001 - collected, reported together below
                failures[f"{operation.label} [{mode.value}]"] = str(exc)[:2000]
    assert "POST /api/articles" in labels and "GET /api/events" in labels
    assert not failures, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())
