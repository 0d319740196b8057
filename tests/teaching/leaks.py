"""Where a solution could leak into what a student gets: found with regular
expressions, independently of teaching.exercises' parser, so that a region
it missed would show."""

import json
import re


def solution_parts(nb):
    """(solution prose, solution code, everything else) of a book notebook.

    Found here with regular expressions, independently of the generator's
    parser, so that a region it missed would show.
    """
    prose = re.compile(r"^(`{3,})\{solution\}.*?^\1[ \t]*$", re.S | re.M)
    gate = re.compile(
        r"^`{3,}\{solution-(start|end)\}.*?^`{3,}[ \t]*$", re.S | re.M
    )
    solution_prose, solution_code, rest = [], [], []
    inside = False
    for cell in nb.cells:
        if cell.cell_type == "code":
            (solution_code if inside else rest).append(cell.source)
            continue
        solution_prose += [m.group() for m in prose.finditer(cell.source)]
        pieces = gate.split(prose.sub("", cell.source))
        for n, piece in enumerate(pieces):
            if n % 2 == 1:
                inside = piece == "start"
            else:
                (solution_prose if inside else rest).append(piece)
    return solution_prose, solution_code, "\n".join(rest)


def normalized(text):
    return re.sub(r"\s+", " ", text).strip()


def leaked_solution(nb, text):
    """Sentences and code lines of nb's solutions (and nowhere else in nb)
    that `text` contains."""
    solution_prose, solution_code, rest = solution_parts(nb)
    rest, text = normalized(rest), normalized(text)
    sentences = [
        sentence
        for part in solution_prose
        for sentence in re.split(r"(?<=[.?!])\s+", normalized(part))
        if len(sentence) >= 30
    ]
    lines = [
        line.strip()
        for code in solution_code
        for line in code.splitlines()
        if len(line.strip()) >= 20
    ]
    return [s for s in sentences + lines if s not in rest and s in text]


def everything(nb):
    """All of a notebook's text: sources, metadata, attachments, outputs."""
    parts = [json.dumps(nb.metadata)]
    for cell in nb.cells:
        parts += [cell.source, json.dumps(cell.metadata)]
        parts.append(json.dumps(cell.get("attachments", {})))
        parts += [
            json.dumps(o, ensure_ascii=False) for o in cell.get("outputs", [])
        ]
        parts += [o.get("text", "") for o in cell.get("outputs", [])]
        parts += [
            str(value)
            for o in cell.get("outputs", [])
            for value in o.get("data", {}).values()
        ]
    return "\n".join(parts)
