"""Exercise 13.2 (ex-13-iw-gain): what the importance-weighted gain bounds."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-13-iw-gain"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "iw_gain": 'dict with the keys "MLP" and "conv": for each 20-'
    "dimensional model, the mean over the 300 held-out digits x_eval of "
    "L_100 - L_1, both from the 100 log weights per digit computed for the "
    'table (models[name]["log_weights"]), in nats',
    "iw_gain_se": "dict with the same keys: the standard error of each "
    "mean gain, paired (from the digits' own gains)",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="iw_gain and iw_gain_se must map 'MLP' and 'conv' to "
    "finite numbers, the standard errors positive",
)
def test_structure(iw_gain, iw_gain_se):
    import numpy as np

    assert set(iw_gain) == set(iw_gain_se) == {"MLP", "conv"}
    for name in ("MLP", "conv"):
        assert np.ndim(iw_gain[name]) == 0 and np.isfinite(iw_gain[name])
        assert np.ndim(iw_gain_se[name]) == 0 and iw_gain_se[name] > 0


@test_case(
    points=2,
    hidden=True,
    failure_message="The gains differ from L_100 - L_1 of the chapter's log "
    "weights: L_k averages the weights (not their logs) in groups of k, "
    "inside the logarithm",
)
def test_gains(iw_gain):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-13-iw-gain")
    for name in ("MLP", "conv"):
        # the same log weights give the same gain up to rounding; log
        # weights drawn afresh, a gain within 4 standard errors of a
        # difference of two estimates
        tolerance = 4 * np.sqrt(2) * expected["iw_gain_se"][name]
        assert abs(iw_gain[name] - expected["iw_gain"][name]) < tolerance


@test_case(
    points=1,
    hidden=True,
    failure_message="iw_gain_se is not the standard error of a mean over "
    "the 300 digits' gains",
)
def test_standard_errors(iw_gain_se):
    from teaching.exercise_values import reference

    expected = reference("ex-13-iw-gain")["iw_gain_se"]
    for name in ("MLP", "conv"):
        # ddof 0 or 1: 0.2 %; fresh log weights: about 10 %
        assert 0.7 < iw_gain_se[name] / expected[name] < 1.4, name
