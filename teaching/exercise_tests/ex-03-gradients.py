"""Exercise 3.3 (ex-03-gradients): the KL's gradients in mu, v and sigma."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-03-gradients"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "points": "list of (mu, sigma) pairs, sigma the standard deviation, at "
    "which you compare the derivatives; at least three, one of them with "
    "sigma <= 0.001",
    "exact_slopes": "list of (dKL/dmu, dKL/dv, dKL/dsigma) triples, one per "
    "point, from your formulas, for one dimension's KL term "
    "(v = ln sigma^2; dKL/dsigma when the KL is written in sigma)",
    "numerical_slopes": "list of the same triples by central differences "
    "of the KL term itself",
    "v_values": "1-D array: a grid of log-variances v from -30 to 0",
    "dv_numerical": "array like v_values: dKL/dv by central differences at "
    "each v",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="points must hold at least three (mu, sigma) pairs with "
    "sigma > 0, one with sigma <= 0.001; exact_slopes and numerical_slopes "
    "one finite triple per point",
)
def test_slopes_shape(points, exact_slopes, numerical_slopes):
    import numpy as np

    points = np.asarray(points, dtype=float)
    assert points.ndim == 2 and points.shape[1] == 2 and len(points) >= 3
    assert np.all(points[:, 1] > 0) and points[:, 1].min() <= 1e-3
    for slopes in (exact_slopes, numerical_slopes):
        slopes = np.asarray(slopes, dtype=float)
        assert slopes.shape == (len(points), 3)
        assert np.all(np.isfinite(slopes))


@test_case(
    points=1,
    hidden=False,
    failure_message="v_values must be a 1-D grid from -30 to 0 and "
    "dv_numerical finite numbers of the same shape",
)
def test_grid_shape(v_values, dv_numerical):
    import numpy as np

    v_values = np.asarray(v_values, dtype=float)
    dv_numerical = np.asarray(dv_numerical, dtype=float)
    assert v_values.ndim == 1 and len(v_values) >= 10
    assert v_values.min() <= -29.999 and v_values.max() >= -1e-9
    assert dv_numerical.shape == v_values.shape
    assert np.all(np.isfinite(dv_numerical))


@test_case(
    points=2,
    hidden=True,
    failure_message="Some of the derivatives from your formulas are wrong: "
    "differentiate the KL term in mu, in v and, written in sigma, in sigma",
)
def test_exact_slopes(points, exact_slopes):
    import numpy as np

    mu, std = np.asarray(points, dtype=float).T
    expected = np.stack([mu, 0.5 * (std**2 - 1), std - 1 / std], axis=1)
    np.testing.assert_allclose(exact_slopes, expected, rtol=1e-9, atol=1e-12)


@test_case(
    points=1,
    hidden=True,
    failure_message="The central differences do not approximate the "
    "derivatives to 1e-5 (relative): check the function and the step",
)
def test_numerical_slopes(points, numerical_slopes):
    import numpy as np

    mu, std = np.asarray(points, dtype=float).T
    expected = np.stack([mu, 0.5 * (std**2 - 1), std - 1 / std], axis=1)
    # a central difference in float64 with a step ~1e-6 relative to the
    # point errs by ~1e-9 relative, far below the tolerance
    np.testing.assert_allclose(
        numerical_slopes, expected, rtol=1e-5, atol=1e-7
    )


@test_case(
    points=1,
    hidden=True,
    failure_message="dv_numerical does not follow dKL/dv on the grid",
)
def test_dv_on_the_grid(v_values, dv_numerical):
    import numpy as np

    v_values = np.asarray(v_values, dtype=float)
    expected = 0.5 * (np.exp(v_values) - 1)
    np.testing.assert_allclose(dv_numerical, expected, rtol=1e-5, atol=1e-7)
