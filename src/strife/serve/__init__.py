"""serve stage: the REST API and the map dashboard (`strife serve`).

    from strife.serve import create_app
    app = create_app("strife.duckdb", token="secret")   # any ASGI server runs it

The dashboard is static (src/strife/serve/static/) and talks only to this API; its
JavaScript libraries and the Natural Earth base map are vendored under static/vendor/.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # FastAPI is imported only when the app is wanted: `import strife.serve` stays cheap.
    if name == "create_app":
        from strife.serve.app import create_app

        return create_app
    raise AttributeError(name)
