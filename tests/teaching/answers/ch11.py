"""Other answers to chapter 11's runnable exercises (see __init__)."""

WRONG = {
    # flips with probability 1 - level: > for <
    "ex-11-noise-level": ("< level", "> level"),
}
ALTERNATIVE = {}
