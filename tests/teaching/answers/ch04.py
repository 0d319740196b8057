"""Other answers to chapter 04's runnable exercises (see __init__)."""

WRONG = {
    # the score of the mean without its 1 / sigma, for sin
    "ex-04-sine": (
        "np.sin(z_sine) * eps_sine / sigma",
        "np.sin(z_sine) * eps_sine",
    ),
    # the score of the mean without its 1 / sigma
    "ex-04-baseline": (
        "(z_base**2 - baseline) * eps_base / sigma",
        "(z_base**2 - baseline) * eps_base",
    ),
    # z = mu + L^T eps: covariance L^T L instead of L L^T
    "ex-04-full-covariance": (
        "full_mean + eps_full @ scale_tril.T",
        "full_mean + eps_full @ scale_tril",
    ),
    # the score of v without its 1/2: d ln q / dv = (eps^2 - 1) / 2
    "ex-04-log-var-gradient": (
        "np.sin(z_of(e)) * (e**2 - 1) / 2",
        "np.sin(z_of(e)) * (e**2 - 1)",
    ),
}

ALTERNATIVE = {
    # 300,000 draws, the scores written in z: (z - mu) / sigma^2 and
    # (z - mu)^2 / sigma^3 - 1 / sigma
    "ex-04-sine": [
        """\
noise_sine = np.random.default_rng(run.seed + 60).standard_normal(300_000)
z_draws = mu + sigma * noise_sine
sin_z, cos_z = np.sin(z_draws), np.cos(z_draws)
score_of_mu = (z_draws - mu) / sigma**2
score_of_sigma = (z_draws - mu) ** 2 / sigma**3 - 1 / sigma
sine_ratios = {
    "d/dmu": np.var(sin_z * score_of_mu) / np.var(cos_z),
    "d/dsigma": np.var(sin_z * score_of_sigma)
    / np.var(cos_z * (z_draws - mu) / sigma),
}
""",
    ],
    # 250,000 draws of z directly, the score in z, the variance estimated
    "ex-04-baseline": [
        """\
b_const = mu**2 + sigma**2
z_draws_b = np.random.default_rng(run.seed + 61).normal(
    mu, sigma, size=250_000
)
score_of_mean = (z_draws_b - mu) / sigma**2  # d/dmu ln N(z; mu, sigma^2)
with_baseline = (z_draws_b**2 - b_const) * score_of_mean
baseline_variance = float(np.var(with_baseline, ddof=1))
""",
    ],
    # L filled entry by entry, products by einsum, 60,000 draws
    "ex-04-full-covariance": [
        """\
mean_vec = np.array([0.5, -1.0, 2.0])
lower = np.zeros((3, 3))
for i, log_value in enumerate([-0.2, 0.3, -1.0]):
    lower[i, i] = np.exp(log_value)
for i, j, value in zip(*np.tril_indices(3, k=-1), [0.8, -0.5, 0.4]):
    lower[i, j] = value
scale_tril = lower
full_cov = np.einsum("ik,jk->ij", lower, lower)
white = np.random.default_rng(run.seed + 62).standard_normal((60_000, 3))
z_full = mean_vec + np.einsum("ij,nj->ni", lower, white)
""",
    ],
    # Gauss-Hermite quadrature instead of scipy's quad, the scalings taken
    # inside the variances
    "ex-04-log-var-gradient": [
        """\
nodes, node_weights = np.polynomial.hermite_e.hermegauss(100)
node_weights = node_weights / np.sqrt(2 * np.pi)  # E[g] = sum w g(nodes)


def gauss_variance(values):
    centre = np.sum(node_weights * values)
    return np.sum(node_weights * (values - centre) ** 2)


scaled_variances, pathwise_dv, true_dv = {}, {}, {}
for s in (0.3, 0.1, 0.01, 0.001):
    z_nodes = mu + s * nodes
    scaled_variances[s] = (
        gauss_variance(0.5 * np.cos(z_nodes) * nodes),
        gauss_variance(0.5 * np.sin(z_nodes) * (nodes**2 - 1)),
        gauss_variance(np.sin(z_nodes) * nodes),
    )
    pathwise_dv[s] = np.sum(node_weights * 0.5 * np.cos(z_nodes) * s * nodes)
    true_dv[s] = -0.5 * s**2 * np.sin(mu) * np.exp(-0.5 * s**2)
limits = (np.cos(mu) ** 2 / 4, np.sin(mu) ** 2 / 2, np.sin(mu) ** 2)
""",
    ],
}
