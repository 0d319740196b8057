"""Numbers for the prose: MyST-NB's glue without Sphinx (chapter 05).

`myst_nb.glue` imports Sphinx and docutils on its first call, about 3 s of
every chapter's run. This `glue` writes the same output, in MyST-NB's
format (the value's display data, its keys prefixed when the value is not
shown, and a "scrapbook" entry in the metadata), which the book's build
reads; tests/unit/test_glue.py compares the two.
"""

from IPython.core.formatters import format_display_data
from IPython.display import display as ipy_display

HIDDEN_PREFIX = "application/papermill.record/"  # MyST-NB's GLUE_PREFIX


def glue(name, variable, display=True):
    """Store how `variable` displays under `name`, for {glue:text}`name`
    in the prose; `display=False` keeps it off the page."""
    mimebundle, metadata = format_display_data(variable)
    prefix = "" if display else HIDDEN_PREFIX
    metadata["scrapbook"] = {"name": name, "mime_prefix": prefix}
    ipy_display(
        {prefix + key: value for key, value in mimebundle.items()},
        raw=True,
        metadata=metadata,
    )
