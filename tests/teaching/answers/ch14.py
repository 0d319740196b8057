"""Other answers to chapter 14's runnable exercises (see __init__)."""

WRONG = {
    # KL(p || q) averaged over draws from q
    "ex-14-kl-directions": (
        "stats.norm.logpdf(draws_p) - log_q_mixture(draws_p)",
        "stats.norm.logpdf(draws_q) - log_q_mixture(draws_q)",
    ),
}

ALTERNATIVE = {
    # 40,000 draws each, the mixture's component chosen by an integer draw,
    # the densities written out, the mixture by logsumexp
    "ex-14-kl-directions": [
        """\
from scipy.special import logsumexp

kl_rng = np.random.default_rng(run.seed + 70)
centres = np.array([-1.5, 1.5])


def log_normal(z, centre, sd):
    return -0.5 * ((z - centre) / sd) ** 2 - np.log(sd * np.sqrt(2 * np.pi))


def log_hole(z):
    parts = log_normal(np.asarray(z)[..., None], centres, 0.3)
    return logsumexp(parts, axis=-1) - np.log(2)


from_q = centres[kl_rng.integers(0, 2, 40_000)] + kl_rng.normal(
    0, 0.3, 40_000
)
from_p = kl_rng.normal(0, 1, 40_000)
kl_q_p = float(np.mean(log_hole(from_q) - log_normal(from_q, 0.0, 1.0)))
kl_p_q = float(np.mean(log_normal(from_p, 0.0, 1.0) - log_hole(from_p)))
print(f"{kl_q_p:.3f} {kl_p_q:.3f}")
"""
    ],
}
