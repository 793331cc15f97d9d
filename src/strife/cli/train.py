"""`strife train`: rebuild the event-type classifier and the country and admin1 models from ACLED exports."""

from __future__ import annotations

from pathlib import Path

import typer

DEFAULT_DATA = Path("../shared/data")


def register(app: typer.Typer) -> None:
    @app.command("train")
    def train_command(
        data: list[Path] = typer.Argument(None, help="ACLED-column CSVs or folders (default ../shared/data)"),
        out: Path | None = typer.Option(None, "--out", help="model folder (default: the package's extract/models)"),
        hash_holdout: list[str] = typer.Option(
            ["acled-2022"], "--hash-holdout", help="files whose path contains this hold out a seeded 20% of rows"
        ),
        all_rows: bool = typer.Option(
            False, "--all-rows", help="train on every row, held-out ones included (a production model; not for eval)"
        ),
    ) -> None:
        """Train the sub-event-type classifier and the country and admin1 models on the training split
        and save them (npz + json, no pickle)."""
        from rich.console import Console

        from strife.extract.train import MODEL_DIR, train

        paths = data or [DEFAULT_DATA]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise typer.BadParameter(f"not found: {', '.join(missing)}")
        console = Console()
        with console.status("training the event classifier, the country and the admin1 models"):
            summary = train(paths, out or MODEL_DIR, hash_holdout=hash_holdout, holdout=not all_rows)
        console.print(f"trained on {summary['rows']} rows, {summary['labels']} sub-event types -> {summary['out']}")
        for path, count in summary["files"].items():
            console.print(f"  {count:6d}  {path}")
        if summary.get("second_stage"):
            console.print(f"second stage: trees over {summary['second_stage']} common sub-event types")
        country = summary.get("country")
        if country:
            console.print(f"country model: {country['rows']} rows, {country['labels']} countries")
        else:
            console.print("no country model (the data names fewer than two countries)")
        admin1 = summary.get("admin1")
        if admin1:
            console.print(f"admin1 model: {admin1['rows']} rows, {admin1['labels']} admin1 units")
        console.print("Training data: ACLED (acleddata.com); credit ACLED when you share the model.")
