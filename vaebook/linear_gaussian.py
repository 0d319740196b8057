"""The linear-Gaussian latent model (chapter 01).

z ~ N(0, I), x | z ~ N(W z + b, noise_var I): probabilistic PCA, where
ln p(x) and p(z|x) are exact. numpy arrays in and out; log-densities in nats,
one number per example, every constant included.
"""

import math
from typing import NamedTuple

import numpy as np


class LinearGaussian(NamedTuple):
    """z ~ N(0, I_latent_dim), x | z ~ N(weights @ z + bias, noise_var * I).

    Here I = I_original_dim.
    """

    weights: np.ndarray  # (original_dim, latent_dim)
    bias: np.ndarray  # (original_dim,)
    noise_var: float


def make_linear_gaussian(original_dim, latent_dim, noise_var=0.1, seed=0):
    """A random model: weights ~ N(0, 1/latent_dim) entrywise, bias ~ N(0, 1).

    The weight scale keeps the variance of every x coordinate near
    1 + noise_var for any latent_dim.
    """
    rng = np.random.default_rng(seed)
    weights = rng.normal(size=(original_dim, latent_dim)) / math.sqrt(
        latent_dim
    )
    bias = rng.normal(size=original_dim)
    return LinearGaussian(weights, bias, float(noise_var))


def sample(model, n, seed=0):
    """n draws (x, z) from the joint p(x, z).

    Shapes (n, original_dim) and (n, latent_dim).
    """
    rng = np.random.default_rng(seed)
    original_dim, latent_dim = model.weights.shape
    z = rng.normal(size=(n, latent_dim))
    noise = rng.normal(size=(n, original_dim)) * math.sqrt(model.noise_var)
    x = z @ model.weights.T + model.bias + noise
    return x, z


def log_marginal(model, x):
    """Exact ln p(x) = ln N(x; b, W W^T + noise_var I).

    For x (n, original_dim); returns (n,).
    """
    original_dim = model.weights.shape[0]
    cov = model.weights @ model.weights.T + model.noise_var * np.eye(
        original_dim
    )
    cholesky = np.linalg.cholesky(cov)
    whitened = np.linalg.solve(
        cholesky, (x - model.bias).T
    )  # L^-1 (x - b), one column per x
    log_det = 2.0 * np.sum(np.log(np.diag(cholesky)))
    return -0.5 * (
        original_dim * math.log(2.0 * math.pi)
        + log_det
        + np.sum(whitened**2, axis=0)
    )


def log_joint(model, x, z):
    """ln p(x | z) + ln p(z).

    For x (n, original_dim) and z (..., n, latent_dim); returns (..., n).
    """
    original_dim, latent_dim = model.weights.shape
    residual = x - (z @ model.weights.T + model.bias)
    log_likelihood = -0.5 * (
        original_dim * math.log(2.0 * math.pi * model.noise_var)
        + np.sum(residual**2, axis=-1) / model.noise_var
    )
    log_prior = -0.5 * (
        latent_dim * math.log(2.0 * math.pi) + np.sum(z**2, axis=-1)
    )
    return log_likelihood + log_prior


def exact_posterior(model, x):
    """Exact p(z | x) = N(mean, cov) for x (n, original_dim).

    mean: (n, latent_dim); cov: (latent_dim, latent_dim), the same for every x.
    """
    latent_dim = model.weights.shape[1]
    precision = (
        np.eye(latent_dim) + model.weights.T @ model.weights / model.noise_var
    )
    cov = np.linalg.inv(precision)
    cov = 0.5 * (
        cov + cov.T
    )  # exactly symmetric, as scipy's Gaussians require
    mean = (x - model.bias) @ model.weights @ cov / model.noise_var
    return mean, cov
