"""Exercise 6.2 (ex-06-draws-per-image): one draw or sixteen per estimate."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-06-draws-per-image"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "one_draw": "array (R,) with R >= 500 (the exercise says 1,000): R "
    "independent estimates, for test image 0 and the chapter's trained "
    "encoder and decoder, of the reconstruction term -E[ln p(x | z)] under "
    "q(z | x), in nats, each from S = 1 draw of z",
    "sixteen_draws": "array (R,) with R >= 500: the same, each estimate "
    "the average over S = 16 draws of z",
    "std_1": "float: the standard deviation of the values in one_draw",
    "std_16": "float: the standard deviation of the values in sixteen_draws",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="one_draw and sixteen_draws must be 1-D arrays of at "
    "least 500 finite values, std_1 and std_16 their standard deviations",
)
def test_estimates(one_draw, sixteen_draws, std_1, std_16):
    import numpy as np

    for values, std in [(one_draw, std_1), (sixteen_draws, std_16)]:
        values = np.asarray(values, dtype=float)
        assert values.ndim == 1 and len(values) >= 500
        assert np.all(np.isfinite(values))
        assert np.ndim(std) == 0 and std > 0
        # ddof 0 or 1 alike: they differ by a factor 1 + O(1/R)
        np.testing.assert_allclose(std, values.std(ddof=1), rtol=0.01)


@test_case(
    points=1,
    hidden=True,
    failure_message="The estimates do not average to the reconstruction "
    "term of test image 0 (both sizes estimate the same expectation), "
    "within 4 standard errors",
)
def test_means(one_draw, sixteen_draws):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-06-draws-per-image")
    target = np.mean(expected["one_draw"])
    n_reference = len(expected["one_draw"])
    for mine, like in [
        (one_draw, expected["one_draw"]),
        (sixteen_draws, expected["sixteen_draws"]),
    ]:
        mine = np.asarray(mine, dtype=float)
        assert len(mine) >= 500
        # variances from the reference's values, never from the answer's
        se = np.sqrt(
            np.var(expected["one_draw"], ddof=1) / n_reference
            + np.var(like, ddof=1) / len(mine)
        )
        assert abs(mine.mean() - target) < 4 * se


@test_case(
    points=1,
    hidden=True,
    failure_message="std_1 is not the spread of one-draw estimates for "
    "this image, within 4 standard errors",
)
def test_std_1(one_draw, std_1):
    import numpy as np

    from teaching.exercise_values import reference

    def std_se(values, n):
        # the standard error of a standard deviation of n values distributed
        # like `values` (delta method with their fourth moment: the
        # estimates are skewed, so the normal formula would be too small)
        values = np.asarray(values, dtype=float)
        s2 = values.var(ddof=1)
        m4 = np.mean((values - values.mean()) ** 4)
        return np.sqrt((m4 - s2**2 * (n - 3) / (n - 1)) / n) / (
            2 * np.sqrt(s2)
        )

    expected = reference("ex-06-draws-per-image")["one_draw"]
    assert len(one_draw) >= 500
    se = np.hypot(
        std_se(expected, len(expected)),
        std_se(expected, len(one_draw)),
    )
    assert abs(std_1 - np.std(expected, ddof=1)) < 4 * se


@test_case(
    points=1,
    hidden=True,
    failure_message="std_16 is not the spread of 16-draw averages for this "
    "image, within 4 standard errors",
)
def test_std_16(sixteen_draws, std_16):
    import numpy as np

    from teaching.exercise_values import reference

    def std_se(values, n):
        # the standard error of a standard deviation of n values distributed
        # like `values` (delta method with their fourth moment: the
        # estimates are skewed, so the normal formula would be too small)
        values = np.asarray(values, dtype=float)
        s2 = values.var(ddof=1)
        m4 = np.mean((values - values.mean()) ** 4)
        return np.sqrt((m4 - s2**2 * (n - 3) / (n - 1)) / n) / (
            2 * np.sqrt(s2)
        )

    expected = reference("ex-06-draws-per-image")["sixteen_draws"]
    assert len(sixteen_draws) >= 500
    se = np.hypot(
        std_se(expected, len(expected)),
        std_se(expected, len(sixteen_draws)),
    )
    assert abs(std_16 - np.std(expected, ddof=1)) < 4 * se
