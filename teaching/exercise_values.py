"""The values an answer hands to the hidden tests, as plain data.

A student's code runs in a sandboxed kernel; what the tests read of it
crosses to the grader as JSON, never as pickles or objects, so that loading
it runs none of the student's code. In the kernel, `export` writes the
names an exercise's tests read (its test file's ANSWER), and for the
functions among them the results of the calls the tests make (its CALLS),
with `encode`: numbers, strings, NumPy arrays and tensors (anything with
`__array__`), and lists, tuples and dicts of them. The grader reads them
back with `load`; a function comes back as a `Recorded` one that answers
the recorded calls. A value of any other type comes back `Unreadable`, and
a test that reads it fails.

This module is also shipped with the exercise tests (teaching.gradescope):
`reference(label)` reads the reference solution's values from
reference/<label>.json in the working folder, where the grader puts them.
"""

import json
from pathlib import Path

import numpy as np


class Unreadable:
    """A value the grader could not carry over (a function, a model...)."""

    def __init__(self, description):
        self.description = description

    def __repr__(self):
        return f"<not a value: {self.description}>"


def encode(value):
    """A JSON-ready form of value: arrays tagged with dtype and shape."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, np.generic):
        return value
    if isinstance(value, dict):
        return {"dict": [[encode(k), encode(v)] for k, v in value.items()]}
    if isinstance(value, (list, tuple)):
        kind = "list" if isinstance(value, list) else "tuple"
        return {kind: [encode(item) for item in value]}
    if hasattr(value, "__array__") or isinstance(value, np.generic):
        array = np.asarray(value)
        if array.dtype.kind in "biuf":
            return {
                "array": array.tolist(),
                "dtype": array.dtype.str,
                "shape": list(array.shape),
            }
    return {"unreadable": f"{type(value).__name__}"}


def decode(data):
    """The value `encode` made data of (arrays as NumPy arrays)."""
    if not isinstance(data, dict):
        return data
    if "array" in data:
        array = np.array(data["array"], dtype=np.dtype(data["dtype"]))
        return array.reshape(data["shape"])
    if "dict" in data:
        return {decode(k): decode(v) for k, v in data["dict"]}
    if "list" in data:
        return [decode(item) for item in data["list"]]
    if "tuple" in data:
        return tuple(decode(item) for item in data["tuple"])
    return Unreadable(data.get("unreadable", "unknown"))


class Recorded:
    """A function of an answer, as the results of the calls recorded."""

    def __init__(self, name, calls):
        self.name = name
        self.results = {json.dumps(args): result for args, result in calls}

    def __call__(self, *args):
        key = json.dumps(encode(list(args)))
        if key not in self.results:
            raise AssertionError(f"{self.name}{args} was not recorded")
        return decode(self.results[key])


def snapshot(namespace):
    """Which object each name holds now: the state an answer starts from.
    The objects themselves are kept, not their id(): an object the answer
    frees could lend its id to a new value, which would then look unchanged.
    """
    return dict(namespace)


def export(label, names, calls, namespace, path, before=None):
    """Write the values of `names` in `namespace` to the JSON file `path`;
    for the names in `calls`, the results of those calls instead. Names that
    still hold what they held in `before` (a snapshot) were not computed by
    the answer: they are left out, as if undefined."""
    values = {}
    for name in names:
        if name not in namespace:
            continue
        if before and name in before and before[name] is namespace[name]:
            continue
        value = namespace[name]
        if name in calls and callable(value):
            recorded = []
            for args in calls[name]:
                try:
                    result = encode(value(*args))
                except Exception as error:  # the test will see it fail
                    result = {"unreadable": f"raised {error!r}"[:200]}
                recorded.append([encode(list(args)), result])
            values[name] = {"calls": recorded}
        else:
            values[name] = encode(value)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    Path(path).write_text(json.dumps({"label": label, "values": values}))


def load(path):
    """The values `export` wrote, as the tests' global environment."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {
        name: Recorded(name, value["calls"])
        if isinstance(value, dict) and "calls" in value
        else decode(value)
        for name, value in data["values"].items()
    }


def reference(label):
    """The reference solution's values for exercise `label`, a dict, from
    reference/<label>.json in the working folder."""
    return load(Path("reference") / f"{label}.json")
