"""Exercise 7.1 (ex-07-sigmoid-rounding): where float32's sigmoid hits 1."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-07-sigmoid-rounding"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "smallest": "float: the smallest float32 logit η for which "
    "ops.sigmoid(η), computed in float32, returns exactly 1.0, found to "
    "within 0.01 or closer",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="smallest must be one finite, positive number",
)
def test_a_number(smallest):
    import numpy as np

    assert np.ndim(smallest) == 0 and np.isfinite(smallest)
    assert 0 < smallest < 100


@test_case(
    points=2,
    hidden=True,
    failure_message="This is not where ops.sigmoid first returns exactly "
    "1.0 in float32 (to within 0.01)",
)
def test_value(smallest):
    from teaching.exercise_values import reference

    expected = reference("ex-07-sigmoid-rounding")["smallest"]
    # the reference scans a grid of step 0.01: it lies up to 0.01 above
    # the exact float32 threshold; a finer search lands within that step
    assert abs(float(smallest) - float(expected)) <= 0.0101
