"""Answers to the runnable exercises other than the reference solutions,
for the graded runs (teaching.graded, conftest.py's --graded) and the tests
of the grader.

WRONG: one plausible student mistake per chapter with runnable exercises, a
(search, replace) edit of one exercise's reference solution that a check
catches for a mathematical reason (an AssertionError, not a NameError).
CONTRIBUTING.md asks for an entry for every such chapter.
"""

from teaching.exercises import read_chapter

WRONG = {
    # the rotated model's posterior taken to be the model's own
    "01": (
        "ex-01-rotation",
        "exact_posterior(rotated, x)",
        "exact_posterior(model, x)",
    ),
    # the two directions of the KL divergence swapped
    "02": (
        "ex-02-bernoulli-kl",
        "kl_qp = kl_discrete(bernoulli_q, bernoulli_p)",
        "kl_qp = kl_discrete(bernoulli_p, bernoulli_q)",
    ),
    # the ratio of the standard deviations upside down
    "03": (
        "ex-03-two-gaussians",
        "np.log(std_2 / std_1)",
        "np.log(std_1 / std_2)",
    ),
    # the score of the mean without its 1 / sigma
    "04": (
        "ex-04-baseline",
        "(z_base**2 - baseline) * eps_base / sigma",
        "(z_base**2 - baseline) * eps_base",
    ),
    # 0 in some image, not in every image
    "05": ("ex-05-never-inked", "np.all(", "np.any("),
    # the decoder for latent_dim = 8 built with the old latent_dim
    "06": (
        "ex-06-parameters",
        "build_decoder(original_dim, intermediate_dim, latent_dim=8)",
        "build_decoder(original_dim, intermediate_dim, latent_dim=2)",
    ),
    # the Gaussian's squared error without the 2 in 2 sigma^2
    "07": ("ex-07-gaussian-loss", "/ (2 * sigma**2)", "/ sigma**2"),
    # Gauss-Legendre weights not halved for the interval [0, 1]
    "08": ("ex-08-dequantize", ", 0.5 * weights", ", weights"),
    # the decoder mean taken for its mode
    "09": ("ex-09-mode", '"mode")(test_logits)', '"mean")(test_logits)'),
    # a vector where the diagonal matrix belongs
    "10": (
        "ex-10-variance-of-iw",
        "np.diag(np.diag(precision))",
        "np.diag(precision)",
    ),
    # flips with probability 1 - level: > for <
    "11": ("ex-11-noise-level", "< level", "> level"),
    # the aggregate posterior averaged over the wrong axis
    "12": (
        "ex-12-rate-decomposition",
        "log_mean_exp(log_q_pairs, axis=1)",
        "log_mean_exp(log_q_pairs, axis=0)",
    ),
    # the gain's sign
    "13": (
        "ex-13-iw-gain",
        "bounds[100] - bounds[1]",
        "bounds[1] - bounds[100]",
    ),
    # KL(p || q) averaged over draws from q
    "14": (
        "ex-14-kl-directions",
        "stats.norm.logpdf(draws_p) - log_q_mixture(draws_p)",
        "stats.norm.logpdf(draws_q) - log_q_mixture(draws_q)",
    ),
    # the batch fixed at Keras' default 32 instead of seed 002's 100
    "A1": (
        "ex-a1-fixed-batch",
        "fixed_size, port_rng = 100,",
        "fixed_size, port_rng = 32,",
    ),
}


def edited(solution, search, replace):
    """A reference solution with one edit: a student's plausible mistake."""
    found = sum(source.count(search) for source in solution)
    if found != 1:
        raise ValueError(f"{search!r} found {found} times in the solution")
    return [source.replace(search, replace) for source in solution]


def wrong_answers(path):
    """{label: {"wrong": cell sources}} for the chapter at `path`."""
    number = path.name.split("_")[0]
    if number not in WRONG:
        return {}
    label, search, replace = WRONG[number]
    solutions = {e.label: e.solution for e in read_chapter(path).runnable}
    return {label: {"wrong": edited(solutions[label], search, replace)}}
