"""Exercise 12.1 (ex-12-rate-decomposition): rate = I + KL(q(z) || p(z))."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-12-rate-decomposition"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "log_prior": "array (1000,): ln p(z_i) under the prior N(0, I), for "
    "one draw z_i ~ q(z | x_i) per held-out digit x_i of the beta = 8 model "
    '(its encoder outputs results[8.0]["z_mean"] and ["z_log_var"])',
    "log_aggregate": "array (1000,): ln q(z_i) at the same draws, q(z) the "
    "mixture of the 1,000 encoder Gaussians q(z | x_k) with equal weights",
    "one_draw_rate": "array (1000,): ln q(z_i | x_i) - ln p(z_i) at the "
    "same draws, a one-draw estimate of each digit's rate",
    "aggregate_kl": "float: the estimate of D_KL(q(z) || p(z)), the mean "
    "of log_aggregate - log_prior",
    "information": "float: the estimate of I_q(x; z) from the same draws "
    "and the same mixture, the mean of ln q(z_i | x_i) - ln q(z_i)",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="log_prior, log_aggregate and one_draw_rate must be "
    "arrays of 1,000 finite values, aggregate_kl the mean of log_aggregate "
    "- log_prior, information a number at most ln 1000",
)
def test_structure(
    log_prior, log_aggregate, one_draw_rate, aggregate_kl, information
):
    import numpy as np

    for values in (log_prior, log_aggregate, one_draw_rate):
        values = np.asarray(values, dtype=float)
        assert values.shape == (1000,) and np.all(np.isfinite(values))
    for value in (aggregate_kl, information):
        assert np.ndim(value) == 0 and np.isfinite(value)
    terms = np.asarray(log_aggregate, float) - np.asarray(log_prior, float)
    assert abs(aggregate_kl - terms.mean()) < 1e-4
    assert information <= np.log(1000) + 1e-6


@test_case(
    points=2,
    hidden=True,
    failure_message="information + aggregate_kl is not the mean one-draw "
    "rate: with the same draws and the same mixture the two add up exactly",
)
def test_adds_up(one_draw_rate, aggregate_kl, information):
    import numpy as np

    # the same sum rearranged: rounding only (float32 densities of 20
    # dimensions round at about 1e-5 nats)
    assert abs(information + aggregate_kl - np.mean(one_draw_rate)) < 1e-3


@test_case(
    points=1,
    hidden=True,
    failure_message="aggregate_kl is more than 4 standard errors from the "
    "reference's estimate of D_KL(q(z) || p(z))",
)
def test_aggregate_kl(aggregate_kl):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-12-rate-decomposition")
    terms = expected["log_aggregate"] - expected["log_prior"]
    # other draws: the difference of two estimates has sqrt(2) times the
    # standard error of one
    standard_error = np.sqrt(2) * terms.std(ddof=1) / np.sqrt(len(terms))
    assert abs(aggregate_kl - expected["aggregate_kl"]) < 4 * standard_error


@test_case(
    points=1,
    hidden=True,
    failure_message="The mean one-draw rate is more than 4 standard errors "
    "from the reference's: ln q(z | x) - ln p(z) at draws from q(z | x)?",
)
def test_rate(one_draw_rate):
    import numpy as np

    from teaching.exercise_values import reference

    theirs = reference("ex-12-rate-decomposition")["one_draw_rate"]
    standard_error = np.sqrt(2) * theirs.std(ddof=1) / np.sqrt(len(theirs))
    assert abs(np.mean(one_draw_rate) - theirs.mean()) < 4 * standard_error


@test_case(
    points=1,
    hidden=True,
    failure_message="information is more than 4 standard errors from the "
    "reference's estimate of I_q(x; z)",
)
def test_information(information):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-12-rate-decomposition")
    # its terms are the one-draw rate's minus the aggregate KL's: their
    # standard deviation is at most the sum of the two
    spread = np.std(expected["one_draw_rate"], ddof=1) + np.std(
        expected["log_aggregate"] - expected["log_prior"], ddof=1
    )
    standard_error = np.sqrt(2) * spread / np.sqrt(1000)
    assert abs(information - expected["information"]) < 4 * standard_error
