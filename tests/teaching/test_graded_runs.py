"""The graded runs (teaching.graded) that CI executes on JAX and PyTorch,
and the exercises' test files and other answers they use."""

import ast

import pytest

from teaching.book import chapters
from teaching.checks import TESTS, contract
from teaching.exercises import read_chapter
from teaching.graded import (
    EXPECTED,
    REFERENCE,
    STUB,
    graded_run,
    unexpected_grades,
)
from tests.teaching.answers import answers, chapter_answers

RUNNABLE = [path for path in chapters() if read_chapter(path).runnable]
EXERCISES = [e for p in RUNNABLE for e in read_chapter(p).runnable]


@pytest.mark.parametrize("path", RUNNABLE, ids=lambda path: path.stem[:3])
def test_every_runnable_exercise_has_a_wrong_and_a_second_answer(path):
    module = chapter_answers(path)
    labels = {exercise.label for exercise in read_chapter(path).runnable}
    assert module is not None, f"no tests/teaching/answers for {path.name}"
    assert set(module.WRONG) == labels, labels ^ set(module.WRONG)
    assert set(module.ALTERNATIVE) == labels, labels ^ set(module.ALTERNATIVE)
    tried = answers(path, ["wrong", "alternative"])  # each edit applies
    nb = graded_run(path, tried, "answers")
    sources = "\n".join(cell.source for cell in nb.cells)
    for label in labels:
        for kind in (STUB, "wrong", "alternative", REFERENCE):
            assert f"answers/{kind}/{label}.json" in sources, (label, kind)


@pytest.mark.parametrize("exercise", EXERCISES, ids=lambda e: e.label)
def test_each_test_file_is_one_otter_can_run(exercise):
    """Public and hidden tests with points and one-line messages, reading
    only names of ANSWER, with everything they need inside them."""
    answer, calls = contract(exercise.label)
    assert set(calls) <= set(answer)
    tree = ast.parse((TESTS / f"{exercise.label}.py").read_text())
    module_names = set()
    hidden = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            (decorator,) = node.decorator_list
            options = {
                k.arg: ast.literal_eval(k.value) for k in decorator.keywords
            }
            assert options.get("points", 0) > 0, node.name
            message = options.get("failure_message", "")
            assert message and '"' not in message and "\n" not in message
            hidden.append(options.get("hidden", False))
            assert {a.arg for a in node.args.args} <= set(answer), node.name
        elif isinstance(node, ast.Assign):
            module_names |= {t.id for t in node.targets}
    assert module_names <= {"OK_FORMAT", "name", "ANSWER", "CALLS"}
    assert True in hidden and False in hidden, "public and hidden tests"


def case(label, points, max_points, hidden):
    return {
        "label": label,
        "points": points,
        "max_points": max_points,
        "hidden": hidden,
        "message": "m",
    }


def test_the_verdict_tells_each_kind_of_answer_apart():
    passing = [case("ex", 1, 1, False), case("ex", 2, 2, True)]
    nothing = [case("ex", 0, 1, False), case("ex", 0, 2, True)]
    hidden_lost = [case("ex", 1, 1, False), case("ex", 0, 2, True)]
    public_lost = [case("ex", 0, 1, False), case("ex", 2, 2, True)]
    tried = {kind: ["ex"] for kind in EXPECTED}
    good = {
        STUB: nothing,
        "wrong": hidden_lost,
        "alternative": passing,
        REFERENCE: passing,
    }
    assert unexpected_grades(good, tried) == []
    for kind, bad in [
        (STUB, hidden_lost),  # a stub that earns points
        ("wrong", passing),  # a wrong answer that passes
        ("wrong", public_lost),  # a wrong answer a public test catches
        ("alternative", hidden_lost),  # a correct answer that fails
        (REFERENCE, []),  # an exercise whose tests never ran
    ]:
        problems = unexpected_grades({**good, kind: bad}, tried)
        assert [p[:2] for p in problems] == [("ex", kind)], kind


def test_a_value_recomputed_at_a_freed_address_is_exported(tmp_path):
    # An answer that rebinds a name frees the old value; CPython may give
    # the new value the old one's address, and so its id(). The snapshot
    # keeps the old objects alive, so a recomputed value is never mistaken
    # for the one an earlier answer left.
    import gc
    import json

    from teaching import exercise_values

    namespace = {"share": 0.25 + 0.0}
    before = exercise_values.snapshot(namespace)
    old_id = id(namespace["share"])
    del namespace["share"]
    gc.collect()
    namespace["share"] = float("0.5")
    assert id(before["share"]) == old_id  # still alive: no id reuse
    path = tmp_path / "values.json"
    exercise_values.export("ex", ["share"], {}, namespace, path, before)
    assert json.loads(path.read_text())["values"] == {"share": 0.5}
