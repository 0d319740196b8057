"""Exercise 2.1 (ex-02-bernoulli-kl): both KL directions of two Bernoullis."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-02-bernoulli-kl"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "kl_qp": "float: D_KL(q || p) in nats, for q = Bernoulli(0.5) and "
    "p = Bernoulli(0.01)",
    "kl_pq": "float: D_KL(p || q) in nats, for the same q and p",
    "terms_qp": "array (2,): the two terms of D_KL(q || p), weight times "
    "log-ratio, for the outcome 1 first, then the outcome 0",
    "terms_pq": "array (2,): the two terms of D_KL(p || q), in the same order",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="kl_qp and kl_pq must be finite numbers, and a KL "
    "divergence is never negative",
)
def test_two_divergences(kl_qp, kl_pq):
    import numpy as np

    for value in (kl_qp, kl_pq):
        assert np.ndim(value) == 0 and np.isfinite(value)
        assert value >= 0


@test_case(
    points=1,
    hidden=False,
    failure_message="terms_qp and terms_pq must be arrays of two finite "
    "numbers, outcome 1 first",
)
def test_terms_shape(terms_qp, terms_pq):
    import numpy as np

    for terms in (terms_qp, terms_pq):
        terms = np.asarray(terms, dtype=float)
        assert terms.shape == (2,) and np.all(np.isfinite(terms))


@test_case(
    points=2,
    hidden=True,
    failure_message="kl_qp or kl_pq is not the divergence in that direction: "
    "D_KL(q || p) is an expectation under q of ln(q / p)",
)
def test_divergences(kl_qp, kl_pq):
    import numpy as np
    from scipy import stats

    q, p = [0.5, 0.5], [0.01, 0.99]
    np.testing.assert_allclose(kl_qp, stats.entropy(q, p), rtol=1e-9)
    np.testing.assert_allclose(kl_pq, stats.entropy(p, q), rtol=1e-9)


@test_case(
    points=1,
    hidden=True,
    failure_message="The terms are not weight times log-ratio for the "
    "outcome 1 and then the outcome 0",
)
def test_terms(terms_qp, terms_pq):
    import numpy as np

    q, p = np.array([0.5, 0.5]), np.array([0.01, 0.99])
    np.testing.assert_allclose(terms_qp, q * np.log(q / p), rtol=1e-9)
    np.testing.assert_allclose(terms_pq, p * np.log(p / q), rtol=1e-9)
