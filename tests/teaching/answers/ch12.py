"""Other answers to chapter 12's runnable exercises (see __init__)."""

WRONG = {
    # the aggregate posterior averaged over the wrong axis
    "ex-12-rate-decomposition": (
        "log_mean_exp(log_q_pairs, axis=1)",
        "log_mean_exp(log_q_pairs, axis=0)",
    ),
}
ALTERNATIVE = {}
