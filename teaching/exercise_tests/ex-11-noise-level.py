"""Exercise 11.2 (ex-11-noise-level): denoising at three noise levels."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-11-noise-level"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "level_error": "dict with the keys 0.02, 0.1 and 0.3 (the flip "
    "probability): for each, a pair (noisy, denoised): noisy the fraction "
    "of pixels of the 1,000 test digits wrong after flipping each pixel "
    "independently with that probability, a float; denoised an array "
    "(1000,), per test digit, the fraction of its pixels wrong (against "
    "the clean digit, at a threshold of 1/2) in the 20-dimensional model's "
    "decoder mean at the encoder mean of the noisy digit",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="level_error must map 0.02, 0.1 and 0.3 to pairs of a "
    "fraction and an array of 1,000 fractions, one per test digit",
)
def test_structure(level_error):
    import numpy as np

    assert set(level_error) == {0.02, 0.1, 0.3}
    for noisy, denoised in level_error.values():
        denoised = np.asarray(denoised, dtype=float)
        assert np.ndim(noisy) == 0 and 0 <= noisy <= 1
        assert denoised.shape == (1000,)
        assert np.all((denoised >= 0) & (denoised <= 1))


@test_case(
    points=1,
    hidden=True,
    failure_message="The noisy digits do not have the fraction of flipped "
    "pixels that the flip probability gives, within 4 standard errors",
)
def test_noise(level_error):
    import numpy as np

    for level, (noisy, _) in level_error.items():
        # 784,000 independent flips: a binomial proportion
        standard_error = np.sqrt(level * (1 - level) / 784_000)
        assert abs(noisy - level) < 4 * standard_error, level


@test_case(
    points=2,
    hidden=True,
    failure_message="The denoised errors differ from those of the 20-"
    "dimensional model on the reference's noisy digits by more than 4 "
    "standard errors",
)
def test_denoised(level_error):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-11-noise-level")["level_error"]
    for level, (_, denoised) in level_error.items():
        theirs = np.asarray(expected[level][1], dtype=float)
        # The same digits with other flips: per digit, the variance over
        # the flips is at most the variance over digits, so the difference
        # of two means has a standard error of at most sqrt(2 / n) sd.
        standard_error = np.sqrt(2 / len(theirs)) * theirs.std(ddof=1)
        difference = np.mean(denoised) - theirs.mean()
        assert abs(difference) < 4 * standard_error, level


@test_case(
    points=1,
    hidden=True,
    failure_message="Denoising should add errors at the lowest noise level "
    "and remove more of them the higher the noise",
)
def test_gain(level_error):
    import numpy as np

    gain = {
        level: noisy - np.mean(denoised)
        for level, (noisy, denoised) in level_error.items()
    }
    # the chapter's finding, for every seed 0-4
    assert gain[0.02] < 0 < gain[0.1] < gain[0.3]
