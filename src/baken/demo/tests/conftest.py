"""The demo data is the `make run` world on SQLite: .ci/run runs these tests in its SQLite pass."""

from pathlib import Path

import pytest

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items):
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.embedded_db)
