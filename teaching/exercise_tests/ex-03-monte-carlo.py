"""Exercise 3.2 (ex-03-monte-carlo): the KL by Monte Carlo, and its error."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-03-monte-carlo"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "terms": "1-D array of at least 10,000 numbers: ln q(z) - ln p(z) for "
    "independent draws z ~ q, with q the diagonal Gaussian of z_mean and "
    "z_log_var and p = N(0, I); their mean is the Monte Carlo KL",
    "term_var": "float: the variance of one such term (exact, or estimated "
    "from the terms)",
    "n_for_001": "float: the number of draws S whose average has a standard "
    "error of 0.01 nats",
    "kl_value": "float: the closed-form KL of the same q and p, in nats",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="terms must be a 1-D array of at least 10,000 finite "
    "numbers",
)
def test_terms_shape(terms):
    import numpy as np

    terms = np.asarray(terms, dtype=float)
    assert terms.ndim == 1 and len(terms) >= 10_000
    assert np.all(np.isfinite(terms))


@test_case(
    points=1,
    hidden=False,
    failure_message="term_var, n_for_001 and kl_value must be positive "
    "finite numbers",
)
def test_numbers(term_var, n_for_001, kl_value):
    import numpy as np

    for value in (term_var, n_for_001, kl_value):
        assert np.ndim(value) == 0 and np.isfinite(value) and value > 0


@test_case(
    points=1,
    hidden=True,
    failure_message="kl_value is not the closed-form KL of this q and p",
)
def test_closed_form(kl_value):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-03-monte-carlo")["kl_value"]
    np.testing.assert_allclose(kl_value, expected, rtol=1e-9)


@test_case(
    points=2,
    hidden=True,
    failure_message="The mean of the terms is more than 4 standard errors "
    "from the KL: are the draws from q, and is each term ln q - ln p?",
)
def test_monte_carlo_mean(terms):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-03-monte-carlo")
    terms = np.asarray(terms, dtype=float)
    # standard error of the mean from the exact per-term variance
    standard_error = np.sqrt(expected["term_var"] / len(terms))
    assert abs(terms.mean() - expected["kl_value"]) < 4 * standard_error


@test_case(
    points=2,
    hidden=True,
    failure_message="term_var, or n_for_001 = term_var / 0.01^2, is not the "
    "variance of one term (within 4 standard errors of a sample variance)",
)
def test_term_variance(terms, term_var, n_for_001):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-03-monte-carlo")
    exact = expected["term_var"]
    # a sample variance of n terms has standard error sqrt((m4 - var^2) / n),
    # m4 the fourth central moment, here from the reference's terms
    theirs = np.asarray(expected["terms"], dtype=float)
    fourth_moment = np.mean((theirs - theirs.mean()) ** 4)
    n = len(np.asarray(terms))
    standard_error = np.sqrt((fourth_moment - exact**2) / n)
    assert abs(term_var - exact) < 4 * standard_error
    # n_for_001 may be rounded up to a whole number of draws
    assert abs(n_for_001 - exact / 0.01**2) < 4 * standard_error / 1e-4 + 1
