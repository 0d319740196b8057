"""Data for the website's live figures (chapter 06).

A hidden cell of chapters 06, 12 and 13 passes the arrays and values a
figure needs; book/_ext/widgets.py reads the output and writes the page's
data script.
"""

import base64

import numpy as np
from IPython.display import display

MIME = "application/vnd.vaebook.widget+json"


def show_widget_data(widget, arrays, **values):
    """Display `arrays` (as little-endian float16, base64) and JSON `values`
    for the live figure `widget` ("chNN-<kind>")."""
    packed = {
        key: [
            list(np.shape(array)),
            base64.b64encode(np.asarray(array, "<f2").tobytes()).decode(),
        ]
        for key, array in arrays.items()
    }
    payload = {"widget": widget, "arrays": packed, "values": values}
    display({MIME: payload}, raw=True)
