"""vaebook.linear_gaussian against independent references.

scipy's Gaussians, Gaussian conditioning written the other way round
(Woodbury), Bayes' rule, and Monte Carlo.
"""

import numpy as np
import pytest
from scipy import stats
from scipy.special import logsumexp

from vaebook import linear_gaussian as lg


@pytest.fixture
def model():
    return lg.make_linear_gaussian(
        original_dim=5, latent_dim=3, noise_var=0.3, seed=1
    )


def test_make_linear_gaussian_shapes_and_seeding():
    model = lg.make_linear_gaussian(7, 2, noise_var=0.5, seed=3)
    assert model.weights.shape == (7, 2) and model.bias.shape == (7,)
    assert model.noise_var == 0.5
    again = lg.make_linear_gaussian(7, 2, noise_var=0.5, seed=3)
    other = lg.make_linear_gaussian(7, 2, noise_var=0.5, seed=4)
    np.testing.assert_array_equal(model.weights, again.weights)
    assert not np.allclose(model.weights, other.weights)


def test_sample_has_the_model_moments(model):
    x, z = lg.sample(model, 200_000, seed=2)
    assert x.shape == (200_000, 5) and z.shape == (200_000, 3)
    cov = model.weights @ model.weights.T + model.noise_var * np.eye(5)
    np.testing.assert_allclose(x.mean(axis=0), model.bias, atol=0.02)
    np.testing.assert_allclose(np.cov(x, rowvar=False), cov, atol=0.03)
    np.testing.assert_allclose(np.cov(z, rowvar=False), np.eye(3), atol=0.02)
    residual = x - z @ model.weights.T - model.bias
    np.testing.assert_allclose(
        residual.var(axis=0), model.noise_var, rtol=0.02
    )
    np.testing.assert_array_equal(
        lg.sample(model, 3, seed=5)[0], lg.sample(model, 3, seed=5)[0]
    )


def test_log_marginal_matches_scipy(model):
    x, _ = lg.sample(model, 50, seed=0)
    cov = model.weights @ model.weights.T + model.noise_var * np.eye(5)
    expected = stats.multivariate_normal(model.bias, cov).logpdf(x)
    np.testing.assert_allclose(lg.log_marginal(model, x), expected, rtol=1e-10)


def test_log_joint_matches_scipy_and_broadcasts_over_samples(model):
    x, _ = lg.sample(model, 4, seed=0)
    z = np.random.default_rng(1).normal(size=(6, 4, 3))
    result = lg.log_joint(model, x, z)
    assert result.shape == (6, 4)
    for s in range(6):
        for i in range(4):
            mean = model.weights @ z[s, i] + model.bias
            expected = (
                stats.norm(mean, np.sqrt(model.noise_var)).logpdf(x[i]).sum()
            )
            expected += stats.norm().logpdf(z[s, i]).sum()
            np.testing.assert_allclose(result[s, i], expected, rtol=1e-10)
    np.testing.assert_allclose(
        lg.log_joint(model, x, z[2]), result[2], rtol=1e-12
    )


def test_posterior_matches_gaussian_conditioning(model):
    x, _ = lg.sample(model, 10, seed=0)
    mean, cov = lg.exact_posterior(model, x)
    # Condition the joint Gaussian of (z, x): Cov(z, x) = W^T,
    # Cov(x) = W W^T + s I.
    weights = model.weights
    cov_x = weights @ weights.T + model.noise_var * np.eye(5)
    gain = weights.T @ np.linalg.inv(cov_x)
    np.testing.assert_allclose(
        mean, (x - model.bias) @ gain.T, rtol=1e-9, atol=1e-12
    )
    np.testing.assert_allclose(
        cov, np.eye(3) - gain @ weights, rtol=1e-9, atol=1e-12
    )


def test_bayes_rule_holds_at_arbitrary_z(model):
    """ln p(x) = ln p(x, z) - ln p(z | x) for any z.

    The posterior density is taken from scipy.
    """
    x, _ = lg.sample(model, 8, seed=0)
    mean, cov = lg.exact_posterior(model, x)
    z = 3.0 * np.random.default_rng(7).normal(size=(8, 3))
    log_post = [
        stats.multivariate_normal(m, cov).logpdf(zi) for m, zi in zip(mean, z)
    ]
    log_marginal = lg.log_marginal(model, x)
    np.testing.assert_allclose(
        lg.log_joint(model, x, z) - log_post, log_marginal, rtol=1e-9
    )


def test_log_marginal_is_the_prior_average_of_the_likelihood():
    """Monte Carlo p(x) = E_{z ~ p(z)} p(x | z).

    In a model small enough for the prior average.
    """
    model = lg.make_linear_gaussian(
        original_dim=2, latent_dim=1, noise_var=0.5, seed=0
    )
    x, _ = lg.sample(model, 3, seed=1)
    z = np.random.default_rng(2).normal(size=(400_000, 1, 1))
    log_likelihood = lg.log_joint(model, x, z) - stats.norm().logpdf(z).sum(
        axis=-1
    )
    estimate = logsumexp(log_likelihood, axis=0) - np.log(len(z))
    np.testing.assert_allclose(estimate, lg.log_marginal(model, x), atol=0.01)
