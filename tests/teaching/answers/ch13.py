"""Other answers to chapter 13's runnable exercises (see __init__)."""

WRONG = {
    # the gain's sign
    "ex-13-iw-gain": ("bounds[100] - bounds[1]", "bounds[1] - bounds[100]"),
}
ALTERNATIVE = {}
