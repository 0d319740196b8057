"""Figures that several chapters draw (chapters 05, 06).

Image grids, latent scatters, decoded manifolds.
"""

import matplotlib.pyplot as plt
import numpy as np
from scipy.stats import norm

IMAGE_SIDE = 28


def image_mosaic(images, ncols):
    """Tile images into one 2-D array, row by row.

    images: shape (n, 28, 28) or (n, 784).
    """
    images = np.asarray(images).reshape(-1, IMAGE_SIDE, IMAGE_SIDE)
    nrows = -(-len(images) // ncols)
    padded = np.zeros(
        (nrows * ncols, IMAGE_SIDE, IMAGE_SIDE), dtype=images.dtype
    )
    padded[: len(images)] = images
    rows = padded.reshape(nrows, ncols, IMAGE_SIDE, IMAGE_SIDE)
    return rows.transpose(0, 2, 1, 3).reshape(
        nrows * IMAGE_SIDE, ncols * IMAGE_SIDE
    )


def plot_image_grid(images, ncols=10, ax=None, title=None):
    """Show images as one gray mosaic; return the axes.

    images: shape (n, 28, 28) or (n, 784).
    """
    ax = (
        ax
        or plt.figure(
            figsize=(ncols * 0.6, -(-len(images) // ncols) * 0.6)
        ).gca()
    )
    ax.imshow(
        image_mosaic(images, ncols), cmap="gray_r", interpolation="nearest"
    )
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return ax


def plot_latent_scatter(z, labels, ax=None):
    """Scatter 2-D latent codes coloured by digit label; return the axes."""
    z = np.asarray(z)
    if z.ndim != 2 or z.shape[1] != 2:
        raise ValueError(
            "plot_latent_scatter needs 2-D codes of shape (n, 2); "
            f"got {z.shape}."
        )
    ax = ax or plt.figure(figsize=(5.5, 5)).gca()
    points = ax.scatter(
        z[:, 0],
        z[:, 1],
        c=labels,
        cmap="tab10",
        vmin=-0.5,
        vmax=9.5,
        s=6,
        alpha=0.7,
    )
    plt.colorbar(points, ax=ax, ticks=range(10), label="digit")
    ax.set_xlabel("$z_1$")
    ax.set_ylabel("$z_2$")
    return ax


def latent_grid(n=15, low=0.05, high=0.95):
    """An n-by-n grid of 2-D latent points, shape (n*n, 2).

    At equally spaced quantiles of N(0, 1): row i, column j holds
    (Phi^-1(u_j), Phi^-1(u_{n-1-i})), so z_2 grows upwards as in a plot.
    """
    quantiles = norm.ppf(np.linspace(low, high, n))
    z_1, z_2 = np.meshgrid(quantiles, quantiles[::-1])
    return np.stack([z_1.ravel(), z_2.ravel()], axis=-1).astype(np.float32)


def plot_manifold(decode, n=15, ax=None):
    """Show decode(latent_grid(n)) as an n-by-n mosaic.

    `decode` maps (n*n, 2) codes to images. Each image sits where its code
    would sit in a latent scatter: z_1 left to right, z_2 upwards.
    """
    z = latent_grid(n)
    images = np.asarray(decode(z))
    ax = ax or plt.figure(figsize=(6.4, 6.4)).gca()
    ax.imshow(image_mosaic(images, n), cmap="gray_r", interpolation="nearest")
    centres = IMAGE_SIDE * (np.arange(n) + 0.5)
    ax.set_xticks(
        centres,
        [f"{round(float(value), 1) + 0.0:.1f}" for value in z[:n, 0]],
    )
    ax.set_yticks(
        centres,
        [f"{round(float(value), 1) + 0.0:.1f}" for value in z[::n, 1]],
    )
    ax.set_xlabel("$z_1$")
    ax.set_ylabel("$z_2$")
    return ax
