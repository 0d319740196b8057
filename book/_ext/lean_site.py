"""Leave out of the built site what no page loads, and slim its figures.

Source maps, translations, old fonts: the pydata theme copies into _static its
JavaScript source maps (fetched only with developer tools open), its
translation catalogues (used at build time) and TrueType copies of its icon
fonts, which browsers fetch only when they cannot read the WOFF2 copies next to
them. The theme's icon script carries the drawings of about 2,000 Font Awesome
icons (1.4 MB) for the twenty or so the pages show; it keeps only those. The
chapters' figures, matplotlib PNGs in full colour, are stored with a palette of
256 colours: exact for the grayscale digit images, and for plots a difference
no reader sees, at half the weight.
"""

import io
import re
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


# One icon in fontawesome.js: name: [width, height, [aliases], unicode, path].
ICON = re.compile(
    r'(?:"([a-z0-9-]+)"|\b([a-z][a-z0-9]*)):\[\d+,\d+,\[([^\]]*)\],'
    r'"[0-9a-f]+",(?:"[^"]*"|\[[^\]]*\])\]'
)
ICON_CLASS = re.compile(r"fa-([a-z0-9-]+)")


def prune_icons(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    # Where the theme keeps Font Awesome's script: pydata-sphinx-theme 0.16
    # and later in scripts/, 0.15 in its vendor folder.
    scripts = [
        *(outdir / "_static" / "scripts").glob("fontawesome.js"),
        *(outdir / "_static" / "vendor").glob("fontawesome/*/js/all.min.js"),
    ]
    if not scripts:
        return
    pages = [*outdir.rglob("*.html"), *(outdir / "_static").rglob("*.js")]
    used = {
        name
        for path in pages
        if path not in scripts
        for name in ICON_CLASS.findall(path.read_text(errors="ignore"))
    }
    for script in scripts:
        prune_icon_script(script, used)


def prune_icon_script(script, used):
    text = script.read_text()
    kept, pieces, start = set(), [], 0
    for icon in ICON.finditer(text):
        name = icon.group(1) or icon.group(2)
        aliases = set(re.findall(r'"([a-z0-9-]+)"', icon.group(3)))
        if used & ({name} | aliases):
            kept.add(name)
            continue
        end = icon.end() + (text[icon.end()] == ",")
        pieces.append(text[start : icon.start()])
        start = end
    pieces.append(text[start:])
    if not kept:
        raise RuntimeError(
            f"lean_site: no icon of {script} matched the pages' icons; "
            "the theme's icon format may have changed."
        )
    script.write_text(re.sub(r",([}\]])", r"\1", "".join(pieces)))


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
    app.connect("build-finished", prune_icons)
    app.connect("build-finished", palette_figures)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
