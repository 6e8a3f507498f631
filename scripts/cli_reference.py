"""Write docs/cli.md from the --help of every kg command, so the reference cannot drift.

Run `python scripts/cli_reference.py` after changing a command; tests/test_docs.py fails
when docs/cli.md differs from what this script writes.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.testing import CliRunner

from kg.cli import main

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def reference() -> str:
    """docs/cli.md's text: kg --help, then each command's --help in name order."""
    runner = CliRunner()
    parts = ["# kg command reference\n\n",
             "Generated from `--help` by `python scripts/cli_reference.py`; do not edit by hand.\n"]
    ctx = click.Context(main)
    for name in [None, *sorted(main.list_commands(ctx))]:
        args = [name, "--help"] if name else ["--help"]
        result = runner.invoke(main, args, prog_name="kg", terminal_width=100)
        parts.append(f"\n## kg {name or ''}".rstrip() + "\n\n```text\n" + result.output + "```\n")
    return "".join(parts)


if __name__ == "__main__":
    DOC.write_text(reference(), encoding="utf-8")
    sys.stdout.write(f"wrote {DOC}\n")
