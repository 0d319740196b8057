"""How every chapter starts: backend, seed and data of a run (chapter 05)."""

import logging
import os
import random
from typing import NamedTuple

# Set before Keras, and through it the backend, is first imported: TensorFlow's
# C++ start-up lines stay off the page, and JAX keeps NumPy's float64 arrays in
# float64 (by default it computes in float32), so that the book's float64
# checks mean the same on every backend. Keras' own models compute in float32
# on all three.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("JAX_ENABLE_X64", "true")
# TensorFlow's Python warnings (a function traced again, say) are about its
# internals, not the chapter: only its errors reach the page.
logging.getLogger("tensorflow").setLevel(logging.ERROR)

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib_inline.backend_inline import set_matplotlib_formats  # noqa: E402

from vaebook.data import DESCRIPTIONS, resolve_source  # noqa: E402

SEED_ENV_VAR = "VAEBOOK_SEED"
# Figures at most 6.4 inches (640 px) wide, text of 12 points: on a phone,
# whose column of 358 px shrinks them, text is still at least 9 px high.
FIGURE_STYLE = {
    "figure.figsize": (6.4, 3.6),
    "figure.dpi": 100,
    "font.size": 12,
    "axes.titlesize": 12,
    "axes.labelsize": 12,
    "legend.fontsize": 12,
    "xtick.labelsize": 12,
    "ytick.labelsize": 12,
}


class ChapterRun(NamedTuple):
    """What a chapter runs on: Keras backend, seed and data.

    backend is None in a chapter without Keras; data is "full", "subset" or
    None.
    """

    backend: str | None
    seed: int
    data: str | None


def seed_from_environment():
    """This run's seed: VAEBOOK_SEED, a non-negative integer, 0 if unset."""
    value = os.environ.get(SEED_ENV_VAR, "0").strip()
    if not value.isdecimal():
        raise ValueError(
            f"{SEED_ENV_VAR} must be a non-negative integer such as 0 or 3; "
            f"got {value!r}."
        )
    return int(value)


def start_chapter(mnist=False, uses_keras=True):
    """Seed Python, NumPy and Keras, print what the chapter runs on; return it.

    mnist: whether the chapter uses MNIST; if so, which MNIST is resolved
    (VAEBOOK_MNIST) and printed too. uses_keras=False (chapters 01 and 02,
    NumPy only) seeds Python and NumPy and leaves Keras, and with it
    TensorFlow's ten seconds of import, out. Figures get the book's sizes.
    """
    seed = seed_from_environment()
    if uses_keras:
        import keras

        keras.utils.set_random_seed(seed)  # Python, NumPy and the backend
        backend = keras.backend.backend()
        print(f"Keras backend: {backend} | seed: {seed} ({SEED_ENV_VAR})")
    else:
        random.seed(seed)
        np.random.seed(seed)
        backend = None
        print(f"Keras: not used | seed: {seed} ({SEED_ENV_VAR})")
    plt.rcParams.update(FIGURE_STYLE)
    set_matplotlib_formats("retina")  # two pixels per pixel: sharp on phones
    data = resolve_source() if mnist else None
    print("Data:", DESCRIPTIONS[data] if mnist else "simulated; no MNIST")
    return ChapterRun(backend, seed, data)
