"""Chapter 06's VAE as a block diagram (fig-06-block-diagram).

Writes 06_block_diagram.svg (website) and 06_block_diagram.pdf (print) beside
this script: python book/figures/06_block_diagram.py
"""

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch  # noqa: E402

HERE = Path(__file__).parent
LAYER_COLOR, LOSS_COLOR = "#dbe8f5", "#f7e3cf"
TOP, BOTTOM = 4.2, 1.0  # heights of the model's row and of the loss's row


def box(ax, x, y, text, width=1.9, height=1.0, color="0.92"):
    ax.add_patch(
        FancyBboxPatch(
            (x - width / 2, y - height / 2),
            width,
            height,
            boxstyle="round,pad=0.05,rounding_size=0.15",
            facecolor=color,
            edgecolor="0.3",
        )
    )
    ax.text(x, y, text, ha="center", va="center")


def arrow(ax, start, end, label=None, label_xy=None, style="-|>"):
    ax.add_patch(
        FancyArrowPatch(
            start, end, arrowstyle=style, mutation_scale=12, color="0.2"
        )
    )
    if label:
        ax.text(*label_xy, label, ha="center", va="center")


def model_row(ax):
    """x -> encoder -> KL layer -> sampler -> decoder -> x_logits."""
    box(ax, 0.5, TOP, "$x$", width=0.8)
    box(ax, 2.4, TOP, "encoder", color=LAYER_COLOR)
    box(ax, 5.8, TOP, "KL layer", color=LAYER_COLOR)
    box(ax, 8.3, TOP, "sampler", color=LAYER_COLOR)
    box(ax, 10.95, TOP, "decoder", color=LAYER_COLOR)
    box(ax, 13.1, TOP, "x_logits", width=1.7)
    arrow(ax, (0.9, TOP), (1.45, TOP))
    arrow(ax, (3.35, TOP), (4.85, TOP), "z_mean,\nz_log_var", (4.1, TOP + 0.9))
    arrow(ax, (6.75, TOP), (7.35, TOP))
    arrow(ax, (9.25, TOP), (10.0, TOP), "$z$", (9.62, TOP + 0.4))
    arrow(ax, (11.9, TOP), (12.25, TOP))
    ax.text(8.3, 5.75, r"$\varepsilon \sim \mathcal{N}(0, I)$", ha="center")
    arrow(ax, (8.3, 5.5), (8.3, TOP + 0.55))


def loss_row(ax):
    """The two terms of the loss, fed by the KL layer and by x_logits."""
    kl_text = "KL term\n" + r"$D_{\mathrm{KL}}(q \,\Vert\, p)$"
    box(ax, 5.8, BOTTOM, kl_text, width=2.6, height=1.3, color=LOSS_COLOR)
    reconstruction_text = "reconstruction\n" + r"$-\ln p_\theta(x \mid z)$"
    box(
        ax,
        11.8,
        BOTTOM,
        reconstruction_text,
        width=3.0,
        height=1.3,
        color=LOSS_COLOR,
    )
    arrow(
        ax,
        (5.8, TOP - 0.55),
        (5.8, BOTTOM + 0.7),
        "adds to\nmodel.losses",
        (4.3, 2.6),
    )
    arrow(
        ax,
        (13.1, TOP - 0.55),
        (12.9, BOTTOM + 0.7),
        "compiled\nloss",
        (11.7, 2.6),
    )
    arrow(ax, (0.5, TOP - 0.55), (0.5, 0.2), style="-")
    arrow(ax, (0.5, 0.2), (10.8, 0.2), "target $x$", (3.0, 0.45), style="-")
    arrow(ax, (10.8, 0.2), (10.8, BOTTOM - 0.7))
    ax.text(8.75, BOTTOM, "+", ha="center", va="center", fontsize=16)


def main():
    plt.rcParams.update({"font.size": 12, "svg.hashsalt": "06_block_diagram"})
    fig, ax = plt.subplots(figsize=(6.4, 3.0))
    ax.set(xlim=(0, 14), ylim=(0, 6))
    ax.set_axis_off()
    model_row(ax)
    loss_row(ax)
    fig.tight_layout(pad=0.1)
    fig.savefig(HERE / "06_block_diagram.svg", metadata={"Date": None})
    fig.savefig(HERE / "06_block_diagram.pdf", metadata={"CreationDate": None})


if __name__ == "__main__":
    main()
