"""Other answers to chapter 10's runnable exercises (see __init__)."""

WRONG = {
    # a vector where the diagonal matrix belongs
    "ex-10-variance-of-iw": (
        "np.diag(np.diag(precision))",
        "np.diag(precision)",
    ),
}
ALTERNATIVE = {}
