"""Other answers to chapter A1's runnable exercises (see __init__)."""

WRONG = {
    # the batch fixed at Keras' default 32 instead of seed 002's 100
    "ex-a1-fixed-batch": (
        "fixed_size, port_rng = 100,",
        "fixed_size, port_rng = 32,",
    ),
}
ALTERNATIVE = {}
