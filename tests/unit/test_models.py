"""vaebook.models and vaebook.training.

Shapes, the KL term in model.losses, the loss, the log.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
import numpy as np
from keras import ops
from scipy.stats import bernoulli

from vaebook.models import (
    bernoulli_negative_log_likelihood,
    build_decoder,
    build_encoder,
    build_vae,
)
from vaebook.training import EpochLog


def small_vae(seed=0):
    encoder = build_encoder(original_dim=12, intermediate_dim=8, latent_dim=3)
    decoder = build_decoder(original_dim=12, intermediate_dim=8, latent_dim=3)
    return encoder, decoder, build_vae(encoder, decoder, seed=seed)


def test_shapes_and_parameter_counts():
    encoder, decoder, vae = small_vae()
    x = np.random.default_rng(0).random((5, 12)).astype(np.float32)
    z_mean, z_log_var = encoder(x)
    assert tuple(z_mean.shape) == tuple(z_log_var.shape) == (5, 3)
    assert tuple(decoder(z_mean).shape) == tuple(vae(x).shape) == (5, 12)
    assert encoder.count_params() == (12 * 8 + 8) + 2 * (8 * 3 + 3)
    assert decoder.count_params() == (3 * 8 + 8) + (8 * 12 + 12)


def test_model_losses_hold_the_closed_form_kl_of_the_last_batch():
    keras.utils.set_random_seed(0)
    encoder, _, vae = small_vae()
    x = np.random.default_rng(1).random((7, 12)).astype(np.float32)
    vae(x)
    (kl_loss,) = vae.losses
    z_mean, z_log_var = (
        ops.convert_to_numpy(t).astype(np.float64) for t in encoder(x)
    )
    variance = np.exp(z_log_var)
    # KL(N(m, s^2) || N(0, 1)) per coordinate, written from the densities'
    # log-ratio expectation.
    kl = 0.5 * np.sum(variance + z_mean**2 - 1.0 - np.log(variance), axis=1)
    kl_loss = float(ops.convert_to_numpy(kl_loss))
    np.testing.assert_allclose(kl_loss, kl.mean(), rtol=1e-5)


def test_decoder_outputs_unbounded_logits():
    decoder = build_decoder(original_dim=12, intermediate_dim=8, latent_dim=3)
    x_logits = ops.convert_to_numpy(
        decoder(np.full((4, 3), 50.0, dtype=np.float32))
    )
    assert (
        np.abs(x_logits).max() > 1.0
    )  # a sigmoid output would stay inside [0, 1]


def test_negative_log_likelihood_matches_scipy():
    rng = np.random.default_rng(2)
    x_logits = rng.normal(0.0, 3.0, size=(4, 12))
    x = (rng.random((4, 12)) < 0.5).astype(np.float64)
    expected = -bernoulli.logpmf(x, 1.0 / (1.0 + np.exp(-x_logits))).sum(
        axis=1
    )
    np.testing.assert_allclose(
        ops.convert_to_numpy(bernoulli_negative_log_likelihood(x, x_logits)),
        expected,
        rtol=1e-10,
    )


def test_training_loss_is_reconstruction_plus_kl(tmp_path):
    keras.utils.set_random_seed(0)
    encoder, decoder, vae = small_vae()
    vae.compile(optimizer="adam", loss=bernoulli_negative_log_likelihood)
    x = (np.random.default_rng(3).random((20, 12)) < 0.5).astype(np.float32)
    # evaluate draws one z per image: a one-draw estimate of the reconstruction
    # term plus the exact KL.
    evaluated = vae.evaluate(x, x, batch_size=20, verbose=0, return_dict=True)[
        "loss"
    ]
    z_mean, z_log_var = (ops.convert_to_numpy(t) for t in encoder(x))
    kl = (
        0.5
        * np.sum(
            np.exp(z_log_var) + z_mean**2 - 1.0 - z_log_var, axis=1
        ).mean()
    )
    reconstructions = []
    for _ in range(400):
        z = z_mean + np.exp(0.5 * z_log_var) * np.random.default_rng(
            len(reconstructions)
        ).standard_normal(z_mean.shape)
        reconstructions.append(
            ops.convert_to_numpy(
                bernoulli_negative_log_likelihood(
                    x, decoder(z.astype(np.float32))
                )
            ).mean()
        )
    reconstruction = np.mean(reconstructions)
    assert (
        abs(evaluated - (reconstruction + kl))
        < 5 * np.std(reconstructions) + 1e-3
    )


def test_logged_kl_is_the_closed_form_and_the_parts_add_up_to_the_loss():
    keras.utils.set_random_seed(0)
    encoder, decoder, vae = small_vae()
    vae.compile(optimizer="adam", loss=bernoulli_negative_log_likelihood)
    x = (np.random.default_rng(7).random((20, 12)) < 0.5).astype(np.float32)
    logged = vae.evaluate(x, x, batch_size=20, verbose=0, return_dict=True)
    z_mean, z_log_var = (
        ops.convert_to_numpy(t).astype(np.float64) for t in encoder(x)
    )
    variance = np.exp(z_log_var)
    kl = (
        0.5
        * np.sum(variance + z_mean**2 - 1.0 - np.log(variance), axis=1).mean()
    )
    np.testing.assert_allclose(logged["kl"], kl, rtol=1e-5)
    np.testing.assert_allclose(
        logged["reconstruction"] + logged["kl"], logged["loss"], rtol=1e-6
    )
    assert (
        logged["reconstruction"] > 0
    )  # -ln p(x|z) of binary pixels is positive


def test_saved_vae_reloads_with_identical_outputs(tmp_path):
    encoder, decoder, vae = small_vae()
    vae.compile(optimizer="adam", loss=bernoulli_negative_log_likelihood)
    x_train = (np.random.default_rng(6).random((8, 12)) < 0.5).astype(
        np.float32
    )
    vae.fit(
        x_train, x_train, epochs=1, verbose=0
    )  # builds the optimizer's variables, which are saved too
    path = tmp_path / "vae.keras"
    vae.save(path)
    reloaded = keras.saving.load_model(path)
    x = np.random.default_rng(4).random((3, 12)).astype(np.float32)
    np.testing.assert_array_equal(
        ops.convert_to_numpy(reloaded.get_layer("encoder")(x)[0]),
        ops.convert_to_numpy(encoder(x)[0]),
    )
    z = np.random.default_rng(5).normal(size=(3, 3)).astype(np.float32)
    np.testing.assert_array_equal(
        ops.convert_to_numpy(reloaded.get_layer("decoder")(z)),
        ops.convert_to_numpy(decoder(z)),
    )
    assert reloaded.get_layer("sampler").seed == 0
    assert type(reloaded) is type(vae) and "kl" in [
        m.name for m in reloaded.metrics
    ]


def test_epoch_log_prints_every_few_epochs_and_the_last(capsys):
    keras.utils.set_random_seed(0)
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.compile(optimizer="sgd", loss="mse")
    model.fit(
        np.zeros((4, 1)),
        np.zeros((4, 1)),
        epochs=5,
        verbose=0,
        callbacks=[EpochLog(every=2)],
    )
    lines = capsys.readouterr().out.splitlines()
    assert [line[:9] for line in lines] == [
        "epoch   2",
        "epoch   4",
        "epoch   5",
    ]
    assert all("train    loss 0.00" in line for line in lines)


def test_epoch_log_puts_held_out_metrics_on_a_second_line_loss_first(capsys):
    keras.utils.set_random_seed(0)
    encoder, decoder, vae = small_vae()
    vae.compile(optimizer="adam", loss=bernoulli_negative_log_likelihood)
    x = (np.random.default_rng(8).random((20, 12)) < 0.5).astype(np.float32)
    vae.fit(
        x,
        x,
        epochs=1,
        verbose=0,
        validation_data=(x, x),
        callbacks=[EpochLog(every=1)],
    )
    train, held_out = capsys.readouterr().out.splitlines()
    assert train.split()[2] == "train" and held_out.split()[0] == "held-out"
    assert (
        train.split()[3::2]
        == held_out.split()[1::2]
        == ["loss", "reconstruction", "kl"]
    )
