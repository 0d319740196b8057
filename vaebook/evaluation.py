"""Importance-weighted estimates of ln p(x) (chapter 10).

For latent-variable models.
"""

import numpy as np
from keras import ops

from vaebook.likelihoods import bernoulli_log_prob, gaussian_log_prob


def log_mean_exp(values, axis=0):
    """ln mean(exp(values)) along `axis`, without overflow.

    The largest value is factored out.
    """
    values = np.asarray(values, dtype=np.float64)
    largest = np.max(values, axis=axis, keepdims=True)
    log_mean = (
        np.log(np.mean(np.exp(values - largest), axis=axis, keepdims=True))
        + largest
    )
    return np.squeeze(log_mean, axis=axis)


def latent_log_prob(z, mean, log_var):
    """ln N(z | mean, diag(exp(log_var))) for codes z (..., latent_dim):
    gaussian_log_prob over the last axis, the leading axes broadcast, in
    NumPy float64."""
    z, mean, log_var = np.broadcast_arrays(
        *(np.asarray(a, dtype=np.float64) for a in (z, mean, log_var))
    )
    rows = [np.reshape(a, (-1, z.shape[-1])) for a in (z, mean, log_var)]
    log_prob = ops.convert_to_numpy(gaussian_log_prob(*rows))
    return np.reshape(log_prob, z.shape[:-1])


def log_importance_weights(
    log_joint, z_mean, z_log_var, num_samples, seed=0, max_rows=10_000
):
    """ln w = ln p(x, z) - ln q(z|x) for num_samples draws z ~ q(z|x).

    q(z|x) = N(z_mean, diag(exp(z_log_var))). z_mean, z_log_var:
    (n, latent_dim). log_joint maps z of shape (s, n, latent_dim) to
    ln p(x, z) of shape (s, n). Returns (num_samples, n). The draws go to
    log_joint in chunks of at most max_rows (sample, example) pairs, so memory
    does not grow with num_samples.
    """
    z_mean = np.asarray(z_mean, dtype=np.float64)
    z_log_var = np.asarray(z_log_var, dtype=np.float64)
    rng = np.random.default_rng(seed)
    samples_per_chunk = max(1, max_rows // len(z_mean))
    chunks = []
    for start in range(0, num_samples, samples_per_chunk):
        size = min(samples_per_chunk, num_samples - start)
        epsilon = rng.standard_normal((size, *z_mean.shape))
        z = z_mean + np.exp(0.5 * z_log_var) * epsilon
        chunks.append(log_joint(z) - latent_log_prob(z, z_mean, z_log_var))
    return np.concatenate(chunks, axis=0)


def importance_weighted_bound(log_weights, k):
    """L_k = E[ln (1/k) sum of k weights] per example.

    Averaged over disjoint groups of k draws. log_weights: (num_samples, n)
    from log_importance_weights, num_samples a multiple of k.
    """
    num_samples, n = log_weights.shape
    if num_samples % k:
        raise ValueError(
            f"{num_samples} weights cannot be split into groups of k = {k}."
        )
    groups = np.reshape(log_weights, (num_samples // k, k, n))
    return np.mean(log_mean_exp(groups, axis=1), axis=0)


def bernoulli_vae_log_joint(decoder, x):
    """ln p(x, z) = ln Bernoulli(x | sigmoid(decoder(z))) + ln N(z | 0, I).

    For fixed images x: (n, original_dim). Returns a function from z of shape
    (s, n, latent_dim) to shape (s, n).
    """
    x = np.asarray(x, dtype=np.float32)

    def log_joint(z):
        num_samples, n, latent_dim = z.shape
        x_logits = decoder(
            np.reshape(z, (num_samples * n, latent_dim)).astype(np.float32)
        )
        x_repeated = np.broadcast_to(x, (num_samples, *x.shape)).reshape(
            num_samples * n, -1
        )
        log_likelihood = ops.convert_to_numpy(
            bernoulli_log_prob(x_repeated, x_logits)
        )
        log_prior = latent_log_prob(z, 0.0, 0.0)
        return np.reshape(log_likelihood, (num_samples, n)) + log_prior

    return log_joint


def bernoulli_vae_log_weights(encoder, decoder, x, num_samples, seed=0):
    """Log importance weights (num_samples, n) of a Bernoulli VAE.

    With its encoder as q(z|x).
    """
    z_mean, z_log_var = encoder.predict(x, verbose=0)
    return log_importance_weights(
        bernoulli_vae_log_joint(decoder, x),
        z_mean,
        z_log_var,
        num_samples,
        seed,
    )
