"""Other answers to chapter 07's runnable exercises (see __init__)."""

WRONG = {
    # floats compared with np.isclose, whose tolerance calls 1 - 1e-5 "1"
    "ex-07-sigmoid-rounding": (
        "ops.convert_to_numpy(ops.sigmoid(candidates)) == 1.0",
        "np.isclose(ops.convert_to_numpy(ops.sigmoid(candidates)), 1.0)",
    ),
    # each disagreement's price not weighted by how often it happens
    "ex-07-typical": (
        "minority * np.log((1 - minority) / minority)",
        "np.log((1 - minority) / minority)",
    ),
    # the Gaussian's squared error without the 2 in 2 sigma^2
    "ex-07-gaussian-loss": ("/ (2 * sigma**2)", "/ sigma**2"),
}

ALTERNATIVE = {
    # bisection over the float32 numbers themselves (their bit patterns are
    # ordered like their values), not a grid of logits
    "ex-07-sigmoid-rounding": [
        """\
def sigmoid_is_one(bits):
    value = np.array([bits], dtype=np.int32).view(np.float32)
    return bool(ops.convert_to_numpy(ops.sigmoid(value))[0] == 1.0)


below = int(np.array(10.0, dtype=np.float32).view(np.int32))
above = int(np.array(30.0, dtype=np.float32).view(np.int32))
assert not sigmoid_is_one(below) and sigmoid_is_one(above)
while above - below > 1:
    middle = (below + above) // 2
    if sigmoid_is_one(middle):
        above = middle
    else:
        below = middle
smallest = float(np.array([above], dtype=np.int32).view(np.float32)[0])
print(f"first float32 logit with sigmoid exactly 1: {smallest:.6f}")
"""
    ],
    # the cost as ln p(mode) minus minus-the-entropy, with xlogy; flips by
    # exclusive or
    "ex-07-typical": [
        """\
from scipy.special import xlogy

mode_pixels = lam_8 > 0.5
p_differs = np.where(mode_pixels, 1 - lam_8, lam_8)
expected_flips = p_differs.sum(axis=-1)
flips = np.count_nonzero(many ^ mode_pixels, axis=-1)
log_p_of_mode = np.log(1 - p_differs).sum(axis=-1)
mean_log_p = (xlogy(lam_8, lam_8) + xlogy(1 - lam_8, 1 - lam_8)).sum(axis=-1)
cost = log_p_of_mode - mean_log_p
print(np.round(cost, 1), "samples equal to their mode:", np.sum(flips == 0))
"""
    ],
    # the density written with standardized residuals and ln sigma
    "ex-07-gaussian-loss": [
        """\
mu = np.random.default_rng(run.seed).random(original_dim)
sigma = 0.3
standardized = (x_test[0].astype("float64") - mu) / sigma
closed_form = 0.5 * standardized @ standardized + original_dim * (
    np.log(sigma) + 0.5 * np.log(2 * np.pi)
)
print(f"-ln p(x | z) = {closed_form:.2f} nats")
"""
    ],
}
