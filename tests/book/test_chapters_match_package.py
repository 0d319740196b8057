"""One source of truth: code a chapter teaches is the code `vaebook` ships.

A chapter shows a reusable piece in a code cell whose first line is
`# Saved in vaebook/<module>.py`; every function, class and constant defined
in that cell must be identical (same syntax tree, docstrings included) to the
module's definition.
"""

import ast
import importlib
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).parents[2] / "notebooks").glob("*.ipynb"))
MARKER = re.compile(r"#\s*Saved in vaebook/(\w+)\.py")
DEFINITIONS = (ast.FunctionDef, ast.ClassDef, ast.Assign)


def saved_cells():
    for path in NOTEBOOKS:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for index, cell in enumerate(cells):
            source = "".join(cell["source"])
            match = MARKER.match(source)
            if cell["cell_type"] == "code" and match:
                yield pytest.param(
                    source, match.group(1), id=f"{path.stem}-cell{index}"
                )


def definition_names(node):
    if isinstance(node, ast.Assign):
        return [
            target.id
            for target in node.targets
            if isinstance(target, ast.Name)
        ]
    return [node.name]


def module_definitions(module_name):
    module = importlib.import_module(f"vaebook.{module_name}")
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    return {
        name: node
        for node in tree.body
        if isinstance(node, DEFINITIONS)
        for name in definition_names(node)
    }


@pytest.mark.parametrize(("source", "module_name"), list(saved_cells()))
def test_saved_cell_matches_module(source, module_name):
    cell_definitions = [
        node
        for node in ast.parse(source).body
        if isinstance(node, DEFINITIONS)
    ]
    assert cell_definitions, (
        f"a '# Saved in vaebook/{module_name}.py' cell defines nothing"
    )
    in_module = module_definitions(module_name)
    for node in cell_definitions:
        for name in definition_names(node):
            assert name in in_module, (
                f"{name} is taught in a chapter but missing from "
                f"vaebook/{module_name}.py"
            )
            assert ast.dump(node) == ast.dump(in_module[name]), (
                f"{name}: the chapter's code and vaebook/{module_name}.py "
                "have drifted apart"
            )


def test_every_public_definition_of_the_package_is_taught_in_a_chapter():
    taught = set()
    for param in saved_cells():
        source, module_name = param.values
        for node in ast.parse(source).body:
            if isinstance(node, DEFINITIONS):
                taught.update(
                    (module_name, name) for name in definition_names(node)
                )
    package = Path(__file__).parents[2] / "vaebook"
    untaught = [
        f"vaebook/{path.name}: {name}"
        for path in sorted(package.glob("[!_]*.py"))
        for name in module_definitions(path.stem)
        if not name.startswith("_")
        and not name.isupper()
        and (path.stem, name) not in taught
    ]
    assert not untaught, f"package code that no chapter teaches: {untaught}"


CHAPTERS_NAMED = re.compile(r"\((?:chapters?|appendix) ([^)]*)\)")


def test_module_docstrings_name_the_chapters_that_teach_them():
    teaching = {}
    for param in saved_cells():
        chapter = param.id.split("_")[0]
        teaching.setdefault(param.values[1], set()).add(chapter)
    package = Path(__file__).parents[2] / "vaebook"
    listing = (package / "__init__.py").read_text(encoding="utf-8")
    for path in sorted(package.glob("[!_]*.py")):
        assert f"``{path.stem}``" in listing, f"__init__ omits {path.stem}"
        first_line = ast.get_docstring(ast.parse(path.read_text())).split(
            "\n"
        )[0]
        named = CHAPTERS_NAMED.search(first_line)
        assert named, f"{path.name}: its docstring names no chapter"
        chapters = set(re.findall(r"\b(?:\d\d|A\d)\b", named.group(1)))
        assert chapters == teaching.get(path.stem, set()), (
            f"{path.name} names chapters {sorted(chapters)}; cells saving "
            f"to it are in {sorted(teaching.get(path.stem, set()))}"
        )


def test_marker_parser_finds_a_drifted_definition():
    drifted = (
        "# Saved in vaebook/data.py\n"
        "def to_unit_interval(images):\n"
        "    return images\n"
    )
    (node,) = ast.parse(drifted).body
    assert ast.dump(node) != ast.dump(
        module_definitions("data")["to_unit_interval"]
    )
