"""A chapter's exercises and solutions, read from its notebook.

`read_chapter` splits a chapter into the cells a student may see, with a
stub cell in place of each runnable (gated) solution, and its runnable
exercises, whose hidden tests are the checks of their reference solutions
(`hidden_tests`). The directives are read by `teaching.book`.
"""

import ast
import json
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from teaching.book import (
    LABEL,
    ChapterError,
    exercise_number,
    glue_shown,
    glued_name,
    read,
    split_markdown,
)

STUB_TAG = "raises-exception"  # nbclient and nbval run on past the stub
COMMENT_WIDTH = 79
NO_BREAK = "\0"  # keeps a checked name on one comment line


@dataclass
class RunnableExercise:
    """An exercise whose solution runs code: what a student must answer."""

    label: str
    number: str = ""  # as the book prints it: "6.3"
    solution: list[str] = field(default_factory=list)  # code cells' sources
    tests: str = ""  # the hidden tests: the solution's checks
    checked: list[str] = field(default_factory=list)  # what the tests read
    stub: dict = field(default_factory=dict)  # the cell a student answers in


@dataclass
class Chapter:
    path: Path
    student: nbformat.NotebookNode  # the edition without solutions
    exercises: list[str]  # every exercise's label, in order
    runnable: list[RunnableExercise]


def read_chapter(path):
    """Split a chapter into the student edition's cells and its exercises."""
    path = Path(path)
    nb = read(path)
    exercises, solutions, cells = [], [], []
    gated, opened = None, []

    def on_directive(name, argument, block):
        if name == "exercise":
            label = LABEL.search(block)
            if not label:
                raise ChapterError(f"{path.name}: an exercise has no label")
            exercises.append(label.group(1))
        elif name == "solution-start":
            solutions.append(RunnableExercise(argument))
            opened.append(solutions[-1])

    for cell in nb.cells:
        if cell.cell_type != "markdown" and gated:
            solutions[-1].solution.append(cell.source)
        elif cell.cell_type != "markdown":
            cells.append(cell)
        else:
            text, gated = split_markdown(cell.source, gated, on_directive)
            if text == cell.source.strip():
                cells.append(cell)
            elif text:
                cells.append(shortened(cell, text))
            cells += opened  # the stubs' places
            opened.clear()
    if gated:
        raise ChapterError(f"{path.name}: {gated} has no solution-end")
    if not exercises:
        raise ChapterError(f"{path.name} has no exercises")

    runnable = [exercise for exercise in solutions if exercise.solution]
    for exercise in runnable:
        if exercise.label not in exercises:
            raise ChapterError(
                f"{path.name}: solution {exercise.label} answers no exercise"
            )
        order = exercises.index(exercise.label) + 1
        exercise.number = exercise_number(path, order)
        exercise.tests, exercise.checked = hidden_tests(exercise)
        exercise.stub = stub_cell(exercise)
    student = [
        cell.stub if isinstance(cell, RunnableExercise) else cell
        for cell in cells
        if not isinstance(cell, RunnableExercise) or cell.solution
    ]
    drop_glue(student, glue_shown(nb.cells) - glue_shown(student))
    nb.cells = student
    return Chapter(path, nb, exercises, runnable)


def drop_glue(cells, names):
    """Remove the glued values of these names (only solutions showed them)."""
    for cell in cells:
        if cell.cell_type == "code":
            cell.outputs = [
                output
                for output in cell.outputs
                if glued_name(output) not in names
            ]


def shortened(cell, text):
    """A Markdown cell with only `text` left, and the attachments it shows."""
    kept = nbformat.v4.new_markdown_cell(text, id=cell.id)
    kept.metadata = cell.metadata
    attachments = cell.get("attachments", {})
    kept.attachments = {
        name: data
        for name, data in attachments.items()
        if f"attachment:{name}" in text
    }
    return kept


def is_check(statement):
    """An assert, an `assert_*` call (np.testing), or a block holding one."""
    if isinstance(statement, ast.Assert):
        return True
    if isinstance(statement, ast.Expr) and isinstance(
        statement.value, ast.Call
    ):
        function = statement.value.func
        name = getattr(function, "attr", getattr(function, "id", ""))
        return name.startswith("assert_")
    blocks = (ast.For, ast.While, ast.If, ast.With, ast.Try)
    return isinstance(statement, blocks) and any(
        is_check(inner)
        for inner in ast.walk(statement)
        if isinstance(inner, ast.stmt) and inner is not statement
    )


def loaded(node):
    """Every name that `node` reads, in nested functions too."""
    return {
        n.id
        for n in ast.walk(node)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)
    }


def bound(node, nested=True):
    """The names `node` binds; with nested=False, not those local to the
    functions, lambdas and comprehensions inside it."""
    found, stack = set(), [node]
    scopes = (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp)
    scopes += (ast.GeneratorExp, ast.FunctionDef, ast.ClassDef)
    while stack:
        current = stack.pop()
        if isinstance(current, (ast.FunctionDef, ast.ClassDef)):
            found.add(current.name)
        elif isinstance(current, ast.Name) and isinstance(
            current.ctx, ast.Store
        ):
            found.add(current.id)
        elif isinstance(current, ast.arg):
            found.add(current.arg)
        elif isinstance(current, (ast.Import, ast.ImportFrom)):
            found |= {
                (alias.asname or alias.name).split(".")[0]
                for alias in current.names
            }
        if nested or not isinstance(current, scopes):
            stack.extend(ast.iter_child_nodes(current))
    return found


def assigned_names(statement):
    """The names an assignment binds, when it binds names only."""
    if not isinstance(statement, (ast.Assign, ast.AnnAssign)):
        return set()
    targets = (
        statement.targets
        if isinstance(statement, ast.Assign)
        else [statement.target]
    )
    if any(
        isinstance(node, (ast.Subscript, ast.Attribute))
        for target in targets
        for node in ast.walk(target)
    ):
        return set()
    return set().union(*(bound(target) for target in targets))


def hidden_tests(exercise):
    """The checks of a reference solution, and what they read of the answer.

    The tests are the solution's checks (asserts, np.testing.assert_* calls,
    and the loops and blocks that hold them), its imports, and the
    assignments of its check cells (code cells after the first that hold
    only checks, imports and assignments) that no later answer reads. The
    rest is the answer: a student's answer must compute what the tests read.
    """
    statements = []
    for cell, source in enumerate(exercise.solution):
        try:
            tree = ast.parse(source)
        except SyntaxError as error:
            raise ChapterError(f"{exercise.label}: {error}") from None
        kinds = [
            "check"
            if is_check(statement)
            else "import"
            if isinstance(statement, (ast.Import, ast.ImportFrom))
            else "assignment"
            if assigned_names(statement)
            else "answer"
            for statement in tree.body
        ]
        check_cell = cell > 0 and "check" in kinds and "answer" not in kinds
        statements += [
            [source, statement, kind, check_cell]
            for statement, kind in zip(tree.body, kinds)
        ]
    if not any(kind == "check" for _, _, kind, _ in statements):
        raise ChapterError(
            f"{exercise.label}: its solution has no checks (assert or "
            "np.testing.assert_*), so it cannot be graded"
        )
    for i in reversed(range(len(statements))):
        _, statement, kind, check_cell = statements[i]
        if kind == "assignment":
            read_later = any(
                assigned_names(statement) & loaded(later[1])
                for later in statements[i + 1 :]
                if later[2] == "answer"
            )
            test = check_cell and not read_later
            statements[i][2] = "test" if test else "answer"
    tests = "\n".join(
        ast.get_source_segment(source, statement)
        for source, statement, kind, _ in statements
        if kind != "answer"
    )
    answer = [s for _, s, kind, _ in statements if kind == "answer"]
    checked = checked_names(ast.parse(tests), answer)
    if not checked:
        raise ChapterError(
            f"{exercise.label}: its checks read nothing that its answer "
            "computes, so they cannot test a student's answer"
        )
    return tests, checked


def checked_names(tests, answer):
    """What of the answer the tests read, as a student would write it.

    `held_out[8]["loss"]` where the tests use constant keys only, a function
    with its arguments, otherwise the name; and the entries the answer adds
    to the chapter's dictionaries.
    """
    defined = set().union(*(bound(s, nested=False) for s in answer))
    free = defined - bound(tests)
    functions = {
        s.name: f"{s.name}({', '.join(a.arg for a in s.args.args)})"
        for s in answer
        if isinstance(s, ast.FunctionDef)
    }
    parents = {
        child: node
        for node in ast.walk(tests)
        for child in ast.iter_child_nodes(node)
    }
    uses = {}
    for node in ast.walk(tests):
        if isinstance(node, ast.Name) and node.id in free:
            text, top = node.id, node
            while (
                isinstance(parents.get(top), ast.Subscript)
                and parents[top].value is top
                and isinstance(parents[top].slice, ast.Constant)
            ):
                top = parents[top]
                text += f"[{constant(top.slice)}]"
            uses.setdefault(node.id, set()).add(text)
    checked = []
    for name, texts in sorted(uses.items()):
        if name in functions:
            checked.append(functions[name])
        elif name in texts:
            checked.append(name)
        else:
            checked += sorted(
                t
                for t in texts
                if not any(u.startswith(t + "[") for u in texts)
            )
    for statement in answer:  # entries added to the chapter's dictionaries
        for target in getattr(statement, "targets", []):
            if (
                isinstance(target, ast.Subscript)
                and isinstance(target.value, ast.Name)
                and target.value.id not in defined
                and isinstance(target.slice, ast.Constant)
            ):
                checked.append(f"{target.value.id}[{constant(target.slice)}]")
    return checked


def constant(node):
    """A dictionary key as the book writes it: double quotes for text."""
    return json.dumps(node.value, ensure_ascii=False)


def stub_cell(exercise):
    """The code cell a student answers in: what the hidden tests check, and
    an error until the answer replaces it."""
    unbroken = [item.replace(" ", NO_BREAK) for item in exercise.checked]
    text = (
        f"Exercise {exercise.number}: your answer to the exercise above goes "
        "here (add cells below it as you need). The hidden tests check: "
        f"{', '.join(unbroken)}."
    )
    lines = textwrap.wrap(
        text,
        COMMENT_WIDTH - 2,
        break_long_words=False,
        break_on_hyphens=False,
    )
    message = (
        f"Exercise {exercise.number} ({exercise.label}) is not solved yet"
    )
    source = "\n".join(f"# {line}" for line in lines).replace(NO_BREAK, " ")
    source += f'\nraise NotImplementedError(\n    "{message}"\n)'
    cell = nbformat.v4.new_code_cell(source, id=f"stub-{exercise.label}")
    cell.metadata["tags"] = [STUB_TAG]
    return cell
