"""Figure 4.1, the reparameterized computation graph of a VAE (chapter 04).

Run `python book/figures/04_computation_graph.py` to write
04_computation_graph.svg (website) and 04_computation_graph.pdf (print) beside
this script. The drawing is fixed: nothing in it is computed.
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HERE = Path(__file__).parent
NAME = "04_computation_graph"
STYLE = {
    "font.size": 12,  # the book's figure text (vaebook.session.FIGURE_STYLE)
    "svg.hashsalt": NAME,  # the same SVG on every run
}


def node(ax, x, y, text, color="white"):
    style = dict(boxstyle="round,pad=0.35", facecolor=color, edgecolor="0.3")
    return ax.text(x, y, text, ha="center", va="center", bbox=style)


def arrow(ax, start, end, color="black", style="-", bend=0.0):
    ax.annotate(
        "",
        xy=end.get_position(),
        xytext=start.get_position(),
        arrowprops=dict(
            arrowstyle="-|>",
            color=color,
            linestyle=style,
            connectionstyle=f"arc3,rad={bend}",
            patchA=start.get_bbox_patch(),
            patchB=end.get_bbox_patch(),
            shrinkA=2,
            shrinkB=2,
        ),
    )


def draw():
    fig, ax = plt.subplots(figsize=(6.4, 3.0))
    fig.subplots_adjust(left=0.01, right=0.99, bottom=0.01, top=0.99)
    ax.set(xlim=(0, 14), ylim=(0.2, 6.0))
    ax.axis("off")
    x = node(ax, 0.45, 4.0, "$x$")
    encoder = node(ax, 2.2, 4.0, "encoder")
    mean = node(ax, 4.4, 5.2, r"$\mu$")
    log_var = node(ax, 4.4, 2.8, r"$\ln\sigma^2$")
    z = node(ax, 7.1, 4.0, r"$z = \mu + \sigma \odot \varepsilon$", "#dbe9f6")
    noise = node(ax, 7.1, 1.2, r"$\varepsilon \sim \mathcal{N}(0, I)$", "0.92")
    decoder = node(ax, 10.7, 4.0, "decoder")
    loss = node(ax, 13.1, 4.0, "loss")
    forward = [
        (x, encoder),
        (encoder, mean),
        (encoder, log_var),
        (mean, z),
        (log_var, z),
        (noise, z),
        (z, decoder),
        (decoder, loss),
    ]
    for start, end in forward:
        arrow(ax, start, end)
    backward = [
        (loss, decoder, 0.5),
        (decoder, z, 0.5),
        (z, mean, 0.3),
        (mean, encoder, 0.3),
        (z, log_var, -0.3),
        (log_var, encoder, -0.3),
    ]
    for start, end, bend in backward:
        arrow(ax, start, end, color="C3", style="--", bend=bend)
    ax.text(
        9.3,
        1.2,
        "no gradient\ninto $\\varepsilon$",
        color="0.35",
        ha="left",
        va="center",
    )
    ax.plot([], [], "k-", label="forward: values")
    ax.plot([], [], "C3--", label="backward: gradients")
    ax.legend(loc="lower left", frameon=False, borderaxespad=0.0)
    return fig


if __name__ == "__main__":
    with plt.rc_context(STYLE):
        figure = draw()
        figure.savefig(HERE / f"{NAME}.svg", metadata={"Date": None})
        figure.savefig(
            HERE / f"{NAME}.pdf",
            metadata={"CreationDate": None, "ModDate": None},
        )
