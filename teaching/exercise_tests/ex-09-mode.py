"""Exercise 9.3 (ex-09-mode): the mode image or a sample, against the data."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-09-mode"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "agreement": 'dict with the keys "mode" and "sample": the share of all '
    "pixels of the test images at which the Bernoulli decoder's mode image "
    "and one sample from p(x | z), both at z = z_mean of each test image "
    "(decoder_params(bernoulli, x_test) gives the logits), agree with the "
    "binarized test image x_test_binary",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="agreement must map 'mode' and 'sample' to shares "
    "between 0 and 1",
)
def test_structure(agreement):
    import numpy as np

    assert set(agreement) == {"mode", "sample"}
    for share in agreement.values():
        assert np.ndim(share) == 0 and 0 <= share <= 1


@test_case(
    points=1,
    hidden=True,
    failure_message="The mode's agreement is off: the mode of a Bernoulli "
    "pixel is 1 where its logit is positive, else 0",
)
def test_mode(agreement):
    from teaching.exercise_values import reference

    expected = reference("ex-09-mode")["agreement"]["mode"]
    # deterministic; float32 logits within round-off of 0 may differ
    assert abs(agreement["mode"] - expected) <= 1e-4


@test_case(
    points=1,
    hidden=True,
    failure_message="The sample's agreement is off by more than 4 standard "
    "errors: draw each pixel 1 with probability sigmoid(logit)",
)
def test_sample(agreement):
    import math

    from teaching.exercise_values import reference

    expected = reference("ex-09-mode")["agreement"]["sample"]
    # two independent means of at least 1,000 x 784 agreement indicators,
    # each of variance at most 1/4
    se = math.sqrt(2 * 0.25 / (1000 * 784))
    assert abs(agreement["sample"] - expected) < 4 * se
