"""Exercise 4.1 (ex-04-sine): score function and pathwise for f = sin."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-04-sine"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "sine_ratios": 'dict with keys "d/dmu" and "d/dsigma": for the '
    "gradient of E[sin z], z ~ N(mu, sigma^2) at mu = 2, sigma = 0.5, "
    "with respect to that parameter, the per-sample variance of the "
    "score-function estimator divided by that of the pathwise estimator "
    "(estimated from at least 100,000 draws, or exact)",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="sine_ratios must be a dict with keys 'd/dmu' and "
    "'d/dsigma', each a positive finite number",
)
def test_structure(sine_ratios):
    import numpy as np

    assert set(sine_ratios) == {"d/dmu", "d/dsigma"}
    for value in sine_ratios.values():
        assert np.ndim(value) == 0 and np.isfinite(value) and value > 0


@test_case(
    points=1,
    hidden=True,
    failure_message="sine_ratios['d/dmu'] is not the ratio of the two "
    "estimators' variances for the mean (within 4 standard errors for "
    "100,000 draws)",
)
def test_ratio_mu(sine_ratios):
    import numpy as np
    from scipy import integrate, stats

    mu, sigma = 2.0, 0.5

    def expectation(g):  # E[g(eps)], eps ~ N(0, 1), by quadrature
        value, _ = integrate.quad(
            lambda e: g(e) * stats.norm.pdf(e), -np.inf, np.inf
        )
        return value

    def relative_variance_error(g):  # of a sample variance, n = 100,000
        mean = expectation(g)
        variance = expectation(lambda e: (g(e) - mean) ** 2)
        fourth = expectation(lambda e: (g(e) - mean) ** 4)
        return variance, np.sqrt((fourth / variance**2 - 1) / 100_000)

    score, score_error = relative_variance_error(
        lambda e: np.sin(mu + sigma * e) * e / sigma
    )
    pathwise, pathwise_error = relative_variance_error(
        lambda e: np.cos(mu + sigma * e)
    )
    ratio = score / pathwise
    # the ratio's relative error is at most the sum of the two
    tolerance = 4 * ratio * (score_error + pathwise_error)
    assert abs(sine_ratios["d/dmu"] - ratio) < tolerance


@test_case(
    points=1,
    hidden=True,
    failure_message="sine_ratios['d/dsigma'] is not the ratio of the two "
    "estimators' variances for the standard deviation (within 4 standard "
    "errors for 100,000 draws)",
)
def test_ratio_sigma(sine_ratios):
    import numpy as np
    from scipy import integrate, stats

    mu, sigma = 2.0, 0.5

    def expectation(g):  # E[g(eps)], eps ~ N(0, 1), by quadrature
        value, _ = integrate.quad(
            lambda e: g(e) * stats.norm.pdf(e), -np.inf, np.inf
        )
        return value

    def relative_variance_error(g):  # of a sample variance, n = 100,000
        mean = expectation(g)
        variance = expectation(lambda e: (g(e) - mean) ** 2)
        fourth = expectation(lambda e: (g(e) - mean) ** 4)
        return variance, np.sqrt((fourth / variance**2 - 1) / 100_000)

    score, score_error = relative_variance_error(
        lambda e: np.sin(mu + sigma * e) * (e**2 - 1) / sigma
    )
    pathwise, pathwise_error = relative_variance_error(
        lambda e: e * np.cos(mu + sigma * e)
    )
    ratio = score / pathwise
    # the ratio's relative error is at most the sum of the two
    tolerance = 4 * ratio * (score_error + pathwise_error)
    assert abs(sine_ratios["d/dsigma"] - ratio) < tolerance
