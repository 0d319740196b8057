"""Figures a reader can touch: the chapters' trained models, live in the page.

A chapter stores what its live figure needs as the one output of a hidden
cell (tags remove-cell and nbval-ignore-output), displayed with the MIME type
application/vnd.vaebook.widget+json:

    {"widget": "ch06-latent-explorer",
     "arrays": {key: [shape, base64 of the float16 values], ...},
     "values": {key: any JSON value, ...}}            (optional)

For every page that has such an output, an HTML build

- converts the arrays for the site: each large weight matrix (keys w1, w2,
  ... with at least QUANTIZE_MIN entries) to int8 with one float32 scale per
  output column, rounded so that the layer's outputs stay close rather than
  each weight (GPTQ, Frantar et al. 2022, on the hidden values of a grid over
  the plane the page shows; over such a grid the decoder means of chapters
  06 and 13 moved by at most 0.005, against 0.04 with plain rounding);
  arrays of 0s and 1s to bits; integers 0-255 to bytes; other arrays within
  [0, 1] to 8-bit levels; the rest stays float16. Keys ending in "_fixed"
  are the chapter's reference values for the tests
  (tests/site/test_widgets.py) and stay out of the site;
- writes _static/widgets/<widget>.data.js, a script that assigns
  window.VAEBOOK_WIDGET_DATA["<widget>"]: a script, not a JSON file to fetch,
  so that the page works from file://, where fetch() is refused;
- adds to that page only: widgets/widgets.css, widgets/common.js,
  widgets/<kind>.js (the widget's name without its "chNN-" prefix) and the
  data file, loaded async: a widget starts as soon as its page element and
  its scripts are there, not after MathJax;
- drops the output from the page's download (_sources/*.ipynb), where it
  would only add weight (running the chapter writes it again).

The figure appears where the chapter's Markdown has the placeholder

    ```{raw} html
    <div class="vaebook-widget" data-widget="ch06-latent-explorer"></div>
    ```

A placeholder without data, data without a placeholder, a widget without its
script, or the output in a cell not tagged remove-cell is a warning (the book
builds with -W). The removed cell is never rendered, so MyST-NB never meets
the custom MIME type. The build log says what the quantization costs in pixel
values: the largest change of a decoder mean over a grid of the plane finer
than the one the rounding was fitted on.
"""

import base64
import json
import re
from pathlib import Path

import numpy as np
from docutils import nodes
from sphinx.util import logging

MIME = "application/vnd.vaebook.widget+json"
QUANTIZE_MIN = 4096
PLACEHOLDER = re.compile(
    r'<div\b[^>]*\bclass="[^"]*\bvaebook-widget\b[^"]*"[^>]*>'
)
WIDGET_NAME = re.compile(r'\bdata-widget="([a-z0-9-]+)"')
ASYNC = {"async": "async"}
STATIC = Path(__file__).resolve().parents[1] / "_static" / "widgets"

logger = logging.getLogger(__name__)


def widget_outputs(notebook):
    """(cell index, cell tags, payload) of every widget output, in order."""
    found = []
    for index, cell in enumerate(notebook.get("cells", [])):
        for output in cell.get("outputs", []):
            payload = output.get("data", {}).get(MIME)
            if payload is not None:
                tags = cell.get("metadata", {}).get("tags", [])
                found.append((index, tags, payload))
    return found


def kind(widget):
    """The widget's script: its name without the chapter, ch06-x -> x."""
    return re.sub(r"^ch\d+-", "", widget)


def unpack(packed):
    """[shape, base64 of float16] -> a float32 array of that shape."""
    shape, data = packed
    values = np.frombuffer(base64.b64decode(data), dtype="<f2")
    return values.astype(np.float32).reshape(shape)


def b64(array):
    return base64.b64encode(np.ascontiguousarray(array).tobytes()).decode()


def network_keys(arrays):
    """The decoder's arrays in layer order: w1, b1, w2, b2, ..."""
    keys = []
    for layer in range(1, 100):
        if f"w{layer}" not in arrays:
            break
        keys += [f"w{layer}", f"b{layer}"]
    return keys


def plane_extent(codes):
    """Half the side of the square the page shows: it holds every code."""
    return max(3.0, float(np.ceil(np.abs(codes).max() * 1.05 * 2) / 2))


def decoder_inputs(first_weights, codes, steps):
    """A grid of steps x steps codes over the page's square, with every
    label appended one-hot when the decoder is conditional (its first layer
    has more inputs than the code has dimensions)."""
    latent = codes.shape[1]
    extent = plane_extent(codes)
    axis = np.linspace(-extent, extent, steps)
    grid = np.stack(np.meshgrid(*[axis] * latent), -1).reshape(-1, latent)
    labels = first_weights.shape[0] - latent
    if labels == 0:
        return grid
    one_hot = np.repeat(np.eye(labels), len(grid), axis=0)
    return np.concatenate([np.tile(grid, (labels, 1)), one_hot], axis=1)


def decoder_means(weights, inputs):
    """sigmoid of a dense ReLU network: w1, b1, w2, b2, ... in order."""
    hidden = np.asarray(inputs, dtype=np.float64)
    count = len(weights) // 2
    for layer in range(count):
        w, b = weights[2 * layer], weights[2 * layer + 1]
        hidden = hidden @ np.asarray(w, np.float64) + b
        if layer < count - 1:
            hidden = np.maximum(hidden, 0)
    return 1 / (1 + np.exp(-hidden))


def quantize_columns(weights, inputs=None, damping=0.01):
    """int8 weights and one float32 scale per output column (symmetric),
    weights ~= q * scale. Given the layer's typical inputs (rows), rounded
    one input row after another with the error of each row compensated by
    the rows still to come (GPTQ, Frantar et al. 2022): the outputs, not the
    weights, stay close. Without inputs: rounded to the nearest level."""
    weights = np.asarray(weights, dtype=np.float64)
    largest = np.abs(weights).max(axis=0)
    scale = np.where(largest > 0, largest / 127, 1).astype(np.float32)
    if inputs is None:
        q = np.clip(np.rint(weights / scale), -127, 127)
        return q.astype(np.int8), scale
    hessian = inputs.T @ inputs
    dead = np.diag(hessian) == 0
    hessian[dead, dead] = 1
    hessian += damping * np.mean(np.diag(hessian)) * np.eye(len(hessian))
    inverse = np.linalg.cholesky(np.linalg.inv(hessian)).T
    remaining = weights.copy()
    q = np.zeros(weights.shape, dtype=np.int8)
    for row in range(len(weights)):
        q[row] = np.clip(np.rint(remaining[row] / scale), -127, 127)
        error = (remaining[row] - q[row] * scale) / inverse[row, row]
        remaining[row + 1 :] -= np.outer(inverse[row, row + 1 :], error)
    return q, scale


def site_array(array):
    """A data array as the site stores it: a JSON-ready dict."""
    spec = {"shape": list(array.shape)}
    if array.size and np.all((array == 0) | (array == 1)):
        bits = np.packbits(array.reshape(-1).astype(np.uint8))
        spec.update(encoding="bits", data=b64(bits))
    elif (
        array.size
        and np.all(array == np.rint(array))
        and (0 <= array.min() and array.max() <= 255)
    ):
        spec.update(encoding="uint8", data=b64(array.astype(np.uint8)))
    elif array.size and array.min() >= 0 and array.max() <= 1:
        levels = np.rint(array * 255).astype(np.uint8)
        spec.update(encoding="unorm8", data=b64(levels))
    else:
        spec.update(encoding="float16", data=b64(array.astype("<f2")))
    return spec


def site_network(arrays, steps=41):
    """The decoder's layers for the site: large matrices to int8 (GPTQ on
    the hidden values of a grid over the page's square), the rest float16."""
    keys = network_keys(arrays)
    inputs = None
    if keys and "codes" in arrays:
        inputs = decoder_inputs(arrays["w1"], arrays["codes"], steps)
    site = {}
    for layer in range(len(keys) // 2):
        w, b = arrays[keys[2 * layer]], arrays[keys[2 * layer + 1]]
        if w.ndim == 2 and w.size >= QUANTIZE_MIN:
            q, scale = quantize_columns(w, inputs)
            site[keys[2 * layer]] = {
                "shape": list(w.shape),
                "encoding": "int8-columns",
                "data": b64(q),
                "scale": b64(scale),
            }
        else:
            site[keys[2 * layer]] = site_array(w)
        site[keys[2 * layer + 1]] = site_array(b)
        if inputs is not None:
            inputs = np.maximum(inputs @ w.astype(np.float64) + b, 0)
    return site


def dequantized(spec):
    """The array a site spec holds, as the page decodes it (float64)."""
    data = base64.b64decode(spec["data"])
    shape = spec["shape"]
    size = int(np.prod(shape))
    if spec["encoding"] == "int8-columns":
        q = np.frombuffer(data, dtype=np.int8).reshape(shape)
        scale = np.frombuffer(base64.b64decode(spec["scale"]), "<f4")
        return q.astype(np.float64) * scale.astype(np.float64)
    if spec["encoding"] == "bits":
        bits = np.unpackbits(np.frombuffer(data, dtype=np.uint8))
        return bits[:size].astype(np.float64).reshape(shape)
    if spec["encoding"] == "uint8":
        return np.frombuffer(data, dtype=np.uint8).astype(float).reshape(shape)
    if spec["encoding"] == "unorm8":
        levels = np.frombuffer(data, dtype=np.uint8)
        return (levels / 255).reshape(shape)
    return np.frombuffer(data, dtype="<f2").astype(np.float64).reshape(shape)


def quantization_error(arrays, site, steps=57):
    """Largest change of a decoder mean (a pixel value in [0, 1]) between
    the stored float16 weights and the site's, over a grid of the page's
    square finer than the one the rounding was fitted on."""
    keys = network_keys(arrays)
    if not keys or "codes" not in arrays:
        return None
    if arrays["w1"].shape[0] > arrays["codes"].shape[1]:
        steps = 29  # times every label
    inputs = decoder_inputs(arrays["w1"], arrays["codes"], steps)
    stored = decoder_means([arrays[k] for k in keys], inputs)
    shown = decoder_means([dequantized(site[k]) for k in keys], inputs)
    return float(np.abs(stored - shown).max())


def site_data(payload):
    """The data file's object, and the quantization error (or None)."""
    arrays = {
        key: unpack(packed)
        for key, packed in payload.get("arrays", {}).items()
        if not key.endswith("_fixed")
    }
    site = site_network(arrays)
    for key, array in arrays.items():
        if key not in site:
            site[key] = site_array(array)
    error = quantization_error(arrays, site)
    data = {
        "widget": payload["widget"],
        "arrays": site,
        "values": payload.get("values", {}),
    }
    if "codes" in arrays:
        data["extent"] = plane_extent(arrays["codes"])
    if error is not None:
        data["quantization_error"] = round(error, 5)
    return data, error


def data_script(data):
    name = json.dumps(data["widget"])
    return (
        "window.VAEBOOK_WIDGET_DATA = window.VAEBOOK_WIDGET_DATA || {};\n"
        f"window.VAEBOOK_WIDGET_DATA[{name}] = "
        + json.dumps(data, separators=(",", ":"))
        + ";\nif (window.VaebookWidgets) window.VaebookWidgets.start();\n"
    )


def placeholders(doctree):
    names = []
    for raw in doctree.findall(nodes.raw):
        if "html" not in raw.get("format", "").split():
            continue
        for tag in PLACEHOLDER.findall(raw.astext()):
            name = WIDGET_NAME.search(tag)
            names.append(name.group(1) if name else "")
    return names


def read_widgets(app, doctree):
    """Which widgets a page has; warn about a mismatch with its Markdown."""
    env = app.env
    docname = env.docname
    path = Path(env.doc2path(docname))
    stored = {}
    if path.suffix == ".ipynb":
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for index, tags, payload in widget_outputs(notebook):
            name = payload.get("widget", "")
            where = f"{docname}, cell {index}"
            if "remove-cell" not in tags:
                logger.warning(
                    f"widgets: the cell that stores {name!r} must be tagged "
                    "remove-cell (and nbval-ignore-output)",
                    location=docname,
                    type="vaebook",
                    subtype="widgets",
                )
            if not (STATIC / f"{kind(name)}.js").exists():
                logger.warning(
                    f"widgets: {where}: no script widgets/{kind(name)}.js "
                    f"for {name!r}",
                    location=docname,
                    type="vaebook",
                    subtype="widgets",
                )
            stored[name] = str(path)
    shown = placeholders(doctree)
    for name in shown:
        if name not in stored:
            logger.warning(
                f"widgets: placeholder for {name!r} but no cell of the "
                f"chapter stores its data ({MIME})",
                location=docname,
                type="vaebook",
                subtype="widgets",
            )
    for name in stored:
        if name not in shown:
            logger.warning(
                f"widgets: the chapter stores {name!r} but its Markdown has "
                f'no <div class="vaebook-widget" data-widget="{name}">',
                location=docname,
                type="vaebook",
                subtype="widgets",
            )
    if stored:
        env.vaebook_widgets = getattr(env, "vaebook_widgets", {})
        env.vaebook_widgets[docname] = stored


def purge_doc(app, env, docname):
    getattr(env, "vaebook_widgets", {}).pop(docname, None)


def merge_info(app, env, docnames, other):
    merged = getattr(env, "vaebook_widgets", {})
    for docname in docnames:
        if docname in getattr(other, "vaebook_widgets", {}):
            merged[docname] = other.vaebook_widgets[docname]
    env.vaebook_widgets = merged


def add_to_page(app, pagename, templatename, context, doctree):
    widgets = getattr(app.env, "vaebook_widgets", {}).get(pagename)
    if not widgets or app.builder.format != "html":
        return
    folder = Path(app.outdir) / "_static" / "widgets"
    folder.mkdir(parents=True, exist_ok=True)
    app.add_css_file("widgets/widgets.css")
    # async: a widget starts as soon as its parts are here (common.js),
    # not after the page's deferred scripts (MathJax)
    app.add_js_file("widgets/common.js", **ASYNC)
    for name, source in widgets.items():
        notebook = json.loads(Path(source).read_text(encoding="utf-8"))
        payload = next(
            p for _, _, p in widget_outputs(notebook) if p["widget"] == name
        )
        data, error = site_data(payload)
        (folder / f"{name}.data.js").write_text(
            data_script(data), encoding="utf-8"
        )
        if error is not None:
            logger.info(
                f"widgets: {name}: int8 weights change a decoder mean by at "
                f"most {error:.4f} ({error * 255:.2f} gray levels of 255)"
            )
        app.add_js_file(f"widgets/{kind(name)}.js", **ASYNC)
        app.add_js_file(f"widgets/{name}.data.js", **ASYNC)


def strip_downloads(app, exception):
    """The downloadable notebooks do without the widgets' data."""
    if exception is not None or app.builder.format != "html":
        return
    for docname in getattr(app.env, "vaebook_widgets", {}):
        path = Path(app.outdir) / "_sources" / f"{docname}.ipynb"
        if not path.exists() or MIME not in path.read_text(encoding="utf-8"):
            continue
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if cell["cell_type"] != "code":
                continue
            cell["outputs"] = [
                output
                for output in cell.get("outputs", [])
                if MIME not in output.get("data", {})
            ]
        path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")


def setup(app):
    app.connect("doctree-read", read_widgets)
    app.connect("env-purge-doc", purge_doc)
    app.connect("env-merge-info", merge_info)
    app.connect("html-page-context", add_to_page)
    # before standalone_notebooks (priority 500) rewrites the downloads
    app.connect("build-finished", strip_downloads, priority=400)
    return {
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 1,
    }
