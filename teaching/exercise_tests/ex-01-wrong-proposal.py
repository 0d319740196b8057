"""Exercise 1.4 (ex-01-wrong-proposal): proposals too narrow and too wide."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-01-wrong-proposal"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "proposal_error": 'dict with keys "too narrow" and "too wide": for '
    "each, an array of the errors (estimate minus exact ln p(x), nats) of "
    "repeated importance-sampling estimates of ln p(x) for the first point "
    "of the latent_dim = 20 model, 1,000 samples each",
    "proposal_ess": "dict with the same keys: arrays of the effective "
    "sample sizes of those estimates",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="proposal_error and proposal_ess must be dicts with "
    "keys 'too narrow' and 'too wide', each an array of at least 20 "
    "finite numbers",
)
def test_structure(proposal_error, proposal_ess):
    import numpy as np

    for table in (proposal_error, proposal_ess):
        assert set(table) == {"too narrow", "too wide"}
        for values in table.values():
            values = np.asarray(values, dtype=float)
            assert values.ndim == 1 and len(values) >= 20
            assert np.all(np.isfinite(values))


@test_case(
    points=1,
    hidden=True,
    failure_message="A proposal four times too narrow should underestimate "
    "ln p(x) by more than 1.5 nats (median)",
)
def test_narrow_underestimates(proposal_error):
    import numpy as np

    assert np.median(proposal_error["too narrow"]) < -1.5


@test_case(
    points=1,
    hidden=True,
    failure_message="The too-wide proposal should err less than the "
    "too-narrow one but keep only a few effective samples",
)
def test_wide_is_better_but_wasteful(proposal_error, proposal_ess):
    import numpy as np

    narrow = np.median(proposal_error["too narrow"])
    assert np.median(proposal_error["too wide"]) > narrow + 1.0
    assert np.median(proposal_ess["too wide"]) < 20


@test_case(
    points=2,
    hidden=True,
    failure_message="The median errors differ from those of the reference "
    "proposals (covariance 1/4 and 4 times the posterior's) by more than 4 "
    "standard errors",
)
def test_medians_match_reference(proposal_error):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-01-wrong-proposal")["proposal_error"]
    for label in ("too narrow", "too wide"):
        mine, theirs = (
            np.asarray(errors[label], dtype=float)
            for errors in (proposal_error, expected)
        )
        # standard error of a median, sqrt(pi / 2) sd / sqrt(n), with the
        # sd estimated from the reference's interquartile range (IQR / 1.349)
        spread = np.subtract(*np.percentile(theirs, [75, 25])) / 1.349
        standard_error = np.sqrt(np.pi / 2) * spread
        standard_error *= np.sqrt(1 / len(mine) + 1 / len(theirs))
        assert abs(np.median(mine) - np.median(theirs)) < 4 * standard_error
