"""Exercise 10.1 (ex-10-variance-of-iw): the spread of ln (1/k) sum w."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-10-variance-of-iw"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "spread": "dict with the keys 1, 10 and 100 (k): the standard "
    "deviation over groups of ln (1/k) sum_i w_i - ln p(x), the log of the "
    "average of k importance weights, for the linear-Gaussian model's 400 "
    "points x_lg and the diagonal (mean-field) proposal, pooled over the "
    "points, from 1,000 to 10,000 importance samples per point split into "
    "disjoint groups of k",
    "spread_se": "dict with the same keys: the standard error of each "
    "spread (a standard deviation's; the weights are far from Gaussian)",
    "factor": "dict with the keys 1 and 10: spread[k] / spread[10 * k], "
    "how much the spread falls when k grows tenfold",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="spread and spread_se must map 1, 10 and 100 to "
    "positive finite numbers, each standard error below its spread, and "
    "factor map 1 and 10 to the ratios spread[k] / spread[10 k]",
)
def test_structure(spread, spread_se, factor):
    import numpy as np

    assert set(spread) == set(spread_se) == {1, 10, 100}
    assert set(factor) == {1, 10}
    for k, value in spread.items():
        assert np.ndim(value) == 0 and np.isfinite(value) and value > 0
        assert np.ndim(spread_se[k]) == 0 and 0 < spread_se[k] < value
    for k in (1, 10):
        np.testing.assert_allclose(
            factor[k], spread[k] / spread[10 * k], rtol=1e-9
        )


@test_case(
    points=2,
    hidden=True,
    failure_message="The spreads differ from those of ln (1/k) sum w - ln "
    "p(x) under the mean-field proposal by more than 4 standard errors: "
    "is the average taken over the weights, inside the logarithm?",
)
def test_spreads(spread):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-10-variance-of-iw")
    for k in (1, 10, 100):
        # the reference's standard error of a standard deviation (fourth
        # moment, over 400,000 / k groups); an answer from other draws with
        # at least as many groups errs at most as much: sqrt(2) of it
        tolerance = 4 * np.sqrt(2) * expected["spread_se"][k]
        assert abs(spread[k] - expected["spread"][k]) < tolerance, k


@test_case(
    points=1,
    hidden=True,
    failure_message="The spread should fall with k, but more slowly than "
    "1/sqrt(k): the weights have no finite variance here",
)
def test_slower_than_square_root(spread):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-10-variance-of-iw")
    spreads, ses = expected["spread"], expected["spread_se"]
    for k in (1, 10):
        # as the chapter checks, with the reference's standard errors: the
        # spread falls by more than 4 of them, and the ratio of the spreads
        # stays more than 4 of its own below sqrt(10)
        assert spread[k] - spread[10 * k] > 4 * np.hypot(ses[k], ses[10 * k])
        ratio = spread[k] / spread[10 * k]
        ratio_se = ratio * np.hypot(
            ses[k] / spreads[k], ses[10 * k] / spreads[10 * k]
        )
        assert ratio < np.sqrt(10) - 4 * ratio_se, k


@test_case(
    points=1,
    hidden=True,
    failure_message="spread_se is not the standard error of a standard "
    "deviation over that many groups",
)
def test_standard_errors(spread_se):
    from teaching.exercise_values import reference

    expected = reference("ex-10-variance-of-iw")["spread_se"]
    for k in (1, 10, 100):
        # the normal-theory formula and the fourth-moment one differ by the
        # square root of (kurtosis - 1) / 2, other draws move it too: a
        # factor 3 either way; up to 10 times the reference's 1,000 samples
        # make it up to sqrt(10) times smaller
        low, high = expected[k] / (3 * 10**0.5), 3 * expected[k]
        assert low < spread_se[k] < high, k
