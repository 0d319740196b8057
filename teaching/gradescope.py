"""Build otter-grader assignments from the chapters: student notebooks with
`grader.check` cells, and autograder zips that Gradescope accepts as is.

    python -m teaching.gradescope [CHAPTER ...] [--out FOLDER]

For each chapter with runnable exercises (default: all), it writes otter's
master notebook, <out>/<chapter>/master/<chapter>.ipynb: the student
edition's cells, and at each runnable exercise a question whose solution is
the reference (the stub's text above it, which students keep) and whose
tests are the exercise's test file, teaching/exercise_tests/<label>.py,
cell by cell. Then it runs `otter assign`, which writes
<out>/<chapter>/dist/student/<chapter>.ipynb (the chapter's outputs are put
back, which otter strips) and the autograder zip in
<out>/<chapter>/dist/autograder/. The zip carries the package vaebook, the
reference solutions' values (reference/<label>.json, computed here on the
grading backend, in the sandbox) and teaching/exercise_values.py, which the
hidden tests read them with.

On Gradescope, otter runs the tests in the student's own kernel, as it
always does: a student who writes code to cheat can pass them there. For
grading that cannot be tampered with, use teaching.grade (a sandbox per
submission, the tests outside it).
"""

import argparse
import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import yaml

from teaching.book import ROOT, ChapterError, chapter_path, chapters
from teaching.checks import test_path
from teaching.exercises import read_chapter
from teaching.grade import reference_values

REQUIREMENTS = [
    "tensorflow>=2.18,<2.21",
    "keras>=3.8,<4",
    "numpy>=1.26,<3",
    "scipy>=1.11,<2",
    "matplotlib>=3.8,<4",
    "mlxtend>=0.23,<1",
    "scikit-learn>=1.3,<2",
]
TEST_CONFIG = ("points", "hidden", "success_message", "failure_message")


def raw(text):
    return nbformat.v4.new_raw_cell(text)


def test_cells(label):
    """The test file's cases as otter test cells: a config block, the
    function without its decorator, and its call."""
    source = test_path(label).read_text(encoding="utf-8")
    cells = []
    for node in ast.parse(source).body:
        if not isinstance(node, ast.FunctionDef):
            continue
        (decorator,) = node.decorator_list
        config = {
            keyword.arg: ast.literal_eval(keyword.value)
            for keyword in decorator.keywords
            if keyword.arg in TEST_CONFIG
        }
        node.decorator_list = []
        arguments = ", ".join(a.arg for a in node.args.args)
        header = yaml.safe_dump(config, sort_keys=False, width=1000)
        cells.append(
            nbformat.v4.new_code_cell(
                f'""" # BEGIN TEST CONFIG\n{header}""" # END TEST CONFIG\n'
                f"{ast.unparse(node)}\n\n{node.name}({arguments})"
            )
        )
    return cells


def points(label):
    source = test_path(label).read_text(encoding="utf-8")
    return sum(
        ast.literal_eval(keyword.value)
        for node in ast.parse(source).body
        if isinstance(node, ast.FunctionDef)
        for keyword in node.decorator_list[0].keywords
        if keyword.arg == "points"
    )


def solution_cell(exercise):
    """The stub's text, which students keep, then the reference solution,
    which otter replaces by `...` for them."""
    comments = "\n".join(
        line
        for line in exercise.stub.source.splitlines()
        if line.startswith("#")
    )
    code = "\n\n".join(exercise.solution)
    return nbformat.v4.new_code_cell(
        f"{comments}\n# BEGIN SOLUTION\n{code}\n# END SOLUTION"
    )


def config(chapter, files):
    return "# ASSIGNMENT CONFIG\n" + yaml.safe_dump(
        {
            "name": chapter.path.stem,
            "requirements": REQUIREMENTS,
            "files": files["files"],
            "autograder_files": files["autograder_files"],
            "python_version": "3.11",
            "run_tests": False,
            "export_cell": False,
            "init_cell": True,
            "check_all_cell": False,
            "tests": {"files": True, "ok_format": False},
            "generate": {"show_stdout": False, "pdf": False},
        },
        sort_keys=False,
    )


def master_notebook(chapter, files):
    stubs = {exercise.stub.id: exercise for exercise in chapter.runnable}
    cells = [raw(config(chapter, files))]
    for cell in chapter.student.cells:
        exercise = stubs.get(cell.get("id"))
        if exercise is None:
            cells.append(cell)
            continue
        cells.append(
            raw(
                f"# BEGIN QUESTION\nname: {exercise.label}\n"
                f"points: {points(exercise.label)}"
            )
        )
        cells += [raw("# BEGIN SOLUTION"), solution_cell(exercise)]
        cells += [raw("# END SOLUTION"), raw("# BEGIN TESTS")]
        cells += test_cells(exercise.label)
        cells += [raw("# END TESTS"), raw("# END QUESTION")]
    nb = nbformat.v4.new_notebook(metadata=chapter.student.metadata)
    nb.cells = cells
    return nb


def stage_files(chapter, master_folder, grades):
    """Copy what grading needs next to the master notebook; return otter's
    files and autograder_files lists (paths relative to the master)."""
    shutil.copytree(
        ROOT / "vaebook",
        master_folder / "vaebook",
        ignore=shutil.ignore_patterns("__pycache__"),
        dirs_exist_ok=True,
    )
    kit = master_folder / "teaching"
    kit.mkdir(exist_ok=True)
    (kit / "__init__.py").write_text('"""Values for the hidden tests."""\n')
    shutil.copy(ROOT / "teaching" / "exercise_values.py", kit)
    reference = reference_values(chapter, grades, {})
    shutil.copytree(
        reference / "reference",
        master_folder / "reference",
        dirs_exist_ok=True,
    )
    autograder = ["teaching/__init__.py", "teaching/exercise_values.py"]
    autograder += [
        f"reference/{exercise.label}.json" for exercise in chapter.runnable
    ]
    return {"files": ["vaebook"], "autograder_files": autograder}


def restore_outputs(student_path, chapter):
    """Put the chapter's stored outputs back (otter strips them all)."""
    outputs = {
        cell.id: cell.outputs
        for cell in chapter.student.cells
        if cell.cell_type == "code"
    }
    nb = nbformat.read(student_path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.get("id") in outputs:
            cell.outputs = outputs[cell.id]
    nbformat.write(nb, student_path)


def build(path, out):
    chapter = read_chapter(path)
    if not chapter.runnable:
        return None
    folder = out / path.stem
    if folder.exists():
        shutil.rmtree(folder)
    master_folder = folder / "master"
    master_folder.mkdir(parents=True)
    files = stage_files(chapter, master_folder, out / "grading")
    master = master_folder / path.name
    nbformat.write(master_notebook(chapter, files), master)
    dist = folder / "dist"
    otter = Path(sys.executable).parent / "otter"
    result = subprocess.run(
        [str(otter), "assign", str(master), str(dist), "--no-run-tests"],
        capture_output=True,
        text=True,
    )
    if result.returncode:
        raise ChapterError(f"otter assign failed:\n{result.stderr[-2000:]}")
    restore_outputs(dist / "student" / path.name, chapter)
    (zip_file,) = (dist / "autograder").glob("*.zip")
    return dist / "student" / path.name, zip_file


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("chapters", nargs="*", help="default: every chapter")
    parser.add_argument(
        "--out", type=Path, default=ROOT / "_build" / "gradescope"
    )
    arguments = parser.parse_args()
    try:
        paths = [chapter_path(c) for c in arguments.chapters] or chapters()
        for path in paths:
            built = build(path, arguments.out.resolve())
            if built:
                print(json.dumps([str(p) for p in built]))
    except (ChapterError, RuntimeError) as error:
        sys.exit(f"gradescope: {error}")


if __name__ == "__main__":
    main()
