"""vaebook.training: train_vae against a plain Keras fit of the same model,
and trained_vae's cache of trained models."""

import keras
import numpy as np
import pytest

from vaebook.models import (
    bernoulli_negative_log_likelihood,
    build_decoder,
    build_encoder,
    build_vae,
)
from vaebook.training import train_vae, trained_vae


def binary_images(n=300, seed=0):
    return (np.random.default_rng(seed).random((n, 784)) < 0.2).astype(
        "float32"
    )


def test_train_vae_matches_a_plain_fit_step_for_step(capsys):
    x = binary_images()
    encoder, decoder, vae = train_vae(
        x, bernoulli_negative_log_likelihood, epochs=2, seed=3
    )

    keras.utils.set_random_seed(3)
    reference = build_vae(build_encoder(), build_decoder(), seed=3)
    reference.compile(optimizer="adam", loss=bernoulli_negative_log_likelihood)
    reference.fit(x, x, epochs=2, batch_size=100, verbose=0)

    for trained, expected in zip(vae.get_weights(), reference.get_weights()):
        np.testing.assert_allclose(trained, expected, rtol=1e-5, atol=1e-6)
    log = capsys.readouterr().out.strip().splitlines()
    assert [line[:9] for line in log] == ["epoch   1", "epoch   2"]


def test_train_vae_returns_the_parts_of_one_model_and_logs_validation(capsys):
    x = binary_images()
    encoder, decoder, vae = train_vae(
        x,
        bernoulli_negative_log_likelihood,
        latent_dim=3,
        epochs=1,
        x_validation=x[:50],
    )
    assert encoder.output_shape == [
        (None, 3),
        (None, 3),
    ] and decoder.input_shape == (None, 3)
    assert encoder in vae.layers and decoder in vae.layers
    assert "held-out loss" in capsys.readouterr().out


def test_trained_vae_trains_once_then_reloads_the_same_model(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    x = binary_images()
    arguments = dict(epochs=2, x_validation=x[:50], seed=1)
    first = trained_vae(x, bernoulli_negative_log_likelihood, **arguments)
    trained_log = capsys.readouterr().out
    again = trained_vae(x, bernoulli_negative_log_likelihood, **arguments)
    assert capsys.readouterr().out == trained_log  # the same log, replayed
    z = np.random.default_rng(0).normal(size=(5, 2)).astype("float32")
    np.testing.assert_array_equal(
        keras.ops.convert_to_numpy(first[1](z)),
        keras.ops.convert_to_numpy(again[1](z)),
    )
    assert again[2].history.history == first[2].history.history
    (cached,) = (tmp_path / "vaebook-models").iterdir()
    other = trained_vae(
        x, bernoulli_negative_log_likelihood, epochs=2, seed=2
    )  # another seed: another model
    assert len(list((tmp_path / "vaebook-models").iterdir())) == 2
    assert other is not None and cached.exists()


def test_a_corrupt_cached_model_is_an_error_that_names_the_folder(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("KERAS_HOME", str(tmp_path))
    x = binary_images(100)
    trained_vae(x, bernoulli_negative_log_likelihood, epochs=1)
    (cached,) = (tmp_path / "vaebook-models").iterdir()
    (cached / "vae.keras").write_bytes(b"half a file")
    with pytest.raises(OSError, match="is corrupt.*delete that folder"):
        trained_vae(x, bernoulli_negative_log_likelihood, epochs=1)
