"""``psmigrate endpoints``: the v1 → v2 endpoint map, read from the same rule files the
engine converts with (``rules/*.yaml`` through :func:`migrator.rulebook.endpoint_map`)."""

from __future__ import annotations

import json
import sys

import click


def endpoint_rows() -> list[dict]:
    """One row per v1 endpoint: where it goes in v2 and whether psmigrate converts it."""
    from migrator import rulebook

    rows = []
    for family in rulebook.endpoint_map():
        for endpoint in family.endpoints:
            row = {"v1": endpoint.v1, "v2": family.v2, "method": family.method, "name": endpoint.name,
                   "family": family.family, "guide": endpoint.guide}
            if endpoint.unsupported:
                row.update(status="unsupported", code=endpoint.unsupported.code, message=endpoint.unsupported.message)
                if endpoint.unsupported.opt_in:
                    row["opt_in"] = endpoint.unsupported.opt_in
                else:  # nothing to convert to
                    row["v2"] = row["method"] = None
            else:
                # a family without a request body (job status) changes only its URL
                row["status"] = "supported" if family.has_body else "status-only"
            rows.append(row)
    return rows


def render_text(rows: list[dict]) -> str:
    width = max(len(r["v1"]) for r in rows)
    targets = [f'{r["method"]} {r["v2"]}' if r["v2"] else "-" for r in rows]
    target = max(map(len, targets))
    lines = []
    for r, v2 in zip(rows, targets):
        status = r["status"]
        if status == "unsupported":
            status = f'unsupported {r["code"]}' + (f' (convert with {r["opt_in"]})' if "opt_in" in r else "")
        lines.append(f'{r["v1"]:<{width}}  ->  {v2:<{target}}  {status}')
    return "\n".join(lines) + "\n"


@click.command("endpoints")
@click.option("--output-format", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="A table for people or a JSON array for programs.")
def endpoints_command(output_format):
    """List every v1 endpoint psmigrate knows, its v2 endpoint and whether it converts.

    Status: supported (bodies convert), unsupported CODE (no v2 equivalent; convert stops with
    CODE), status-only (job status: no request body, only the URL changes).
    """
    rows = endpoint_rows()
    sys.stdout.write(json.dumps(rows, indent=2) + "\n" if output_format == "json" else render_text(rows))
