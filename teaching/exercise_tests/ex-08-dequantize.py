"""Exercise 8.3 (ex-08-dequantize): a dequantized density's bound."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-08-dequantize"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "bound": "array (256,): for one pixel (D = 1) whose density p is the "
    "Gaussian N(0.5, 0.2²), the lower bound E_u[ln p((m + u)/256)] - ln 256 "
    "for m = 0, 1, ..., 255, u ~ U(0, 1), computed exactly (by quadrature "
    "or in closed form, not by sampling)",
    "log_pmf": "array (256,): ln P(m) for the same m, P(m) the probability "
    "that this density gives to [m/256, (m + 1)/256)",
    "bits": "array (256,): the bound converted to bits per dimension, the "
    "upper bound it gives on -log2 P(m)",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="bound and log_pmf must be arrays of 256 numbers, one "
    "per pixel level: bound finite, log_pmf at most 0 (the log of a "
    "probability)",
)
def test_shapes(bound, log_pmf):
    import numpy as np

    bound, log_pmf = np.asarray(bound), np.asarray(log_pmf)
    assert bound.shape == log_pmf.shape == (256,)
    assert np.all(np.isfinite(bound))
    assert not np.any(np.isnan(log_pmf)) and np.all(log_pmf <= 0)


@test_case(
    points=1,
    hidden=True,
    failure_message="log_pmf is not ln P(m) for N(0.5, 0.2^2): a "
    "difference of normal CDFs at m/256 and (m + 1)/256",
)
def test_log_pmf(log_pmf):
    import numpy as np
    from scipy import stats

    cdf = stats.norm.cdf(np.arange(257) / 256, 0.5, 0.2)
    np.testing.assert_allclose(log_pmf, np.log(np.diff(cdf)), rtol=1e-9)


@test_case(
    points=2,
    hidden=True,
    failure_message="bound is not E_u[ln p((m + u)/256)] - ln 256 for "
    "N(0.5, 0.2^2): check the quadrature weights on [0, 1] and the -ln 256",
)
def test_bound(bound):
    import numpy as np

    # ln p is quadratic in y, and E[(y - c)^2] over y = (m + u)/256 with
    # u ~ U(0, 1) is ((m + 1/2)/256 - c)^2 + 1/(12 * 256^2): exact
    centre, width = 0.5, 0.2
    mean_square = ((np.arange(256) + 0.5) / 256 - centre) ** 2
    mean_square += 1 / (12 * 256**2)
    expected = (
        -0.5 * np.log(2 * np.pi * width**2)
        - mean_square / (2 * width**2)
        - np.log(256)
    )
    np.testing.assert_allclose(bound, expected, rtol=1e-9, atol=1e-12)


@test_case(
    points=1,
    hidden=True,
    failure_message="bits is not the bound in bits per dimension: minus "
    "the bound, divided by ln 2 and by D = 1",
)
def test_bits(bits):
    import numpy as np

    centre, width = 0.5, 0.2
    mean_square = ((np.arange(256) + 0.5) / 256 - centre) ** 2
    mean_square += 1 / (12 * 256**2)
    bound = (
        -0.5 * np.log(2 * np.pi * width**2)
        - mean_square / (2 * width**2)
        - np.log(256)
    )
    np.testing.assert_allclose(bits, -bound / np.log(2), rtol=1e-9)
