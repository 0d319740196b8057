"""One symbol, one meaning: the notation of the preface's table, and no
retired form of it, in the prose of every page.

The prose is the Markdown of the notebooks and the pages under book/. Code
(fenced blocks and inline spans) is left out, and so are quotations of the
seeds, 「…」, which keep the seeds' own symbols.
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
PAGES = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
    (ROOT / "book").glob("*.md")
)

# (what is retired, the pattern that finds it, the chapters it applies to:
# a notebook's number such as "14", or None for every page)
RETIRED = [
    ("D_{KL}: write D_{\\mathrm{KL}}", r"D_\{\s*K\s*L\s*\}", None),
    (
        "a variance called v: v is a log-variance; a variance is sigma^2",
        r"(?<!log-)\bvariances?\s+\$?\s*v(?![A-Za-z])",
        None,
    ),
    (
        "q = N(m, v): write N(mu, sigma^2)",
        r"\\mathcal\s*\{?N\}?\s*\(\s*m(_\w+)?\s*,\s*v",
        None,
    ),
    (
        "N(m, v): write N(mu, sigma^2)",
        r"(?<!\\mathcal )\bN\(m, v\)",
        None,
    ),
    (
        "n draws: the number of Monte Carlo draws is S",
        r"\bover\s+\$?n\$?\s+draws",
        None,
    ),
    (
        "lambda for the free-bits floor: it is kappa (lambda is a pixel's "
        "Bernoulli parameter)",
        r"(\\lambda|λ)\s*=\s*[0-9.]+\$?\s*nats?\b",
        None,
    ),
    (
        "N for an evaluation set's size: it is M (N is the training set's)",
        r"\$N\$\s+held-out|\$N\s*=\s*1\{?,\}?000\$\s+held-out",
        None,
    ),
    (
        "k as a mixture index (k counts importance samples)",
        r"\\mid\s*x_k\)",
        None,
    ),
    (
        "ell for the mixture's logits: they are alpha_m",
        r"\\ell(?![A-Za-z])|ℓ",
        "14",
    ),
    (
        "softmax of eta or ell: the mixture's logits are alpha_m (eta is "
        "the decoder's logits)",
        r"softmax\}?\s*\(\s*\\(eta|ell)(?![A-Za-z])",
        None,
    ),
]

FENCE = re.compile(r"^\s*(`{3,}|~{3,})(.*)$")
INLINE_CODE = re.compile(r"`[^`\n]+`")
QUOTATION = re.compile(r"「(?:[^」\n]|\n(?!\s*\n))*」")  # within a paragraph
KL_OPENING = re.compile(
    r"D_\{\\mathrm\{KL\}\}\s*(?:\\left|\\bigl|\\big|\\Bigl|\\Big)?\s*[(\[]"
)


def prose(path):
    """The page's Markdown without code and without seed quotations."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        text = "\n\n".join(
            "".join(cell["source"])
            for cell in cells
            if cell["cell_type"] == "markdown"
        )
    else:
        text = path.read_text(encoding="utf-8")
    text = without_code_blocks(text)
    for pattern in (INLINE_CODE, QUOTATION):
        text = pattern.sub(" ", text)
    return text


def without_code_blocks(text):
    """The text without its fenced code blocks; the content of a directive
    (a fence whose info string starts with "{") is prose and stays."""
    kept, open_fences = [], []  # (fence, holds code)
    for line in text.split("\n"):
        fence = FENCE.match(line)
        if fence:
            marker, info = fence.group(1), fence.group(2).strip()
            top = open_fences[-1][0] if open_fences else ""
            closes = top[:1] == marker[0] and len(marker) >= len(top)
            if open_fences and closes and not info:
                open_fences.pop()
                continue
            if not (open_fences and open_fences[-1][1]):
                open_fences.append((marker, not info.startswith("{")))
                continue
        if not any(code for _, code in open_fences):
            kept.append(line)
    return "\n".join(kept)


def kl_arguments(text):
    """The bracketed argument of every D_{\\mathrm{KL}}(...) or [...]."""
    for match in KL_OPENING.finditer(text):
        depth, start = 1, match.end()
        for end in range(start, min(len(text), start + 400)):
            depth += text[end] in "([{"
            depth -= text[end] in ")]}"
            if depth == 0:
                yield text[start:end]
                break


def retired_forms(path, text):
    """(what, excerpt) for each retired form in `text`, the prose of
    `path`."""
    chapter = path.stem.split("_")[0]
    found = []
    for what, pattern, only in RETIRED:
        if only is not None and chapter != only:
            continue
        for match in re.finditer(pattern, text):
            excerpt = text[max(0, match.start() - 30) : match.end() + 30]
            found.append((what, " ".join(excerpt.split())))
    for argument in kl_arguments(text):
        if "\\|" in argument:
            found.append(("\\| inside a KL: write \\,\\Vert\\,", argument))
    return found


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.stem)
def test_no_retired_notation(path):
    found = retired_forms(path, prose(path))
    assert not found, "; ".join(
        f"{what}: …{excerpt}…" for what, excerpt in found
    )


def test_the_reader_finds_each_retired_form():
    page = Path("14_example.ipynb")
    samples = [
        r"$D_{KL}(q \,\Vert\, p)$",
        r"a posterior with variance $v_j = 1/(1 + \gamma_j)$",
        r"$q = \mathcal N(m, v)$",
        r"the toy q = N(m, v)",
        r"averaged over $n$ draws",
        r"a floor of $\lambda = 1$ nat",
        r"the $N$ held-out images",
        r"$\frac1N \sum_k q_\phi(z \mid x_k)$",
        r"mixture logits $\ell_m$",
        r"$\pi = \operatorname{softmax}(\eta)$",
        r"$D_{\mathrm{KL}}(q_\phi(z \mid x) \,\|\, p(z))$",
    ]
    for sample in samples:
        assert retired_forms(page, sample), sample
    kept = [
        r"$D_{\mathrm{KL}}(q_\phi \,\Vert\, p(z)) + \|x - \mu\|^2$",
        r"the log-variance $v = \ln \sigma^2$",
        r"$q = \mathcal N(\mu, \sigma^2)$ with $S$ draws",
        r"the floor $\kappa = 1$ nat; `lambda = 1 nat` in code",
        r"「$D_{KL}[q(Z|X)||p(Z)]$」, the seed's own symbols",
    ]
    for sample in kept:
        text = sample
        for pattern in (INLINE_CODE, QUOTATION):
            text = pattern.sub(" ", text)
        assert not retired_forms(page, text), sample
    page_text = (
        "```{admonition} A note\n$D_{KL}$ in a directive is prose\n```\n\n"
        "```python\nkl = 'D_{KL}'  # code\n```\n\nthe variance $v$ here"
    )
    found = retired_forms(page, without_code_blocks(page_text))
    assert [what[:6] for what, _ in found] == ["D_{KL}", "a vari"]
