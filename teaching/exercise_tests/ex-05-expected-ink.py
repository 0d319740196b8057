"""Exercise 5.2 (ex-05-expected-ink): the 1s of stochastic binarizations."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-05-expected-ink"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "counts": "1-D array of at least 1,000 numbers: the number of 1s in "
    "each of independent stochastic binarizations of the first training "
    "digit, x_train[0]",
    "expected_ones": "float: the expected number of 1s, from the formula",
    "variance_formula": "float: the variance of the number of 1s, from the "
    "formula",
    "mid_gray_share": "float: the share of that variance that comes from "
    "the pixels with 0.1 < x_i < 0.9",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="counts must be a 1-D array of at least 1,000 whole "
    "numbers between 0 and 784",
)
def test_counts_shape(counts):
    import numpy as np

    counts = np.asarray(counts, dtype=float)
    assert counts.ndim == 1 and len(counts) >= 1000
    assert np.all((counts >= 0) & (counts <= 784))
    assert np.all(counts == np.round(counts))


@test_case(
    points=1,
    hidden=False,
    failure_message="expected_ones and variance_formula must be positive "
    "finite numbers and mid_gray_share a fraction between 0 and 1",
)
def test_numbers(expected_ones, variance_formula, mid_gray_share):
    import numpy as np

    for value in (expected_ones, variance_formula, mid_gray_share):
        assert np.ndim(value) == 0 and np.isfinite(value)
    assert expected_ones > 0 and variance_formula > 0
    assert 0 <= mid_gray_share <= 1


@test_case(
    points=2,
    hidden=True,
    failure_message="expected_ones or variance_formula is not the formula's "
    "value for this digit: each pixel is its own Bernoulli variable",
)
def test_formulas(expected_ones, variance_formula):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-05-expected-ink")
    np.testing.assert_allclose(
        expected_ones, expected["expected_ones"], rtol=1e-6
    )
    np.testing.assert_allclose(
        variance_formula, expected["variance_formula"], rtol=1e-6
    )


@test_case(
    points=1,
    hidden=True,
    failure_message="mid_gray_share is not the mid-gray pixels' share of "
    "the variance",
)
def test_mid_gray_share(mid_gray_share):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-05-expected-ink")["mid_gray_share"]
    np.testing.assert_allclose(mid_gray_share, expected, rtol=1e-6)


@test_case(
    points=1,
    hidden=True,
    failure_message="The counts' mean or variance is more than 4 standard "
    "errors from the formulas: are they binarizations of x_train[0]?",
)
def test_counts(counts):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-05-expected-ink")
    mean, variance = expected["expected_ones"], expected["variance_formula"]
    counts = np.asarray(counts, dtype=float)
    n = len(counts)
    assert abs(counts.mean() - mean) < 4 * np.sqrt(variance / n)
    # A sum of independent Bernoulli(x_i) has fourth central moment
    # sum x_i (1 - x_i)(1 - 6 x_i (1 - x_i)) + 3 variance^2, at most
    # variance + 3 variance^2: the sample variance's standard error,
    # sqrt((m4 - variance^2) / n), is at most sqrt((variance + 2
    # variance^2) / n).
    standard_error = np.sqrt((variance + 2 * variance**2) / n)
    assert abs(counts.var(ddof=1) - variance) < 4 * standard_error
