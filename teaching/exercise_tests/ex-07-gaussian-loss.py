"""Exercise 7.3 (ex-07-gaussian-loss): a Gaussian decoder's loss."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-07-gaussian-loss"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "mu": "array (784,): decoder means, the values of "
    "np.random.default_rng(run.seed).random(original_dim)",
    "sigma": "float: the fixed standard deviation σ = 0.3 (not the variance)",
    "closed_form": "float: -ln p(x | z) in nats for x = x_test[0] when "
    "each pixel x_i has the density N(x_i | mu_i, sigma^2), from your "
    "formula",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="mu must be an array of 784 numbers in [0, 1], sigma "
    "a positive number and closed_form one finite number",
)
def test_types(mu, sigma, closed_form):
    import numpy as np

    mu = np.asarray(mu, dtype=float)
    assert mu.shape == (784,) and np.all((mu >= 0) & (mu <= 1))
    assert np.ndim(sigma) == 0 and sigma > 0
    assert np.ndim(closed_form) == 0 and np.isfinite(closed_form)


@test_case(
    points=1,
    hidden=True,
    failure_message="mu and sigma are not the decoder means and the "
    "standard deviation the exercise names",
)
def test_inputs(mu, sigma):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-07-gaussian-loss")
    np.testing.assert_allclose(mu, expected["mu"], rtol=1e-12)
    np.testing.assert_allclose(sigma, expected["sigma"], rtol=1e-12)


@test_case(
    points=2,
    hidden=True,
    failure_message="closed_form is not -ln p(x | z) for these means and "
    "this sigma: check the factor of the squared error and the constant",
)
def test_closed_form(mu, sigma, closed_form):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-07-gaussian-loss")
    np.testing.assert_allclose(mu, expected["mu"], rtol=1e-12)
    np.testing.assert_allclose(sigma, expected["sigma"], rtol=1e-12)
    # float64 sums over 784 pixels: round-off far below 1e-9
    np.testing.assert_allclose(closed_form, expected["closed_form"], rtol=1e-9)
