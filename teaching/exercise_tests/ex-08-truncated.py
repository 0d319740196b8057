"""Exercise 8.2 (ex-08-truncated): the truncated Gaussian's normalizer."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-08-truncated"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "truncation_mass": "dict with the keys 0.0, 0.5 and 1.0 (the mean μ): "
    "for each, the normalizer Z(μ), the probability that N(μ, σ²) with "
    "σ = 0.2 gives to [0, 1]",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="truncation_mass must be a dict with keys 0.0, 0.5 and "
    "1.0 whose values are probabilities, above 0 and at most 1",
)
def test_structure(truncation_mass):
    import numpy as np

    assert set(truncation_mass) == {0.0, 0.5, 1.0}
    for value in truncation_mass.values():
        assert np.ndim(value) == 0 and 0 < value <= 1


@test_case(
    points=1,
    hidden=True,
    failure_message="Z(0.5) is not the mass of N(0.5, 0.2^2) on [0, 1]",
)
def test_middle(truncation_mass):
    import numpy as np
    from scipy import stats

    expected = stats.norm.cdf(0.5 / 0.2) - stats.norm.cdf(-0.5 / 0.2)
    np.testing.assert_allclose(truncation_mass[0.5], expected, rtol=1e-9)


@test_case(
    points=1,
    hidden=True,
    failure_message="Z(0) or Z(1) is not the mass of N(mu, 0.2^2) on [0, 1]",
)
def test_edges(truncation_mass):
    import numpy as np
    from scipy import stats

    for mu in (0.0, 1.0):
        expected = stats.norm.cdf((1 - mu) / 0.2) - stats.norm.cdf(-mu / 0.2)
        np.testing.assert_allclose(truncation_mass[mu], expected, rtol=1e-9)
