"""Exercise 7.2 (ex-07-typical): the mode against typical samples."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-07-typical"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "expected_flips": "array (8,): for each of the eight digits (the rows "
    "of lam_8), the expected number of pixels at which a sample from p(x "
    "| z) differs from the mode",
    "flips": "array (number of samples, 8): for each of the chapter's "
    "samples `many` (4,000 per digit) and each digit, the number of "
    "pixels at which the sample differs from that digit's mode",
    "cost": "array (8,): ln p(mode | z) minus the expected log-probability "
    "E[ln p(x | z)] of a sample, per digit, in nats",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="expected_flips and cost must be arrays of 8 finite, "
    "non-negative numbers (the mode is the most probable image), flips an "
    "array (number of samples, 8) of counts",
)
def test_shapes(expected_flips, flips, cost):
    import numpy as np

    for values in (expected_flips, cost):
        values = np.asarray(values, dtype=float)
        assert values.shape == (8,) and np.all(np.isfinite(values))
        assert np.all(values >= 0)
    flips = np.asarray(flips)
    assert flips.ndim == 2 and flips.shape[1] == 8 and len(flips) >= 1000
    assert np.all(flips >= 0) and np.all(flips <= 784)


@test_case(
    points=1,
    hidden=True,
    failure_message="expected_flips is not the expected number of pixels "
    "that disagree with the mode",
)
def test_expected_flips(expected_flips):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-07-typical")["expected_flips"]
    np.testing.assert_allclose(expected_flips, expected, rtol=1e-8)  # float64


@test_case(
    points=1,
    hidden=True,
    failure_message="The samples do not disagree with the mode at the "
    "expected number of pixels, within 4 standard errors",
)
def test_flips(flips):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-07-typical")["expected_flips"]
    flips = np.asarray(flips, dtype=float)
    assert len(flips) >= 1000
    # a count of independent disagreements with probabilities m_i has
    # variance sum m_i (1 - m_i), at most sum m_i = the expected count
    se = np.sqrt(expected / len(flips))
    assert np.all(np.abs(flips.mean(axis=0) - expected) < 4 * se)


@test_case(
    points=2,
    hidden=True,
    failure_message="cost is not ln p(mode | z) - E[ln p(x | z)]: weigh "
    "each pixel's price of disagreeing by how often it disagrees",
)
def test_cost(cost):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-07-typical")["cost"]
    np.testing.assert_allclose(cost, expected, rtol=1e-8)  # float64
