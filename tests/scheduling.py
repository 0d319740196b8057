"""The order in which pytest runs the items (conftest.py): the notebooks
first, the longest first, so that parallel workers finish together."""

import json
from datetime import datetime


def stored_seconds(path):
    """How long the notebook took when its outputs were stored: the sum of
    its cells' execution times (Jupyter's `execution` metadata)."""
    seconds = 0.0
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        timing = cell.get("metadata", {}).get("execution", {})
        start = timing.get("iopub.execute_input")
        end = timing.get("shell.execute_reply")
        if start and end:
            seconds += (
                datetime.fromisoformat(end.rstrip("Z"))
                - datetime.fromisoformat(start.rstrip("Z"))
            ).total_seconds()
    return seconds


def longest_first(items):
    """Items grouped by file: notebooks by stored time, longest first, then
    the other test files in their collection order (a stable sort)."""
    cost = {}
    for item in items:
        path = item.path
        if path not in cost:
            cost[path] = (
                -stored_seconds(path) if path.suffix == ".ipynb" else 0.0
            )
    return sorted(items, key=lambda item: cost[item.path])
