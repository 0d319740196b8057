"""Other answers to chapter 03's runnable exercises (see __init__)."""

WRONG = {
    # the ratio of the standard deviations upside down
    "ex-03-two-gaussians": ("np.log(std_2 / std_1)", "np.log(std_1 / std_2)"),
    # Var[eps^2] taken as 1 instead of 2
    "ex-03-monte-carlo": ("0.5 * (std**2 - 1) ** 2", "(std**2 - 1) ** 2"),
    # d/dv of -v/2 + exp(v)/2 without its factor 1/2
    "ex-03-gradients": ("0.5 * (np.exp(v) - 1)", "(np.exp(v) - 1)"),
}

ALTERNATIVE = {
    # written with the variances
    "ex-03-two-gaussians": [
        """\
def kl_two_gaussians(mean_1, std_1, mean_2, std_2):
    var_1, var_2 = std_1**2, std_2**2
    return 0.5 * (
        np.log(var_2 / var_1) + (var_1 + (mean_1 - mean_2) ** 2) / var_2 - 1.0
    )
""",
    ],
    # 50,000 draws, the log-ratio written out by hand, the variance of a
    # term estimated from the draws rather than derived
    "ex-03-monte-carlo": [
        """\
sd_q = np.exp(z_log_var / 2)
eps_mc = np.random.default_rng(run.seed + 40).standard_normal(
    (50_000, len(z_mean))
)
z_mc = z_mean + sd_q * eps_mc
# ln N(z; m, s^2) - ln N(z; 0, 1), summed over the dimensions
terms = np.sum(-np.log(sd_q) - 0.5 * eps_mc**2 + 0.5 * z_mc**2, axis=1)
term_var = float(terms.var(ddof=1))
n_for_001 = float(np.ceil(term_var / 0.01**2))
kl_value = float(np.sum(0.5 * (sd_q**2 + z_mean**2 - 1) - np.log(sd_q)))
""",
    ],
    # other points, the sigma slope by the chain rule through v = 2 ln sigma,
    # five-point differences
    "ex-03-gradients": [
        """\
def kl_one_dimension(mean, log_var):
    return 0.5 * (np.exp(log_var) + mean**2 - 1.0 - log_var)


def five_point(f, at, h):
    return (
        -f(at + 2 * h) + 8 * f(at + h) - 8 * f(at - h) + f(at - 2 * h)
    ) / (12 * h)


points = [(0.5, 1e-3), (-1.0, 0.05), (0.2, 0.8), (1.5, 2.0)]
exact_slopes, numerical_slopes = [], []
for m, s in points:
    log_var = np.log(s**2)
    slope_v = 0.5 * (s**2 - 1)
    exact_slopes.append((m, slope_v, slope_v * 2 / s))  # dv/dsigma = 2/sigma
    numerical_slopes.append(
        (
            five_point(lambda a: kl_one_dimension(a, log_var), m, 1e-4),
            five_point(lambda b: kl_one_dimension(m, b), log_var, 1e-4),
            five_point(
                lambda c: kl_one_dimension(m, np.log(c**2)), s, 1e-4 * s
            ),
        )
    )
v_values = np.linspace(-30.0, 0.0, 61)
dv_numerical = five_point(lambda b: kl_one_dimension(0.0, b), v_values, 1e-4)
""",
    ],
}
