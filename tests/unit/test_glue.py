"""vaebook.glue writes exactly what MyST-NB's glue writes."""

import myst_nb.ext.glue as myst_glue
import pytest

from vaebook import glue as book_glue


def displayed(module, monkeypatch, *arguments):
    calls = []
    monkeypatch.setattr(
        module, "ipy_display", lambda *a, **k: calls.append((a, k))
    )
    module.glue(*arguments)
    return calls


@pytest.mark.parametrize("value", [186.24, 7, "2 -> 8", [1.5, 2.0]])
@pytest.mark.parametrize("shown", [True, False])
def test_same_output_as_myst_nb(monkeypatch, value, shown):
    ours = displayed(book_glue, monkeypatch, "val_loss", value, shown)
    theirs = displayed(myst_glue, monkeypatch, "val_loss", value, shown)
    assert ours == theirs and len(ours) == 1


def test_same_prefix_as_myst_nb():
    assert book_glue.HIDDEN_PREFIX == myst_glue.GLUE_PREFIX
