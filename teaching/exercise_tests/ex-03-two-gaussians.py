"""Exercise 3.1 (ex-03-two-gaussians): the KL divergence of two Gaussians."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-03-two-gaussians"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "kl_two_gaussians": "a function of (mean_1, std_1, mean_2, std_2), "
    "four floats, returning D_KL(N(mean_1, std_1^2) || N(mean_2, "
    "std_2^2)) in nats as a float; std_1 and std_2 are standard "
    "deviations, not variances",
}
# The calls the tests make of the function.
CALLS = {
    "kl_two_gaussians": [
        (0.0, 1.0, 1.0, 2.0),
        (1.0, 1.0, 1.0, 1.0),
        (2.0, 0.3, -1.0, 0.7),
        (0.5, 2.0, 0.5, 0.5),
        (-1.5, 0.8, 0.5, 1.3),
    ]
}


@test_case(
    points=1,
    hidden=False,
    failure_message="kl_two_gaussians(0.0, 1.0, 1.0, 2.0) must return "
    "one finite number",
)
def test_returns_one_number(kl_two_gaussians):
    import numpy as np

    value = kl_two_gaussians(0.0, 1.0, 1.0, 2.0)
    assert np.ndim(value) == 0 and np.isfinite(value)


@test_case(
    points=1,
    hidden=False,
    failure_message="Two equal Gaussians must be 0 nats apart",
)
def test_zero_between_equal_gaussians(kl_two_gaussians):
    assert abs(kl_two_gaussians(1.0, 1.0, 1.0, 1.0)) < 1e-9


@test_case(
    points=2,
    hidden=True,
    failure_message="The value differs from the integral of q ln(q / p) "
    "for some means and standard deviations",
)
def test_matches_numerical_integration(kl_two_gaussians):
    import numpy as np
    from scipy import integrate, stats

    for args in [
        (0.0, 1.0, 1.0, 2.0),
        (2.0, 0.3, -1.0, 0.7),
        (0.5, 2.0, 0.5, 0.5),
        (-1.5, 0.8, 0.5, 1.3),
    ]:
        mean_1, std_1, mean_2, std_2 = args
        q, p = stats.norm(mean_1, std_1), stats.norm(mean_2, std_2)
        integral, _ = integrate.quad(
            lambda z: q.pdf(z) * (q.logpdf(z) - p.logpdf(z)),
            mean_1 - 15 * std_1,
            mean_1 + 15 * std_1,
        )
        np.testing.assert_allclose(
            kl_two_gaussians(*args), integral, rtol=1e-6, atol=1e-9
        )
