"""`strife serve`: the REST API and the map dashboard, in one process."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


def serve(
    db: str | None = typer.Option(
        None, "--db", help="database: a DuckDB file path or postgresql://... (default: the store's default)"
    ),
    host: str = typer.Option("127.0.0.1", "--host", help="address to listen on"),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="port to listen on"),
    token: str | None = typer.Option(
        None,
        "--token",
        envvar="STRIFE_API_TOKEN",
        help="bearer token required by POST /api/articles (and by reads with --no-open-reads)",
    ),
    open_reads: bool = typer.Option(
        True, "--open-reads/--no-open-reads", help="let anyone read events, articles and exports"
    ),
    max_body_mb: float = typer.Option(10.0, "--max-body-mb", min=0.001, help="largest request body accepted"),
) -> None:
    """Serve the dashboard at / and the REST API at /api (OpenAPI docs at /docs)."""
    import uvicorn

    from strife.serve.app import create_app

    token = token or None
    if not open_reads and not token:
        raise typer.BadParameter("--no-open-reads needs --token (or STRIFE_API_TOKEN)", param_hint="--token")
    from strife.store import StoreError

    try:
        app = create_app(db, token=token, open_reads=open_reads, max_body_bytes=int(max_body_mb * 1_000_000))
    except StoreError as exc:  # e.g. the DuckDB file is held by another strife process
        typer.echo(f"strife serve: cannot open the database: {exc}", err=True)
        raise typer.Exit(1) from exc
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
    typer.echo(f"strife: dashboard at http://{shown}:{port}/  API docs at http://{shown}:{port}/docs", err=True)
    if token is None:
        typer.echo("strife: no --token given: POST /api/articles is refused", err=True)
    else:  # load models and gazetteer now, so the first POST does not wait for them
        from strife.pipeline import default_pipeline
        from strife.schema import Article

        typer.echo("strife: loading the extraction pipeline for POST /api/articles ...", err=True)
        default_pipeline().extract(Article(body="Gunmen killed two soldiers near Gao on Monday."))
    uvicorn.run(app, host=host, port=port, log_level="info")
