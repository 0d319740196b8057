"""vaebook.plots.image_mosaic and plot_image_grid vs a hand-written tiling."""

import matplotlib

matplotlib.use("agg")

import numpy as np
import pytest

from vaebook.plots import image_mosaic, plot_image_grid


def test_mosaic_places_image_n_at_row_n_div_ncols_and_column_n_mod_ncols():
    images = np.random.default_rng(0).integers(
        0, 256, size=(7, 28, 28), dtype=np.uint8
    )
    mosaic = image_mosaic(images, ncols=3)
    assert mosaic.shape == (3 * 28, 3 * 28)
    for n, image in enumerate(images):
        row, column = divmod(n, 3)
        np.testing.assert_array_equal(
            mosaic[row * 28 : (row + 1) * 28, column * 28 : (column + 1) * 28],
            image,
        )
    assert not mosaic[
        2 * 28 :, 28:
    ].any()  # the two unused cells of the last row stay blank


def test_mosaic_accepts_flat_images():
    images = np.arange(2 * 784, dtype=np.float32).reshape(2, 784)
    np.testing.assert_array_equal(
        image_mosaic(images, ncols=2)[:, 28:], images[1].reshape(28, 28)
    )


def test_mosaic_rejects_images_of_another_size():
    with pytest.raises(ValueError):
        image_mosaic(np.zeros((2, 10)), ncols=2)


def test_plot_image_grid_draws_the_mosaic():
    images = np.random.default_rng(1).random((5, 28, 28))
    ax = plot_image_grid(images, ncols=5, title="five")
    np.testing.assert_array_equal(
        ax.get_images()[0].get_array(), image_mosaic(images, 5)
    )
    assert ax.get_title() == "five"
