"""The CLI reference in docs/cli.md is the --help of the commands as they are."""

from __future__ import annotations

import importlib.util

from .conftest import ROOT


def test_cli_reference_is_up_to_date():
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "scripts" / "cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    written = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == module.reference(), "docs/cli.md is stale: run python scripts/cli_reference.py"
