"""Exercise 14.2 (ex-14-kl-directions): the two KL divergences of a hole."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-14-kl-directions"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "kl_q_p": "float: a Monte Carlo estimate, from at least 10,000 draws, "
    "of D_KL(q || p) in nats, p = N(0, 1) and q the equal mixture of "
    "N(-1.5, 0.3^2) and N(1.5, 0.3^2)",
    "kl_p_q": "float: a Monte Carlo estimate, from at least 10,000 draws, "
    "of D_KL(p || q) in nats",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="kl_q_p and kl_p_q must be finite numbers",
)
def test_numbers(kl_q_p, kl_p_q):
    import numpy as np

    for value in (kl_q_p, kl_p_q):
        assert np.ndim(value) == 0 and np.isfinite(value)


@test_case(
    points=1,
    hidden=True,
    failure_message="kl_q_p is more than 4 standard errors (of 10,000 "
    "draws) from D_KL(q || p): the average of ln q - ln p over draws from q",
)
def test_kl_q_p(kl_q_p):
    import numpy as np
    from scipy import integrate, stats

    def log_q(z):
        return np.logaddexp(
            stats.norm(-1.5, 0.3).logpdf(z), stats.norm(1.5, 0.3).logpdf(z)
        ) - np.log(2.0)

    def moment(power):
        # E_q[(ln q - ln p)^power] by quadrature
        return integrate.quad(
            lambda z: (
                np.exp(log_q(z)) * (log_q(z) - stats.norm.logpdf(z)) ** power
            ),
            -12,
            12,
            points=[-1.5, 0.0, 1.5],
            limit=200,
        )[0]

    mean, second = moment(1), moment(2)
    standard_error = np.sqrt(second - mean**2) / np.sqrt(10_000)
    assert abs(kl_q_p - mean) < 4 * standard_error


@test_case(
    points=2,
    hidden=True,
    failure_message="kl_p_q is more than 4 standard errors (of 10,000 "
    "draws) from D_KL(p || q): the average of ln p - ln q over draws from p",
)
def test_kl_p_q(kl_p_q):
    import numpy as np
    from scipy import integrate, stats

    def log_q(z):
        return np.logaddexp(
            stats.norm(-1.5, 0.3).logpdf(z), stats.norm(1.5, 0.3).logpdf(z)
        ) - np.log(2.0)

    def moment(power):
        # E_p[(ln p - ln q)^power] by quadrature
        return integrate.quad(
            lambda z: (
                stats.norm.pdf(z) * (stats.norm.logpdf(z) - log_q(z)) ** power
            ),
            -12,
            12,
            points=[-1.5, 0.0, 1.5],
            limit=200,
        )[0]

    mean, second = moment(1), moment(2)
    standard_error = np.sqrt(second - mean**2) / np.sqrt(10_000)
    assert abs(kl_p_q - mean) < 4 * standard_error
