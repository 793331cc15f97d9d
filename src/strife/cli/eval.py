"""`strife eval`: score extraction against ACLED-column gold files (and false positives on plain news)."""

from __future__ import annotations

import json
from pathlib import Path

import typer


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        gold: list[Path] = typer.Argument(..., help="ACLED-column CSVs (text in `notes`), folders, or JSONL news"),
        limit: int | None = typer.Option(None, "--limit", help="score only the first N rows of each file"),
        report: Path | None = typer.Option(None, "--report", help="write the full JSON report here"),
        split: str = typer.Option(
            "heldout", "--split", help="heldout: rows held out from training (files without a rule: all); all: every row"
        ),
        geo: bool = typer.Option(True, "--geo/--no-geo", help="run the geo stage"),
    ) -> None:
        """Run the full pipeline on gold data and score it field by field."""
        from rich.console import Console

        from strife.eval.harness import evaluate, render

        if split not in ("heldout", "all"):
            raise typer.BadParameter("--split must be heldout or all")
        missing = [str(p) for p in gold if not p.exists()]
        if missing:
            raise typer.BadParameter(f"not found: {', '.join(missing)}")
        result = evaluate(gold, split=split, limit=limit, geo=geo)
        console = Console()
        console.print(render(result))
        model = result.get("model") or {}
        seen = any("rows" in item and item.get("seen_in_training") is not False for item in result["reports"])
        if seen and split == "heldout" and model.get("holdout") is False:
            console.print(
                f"[yellow]warning[/yellow]: the classifier in {model['dir']} was trained on every row, held-out rows "
                "included, so these scores are not held-out scores. For honest figures train one with the "
                "held-out rows left out (`strife train --out DIR`) and run `STRIFE_MODEL_DIR=DIR strife eval ...`."
            )
        for item in result["reports"]:
            if item.get("top_confusions"):
                console.print(f"[bold]{item['dataset']}[/] top sub_event_type confusions (gold -> predicted):")
                for g, p, c in item["top_confusions"][:6]:
                    console.print(f"  {c:4d}  {g or '(none)'} -> {p or '(no event)'}")
        if report is not None:
            report.parent.mkdir(parents=True, exist_ok=True)
            report.write_text(json.dumps(result, indent=2, default=str))
            console.print(f"report written to {report}")
