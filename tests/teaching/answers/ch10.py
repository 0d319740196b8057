"""Other answers to chapter 10's runnable exercises (see __init__)."""

WRONG = {
    # the k log weights averaged instead of the k weights: the spread of
    # the k-draw ELBO estimate, which falls as 1/sqrt(k). (The earlier
    # entry, a vector for the diagonal matrix in finite_weight_variance,
    # changes nothing the answer hands to the tests.)
    "ex-10-variance-of-iw": (
        "groups = log_mean_exp(log_weights.reshape(1000 // k, k, -1), axis=1)",
        "groups = np.mean(log_weights.reshape(1000 // k, k, -1), axis=1)",
    ),
}

ALTERNATIVE = {
    # the proposal's draws and densities written out, 2,000 draws per
    # point, log-sum-exp from scipy, the standard error of a standard
    # deviation by the delta method on the variance
    "ex-10-variance-of-iw": [
        """\
from scipy.special import logsumexp

proposal_sd = 1.0 / np.sqrt(np.diag(precision))  # mean field: 1 / Lambda_jj
draw_rng = np.random.default_rng(run.seed + 50)
draws_per_point = 2000
white = draw_rng.standard_normal((draws_per_point, *posterior_mean.shape))
codes = posterior_mean + proposal_sd * white
log_proposal = -0.5 * np.sum(
    white**2 + np.log(2 * np.pi * proposal_sd**2), axis=-1
)
relative_log_w = lg.log_joint(model, x_lg, codes) - log_proposal - exact
spread, spread_se = {}, {}
for k in (1, 10, 100):
    grouped = relative_log_w.reshape(draws_per_point // k, k, -1)
    log_averages = (logsumexp(grouped, axis=1) - np.log(k)).ravel()
    centred = log_averages - log_averages.mean()
    variance = np.mean(centred**2)
    fourth = np.mean(centred**4)
    spread[k] = float(np.sqrt(variance))
    spread_se[k] = float(
        np.sqrt((fourth - variance**2) / len(centred)) / (2 * spread[k])
    )
factor = {k: spread[k] / spread[10 * k] for k in (1, 10)}
print(spread, factor)
"""
    ],
}
