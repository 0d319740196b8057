"""Leave out of the built site what no page loads.

Source maps, translations, old fonts: the pydata theme copies into _static its
JavaScript source maps (fetched only with developer tools open), its
translation catalogues (used at build time) and TrueType copies of its icon
fonts, which browsers fetch only when they cannot read the WOFF2 copies next to
them.
"""

import shutil
from pathlib import Path


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


def setup(app):
    app.connect("build-finished", remove_unloaded_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
