"""Other answers to chapter 13's runnable exercises (see __init__)."""

WRONG = {
    # the gain's sign
    "ex-13-iw-gain": ("bounds[100] - bounds[1]", "bounds[1] - bounds[100]"),
}

ALTERNATIVE = {
    # L_k from the log weights by scipy's logsumexp over groups of k, the
    # standard error written out
    "ex-13-iw-gain": [
        """\
from scipy.special import logsumexp


def bound_per_digit(log_w, group):
    draws, digits = log_w.shape
    grouped = log_w.reshape(draws // group, group, digits)
    return np.mean(logsumexp(grouped, axis=1) - np.log(group), axis=0)


iw_gain, iw_gain_se = {}, {}
for model_name, parts in models.items():
    weights = np.asarray(parts["log_weights"], dtype=np.float64)
    per_digit_gain = bound_per_digit(weights, 100) - bound_per_digit(
        weights, 1
    )
    iw_gain[model_name] = float(per_digit_gain.mean())
    iw_gain_se[model_name] = float(
        np.sqrt(np.var(per_digit_gain, ddof=1) / per_digit_gain.size)
    )
print(iw_gain, iw_gain_se)
"""
    ],
}
