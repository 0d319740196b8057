"""vaebook.training.train_vae against a plain Keras fit of the same model."""

import keras
import numpy as np

from vaebook.models import (
    bernoulli_negative_log_likelihood,
    build_decoder,
    build_encoder,
    build_vae,
)
from vaebook.training import train_vae


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
