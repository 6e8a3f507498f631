"""Where the Chromium for the viewer tests and scripts/screenshots.py lives.

Looked for in this order: $KG_CHROMIUM, the system's browser on PATH (Debian's `chromium`,
Ubuntu's `chromium-browser`, Google's `google-chrome`), then the browser that `playwright install
chromium` downloaded. Nothing is downloaded here.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
SYSTEM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
MISSING = ("No Chromium for the viewer tests: install one (Debian/Ubuntu: apt-get install chromium; "
           "elsewhere: playwright install chromium) or set KG_CHROMIUM to its path.")


class ChromiumMissing(RuntimeError):
    """No browser to run the viewer in; the message says what to install."""


def find_chromium() -> str:
    """The path of a Chromium to launch, or ChromiumMissing saying what to install."""
    given = os.environ.get("KG_CHROMIUM")
    if given:
        if not Path(given).is_file():
            raise ChromiumMissing(f"KG_CHROMIUM names {given}, which does not exist: correct it or unset it.")
        return given
    for name in SYSTEM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    own = _playwright_chromium()
    if own:
        return own
    raise ChromiumMissing(MISSING)


def _playwright_chromium() -> str | None:
    """The browser `playwright install chromium` put in its cache, if any."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    with sync_playwright() as pw:
        path = pw.chromium.executable_path
    return path if path and Path(path).is_file() else None
