"""The viewer tests find a Chromium where one is installed, and say what to install where none is."""

from __future__ import annotations

import pytest

from .chromium import MISSING, ChromiumMissing, find_chromium


def _no_browser_anywhere(monkeypatch, tmp_path):
    monkeypatch.delenv("KG_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "playwright"))

def test_without_any_chromium_the_message_says_what_to_install(monkeypatch, tmp_path):
    _no_browser_anywhere(monkeypatch, tmp_path)
    with pytest.raises(ChromiumMissing) as missing:
        find_chromium()
    assert str(missing.value) == MISSING
    assert "apt-get install chromium" in MISSING and "playwright install chromium" in MISSING

def test_a_browser_on_path_is_found_by_its_debian_or_ubuntu_name(monkeypatch, tmp_path):
    _no_browser_anywhere(monkeypatch, tmp_path)
    (tmp_path / "bin").mkdir()
    browser = tmp_path / "bin" / "chromium-browser"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    assert find_chromium() == str(browser)

def test_kg_chromium_wins_and_a_wrong_path_is_one_line(monkeypatch, tmp_path):
    _no_browser_anywhere(monkeypatch, tmp_path)
    given = tmp_path / "my-chrome"
    given.write_text("")
    monkeypatch.setenv("KG_CHROMIUM", str(given))
    assert find_chromium() == str(given)
    monkeypatch.setenv("KG_CHROMIUM", str(tmp_path / "gone"))
    with pytest.raises(ChromiumMissing) as missing:
        find_chromium()
    assert str(missing.value) == f"KG_CHROMIUM names {tmp_path / 'gone'}, which does not exist: correct it or unset it."
