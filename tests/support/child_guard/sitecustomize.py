"""Loaded by every Python process a test starts (the test session puts this folder on PYTHONPATH):
the no-internet guard of `tests/support/no_internet.py`, reporting to the file the session names."""

import importlib.util
import os
from pathlib import Path

if os.environ.get("TEST_NO_INTERNET_LOG"):
    _spec = importlib.util.spec_from_file_location(
        "_no_internet", Path(__file__).resolve().parents[1] / "no_internet.py"
    )
    _guard = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_guard)
    _guard.install_in_child(os.environ["TEST_NO_INTERNET_LOG"])
