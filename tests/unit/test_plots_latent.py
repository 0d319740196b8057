"""vaebook.plots.latent_grid and plot_manifold.

Checked against scipy's normal quantiles and orientation.
"""

import matplotlib

matplotlib.use("agg")

import numpy as np
from scipy.stats import norm

from vaebook.plots import (
    image_mosaic,
    latent_grid,
    plot_latent_scatter,
    plot_manifold,
)


def test_latent_grid_is_normal_quantiles_with_z2_growing_upwards():
    n = 7
    grid = latent_grid(n, low=0.1, high=0.9)
    assert grid.shape == (n * n, 2)
    quantiles = norm.ppf(np.linspace(0.1, 0.9, n))
    rows = grid.reshape(n, n, 2)
    for i in range(n):
        np.testing.assert_allclose(
            rows[i, :, 0], quantiles, rtol=1e-6
        )  # z_1 left to right
        np.testing.assert_allclose(
            rows[i, :, 1], quantiles[n - 1 - i], rtol=1e-6
        )  # top row: largest z_2
    np.testing.assert_allclose(
        norm.cdf(grid[0]), [0.1, 0.9], rtol=1e-5
    )  # top-left corner


def test_plot_manifold_places_each_decoded_code_at_its_grid_cell():
    n = 4
    decoded = []

    def decode(z):
        decoded.append(z)
        return np.arange(len(z))[:, None] * np.ones(
            (1, 784)
        )  # image k is filled with the value k

    ax = plot_manifold(decode, n=n)
    np.testing.assert_array_equal(decoded[0], latent_grid(n))
    mosaic = ax.get_images()[0].get_array()
    np.testing.assert_array_equal(
        mosaic, image_mosaic(decode(latent_grid(n)), n)
    )
    assert mosaic[0, 0] == 0 and mosaic[-1, -1] == n * n - 1
    assert ax.get_xlabel() == "$z_1$" and ax.get_ylabel() == "$z_2$"


def test_plot_latent_scatter_draws_every_code():
    z = np.random.default_rng(0).normal(size=(50, 2))
    ax = plot_latent_scatter(z, np.arange(50) % 10)
    np.testing.assert_array_equal(ax.collections[0].get_offsets(), z)
