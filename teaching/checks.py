"""The exercises' tests, run on the values an answer exported.

Each runnable exercise has a test file, teaching/exercise_tests/<label>.py,
in otter-grader's format (an exception-based test file): public tests, which
a student runs (the names exist, their types, shapes and ranges), and hidden
tests (values against reference values or closed forms), each with points
and a message. The file also says what the answer must define, ANSWER (the
stub shows it), and which calls the tests make of the functions among them,
CALLS. `run_tests` runs a file in this process, on values read back with
teaching.exercise_values, never in the student's kernel:

    python -m teaching.checks ANSWERS_FOLDER REFERENCE_FOLDER LABEL...

prints, as JSON, the result of every test of each exercise LABEL on the
values in ANSWERS_FOLDER/LABEL.json; the tests' reference values are
REFERENCE_FOLDER/reference/LABEL.json.
"""

import argparse
import ast
import contextlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from teaching.exercise_values import load

TESTS = Path(__file__).resolve().parent / "exercise_tests"


@dataclass
class CaseResult:
    """One test of one exercise, as a grade book and a student see it."""

    label: str
    test: str
    points: float
    max_points: float
    hidden: bool
    message: str


def test_path(label):
    return TESTS / f"{label}.py"


def contract(label):
    """(ANSWER, CALLS) of an exercise's test file: what the answer defines
    ({name: meaning}) and the calls the tests make ({name: [args]})."""
    path = test_path(label)
    if not path.exists():
        raise FileNotFoundError(f"{label} has no test file {path}")
    found = {"ANSWER": None, "CALLS": {}}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = getattr(node.targets[0], "id", None)
            if target in found:
                found[target] = ast.literal_eval(node.value)
    if not found["ANSWER"]:
        raise ValueError(f"{path.name} declares no ANSWER")
    return found["ANSWER"], found["CALLS"]


@contextlib.contextmanager
def working_folder(folder):
    previous = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


def run_tests(label, values, reference_folder):
    """CaseResults of exercise `label`'s tests on `values`, a dict of the
    answer's names (missing names read as None); the tests' `reference()`
    reads reference_folder/reference/<label>.json."""
    from otter.nbmeta_config import NBMetadataConfig
    from otter.test_files import create_test_file

    test_file = create_test_file(str(test_path(label)), NBMetadataConfig())
    with working_folder(reference_folder):
        test_file.run(values)
    results = []
    for result in test_file.test_case_results:
        case = result.test_case
        message = (
            case.success_message or "passed"
            if result.passed
            else case.failure_message or result.message.strip()
        )
        results.append(
            CaseResult(
                label,
                case.name,
                float(case.points) if result.passed else 0.0,
                float(case.points),
                bool(case.hidden),
                message,
            )
        )
    return results


def check_answers(labels, answers, reference_folder):
    """The tests of each exercise in `labels` on its values in `answers`
    (<label>.json; none where the run stopped before it): [CaseResult]."""
    results = []
    for label in labels:
        path = Path(answers) / f"{label}.json"
        try:
            values = load(path) if path.exists() else {}
        except (ValueError, KeyError, TypeError):
            values = {}  # a forged or broken file: as if nothing was saved
        results += run_tests(label, values, reference_folder)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("answers", type=Path)
    parser.add_argument("reference", type=Path)
    parser.add_argument("labels", nargs="+")
    arguments = parser.parse_args()
    results = check_answers(
        arguments.labels, arguments.answers, arguments.reference
    )
    print(json.dumps([asdict(result) for result in results], indent=1))


if __name__ == "__main__":
    main()
