"""vaebook.likelihoods.bernoulli_log_prob against two references.

scipy.stats.bernoulli and exact float64 arithmetic.
"""

import numpy as np
from keras import ops
from scipy.stats import bernoulli

from vaebook.likelihoods import _sum_over_non_batch_axes, bernoulli_log_prob


def test_matches_scipy_logpmf_summed_per_example():
    rng = np.random.default_rng(0)
    logits = rng.normal(0.0, 4.0, size=(6, 784))
    x = (rng.random((6, 784)) < 0.3).astype(np.float64)
    expected = bernoulli.logpmf(x, 1.0 / (1.0 + np.exp(-logits))).sum(axis=1)
    np.testing.assert_allclose(
        ops.convert_to_numpy(bernoulli_log_prob(x, logits)),
        expected,
        rtol=1e-10,
    )


def test_sums_over_every_non_batch_axis():
    rng = np.random.default_rng(1)
    logits = rng.normal(size=(3, 28, 28))
    x = (rng.random((3, 28, 28)) < 0.5).astype(np.float64)
    flat = bernoulli_log_prob(x.reshape(3, -1), logits.reshape(3, -1))
    np.testing.assert_allclose(
        ops.convert_to_numpy(bernoulli_log_prob(x, logits)),
        ops.convert_to_numpy(flat),
        rtol=1e-12,
    )
    np.testing.assert_allclose(
        ops.convert_to_numpy(_sum_over_non_batch_axes(np.ones((2, 3, 4)))),
        [12.0, 12.0],
    )


def test_is_a_normalized_distribution_over_binary_vectors():
    logits = np.array([-2.0, 0.3, 1.5, 4.0, -0.7, 0.0])
    vectors = np.array(
        [[(k >> bit) & 1 for bit in range(6)] for k in range(64)],
        dtype=np.float64,
    )
    log_probs = ops.convert_to_numpy(
        bernoulli_log_prob(vectors, np.broadcast_to(logits, vectors.shape))
    )
    np.testing.assert_allclose(np.exp(log_probs).sum(), 1.0, rtol=1e-12)


def test_saturated_float32_logits_stay_exact():
    logits = np.array([[-40.0, -20.0, 20.0, 40.0]], dtype=np.float32)
    for x_value in (0.0, 1.0):
        x = np.full_like(logits, x_value)
        exact = np.sum(
            x_value * logits.astype(np.float64)
            - np.logaddexp(0.0, logits.astype(np.float64))
        )
        np.testing.assert_allclose(
            ops.convert_to_numpy(bernoulli_log_prob(x, logits))[0],
            exact,
            rtol=1e-6,
        )
