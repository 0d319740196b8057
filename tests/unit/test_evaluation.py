"""vaebook.evaluation against independent references.

scipy densities and exact marginals.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import keras
import numpy as np
import pytest
from scipy.special import logsumexp
from scipy.stats import bernoulli, multivariate_normal, norm

from vaebook.evaluation import (
    bernoulli_vae_log_joint,
    importance_weighted_bound,
    latent_log_prob,
    log_importance_weights,
    log_mean_exp,
)

# A conjugate 1-D model: z ~ N(0, 1), x | z ~ N(z, NOISE_VAR), so
# p(x) = N(0, 1 + NOISE_VAR) and
# p(z | x) = N(x / (1 + NOISE_VAR), NOISE_VAR / (1 + NOISE_VAR)).
NOISE_VAR = 0.5
X = np.array([-2.0, -0.3, 0.0, 1.1, 2.5])


def conjugate_log_joint(z):
    return norm.logpdf(X[:, None], loc=z, scale=np.sqrt(NOISE_VAR))[
        ..., 0
    ] + norm.logpdf(z[..., 0])


def exact_log_marginal():
    return norm.logpdf(X, scale=np.sqrt(1.0 + NOISE_VAR))


def test_log_mean_exp_matches_scipy_and_survives_underflow():
    rng = np.random.default_rng(0)
    values = (
        rng.normal(size=(7, 4)) * 50.0 - 900.0
    )  # exp() underflows to 0 for every entry
    expected = logsumexp(values, axis=0) - np.log(7)
    np.testing.assert_allclose(
        log_mean_exp(values, axis=0), expected, rtol=1e-12
    )
    np.testing.assert_allclose(
        log_mean_exp(values.T, axis=1), expected, rtol=1e-12
    )


def test_latent_log_prob_matches_scipy():
    rng = np.random.default_rng(1)
    mean, log_var = rng.normal(size=3), rng.normal(size=3)
    z = rng.normal(size=(6, 3))
    expected = multivariate_normal(mean, np.diag(np.exp(log_var))).logpdf(z)
    np.testing.assert_allclose(
        latent_log_prob(z, mean, log_var), expected, rtol=1e-12
    )


def test_exact_posterior_as_proposal_gives_exact_log_marginal():
    post_mean = X / (1.0 + NOISE_VAR)
    post_log_var = np.full_like(X, np.log(NOISE_VAR / (1.0 + NOISE_VAR)))
    log_weights = log_importance_weights(
        conjugate_log_joint, post_mean[:, None], post_log_var[:, None], 20
    )
    np.testing.assert_allclose(
        log_weights,
        np.broadcast_to(exact_log_marginal(), (20, len(X))),
        atol=1e-10,
    )


def test_bound_with_prior_proposal_is_elbo_at_k1_and_converges():
    z_mean, z_log_var = np.zeros((len(X), 1)), np.zeros((len(X), 1))
    log_weights = log_importance_weights(
        conjugate_log_joint, z_mean, z_log_var, 20_000, seed=3
    )
    exact = exact_log_marginal()
    # k = 1: E[ln p(x|z)] under the prior, in closed form: ln N(x; 0, v)
    # shifted by the z variance.
    elbo = -0.5 * np.log(2 * np.pi * NOISE_VAR) - (X**2 + 1.0) / (
        2 * NOISE_VAR
    )
    standard_error = log_weights.std(axis=0, ddof=1) / np.sqrt(
        len(log_weights)
    )
    assert np.all(
        np.abs(importance_weighted_bound(log_weights, 1) - elbo)
        < 5 * standard_error
    )
    bounds = [
        importance_weighted_bound(log_weights, k) for k in (1, 10, 100, 1000)
    ]
    assert all(
        np.all(lower < upper) for lower, upper in zip(bounds, bounds[1:])
    )
    assert np.all(bounds[-1] < exact + 0.01)
    assert np.all(exact - bounds[-1] < 0.05 * (exact - bounds[0]))


def test_chunking_does_not_change_the_draws():
    z_mean, z_log_var = np.zeros((len(X), 1)), np.zeros((len(X), 1))
    one_chunk = log_importance_weights(
        conjugate_log_joint, z_mean, z_log_var, 37, seed=5, max_rows=10_000
    )
    many_chunks = log_importance_weights(
        conjugate_log_joint, z_mean, z_log_var, 37, seed=5, max_rows=11
    )
    np.testing.assert_allclose(one_chunk, many_chunks, rtol=1e-12)


def test_importance_weighted_bound_groups_and_rejects_bad_k():
    rng = np.random.default_rng(2)
    log_weights = rng.normal(size=(6, 3))
    by_hand = np.mean(
        [
            logsumexp(log_weights[i : i + 2], axis=0) - np.log(2)
            for i in (0, 2, 4)
        ],
        axis=0,
    )
    np.testing.assert_allclose(
        importance_weighted_bound(log_weights, 2), by_hand, rtol=1e-12
    )
    with pytest.raises(ValueError):
        importance_weighted_bound(log_weights, 4)


def test_bernoulli_vae_log_joint_matches_scipy():
    keras.utils.set_random_seed(0)
    decoder = keras.Sequential([keras.Input((2,)), keras.layers.Dense(6)])
    rng = np.random.default_rng(4)
    x = (rng.random((3, 6)) < 0.5).astype(np.float32)
    z = rng.normal(size=(4, 3, 2))
    weights, bias = (
        np.asarray(w, dtype=np.float64) for w in decoder.get_weights()
    )
    probabilities = 1.0 / (1.0 + np.exp(-(z @ weights + bias)))
    expected = bernoulli.logpmf(x, probabilities).sum(axis=-1) + norm.logpdf(
        z
    ).sum(axis=-1)
    np.testing.assert_allclose(
        bernoulli_vae_log_joint(decoder, x)(z), expected, rtol=1e-5
    )
