"""Exercise 1.2 (ex-01-data-dim): prior samples needed as D grows."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-01-data-dim"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "slope": "float: the slope of a straight-line fit of ln(median number "
    "of prior samples needed for 10 % error) against ln(original_dim), over "
    "original_dim = 10, 20, 50, 100, 200, for the models "
    "make_linear_gaussian(original_dim, 2, noise_var=0.1, seed=run.seed); "
    "each median over at least 500 points x sampled from the model",
    "slope_error": "float: the standard error of that slope, from the fit",
    "predicted_slope": "float: the slope, against ln(original_dim), of "
    "mean_log_one_plus_rho (the mean over x of ln(1 + rho(x))) for the same "
    "models",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="slope, slope_error and predicted_slope must be finite "
    "numbers, slope_error positive",
)
def test_numbers(slope, slope_error, predicted_slope):
    import numpy as np

    for value in (slope, slope_error, predicted_slope):
        assert np.ndim(value) == 0 and np.isfinite(value)
    assert slope_error > 0


@test_case(
    points=1,
    hidden=True,
    failure_message="predicted_slope is not the slope that ln(1 + rho) "
    "predicts for these models",
)
def test_predicted_slope(predicted_slope):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-01-data-dim")["predicted_slope"]
    np.testing.assert_allclose(predicted_slope, expected, rtol=1e-6)


@test_case(
    points=2,
    hidden=True,
    failure_message="The fitted slope is far from the reference fit: more "
    "than 4 standard errors of the difference",
)
def test_fitted_slope(slope):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-01-data-dim")
    # Two fits differ by the fit's own error and by the sampling error of
    # the medians (another sample of x): over 40 samples of 500 points, the
    # slope's standard deviation is at most 0.0095 (seeds 0-4), so that of
    # a difference of two fits at most 0.0135.
    tolerance = 4 * np.hypot(expected["slope_error"], 0.0135)
    assert abs(slope - expected["slope"]) < tolerance
