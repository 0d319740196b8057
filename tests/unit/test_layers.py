"""vaebook.layers: the KL and sampling layers, against independent references.

The KL term is compared with numerical quadrature and Monte Carlo (scipy
densities, not the closed form the layer uses); samples with their known
moments; gradients with finite differences at fixed noise and with closed-form
expected gradients.
"""

import keras
import numpy as np
import pytest
from keras import ops
from scipy import integrate, stats

from vaebook.gradients import value_and_gradients
from vaebook.layers import KLDivergenceLayer, ReparameterizationLayer

RNG = np.random.default_rng(12345)


def kl_by_quadrature(mean, var):
    """KL(N(mean, var) || N(0, 1)): q (ln q - ln p) integrated numerically."""
    q, p = stats.norm(mean, np.sqrt(var)), stats.norm(0.0, 1.0)
    half_width = 12 * np.sqrt(var)
    value, _ = integrate.quad(
        lambda z: q.pdf(z) * (q.logpdf(z) - p.logpdf(z)),
        mean - half_width,
        mean + half_width,
        points=[mean],
        epsabs=1e-12,
    )
    return value


def kl_model(latent_dim):
    z_mean = keras.Input(shape=(latent_dim,))
    z_log_var = keras.Input(shape=(latent_dim,))
    return keras.Model(
        [z_mean, z_log_var], KLDivergenceLayer()([z_mean, z_log_var])
    )


def test_kl_layer_adds_the_batch_mean_of_quadrature_kl_summed_over_dimensions():  # noqa: E501
    z_mean = RNG.normal(0.0, 1.5, size=(5, 3)).astype("float32")
    z_log_var = RNG.normal(-0.5, 1.0, size=(5, 3)).astype("float32")
    model = kl_model(3)
    model([z_mean, z_log_var])
    (added,) = model.losses
    per_example = [
        sum(
            kl_by_quadrature(float(m), float(np.exp(v)))
            for m, v in zip(row_mean, row_log_var)
        )
        for row_mean, row_log_var in zip(z_mean, z_log_var)
    ]
    np.testing.assert_allclose(float(added), np.mean(per_example), rtol=1e-5)


def test_kl_layer_agrees_with_monte_carlo():
    mean = np.array([0.8, -1.5, 0.0, 2.0])
    log_var = np.array([-1.0, 0.5, 0.0, -2.5])
    std = np.exp(0.5 * log_var)
    z = mean + std * np.random.default_rng(0).normal(size=(400_000, 4))
    log_ratio = (stats.norm.logpdf(z, mean, std) - stats.norm.logpdf(z)).sum(
        axis=1
    )
    standard_error = log_ratio.std(ddof=1) / np.sqrt(len(log_ratio))
    model = kl_model(4)
    model([mean[None].astype("float32"), log_var[None].astype("float32")])
    kl_loss = float(keras.ops.convert_to_numpy(model.losses[0]))
    assert abs(kl_loss - log_ratio.mean()) < 4 * standard_error


def test_kl_layer_is_the_identity_and_zero_at_the_prior():
    z_mean = RNG.normal(size=(4, 2)).astype("float32")
    z_log_var = RNG.normal(size=(4, 2)).astype("float32")
    model = kl_model(2)
    out_mean, out_log_var = model([z_mean, z_log_var])
    np.testing.assert_array_equal(ops.convert_to_numpy(out_mean), z_mean)
    np.testing.assert_array_equal(ops.convert_to_numpy(out_log_var), z_log_var)
    zeros = np.zeros((4, 2), "float32")
    model([zeros, zeros])
    assert float(keras.ops.convert_to_numpy(model.losses[0])) == 0.0


def test_reparameterization_samples_have_the_right_moments_and_distribution():
    n = 200_000
    mean = np.array([0.5, -2.0, 3.0], "float32")
    log_var = np.array([0.0, -1.5, 1.2], "float32")
    std = np.exp(0.5 * log_var)
    z = ops.convert_to_numpy(
        ReparameterizationLayer(seed=11)(
            [np.tile(mean, (n, 1)), np.tile(log_var, (n, 1))]
        )
    )
    assert np.all(np.abs(z.mean(axis=0) - mean) < 4 * std / np.sqrt(n))
    assert np.all(
        np.abs(z.var(axis=0, ddof=1) - std**2) < 4 * std**2 * np.sqrt(2 / n)
    )
    for j in range(3):
        assert stats.kstest((z[:, j] - mean[j]) / std[j], "norm").pvalue > 1e-3


def mean_square(z_mean_value, z_log_var_value, n, seed):
    shape = (n, 1)
    layer = ReparameterizationLayer(seed=seed)
    z = layer(
        [
            np.full(shape, z_mean_value, "float32"),
            np.full(shape, z_log_var_value, "float32"),
        ]
    )
    return float(ops.convert_to_numpy(ops.mean(ops.square(z))))


def test_pathwise_gradients_match_finite_differences_and_their_expectation():
    n, mu, log_var, seed = 100_000, 1.5, np.log(0.36), 4
    z_mean = ops.convert_to_tensor(np.full((n, 1), mu, "float32"))
    z_log_var = ops.convert_to_tensor(np.full((n, 1), log_var, "float32"))
    layer = ReparameterizationLayer(seed=seed)
    _, gradients = value_and_gradients(
        lambda mean, log_var: ops.mean(ops.square(layer([mean, log_var]))),
        z_mean,
        z_log_var,
    )
    grad_mean, grad_log_var = (
        float(ops.convert_to_numpy(ops.sum(g))) for g in gradients
    )

    # central differences at fixed noise: a fresh layer with the same seed
    h = 1e-2
    fd_mean = (
        mean_square(mu + h, log_var, n, seed)
        - mean_square(mu - h, log_var, n, seed)
    ) / (2 * h)
    fd_log_var = (
        mean_square(mu, log_var + h, n, seed)
        - mean_square(mu, log_var - h, n, seed)
    ) / (2 * h)
    np.testing.assert_allclose(grad_mean, fd_mean, rtol=1e-3)
    np.testing.assert_allclose(grad_log_var, fd_log_var, rtol=1e-3)

    # E[z^2] = mu^2 + exp(v): the expected gradients are 2 mu and
    # exp(v) = sigma^2.
    sigma = np.sqrt(0.36)
    assert abs(grad_mean - 2 * mu) < 4 * 2 * sigma / np.sqrt(
        n
    )  # per-sample Var[2z] = 4 sigma^2
    per_sample_sd = np.sqrt(
        mu**2 * sigma**2 + 2 * sigma**4
    )  # sd of z (z - mu) = mu sigma eps + sigma^2 eps^2
    assert abs(grad_log_var - sigma**2) < 4 * per_sample_sd / np.sqrt(n)


def test_a_sample_drawn_outside_the_graph_has_no_gradient():
    def loss_through_numpy(z_mean):
        z = np.random.default_rng(0).normal(ops.convert_to_numpy(z_mean), 1.0)
        return ops.sum(ops.square(ops.convert_to_tensor(z)))

    z_mean = np.zeros((10, 1), "float32")
    if keras.backend.backend() == "jax":  # JAX refuses to leave its graph
        import jax

        with pytest.raises(jax.errors.TracerArrayConversionError):
            value_and_gradients(loss_through_numpy, z_mean)
        return
    _, (gradient,) = value_and_gradients(loss_through_numpy, z_mean)
    np.testing.assert_array_equal(ops.convert_to_numpy(gradient), 0.0)


def test_the_same_seed_gives_the_same_samples():
    pair = [np.zeros((5, 3), "float32"), np.zeros((5, 3), "float32")]
    first, second = (
        ReparameterizationLayer(seed=21),
        ReparameterizationLayer(seed=21),
    )
    draws_first = [ops.convert_to_numpy(first(pair)) for _ in range(3)]
    draws_second = [ops.convert_to_numpy(second(pair)) for _ in range(3)]
    for a, b in zip(draws_first, draws_second):
        np.testing.assert_array_equal(a, b)
    assert not np.allclose(draws_first[0], draws_first[1])
    assert not np.allclose(
        draws_first[0],
        ops.convert_to_numpy(ReparameterizationLayer(seed=22)(pair)),
    )


def test_any_batch_size_including_a_last_partial_batch():
    x = keras.Input(shape=(5,))
    z = ReparameterizationLayer(seed=0)(
        [keras.layers.Dense(2)(x), keras.layers.Dense(2)(x)]
    )
    model = keras.Model(x, z)
    assert model.predict(
        np.zeros((250, 5), "float32"), batch_size=100, verbose=0
    ).shape == (250, 2)


@pytest.mark.parametrize("seed", [3, None])
def test_a_model_with_both_layers_reloads_with_identical_outputs(
    tmp_path, seed
):
    x = keras.Input(shape=(6,))
    z_mean, z_log_var = keras.layers.Dense(2)(x), keras.layers.Dense(2)(x)
    z_mean, z_log_var = KLDivergenceLayer(name="kl")([z_mean, z_log_var])
    model = keras.Model(
        x,
        ReparameterizationLayer(seed=seed, name="sampler")(
            [z_mean, z_log_var]
        ),
    )
    x_batch = RNG.normal(size=(16, 6)).astype("float32")
    for _ in range(2):
        model.predict(
            x_batch, verbose=0
        )  # advance the random state before saving
    model.save(tmp_path / "model.keras")
    reloaded = keras.models.load_model(tmp_path / "model.keras")
    for _ in range(2):  # the same sequence continues in both
        np.testing.assert_array_equal(
            model.predict(x_batch, verbose=0),
            reloaded.predict(x_batch, verbose=0),
        )
    model(x_batch)
    reloaded(x_batch)
    assert len(reloaded.losses) == 1
    np.testing.assert_allclose(
        keras.ops.convert_to_numpy(reloaded.losses[0]),
        keras.ops.convert_to_numpy(model.losses[0]),
        rtol=1e-6,
    )
    assert reloaded.get_layer("sampler").get_config()["seed"] == seed


@pytest.mark.parametrize(
    "layer_class", [KLDivergenceLayer, ReparameterizationLayer]
)
def test_mismatched_shapes_raise_an_error_that_says_so(layer_class):
    with pytest.raises(
        ValueError,
        match="must have the same shape.*\\(None, 3\\) and \\(None, 2\\)",
    ):
        layer_class()([keras.Input(shape=(3,)), keras.Input(shape=(2,))])
    with pytest.raises(
        ValueError, match="expects a list \\[z_mean, z_log_var\\]"
    ):
        layer_class()(keras.Input(shape=(3,)))
