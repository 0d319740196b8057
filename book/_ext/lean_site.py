"""Leave out of the built site what no page loads, and slim its figures.

Source maps, translations, old fonts: the pydata theme copies into _static its
JavaScript source maps (fetched only with developer tools open), its
translation catalogues (used at build time) and TrueType copies of its icon
fonts, which browsers fetch only when they cannot read the WOFF2 copies next to
them. The chapters' figures, matplotlib PNGs in full colour, are stored with a
palette of 256 colours: exact for the grayscale digit images, and for plots a
difference no reader sees, at half the weight.
"""

import io
import shutil
from pathlib import Path

from PIL import Image


def remove_unloaded_files(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    for source_map in static.rglob("*.map"):
        source_map.unlink()
    shutil.rmtree(static / "locales", ignore_errors=True)
    for truetype in (static / "vendor").rglob("*.ttf"):
        if truetype.with_suffix(".woff2").exists():
            truetype.unlink()


def palette_figures(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    for path in (Path(app.outdir) / "_images").glob("*.png"):
        with Image.open(path) as image:
            white = Image.new("RGBA", image.size, "white")
            rgb = Image.alpha_composite(white, image.convert("RGBA"))
        rgb = rgb.convert("RGB")
        palette = rgb.quantize(256, dither=Image.Dither.NONE)
        slim = io.BytesIO()
        palette.save(slim, "PNG", optimize=True)
        if slim.tell() < path.stat().st_size:
            path.write_bytes(slim.getvalue())


def setup(app):
    app.connect("build-finished", remove_unloaded_files)
    app.connect("build-finished", palette_figures)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
