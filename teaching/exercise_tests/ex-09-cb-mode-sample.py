"""Exercise 9.1 (ex-09-cb-mode-sample): why the continuous Bernoulli's new
digits look worse than its reconstructions."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-09-cb-mode-sample"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "spread": 'dict with the keys "bernoulli", "gaussian" and "cb", one '
    "per trained model of the chapter (bernoulli on x_test_binary, "
    "gaussian and continuous_bernoulli on x_test): a pair (the mean over "
    "the test images of the KL divergence of q(z | x) from N(0, I), in "
    "nats; the share of the test images whose code z_mean lies farther "
    "than 3 from the origin)",
    "cb_reconstruction": "float: the continuous-Bernoulli model's ln p(x | "
    "z) at z = z_mean, averaged over the test images x_test, in nats",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="spread must map 'bernoulli', 'gaussian' and 'cb' to "
    "pairs (KL, share): a KL at least 0 and a share between 0 and 1; "
    "cb_reconstruction one finite number",
)
def test_structure(spread, cb_reconstruction):
    import numpy as np

    assert set(spread) == {"bernoulli", "gaussian", "cb"}
    for kl, share in spread.values():
        assert np.isfinite(kl) and kl >= 0
        assert 0 <= share <= 1
    assert np.ndim(cb_reconstruction) == 0 and np.isfinite(cb_reconstruction)


@test_case(
    points=1,
    hidden=True,
    failure_message="A model's mean KL is off: the closed form for a "
    "diagonal Gaussian against N(0, I), summed over the latent dimensions",
)
def test_kl(spread):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-09-cb-mode-sample")["spread"]
    for name, (kl, _) in spread.items():
        # float32 encoder outputs, averaged in float32 or float64
        np.testing.assert_allclose(kl, expected[name][0], rtol=1e-4)


@test_case(
    points=1,
    hidden=True,
    failure_message="A share of codes beyond the radius 3 is off: the "
    "distance of z_mean from the origin, against 3",
)
def test_share(spread):
    from teaching.exercise_values import reference

    expected = reference("ex-09-cb-mode-sample")["spread"]
    for name, (_, share) in spread.items():
        # float32 round-off may move a code on the circle: 3 codes in 1,000
        assert abs(share - expected[name][1]) <= 0.003


@test_case(
    points=1,
    hidden=True,
    failure_message="cb_reconstruction is not the continuous Bernoulli's "
    "mean log-density at the encoder means, normalizer included",
)
def test_reconstruction(cb_reconstruction):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-09-cb-mode-sample")["cb_reconstruction"]
    np.testing.assert_allclose(cb_reconstruction, expected, rtol=1e-4)
