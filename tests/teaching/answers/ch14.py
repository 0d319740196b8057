"""Other answers to chapter 14's runnable exercises (see __init__)."""

WRONG = {
    # KL(p || q) averaged over draws from q
    "ex-14-kl-directions": (
        "stats.norm.logpdf(draws_p) - log_q_mixture(draws_p)",
        "stats.norm.logpdf(draws_q) - log_q_mixture(draws_q)",
    ),
}
ALTERNATIVE = {}
