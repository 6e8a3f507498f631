"""Processes that tests start (kg serve, Dask's scheduler and workers): stopping them for sure."""

from __future__ import annotations

import signal
import subprocess
import sys

# The kg command as a process of its own, run by this Python
KG = [sys.executable, "-c", "from kg.cli import main; main()"]


def stop(process: subprocess.Popen, sig: int = signal.SIGINT, timeout: float = 30) -> int:
    """Send `sig` (Ctrl-C by default, as a user would); kill only if it does not stop by itself."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode
