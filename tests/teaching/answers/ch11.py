"""Other answers to chapter 11's runnable exercises (see __init__)."""

WRONG = {
    # the chains laid out with tile, averaged as if repeated: each digit's
    # "chains" are ten different digits
    "ex-11-sampled-imputation": (
        "x_chains = np.repeat(x, chains, axis=0)",
        "x_chains = np.tile(x, (chains, 1))",
    ),
    # flips with probability 1 - level: > for <
    "ex-11-noise-level": ("< level", "> level"),
    # a second PCA fitted on the test digits: their scores in another basis
    "ex-11-pca-features": (
        "pca.transform(x_test)",
        "pca.fit_transform(x_test)",
    ),
    # mistakes counted one way round only (true a, predicted b, a < b)
    "ex-11-latent-2-scatter": (
        "pair_errors = confusion + confusion.T",
        "pair_errors = confusion",
    ),
}

ALTERNATIVE = {
    # the chains run one after the other through predict, Bernoulli draws
    # by rng.binomial, the average accumulated, other draws
    "ex-11-sampled-imputation": [
        """\
chain_rng = np.random.default_rng(run.seed + 40)
encoder_8, decoder_8 = models[8]
hidden_truth = x_test[:, hidden] > 0.5
summed = np.zeros(x_test.shape)
for _ in range(10):
    state = np.where(
        hidden, chain_rng.binomial(1, mean_image, x_test.shape), x_test
    )
    for _ in range(10):
        means, log_vars = encoder_8.predict(
            state.astype("float32"), batch_size=500, verbose=0
        )
        codes = means + np.exp(log_vars / 2) * chain_rng.standard_normal(
            means.shape
        )
        logits = decoder_8.predict(
            codes.astype("float32"), batch_size=500, verbose=0
        )
        chain_probabilities = 1 / (1 + np.exp(-logits.astype("float64")))
        state = np.where(
            hidden, chain_rng.binomial(1, chain_probabilities), x_test
        )
    summed += chain_probabilities
completed = summed / 10
per_digit = np.mean((completed[:, hidden] > 0.5) != hidden_truth, axis=1)
paired = per_digit - image_error["VAE, latent_dim 8"]
sampled_error = float(per_digit.mean())
scheme_difference = float(paired.mean())
scheme_se = float(paired.std(ddof=1) / np.sqrt(len(paired)))
print(sampled_error, scheme_difference, scheme_se)
"""
    ],
    # flips drawn with rng.binomial, the model called through predict, the
    # errors counted by hand
    "ex-11-noise-level": [
        """\
flip_rng = np.random.default_rng(run.seed + 41)
encoder_20, decoder_20 = models[20]
clean_bits = x_test > 0.5
level_error = {}
for probability in (0.02, 0.1, 0.3):
    flipped = flip_rng.binomial(1, probability, x_test.shape).astype(bool)
    corrupted = np.logical_xor(clean_bits, flipped)
    codes = encoder_20.predict(corrupted.astype("float32"), verbose=0)[0]
    logits = decoder_20.predict(codes, verbose=0)
    repaired = logits > 0  # sigmoid(logit) > 1/2
    level_error[probability] = (
        float(np.mean(corrupted != clean_bits)),
        np.mean(repaired != clean_bits, axis=1),
    )
print({p: (e[0], e[1].mean()) for p, e in level_error.items()})
"""
    ],
    # PCA by a singular value decomposition of the centred training digits,
    # nearest neighbours and the paired difference written out
    "ex-11-pca-features": [
        """\
train_64, test_64 = x_train.astype(np.float64), x_test.astype(np.float64)
centre = train_64.mean(axis=0)
_, _, right_vectors = np.linalg.svd(train_64 - centre, full_matrices=False)
basis = right_vectors[:20].T  # the first 20 principal directions
scores_train = (train_64 - centre) @ basis
scores_test = (test_64 - centre) @ basis


def hits(train_rows, test_rows):
    rule = KNeighborsClassifier(n_neighbors=5)
    rule.fit(train_rows[:100], y_train[:100])
    return (rule.predict(test_rows) == y_test).astype(float)


per_digit = hits(scores_train, scores_test) - hits(x_train, x_test)
difference = float(per_digit.mean())
se = float(per_digit.std(ddof=0) / np.sqrt(len(per_digit) - 1))
print(f"PCA minus pixels, 100 labels: {difference:+.3f} ± {se:.3f}")
"""
    ],
    # the codes from predict, scikit-learn's confusion matrix, the pairs
    # ranked from the upper triangle of the symmetrized matrix
    "ex-11-latent-2-scatter": [
        """\
from sklearn.metrics import confusion_matrix

encoder_2 = models[2][0]
codes_train = encoder_2.predict(x_train, verbose=0)[0]
codes_test = encoder_2.predict(x_test, verbose=0)[0]
rule = KNeighborsClassifier(n_neighbors=5).fit(codes_train, y_train)
predicted_digits = rule.predict(codes_test)
confusion = confusion_matrix(y_test, predicted_digits, labels=list(range(10)))
both_ways = confusion + confusion.T
upper_a, upper_b = np.triu_indices(10, k=1)
ranked = np.argsort(-both_ways[upper_a, upper_b], kind="stable")[:4]
top_pairs = [(int(upper_a[i]), int(upper_b[i])) for i in ranked]
mistakes = confusion.sum() - np.trace(confusion)
top_counts = both_ways[upper_a[ranked], upper_b[ranked]]
top_share = float(top_counts.sum() / mistakes)
print(top_pairs, f"{top_share:.0%}")
"""
    ],
}
