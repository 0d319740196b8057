"""Exercise 4.3 (ex-04-full-covariance): reparameterizing a full covariance."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-04-full-covariance"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "scale_tril": "array (3, 3): the lower-triangular factor L built from "
    "what an encoder would output for J = 3: the logarithms of its diagonal, "
    "(-0.2, 0.3, -1.0), and its entries below the diagonal, (0.8, -0.5, "
    "0.4), in the order of np.tril_indices(3, k=-1)",
    "full_cov": "array (3, 3): the covariance Sigma that L gives",
    "z_full": "array (n, 3), n at least 10,000: draws z = mu + L eps, "
    "eps ~ N(0, I), one per row, for the mean mu = (0.5, -1.0, 2.0)",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="scale_tril must be a (3, 3) lower-triangular array "
    "with a positive diagonal, full_cov a symmetric (3, 3) array, and "
    "z_full an (n, 3) array of finite numbers, n at least 10,000",
)
def test_shapes(scale_tril, full_cov, z_full):
    import numpy as np

    scale_tril = np.asarray(scale_tril, dtype=float)
    full_cov = np.asarray(full_cov, dtype=float)
    z_full = np.asarray(z_full, dtype=float)
    assert scale_tril.shape == full_cov.shape == (3, 3)
    assert np.all(np.triu(scale_tril, k=1) == 0)
    assert np.all(np.diag(scale_tril) > 0)
    np.testing.assert_allclose(full_cov, full_cov.T, atol=1e-12)
    assert z_full.ndim == 2 and z_full.shape[1] == 3
    assert len(z_full) >= 10_000 and np.all(np.isfinite(z_full))


@test_case(
    points=1,
    hidden=True,
    failure_message="scale_tril or full_cov does not come from the "
    "encoder's outputs: exponentiate the diagonal, and Sigma = L L^T",
)
def test_factor_and_covariance(scale_tril, full_cov):
    import numpy as np

    expected = np.diag(np.exp([-0.2, 0.3, -1.0]))
    expected[np.tril_indices(3, k=-1)] = [0.8, -0.5, 0.4]
    np.testing.assert_allclose(scale_tril, expected, rtol=1e-12)
    np.testing.assert_allclose(full_cov, expected @ expected.T, rtol=1e-12)


@test_case(
    points=1,
    hidden=True,
    failure_message="The mean of z_full is more than 4 standard errors from "
    "mu in some coordinate",
)
def test_sample_mean(z_full):
    import numpy as np

    scale = np.diag(np.exp([-0.2, 0.3, -1.0]))
    scale[np.tril_indices(3, k=-1)] = [0.8, -0.5, 0.4]
    cov = scale @ scale.T
    z_full = np.asarray(z_full, dtype=float)
    standard_error = np.sqrt(np.diag(cov) / len(z_full))
    deviation = np.abs(z_full.mean(axis=0) - [0.5, -1.0, 2.0])
    assert np.all(deviation < 4 * standard_error)


@test_case(
    points=2,
    hidden=True,
    failure_message="The sample covariance of z_full is more than 4 "
    "standard errors from Sigma in some entry: is z = mu + L eps?",
)
def test_sample_covariance(z_full):
    import numpy as np

    scale = np.diag(np.exp([-0.2, 0.3, -1.0]))
    scale[np.tril_indices(3, k=-1)] = [0.8, -0.5, 0.4]
    cov = scale @ scale.T
    z_full = np.asarray(z_full, dtype=float)
    # for Gaussian z, a sample covariance's entry (i, j) has standard error
    # sqrt((Sigma_ii Sigma_jj + Sigma_ij^2) / n)
    variances = np.diag(cov)
    standard_error = np.sqrt(
        (np.outer(variances, variances) + cov**2) / len(z_full)
    )
    deviation = np.abs(np.cov(z_full, rowvar=False) - cov)
    assert np.all(deviation < 4 * standard_error)
