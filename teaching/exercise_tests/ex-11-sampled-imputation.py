"""Exercise 11.1 (ex-11-sampled-imputation): completing digits by sampling."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-11-sampled-imputation"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "sampled_error": "float: the fraction of hidden pixels (the bottom "
    "half, the chapter's mask `hidden`) that the sampled completion gets "
    "wrong at a threshold of 1/2, averaged over the 1,000 test digits; the "
    "completion: for the latent_dim = 8 model, 10 chains per test digit, "
    "each started from hidden pixels drawn from mean_image and run for 10 "
    "steps of z ~ q(z | x) then hidden pixels ~ Bernoulli(decoder "
    "probabilities at z), the visible pixels kept; the chains' final "
    "probabilities averaged",
    "scheme_difference": "float: the mean over the test digits of the "
    "sampled completion's error minus the deterministic iteration's "
    '(image_error["VAE, latent_dim 8"]), digit by digit',
    "scheme_se": "float: the standard error of that paired difference",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="sampled_error must be a fraction between 0 and 1, "
    "scheme_difference a finite number and scheme_se a positive one",
)
def test_numbers(sampled_error, scheme_difference, scheme_se):
    import numpy as np

    for value in (sampled_error, scheme_difference, scheme_se):
        assert np.ndim(value) == 0 and np.isfinite(value)
    assert 0 <= sampled_error <= 1 and abs(scheme_difference) <= 1
    assert 0 < scheme_se < 0.1


@test_case(
    points=2,
    hidden=True,
    failure_message="The sampled completion's error differs from the "
    "reference's by more than 4 standard errors: are the 10 chains of each "
    "digit averaged together, and the hidden pixels drawn with the "
    "decoder's probabilities?",
)
def test_sampled_error(sampled_error):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-11-sampled-imputation")
    # Two runs of the chains differ only in their draws; per digit, the
    # variance over draws is at most that of the paired difference with
    # the deterministic scheme, so the difference of two runs' means has a
    # standard error of at most sqrt(2) scheme_se.
    tolerance = 4 * np.sqrt(2) * expected["scheme_se"]
    assert abs(sampled_error - expected["sampled_error"]) < tolerance


@test_case(
    points=1,
    hidden=True,
    failure_message="scheme_difference is not the sampled error minus the "
    "deterministic iteration's on the same digits",
)
def test_difference(sampled_error, scheme_difference):
    from teaching.exercise_values import reference

    expected = reference("ex-11-sampled-imputation")
    deterministic = expected["sampled_error"] - expected["scheme_difference"]
    # a mean of per-digit differences is the difference of the means
    assert abs(scheme_difference - (sampled_error - deterministic)) < 1e-6


@test_case(
    points=1,
    hidden=True,
    failure_message="scheme_se is not the standard error of the paired "
    "difference over the 1,000 test digits",
)
def test_standard_error(scheme_se):
    from teaching.exercise_values import reference

    expected = reference("ex-11-sampled-imputation")["scheme_se"]
    # other draws of the chains move it by a few per cent; ddof 0 or 1 by
    # 0.05 %; the standard deviation instead is 30 times larger
    assert 0.7 * expected < scheme_se < 1.4 * expected
