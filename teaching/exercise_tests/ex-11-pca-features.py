"""Exercise 11.3 (ex-11-pca-features): PCA scores as features."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-11-pca-features"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "difference": "float: the held-out accuracy of the 5-nearest-neighbour "
    "rule (knn_correct) with only the first 100 training labels on the 20 "
    "PCA scores of each digit (PCA fitted on x_train), minus its accuracy "
    "on the raw pixels with the same labels; paired, the mean over the "
    "1,000 test digits of correct(PCA) - correct(pixels)",
    "se": "float: the standard error of that paired difference",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="difference must be a number between -1 and 1, se a "
    "positive number",
)
def test_numbers(difference, se):
    import numpy as np

    for value in (difference, se):
        assert np.ndim(value) == 0 and np.isfinite(value)
    assert abs(difference) <= 1 and 0 < se < 0.1


@test_case(
    points=2,
    hidden=True,
    failure_message="The accuracy difference is not that of the PCA scores "
    "of x_train and x_test (one PCA, fitted on the training digits) against "
    "the raw pixels, with 100 labels",
)
def test_difference(difference):
    from teaching.exercise_values import reference

    expected = reference("ex-11-pca-features")["difference"]
    # PCA and nearest neighbours are deterministic; PCA solvers (randomized,
    # full SVD) change the scores in their last digits, which moved one
    # test digit of 1,000 in our trials
    assert abs(difference - expected) < 0.005


@test_case(
    points=1,
    hidden=True,
    failure_message="se is not the standard error of the paired difference "
    "over the 1,000 test digits",
)
def test_standard_error(se):
    from teaching.exercise_values import reference

    expected = reference("ex-11-pca-features")["se"]
    # ddof 0 or 1: 0.05 %; a digit or two moved: a few per cent
    assert abs(se - expected) < 0.1 * expected
