"""Other answers to chapter 02's runnable exercises (see __init__)."""

WRONG = {
    # the two directions of the KL divergence swapped
    "ex-02-bernoulli-kl": (
        "kl_qp = kl_discrete(bernoulli_q, bernoulli_p)",
        "kl_qp = kl_discrete(bernoulli_p, bernoulli_q)",
    ),
}

ALTERNATIVE = {
    # one log-ratio for both directions: ln(p / q) = -ln(q / p)
    "ex-02-bernoulli-kl": [
        """\
weights_q = np.array([0.5, 1 - 0.5])
weights_p = np.array([0.01, 1 - 0.01])
log_ratio = np.log(weights_q) - np.log(weights_p)
terms_qp = weights_q * log_ratio
terms_pq = -weights_p * log_ratio
kl_qp, kl_pq = float(terms_qp.sum()), float(terms_pq.sum())
""",
    ],
}
