"""Other answers to chapter 01's runnable exercises (see __init__)."""

WRONG = {
    # ln of the counts in base 10 against the natural ln of the dimension
    "ex-01-data-dim": ("np.log(counts[2:])", "np.log10(counts[2:])"),
    # the rotated model's posterior taken to be the model's own
    "ex-01-rotation": (
        "exact_posterior(rotated, x)",
        "exact_posterior(model, x)",
    ),
    # "4 times too narrow" applied to the standard deviation, not the
    # covariance: covariances 1/16 and 16 times the posterior's
    "ex-01-wrong-proposal": ("scale * big_cov", "scale**2 * big_cov"),
}

ALTERNATIVE = {
    # other points x (2,000 per model), no small dimensions, scipy's fit
    "ex-01-data-dim": [
        """\
from scipy.stats import linregress

dims = np.array([10, 20, 50, 100, 200])
log_counts, log_one_plus_rho = [], []
for dim in dims:
    toy_model = make_linear_gaussian(dim, 2, noise_var=0.1, seed=run.seed)
    x_points, _ = sample(toy_model, 2000, seed=run.seed + 3)
    log_counts.append(np.log(np.median(samples_needed(toy_model, x_points))))
    log_one_plus_rho.append(mean_log_one_plus_rho(toy_model))
fit = linregress(np.log(dims), log_counts)
slope, slope_error = fit.slope, fit.stderr
predicted_slope = linregress(np.log(dims), log_one_plus_rho).slope
""",
    ],
    # Gaussian conditioning of the joint p(z, x) instead of the posterior's
    # precision matrix
    "ex-01-rotation": [
        """\
def conditioned_on_x(linear_model, points):
    weights = linear_model.weights
    cov_xx = weights @ weights.T + linear_model.noise_var * np.eye(
        len(linear_model.bias)
    )
    gain = np.linalg.solve(cov_xx, weights).T  # W^T (W W^T + s2 I)^-1
    cov_z = np.eye(weights.shape[1]) - gain @ weights
    return (points - linear_model.bias) @ gain.T, 0.5 * (cov_z + cov_z.T)


rotated_mean, rotated_cov = conditioned_on_x(rotated, x)
model_mean, model_cov = conditioned_on_x(model, x)
""",
    ],
    # 60 repeats, proposals drawn by hand from the Cholesky factor, ln q
    # from the whitened noise, weights normalized by their maximum
    "ex-01-wrong-proposal": [
        """\
noise_rng = np.random.default_rng(run.seed + 100)
chol = np.linalg.cholesky(big_cov)
exact_log_px = log_marginal(big, x_big[:1])[0]
proposal_error, proposal_ess = {}, {}
for name_q, factor in {"too narrow": 0.25, "too wide": 4.0}.items():
    white = noise_rng.normal(size=(60, 1000, 20))
    z_prop = big_mean[0] + np.sqrt(factor) * white @ chol.T
    log_q_prop = (
        -0.5 * np.sum(white**2, axis=-1)
        - 10 * np.log(2 * np.pi * factor)
        - np.sum(np.log(np.diag(chol)))
    )
    log_w = log_joint(big, x_big[:1], z_prop) - log_q_prop
    top = log_w.max(axis=1, keepdims=True)
    w = np.exp(log_w - top)
    proposal_error[name_q] = np.log(w.mean(axis=1)) + top[:, 0] - exact_log_px
    proposal_ess[name_q] = w.sum(axis=1) ** 2 / np.sum(w**2, axis=1)
""",
    ],
}
