"""Exercise 4.2 (ex-04-baseline): a baseline for the score function."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-04-baseline"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "with_baseline": "1-D array of at least 100,000 numbers: per-sample "
    "values of the score-function estimator of d/dmu E[z^2], z ~ N(mu, "
    "sigma^2) at the chapter's mu = 2, sigma = 0.5, with f(z) replaced by "
    "f(z) - b, b = mu^2 + sigma^2, each from an independent draw",
    "baseline_variance": "float: the variance of that estimator (derived "
    "exactly, or estimated from at least 100,000 draws)",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="with_baseline must be a 1-D array of at least 100,000 "
    "finite numbers and baseline_variance a positive finite number",
)
def test_structure(with_baseline, baseline_variance):
    import numpy as np

    values = np.asarray(with_baseline, dtype=float)
    assert values.ndim == 1 and len(values) >= 100_000
    assert np.all(np.isfinite(values))
    assert np.ndim(baseline_variance) == 0
    assert np.isfinite(baseline_variance) and baseline_variance > 0


@test_case(
    points=1,
    hidden=True,
    failure_message="The estimator with a baseline is biased: its mean is "
    "more than 4 standard errors from the gradient d/dmu E[z^2]",
)
def test_unbiased(with_baseline):
    import numpy as np

    mu, sigma = 2.0, 0.5
    values = np.asarray(with_baseline, dtype=float)
    # the estimator's exact variance is 8 mu^2 + 10 sigma^2
    standard_error = np.sqrt((8 * mu**2 + 10 * sigma**2) / len(values))
    assert abs(values.mean() - 2 * mu) < 4 * standard_error


@test_case(
    points=1,
    hidden=True,
    failure_message="The values do not have the variance of the estimator "
    "with a baseline (within 4 standard errors of a sample variance)",
)
def test_sample_variance(with_baseline):
    import numpy as np
    from scipy import integrate, stats

    mu, sigma = 2.0, 0.5
    values = np.asarray(with_baseline, dtype=float)
    exact = 8 * mu**2 + 10 * sigma**2
    # the estimator is 2 mu eps^2 + sigma (eps^3 - eps), of mean 2 mu;
    # a sample variance's standard error is sqrt((m4 - var^2) / n)
    fourth, _ = integrate.quad(
        lambda e: (
            (2 * mu * (e**2 - 1) + sigma * (e**3 - e)) ** 4 * stats.norm.pdf(e)
        ),
        -np.inf,
        np.inf,
    )
    standard_error = np.sqrt((fourth - exact**2) / len(values))
    assert abs(values.var() - exact) < 4 * standard_error


@test_case(
    points=1,
    hidden=True,
    failure_message="baseline_variance is not the variance of the estimator "
    "with a baseline (within 4 standard errors of a sample variance of "
    "100,000 values)",
)
def test_baseline_variance(baseline_variance):
    import numpy as np
    from scipy import integrate, stats

    mu, sigma = 2.0, 0.5
    exact = 8 * mu**2 + 10 * sigma**2
    fourth, _ = integrate.quad(
        lambda e: (
            (2 * mu * (e**2 - 1) + sigma * (e**3 - e)) ** 4 * stats.norm.pdf(e)
        ),
        -np.inf,
        np.inf,
    )
    standard_error = np.sqrt((fourth - exact**2) / 100_000)
    assert abs(baseline_variance - exact) < 4 * standard_error
