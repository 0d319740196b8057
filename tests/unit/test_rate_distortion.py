"""vaebook.rate_distortion against independent references.

Quadrature for the KL, NumPy for the layer's loss, scipy densities for the
mutual information, and the Gaussian channel's closed form.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
import numpy as np
import pytest
from keras import ops
from scipy.integrate import quad
from scipy.special import logsumexp
from scipy.stats import multivariate_normal, norm

from vaebook.layers import KLDivergenceLayer
from vaebook.rate_distortion import (
    KLWarmUp,
    WeightedKLLayer,
    active_units,
    kl_per_dimension,
    mutual_information,
)

RNG = np.random.default_rng(0)
Z_MEAN = RNG.normal(0.0, 1.0, (6, 3)).astype("float32")
Z_LOG_VAR = RNG.normal(-1.0, 0.7, (6, 3)).astype("float32")


def quadrature_kl(mean, log_var):
    """KL(N(mean, exp(log_var)) || N(0, 1)) by numerical integration."""
    std = np.exp(0.5 * float(log_var))
    q = norm(float(mean), std)

    def integrand(z):
        return q.pdf(z) * (q.logpdf(z) - norm.logpdf(z))

    return quad(integrand, mean - 12 * std, mean + 12 * std)[0]


def test_kl_per_dimension_matches_quadrature():
    ours = ops.convert_to_numpy(kl_per_dimension(Z_MEAN, Z_LOG_VAR))
    reference = np.vectorize(quadrature_kl)(Z_MEAN, Z_LOG_VAR)
    assert ours.shape == Z_MEAN.shape
    np.testing.assert_allclose(ours, reference, rtol=1e-5, atol=1e-6)


def layer_loss(layer):
    outputs = layer([ops.convert_to_tensor(Z_MEAN), Z_LOG_VAR])
    np.testing.assert_array_equal(ops.convert_to_numpy(outputs[0]), Z_MEAN)
    return float(ops.convert_to_numpy(layer.losses[0]))


@pytest.mark.parametrize(("beta", "free_bits"), [(1.0, 0.0), (4.0, 0.0)])
def test_weighted_kl_is_beta_times_the_kl_layer(beta, free_bits):
    plain = layer_loss(KLDivergenceLayer())
    weighted = layer_loss(WeightedKLLayer(beta=beta, free_bits=free_bits))
    np.testing.assert_allclose(weighted, beta * plain, rtol=1e-6)


def test_free_bits_floor_each_dimension_batch_mean():
    reference = np.vectorize(quadrature_kl)(Z_MEAN, Z_LOG_VAR).mean(axis=0)
    free_bits = float(np.median(reference))  # binds on some dimensions only
    assert np.any(reference < free_bits) and np.any(reference > free_bits)
    loss = layer_loss(WeightedKLLayer(beta=2.0, free_bits=free_bits))
    expected = 2.0 * np.maximum(reference, free_bits).sum()
    np.testing.assert_allclose(loss, expected, rtol=1e-5)


def test_weighted_kl_layer_config_and_variable():
    layer = WeightedKLLayer(beta=3.0, free_bits=0.5)
    assert not layer.beta.trainable
    assert layer.trainable_weights == []
    clone = WeightedKLLayer.from_config(layer.get_config())
    assert clone.free_bits == 0.5
    assert float(ops.convert_to_numpy(clone.beta)) == 3.0


def test_warm_up_changes_beta_inside_fit():
    """The logged loss of each epoch is beta(epoch) times the KL."""
    latent_dim = Z_MEAN.shape[1]
    z_mean_in = keras.Input(shape=(latent_dim,))
    z_log_var_in = keras.Input(shape=(latent_dim,))
    layer = WeightedKLLayer(beta=0.0)
    z_mean, _ = layer([z_mean_in, z_log_var_in])
    output = keras.layers.Dense(1, kernel_initializer="zeros")(z_mean)
    model = keras.Model([z_mean_in, z_log_var_in], output)
    model.compile(optimizer=keras.optimizers.SGD(0.0), loss="mse")
    history = model.fit(
        [Z_MEAN, Z_LOG_VAR],
        np.zeros((len(Z_MEAN), 1), "float32"),
        batch_size=len(Z_MEAN),
        epochs=5,
        verbose=0,
        callbacks=[KLWarmUp(layer, epochs=4)],
    )
    kl = np.vectorize(quadrature_kl)(Z_MEAN, Z_LOG_VAR).mean(axis=0).sum()
    expected = np.array([0.0, 0.25, 0.5, 0.75, 1.0]) * kl
    np.testing.assert_allclose(
        history.history["loss"], expected, rtol=1e-5, atol=1e-6
    )
    assert float(ops.convert_to_numpy(layer.beta)) == 1.0


def test_active_units_counts_variances_above_threshold():
    scales = np.array([0.0, 0.05, 0.2, 1.0])  # variances 0, 0.0025, 0.04, 1
    z_mean = np.random.default_rng(1).standard_normal((20_000, 4)) * scales
    activity, count = active_units(z_mean)
    np.testing.assert_allclose(activity, z_mean.var(axis=0), rtol=1e-12)
    np.testing.assert_allclose(activity, scales**2, rtol=0.05)
    assert count == 2
    assert active_units(z_mean, threshold=0.001)[1] == 3


def test_mutual_information_matches_scipy_mixture():
    mean = RNG.normal(0.0, 1.0, (30, 2))
    log_var = RNG.normal(-1.0, 0.3, (30, 2))
    z = mean + np.exp(0.5 * log_var) * np.random.default_rng(
        7
    ).standard_normal(mean.shape)
    log_q = np.array(
        [
            [
                multivariate_normal.logpdf(
                    z_i, mean_k, np.diag(np.exp(log_var_k))
                )
                for mean_k, log_var_k in zip(mean, log_var)
            ]
            for z_i in z
        ]
    )
    reference = np.mean(
        np.diag(log_q) - (logsumexp(log_q, axis=1) - np.log(len(z)))
    )
    ours = mutual_information(mean, log_var, seed=7)
    np.testing.assert_allclose(ours, reference, rtol=1e-10)


def test_mutual_information_limits():
    n = 50
    same = mutual_information(np.zeros((n, 3)), np.zeros((n, 3)), seed=2)
    assert abs(same) < 1e-12  # q(z|x) the same for every x: no information
    far_apart = np.arange(n)[:, None] * 100.0 * np.ones((1, 3))
    separate = mutual_information(far_apart, np.zeros((n, 3)), seed=2)
    np.testing.assert_allclose(separate, np.log(n), rtol=1e-12)  # the cap


def test_mutual_information_of_a_gaussian_channel():
    """x ~ N(0, 1), q(z|x) = N(a x, s^2): I = ln(1 + a^2 / s^2) / 2."""
    n, a, s = 4000, 1.0, 0.5
    x = np.random.default_rng(3).standard_normal((n, 1))
    exact = 0.5 * np.log(1.0 + a**2 / s**2)  # 0.80 nats, far below ln n
    estimates = [
        mutual_information(a * x, np.full((n, 1), 2 * np.log(s)), seed=seed)
        for seed in range(10, 15)  # not 3, the seed of x
    ]
    # The terms ln q(z|x) - ln q(z) have a spread of 0.90 nats (exact
    # densities, 100,000 draws), so one estimate has a standard error of
    # 0.90 / sqrt(4000) = 0.014; the five share x, so their mean is allowed
    # the same. The mixture over 4,000 points adds a bias of order 1/n.
    # Four standard errors and 0.01 for the bias:
    assert abs(np.mean(estimates) - exact) < 4 * 0.014 + 0.01
