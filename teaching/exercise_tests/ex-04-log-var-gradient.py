"""Exercise 4.4 (ex-04-log-var-gradient): gradients in v as sigma -> 0."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-04-log-var-gradient"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "scaled_variances": "dict {sigma: (a, b, c)} for sigma = 0.3, 0.1, "
    "0.01, 0.001, with f = sin, mu = 2, z = mu + sigma eps: a the variance "
    "of the pathwise estimator of d/dv E[f(z)] (v = ln sigma^2) divided by "
    "sigma^2, b the variance of the score-function estimator of d/dv, c the "
    "variance of the score-function estimator of d/dmu times sigma^2; exact "
    "values (by quadrature over eps, or in closed form)",
    "limits": "tuple (a, b, c): the limits of those three as sigma -> 0, "
    "from your formulas",
    "pathwise_dv": "dict {sigma: float}: the mean of the pathwise estimator "
    "of d/dv E[sin z] for the same sigmas, by quadrature",
    "true_dv": "dict {sigma: float}: the exact d/dv E[sin z], in closed "
    "form, for the same sigmas",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="scaled_variances must map each of the four sigmas to "
    "three finite non-negative numbers, and limits be three such numbers",
)
def test_structure(scaled_variances, limits):
    import numpy as np

    assert np.allclose(sorted(scaled_variances), [0.001, 0.01, 0.1, 0.3])
    for values in scaled_variances.values():
        values = np.asarray(values, dtype=float)
        assert values.shape == (3,) and np.all(np.isfinite(values))
        assert np.all(values >= 0)
    limits = np.asarray(limits, dtype=float)
    assert limits.shape == (3,) and np.all(np.isfinite(limits))
    assert np.all(limits >= 0)


@test_case(
    points=1,
    hidden=False,
    failure_message="pathwise_dv and true_dv must map each of the four "
    "sigmas to a finite number",
)
def test_gradients_structure(pathwise_dv, true_dv):
    import numpy as np

    for table in (pathwise_dv, true_dv):
        assert np.allclose(sorted(table), [0.001, 0.01, 0.1, 0.3])
        assert all(np.ndim(v) == 0 and np.isfinite(v) for v in table.values())


@test_case(
    points=2,
    hidden=True,
    failure_message="Some scaled variances are wrong: the score of v is "
    "d ln q / dv, and the scalings are 1 / sigma^2, 1 and sigma^2",
)
def test_scaled_variances(scaled_variances):
    import numpy as np
    from scipy import integrate, stats

    mu = 2.0

    def variance(g):  # Var[g(eps)], eps ~ N(0, 1), by quadrature
        def expectation(h):
            value, _ = integrate.quad(
                lambda e: h(e) * stats.norm.pdf(e), -np.inf, np.inf
            )
            return value

        mean = expectation(g)
        return expectation(lambda e: (g(e) - mean) ** 2)

    for std, values in scaled_variances.items():
        expected = [  # with the scalings taken inside the variances
            variance(lambda e: 0.5 * np.cos(mu + std * e) * e),
            variance(lambda e: np.sin(mu + std * e) * (e**2 - 1) / 2),
            variance(lambda e: np.sin(mu + std * e) * e),
        ]
        np.testing.assert_allclose(values, expected, rtol=1e-6)


@test_case(
    points=1,
    hidden=True,
    failure_message="The limits as sigma -> 0 are not those of the three "
    "scaled variances",
)
def test_limits(limits):
    import numpy as np

    mu = 2.0
    expected = [
        0.25 * np.cos(mu) ** 2,
        0.5 * np.sin(mu) ** 2,
        np.sin(mu) ** 2,
    ]
    np.testing.assert_allclose(limits, expected, rtol=1e-9)


@test_case(
    points=1,
    hidden=True,
    failure_message="pathwise_dv or true_dv is not d/dv E[sin z]",
)
def test_gradients(pathwise_dv, true_dv):
    import numpy as np

    mu = 2.0
    for table in (pathwise_dv, true_dv):
        for std, value in table.items():
            exact = -0.5 * std**2 * np.sin(mu) * np.exp(-(std**2) / 2)
            np.testing.assert_allclose(value, exact, rtol=1e-6)
