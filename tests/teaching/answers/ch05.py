"""Other answers to chapter 05's runnable exercises (see __init__)."""

WRONG = {
    # 0 in some image, not in every image
    "ex-05-never-inked": ("np.all(", "np.any("),
    # the binomial variance n p (1 - p) with the mean intensity as p: as if
    # every pixel had the same intensity
    "ex-05-expected-ink": (
        "np.sum(digit * (1 - digit))",
        "digit.sum() * (1 - digit.mean())",
    ),
}

ALTERNATIVE = {
    # the maximum over the images is 0
    "ex-05-never-inked": [
        "never_inked = x_train_images.max(axis=0) == 0\n",
    ],
    # 4,000 binarizations drawn by hand, the formulas as dot products
    "ex-05-expected-ink": [
        """\
first = x_train[0].reshape(-1).astype(float)
uniform = np.random.default_rng(run.seed + 70).random((4000, first.size))
counts = (uniform < first).sum(axis=1)
expected_ones = float(first @ np.ones_like(first))
variance_formula = float(first @ (1 - first))
gray = (first > 0.1) & (first < 0.9)
mid_gray_share = float((first * (1 - first))[gray].sum() / variance_formula)
""",
    ],
}
