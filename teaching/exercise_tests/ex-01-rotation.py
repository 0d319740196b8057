"""Exercise 1.3 (ex-01-rotation): the posterior of a rotated model."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-01-rotation"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "rotated_mean": "array (n, latent_dim): the means of p(z | x) under "
    "`rotated` for the chapter's points x, one row per point",
    "rotated_cov": "array (latent_dim, latent_dim): the covariance of "
    "p(z | x) under `rotated` (the same for every x)",
    "model_mean": "array (n, latent_dim): the posterior means under `model`",
    "model_cov": "array (latent_dim, latent_dim): the posterior covariance "
    "under `model`",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="The four names must be arrays: means of shape (n, "
    "latent_dim), covariances (latent_dim, latent_dim), symmetric",
)
def test_shapes(rotated_mean, rotated_cov, model_mean, model_cov):
    import numpy as np

    for mean, cov in [(rotated_mean, rotated_cov), (model_mean, model_cov)]:
        mean, cov = np.asarray(mean), np.asarray(cov)
        assert mean.ndim == 2 and cov.shape == (mean.shape[1],) * 2
        np.testing.assert_allclose(cov, cov.T, atol=1e-12)
    assert np.shape(rotated_mean) == np.shape(model_mean)


@test_case(
    points=2,
    hidden=True,
    failure_message="The posteriors are not those of the two models: "
    "compare with Gaussian conditioning of each model",
)
def test_values(rotated_mean, rotated_cov, model_mean, model_cov):
    import numpy as np

    from teaching.exercise_values import reference

    expected = reference("ex-01-rotation")
    for name, value in [
        ("rotated_mean", rotated_mean),
        ("rotated_cov", rotated_cov),
        ("model_mean", model_mean),
        ("model_cov", model_cov),
    ]:
        # exact linear algebra: float64 round-off only
        np.testing.assert_allclose(
            value, expected[name], rtol=1e-9, atol=1e-12
        )


@test_case(
    points=1,
    hidden=True,
    failure_message="The two posteriors should differ by the rotation",
)
def test_rotated_by_the_rotation(rotated_mean, model_mean):
    import numpy as np

    assert not np.allclose(rotated_mean, model_mean)
