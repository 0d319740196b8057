"""vaebook.likelihoods: the Gaussian and the continuous Bernoulli.

Both are checked against scipy and quadrature.
"""

import math

import numpy as np
import pytest
from keras import ops
from scipy import integrate, stats

from vaebook.likelihoods import (
    continuous_bernoulli_log_normalizer,
    continuous_bernoulli_log_prob,
    continuous_bernoulli_mean,
    continuous_bernoulli_negative_log_likelihood,
    gaussian_log_prob,
    optimal_sigma_gaussian_negative_log_likelihood,
)


def numpy(tensor):
    return ops.convert_to_numpy(tensor)


def unnormalized(eta):
    # lambda^x (1 - lambda)^(1 - x) with lambda = sigmoid(eta), stable in
    # float64
    return lambda x: math.exp(eta * x - np.logaddexp(0.0, eta))


def test_gaussian_log_prob_matches_scipy_and_sums_over_all_non_batch_axes():
    rng = np.random.default_rng(0)
    x = rng.random((4, 7, 3)).astype("float32")
    mean = rng.normal(0.5, 0.3, x.shape).astype("float32")
    log_var = rng.normal(-1.5, 0.7, x.shape).astype("float32")
    reference = (
        stats.norm.logpdf(x, mean, np.exp(0.5 * log_var))
        .reshape(4, -1)
        .sum(axis=-1)
    )
    np.testing.assert_allclose(
        numpy(gaussian_log_prob(x, mean, log_var)), reference, rtol=1e-5
    )


def test_optimal_sigma_is_the_mean_squared_error():
    rng = np.random.default_rng(1)
    x = rng.random((8, 20)).astype("float32")
    x_mean = (x + rng.normal(0, 0.15, x.shape)).astype("float32")
    mse = np.mean((x - x_mean) ** 2)
    reference = -stats.norm.logpdf(x, x_mean, math.sqrt(mse)).sum(axis=-1)
    np.testing.assert_allclose(
        numpy(optimal_sigma_gaussian_negative_log_likelihood(x, x_mean)),
        reference,
        rtol=1e-5,
    )
    # and any other sigma gives a larger total negative log-likelihood
    for factor in (0.8, 1.25):
        other = -stats.norm.logpdf(x, x_mean, math.sqrt(mse * factor)).sum()
        assert other > reference.sum()


ETAS = [
    -50.0,
    -12.0,
    -1.0,
    -0.2,
    -0.099,
    -0.05,
    -1e-3,
    0.0,
    1e-7,
    0.03,
    0.0999,
    0.1,
    0.101,
    0.5,
    0.999,
    1.0,
    1.001,
    3.0,
    40.0,
]


@pytest.mark.parametrize("eta", ETAS)
def test_log_normalizer_matches_quadrature_on_both_branches(eta):
    reference = -math.log(
        integrate.quad(unnormalized(eta), 0, 1, epsabs=1e-14)[0]
    )
    ours = float(numpy(continuous_bernoulli_log_normalizer(np.float32(eta))))
    assert abs(ours - reference) < 1e-6 * max(1.0, abs(reference))


@pytest.mark.parametrize("eta", ETAS)
def test_mean_matches_quadrature_on_both_branches(eta):
    f = unnormalized(eta)
    reference = (
        integrate.quad(lambda x: x * f(x), 0, 1, epsabs=1e-14)[0]
        / integrate.quad(f, 0, 1, epsabs=1e-14)[0]
    )
    assert (
        abs(
            float(numpy(continuous_bernoulli_mean(np.float32(eta))))
            - reference
        )
        < 1e-6
    )


@pytest.mark.parametrize("eta", [-9.0, -0.05, 0.0, 0.6, 15.0])
def test_continuous_bernoulli_density_integrates_to_one(eta):
    logits = np.array([[eta]], "float32")

    def density(x):
        return math.exp(
            float(
                numpy(
                    continuous_bernoulli_log_prob(
                        np.array([[x]], "float32"), logits
                    )
                )[0]
            )
        )

    assert abs(integrate.quad(density, 0, 1)[0] - 1.0) < 1e-5


def test_continuous_bernoulli_negative_log_likelihood_sums_pixels():
    rng = np.random.default_rng(2)
    x = rng.random((3, 10)).astype("float32")
    logits = rng.normal(0, 3, (3, 10)).astype("float32")
    lam = 1 / (1 + np.exp(-logits.astype(float)))
    log_c = np.log(
        np.where(
            np.abs(lam - 0.5) < 1e-9,
            2.0,
            2 * np.arctanh(1 - 2 * lam) / (1 - 2 * lam),
        )
    )
    reference = -(x * np.log(lam) + (1 - x) * np.log1p(-lam) + log_c).sum(
        axis=-1
    )
    np.testing.assert_allclose(
        numpy(continuous_bernoulli_negative_log_likelihood(x, logits)),
        reference,
        rtol=1e-5,
    )


def test_gradients_are_finite_at_the_series_boundaries():
    from vaebook.gradients import value_and_gradients

    logits = np.array([0.0, 0.0999, 0.1, 0.999, 1.0, -1.0], "float32")
    _, (gradient,) = value_and_gradients(
        lambda logits: ops.sum(
            continuous_bernoulli_log_normalizer(logits)
            + continuous_bernoulli_mean(logits)
        ),
        logits,
    )
    assert np.all(np.isfinite(ops.convert_to_numpy(gradient)))


def test_compiled_models_with_the_chapter_07_losses_save_and_reload(tmp_path):
    import keras

    from vaebook.likelihoods import (
        continuous_bernoulli_negative_log_likelihood,
        optimal_sigma_gaussian_negative_log_likelihood,
    )

    x = np.random.default_rng(0).random((8, 5)).astype("float32")
    for loss in (
        continuous_bernoulli_negative_log_likelihood,
        optimal_sigma_gaussian_negative_log_likelihood,
    ):
        model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(5)])
        model.compile(optimizer="adam", loss=loss)
        # one step of training builds the optimizer's state, which is saved
        model.fit(x, x, epochs=1, verbose=0)
        path = tmp_path / f"{loss.__name__}.keras"
        model.save(path)
        reloaded = keras.models.load_model(path)
        np.testing.assert_allclose(
            reloaded.evaluate(x, x, verbose=0),
            model.evaluate(x, x, verbose=0),
            rtol=1e-6,
        )
