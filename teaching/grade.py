"""Grade a course's submissions: a sandbox per notebook, tests outside it.

    python -m teaching.grade SUBMISSION... [--chapter NN] [--out FOLDER]
        [--jobs N] [--timeout SECONDS] [--memory MB] [--seed K]

A SUBMISSION is a student's notebook of the student edition with answers
written in the stub cells (the code cells after an exercise, up to the next
exercise, are its answer), or a folder of them; the file's name, without
.ipynb, names the student. Each submission is run once, in its own sandbox
(teaching.sandbox), on the offline MNIST subset: the book's own cells (edits
to them do not count) with the student's answers, each followed by a cell
that saves what the exercise's tests read. The tests (teaching.checks) then
run outside the sandbox, in a fresh interpreter, on those saved values and
on the reference solution's, computed once per chapter in the same way.
With --seed the chapters run with VAEBOOK_SEED=K, so a number copied from
the book's pages does not pass for a computed one.

Written into --out (default _build/grades):
  grades.csv          student, exercise, points, max_points, message
  feedback/NAME.md    per exercise, every test: points and its message
  manual/NAME.html    the prose exercises and the student's answers to
                      them, for grading by hand
  runs/NAME/          the executed notebook and the run's log
A notebook that is not one chapter's student edition, or that cannot be
read, or (with --chapter) another chapter's, gets one row with the reason.
A crashing or endless submission costs only its own grade.
"""

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from teaching.book import ROOT, ChapterError, chapter_path, exercise_labels
from teaching.exercises import read_chapter
from teaching.graded import REFERENCE, grading_notebook
from teaching.sandbox import run_notebook

SUBMISSION = "submission"


class GradingError(ValueError):
    """A submission that cannot be graded: the reason, for its row."""


@dataclass
class Graded:
    """A submission's grades: one row per exercise, or an error."""

    student: str
    chapter: str = ""
    error: str = ""
    ending: str = ""
    cases: list = field(default_factory=list)  # teaching.checks results


def answers_of(submission):
    """The chapter a submission answers and its cells per exercise label."""
    answers, current = {}, None
    for cell in submission.cells:
        if cell.cell_type == "markdown":
            labels = exercise_labels(cell.source)
            for label in labels:
                answers[label] = []
            current = labels[-1] if labels else current
        elif current:
            answers[current].append(cell)
    prefixes = {label.split("-")[1] for label in answers if "-" in label}
    if len(prefixes) != 1:
        raise GradingError(
            "not one chapter of the student edition: its exercises are "
            f"from {sorted(prefixes) or 'no chapter'}"
        )
    try:
        chapter = read_chapter(chapter_path(prefixes.pop().upper()))
    except ChapterError as error:
        raise GradingError(str(error)) from None
    missing = [e.label for e in chapter.runnable if e.label not in answers]
    if missing:
        raise GradingError(
            f"the exercises {', '.join(missing)} are missing: restore "
            "their text from the student edition and answer below it"
        )
    return chapter, answers


def check(chapter, answers_folder, reference_folder):
    """The tests of every runnable exercise, in a fresh interpreter."""
    labels = [exercise.label for exercise in chapter.runnable]
    result = subprocess.run(
        [sys.executable, "-m", "teaching.checks", str(answers_folder)]
        + [str(reference_folder), *labels],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return json.loads(result.stdout)


def run_chapter(chapter, answers, work, limits):
    """Run the chapter with these answers {label: {kind: sources}} in the
    sandbox; their values land in work/answers/<kind>/."""
    nb = grading_notebook(chapter, answers, "answers")
    work.parent.mkdir(parents=True, exist_ok=True)
    notebook = work.parent / f"{work.name}.ipynb"
    nbformat.write(nb, notebook)
    if work.exists():
        shutil.rmtree(work)
    return run_notebook(notebook, work, **limits)


def reference_values(chapter, out, limits):
    """The reference solutions' values, computed once per chapter: the
    folder holding reference/<label>.json."""
    folder = out / "reference" / chapter.path.stem
    done = folder / "reference"
    if done.exists():
        return folder
    answers = {e.label: {REFERENCE: e.solution} for e in chapter.runnable}
    work = out / "runs" / f"reference-{chapter.path.stem}"
    run = run_chapter(chapter, answers, work, limits)
    if run.ending != "finished":
        raise GradingError(
            f"the reference run of {chapter.path.name} {run.ending}: see "
            f"{work}.log"
        )
    shutil.copytree(work / "answers" / REFERENCE, done)
    return folder


def grade_submission(path, out, limits, expected=None):
    """Grade one notebook: Graded (never raises for a bad submission);
    `expected`, if given, is the chapter the course asked for."""
    student = Path(path).stem
    graded = Graded(student)
    try:
        submission = nbformat.read(path, as_version=4)
        chapter, answers = answers_of(submission)
        if expected and chapter.path != expected:
            raise GradingError(
                f"this is {chapter.path.stem}'s notebook, not "
                f"{expected.stem}'s"
            )
    except GradingError as error:
        graded.error = str(error)
        return graded
    except Exception as error:  # not JSON, not a notebook, unreadable
        graded.error = f"not a readable notebook ({type(error).__name__})"
        return graded
    graded.chapter = chapter.path.stem
    reference = reference_values(chapter, out, limits)
    tries = {
        e.label: {
            SUBMISSION: [
                c.source for c in answers[e.label] if c.cell_type == "code"
            ]
        }
        for e in chapter.runnable
    }
    work = out / "runs" / student
    run = run_chapter(chapter, tries, work, limits)
    graded.ending = run.ending
    graded.cases = check(chapter, work / "answers" / SUBMISSION, reference)
    write_manual(student, chapter, answers, out)
    return graded


def write_manual(student, chapter, answers, out):
    """The prose exercises and the student's answers, as an HTML page."""
    from nbconvert import HTMLExporter

    runnable = {exercise.label for exercise in chapter.runnable}
    cells = []
    for label in chapter.exercises:
        if label in runnable:
            continue
        cells.append(nbformat.v4.new_markdown_cell(f"## {label}"))
        cells += answers.get(label, [])
    if not cells:
        return
    nb = nbformat.v4.new_notebook(cells=cells)
    html, _ = HTMLExporter(exclude_input_prompt=True).from_notebook_node(nb)
    folder = out / "manual"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{student}.html").write_text(html, encoding="utf-8")


def rows(graded):
    """The CSV rows of a submission: one per exercise, or one error."""
    if graded.error:
        return [[graded.student, "", 0, 0, graded.error]]
    by_exercise = {}
    for case in graded.cases:
        by_exercise.setdefault(case["label"], []).append(case)
    table = []
    for label, cases in by_exercise.items():
        points = sum(case["points"] for case in cases)
        total = sum(case["max_points"] for case in cases)
        failed = [c["message"] for c in cases if c["points"] < c["max_points"]]
        message = "; ".join(failed) or "all tests passed"
        if graded.ending != "finished" and failed:
            message = f"(the run {graded.ending}) {message}"
        table.append([graded.student, label, points, total, message])
    return table


def feedback(graded):
    """What a student reads: every test's points and message."""
    if graded.error:
        return f"# {graded.student}\n\nNot graded: {graded.error}.\n"
    lines = [f"# {graded.student}: {graded.chapter}", ""]
    if graded.ending != "finished":
        lines += [f"Your notebook's run {graded.ending}.", ""]
    for row in rows(graded):
        lines.append(f"## {row[1]}: {row[2]:g} of {row[3]:g} points")
        for case in graded.cases:
            if case["label"] == row[1]:
                mark = "passed" if case["points"] else "failed"
                kind = "hidden" if case["hidden"] else "public"
                lines.append(
                    f"- {kind} test, {mark} ({case['points']:g}/"
                    f"{case['max_points']:g}): {case['message']}"
                )
        lines.append("")
    return "\n".join(lines)


def submissions_in(paths):
    found = []
    for path in map(Path, paths):
        found += sorted(path.glob("*.ipynb")) if path.is_dir() else [path]
    return found


def grade_all(paths, out, jobs=2, chapter=None, **limits):
    """Grade every submission, `jobs` at a time (of `chapter`, a path, if
    given); write the CSV and the feedback; return the Graded of each."""
    out = Path(out).resolve()
    (out / "feedback").mkdir(parents=True, exist_ok=True)
    submissions = submissions_in(paths)
    names = [path.stem for path in submissions]
    if len(set(names)) != len(names):
        raise GradingError("two submissions have the same file name")
    # the reference values first, once per chapter, before the workers
    # (none for another chapter's notebook: its row says it is not asked)
    for path in submissions:
        try:
            submitted, _ = answers_of(nbformat.read(path, as_version=4))
        except Exception:  # the submission's own row will say why
            continue
        if chapter is None or submitted.path == chapter:
            reference_values(submitted, out, limits)
    limits["threads"] = max(1, (os.cpu_count() or 1) // jobs)
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        results = list(
            pool.map(
                grade_submission,
                submissions,
                [out] * len(submissions),
                [limits] * len(submissions),
                [chapter] * len(submissions),
            )
        )
    with open(out / "grades.csv", "w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(
            ["student", "exercise", "points", "max_points", "message"]
        )
        for graded in results:
            writer.writerows(rows(graded))
    for graded in results:
        (out / "feedback" / f"{graded.student}.md").write_text(
            feedback(graded), encoding="utf-8"
        )
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("submissions", nargs="+")
    parser.add_argument("--chapter", help="the chapter asked for: 06, A1")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "grades")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--timeout", type=float, default=1800)
    parser.add_argument("--memory", type=float, default=6000, help="MB")
    parser.add_argument("--seed", type=int)
    arguments = parser.parse_args()
    if arguments.seed is not None:
        os.environ["VAEBOOK_SEED"] = str(arguments.seed)
    try:
        expected = arguments.chapter and chapter_path(arguments.chapter)
        results = grade_all(
            arguments.submissions,
            arguments.out,
            arguments.jobs,
            expected,
            timeout=arguments.timeout,
            memory_mb=arguments.memory,
        )
    except (GradingError, ChapterError, RuntimeError) as error:
        sys.exit(f"grade: {error}")
    for graded in results:
        table = rows(graded)
        points = sum(row[2] for row in table)
        total = sum(row[3] for row in table)
        print(f"{graded.student}: {points:g}/{total:g}", graded.error)
    print(f"grades in {arguments.out / 'grades.csv'}")


if __name__ == "__main__":
    main()
