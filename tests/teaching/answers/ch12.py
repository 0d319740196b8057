"""Other answers to chapter 12's runnable exercises (see __init__)."""

WRONG = {
    # the aggregate posterior averaged over the wrong axis
    "ex-12-rate-decomposition": (
        "log_mean_exp(log_q_pairs, axis=1)",
        "log_mean_exp(log_q_pairs, axis=0)",
    ),
}

ALTERNATIVE = {
    # other draws, the Gaussian log densities from scipy, the mixture by
    # logsumexp, the mutual information from its own terms (not the
    # chapter's function)
    "ex-12-rate-decomposition": [
        """\
from scipy.special import logsumexp
from scipy.stats import norm as normal

means_8 = np.asarray(results[8.0]["z_mean"], dtype=np.float64)
sds_8 = np.exp(0.5 * np.asarray(results[8.0]["z_log_var"], dtype=np.float64))
codes_8 = means_8 + sds_8 * np.random.default_rng(
    run.seed + 44
).standard_normal(means_8.shape)
# ln q(z_i | x_k) for every draw i and every digit k, 100 draws at a time
log_q_all = np.concatenate(
    [
        normal.logpdf(codes_8[start : start + 100, None, :], means_8, sds_8)
        .sum(axis=-1)
        for start in range(0, len(codes_8), 100)
    ]
)
log_aggregate = logsumexp(log_q_all, axis=1) - np.log(len(codes_8))
log_prior = normal.logpdf(codes_8).sum(axis=-1)
log_own = np.diagonal(log_q_all)
one_draw_rate = log_own - log_prior
aggregate_kl = float(np.mean(log_aggregate - log_prior))
information = float(np.mean(log_own - log_aggregate))
print(information, aggregate_kl, one_draw_rate.mean())
"""
    ],
}
