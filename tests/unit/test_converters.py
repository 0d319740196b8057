"""vaebook.converters against scipy, Monte Carlo and closed forms.

The mean, mode and samples of p(x|z).
"""

import math

import keras
import numpy as np
import pytest
from keras import ops
from scipy import special, stats

from vaebook.converters import ConverterLayer, continuous_bernoulli_sample

N = 100_000


def convert(likelihood, kind, params, **kwargs):
    return ops.convert_to_numpy(
        ConverterLayer(likelihood, kind, **kwargs)(
            np.asarray(params, "float32")
        )
    )


@pytest.mark.parametrize(
    "eta", [-60.0, -5.0, -0.3, -1e-4, 0.0, 2e-3, 1.0, 25.0]
)
def test_continuous_bernoulli_samples_follow_its_cdf(eta):
    draws = convert(
        "continuous_bernoulli", "sample", np.full((N, 1), eta), seed=0
    ).ravel()
    assert draws.min() >= 0.0 and draws.max() <= 1.0
    cdf = (
        (lambda x: np.expm1(eta * x) / np.expm1(eta))
        if eta != 0.0
        else (lambda x: x)
    )
    assert stats.kstest(draws, cdf).pvalue > 1e-3


def test_continuous_bernoulli_inverse_cdf_matches_float64_formula():
    eta = np.array([-20.0, -2.0, -0.01, 0.01, 2.0, 20.0], "float32")[:, None]
    u = np.linspace(0.01, 0.99, 25, dtype="float32")[None, :]
    eta64, u64 = eta.astype(float), u.astype(float)
    # for eta > 0 the layer mirrors x -> 1 - x, which is F^-1 evaluated at
    # 1 - u: same distribution
    u64 = np.where(eta64 > 0, 1.0 - u64, u64)
    reference = np.log1p(u64 * np.expm1(eta64)) / eta64
    ours = ops.convert_to_numpy(
        continuous_bernoulli_sample(
            np.broadcast_to(eta, (6, 25)), np.broadcast_to(u, (6, 25))
        )
    )
    np.testing.assert_allclose(ours, reference, atol=2e-6)


def test_continuous_bernoulli_mean_and_mode():
    eta = np.array([[-3.0, 0.5, 4.0]], "float32")
    lam = special.expit(eta.astype(float))

    def f(x):
        return lam**x * (1 - lam) ** (1 - x)

    grid = np.linspace(0, 1, 200_001)[:, None, None]
    density = f(grid)
    reference = np.trapezoid(grid * density, grid, axis=0) / np.trapezoid(
        density, grid, axis=0
    )
    np.testing.assert_allclose(
        convert("continuous_bernoulli", "mean", eta), reference, atol=1e-6
    )
    assert convert("continuous_bernoulli", "mode", eta).tolist() == [
        [0.0, 1.0, 1.0]
    ]


def test_bernoulli_mean_mode_and_samples():
    logits = np.array([[-2.0, 0.3, 1.5]], "float32")
    np.testing.assert_allclose(
        convert("bernoulli", "mean", logits), special.expit(logits), rtol=1e-6
    )
    assert convert("bernoulli", "mode", logits).tolist() == [[0.0, 1.0, 1.0]]
    draws = convert("bernoulli", "sample", np.full((N, 1), 0.3), seed=1)
    p = special.expit(0.3)
    assert set(np.unique(draws)) == {0.0, 1.0}
    assert abs(draws.mean() - p) < 4 * math.sqrt(p * (1 - p) / N)


def test_gaussian_mean_mode_and_samples():
    x_mean = np.array([[0.1, 0.7]], "float32")
    for kind in ("mean", "mode"):
        np.testing.assert_array_equal(
            convert("gaussian", kind, x_mean, log_var=-3.0), x_mean
        )
    draws = convert(
        "gaussian",
        "sample",
        np.full((N, 1), 0.4),
        log_var=math.log(0.09),
        seed=2,
    ).ravel()
    assert stats.kstest(draws, stats.norm(0.4, 0.3).cdf).pvalue > 1e-3


def test_seeded_samples_repeat_and_config_round_trips():
    layer = ConverterLayer("gaussian", "sample", log_var=-1.0, seed=3)
    copy = ConverterLayer.from_config(layer.get_config())
    params = np.zeros((4, 5), "float32")
    np.testing.assert_array_equal(
        ops.convert_to_numpy(layer(params)), ops.convert_to_numpy(copy(params))
    )
    assert copy.get_config()["log_var"] == -1.0 and copy.kind == "sample"


def test_generator_saves_and_loads(tmp_path):
    z = keras.Input(shape=(2,))
    model = keras.Model(
        z,
        ConverterLayer("continuous_bernoulli", "mean")(
            keras.layers.Dense(3)(z)
        ),
    )
    model.save(tmp_path / "generator.keras")
    reloaded = keras.saving.load_model(tmp_path / "generator.keras")
    z_values = np.ones((2, 2), "float32")
    np.testing.assert_allclose(
        ops.convert_to_numpy(reloaded(z_values)),
        ops.convert_to_numpy(model(z_values)),
        rtol=1e-6,
    )


def test_bad_arguments_are_named():
    with pytest.raises(ValueError, match="likelihood must be one of"):
        ConverterLayer("poisson", "mean")
    with pytest.raises(ValueError, match="kind one of"):
        ConverterLayer("bernoulli", "median")
