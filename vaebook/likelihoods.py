"""Decoder likelihoods ln p(x | decoder outputs) in nats (chapters 06, 08).

The `*_log_prob` functions return one number per example: the log-density
summed over every non-batch axis, with every constant included. They use
`keras.ops` only.
"""

import math

import keras
import numpy as np
from keras import ops

# Below these |logit|s the continuous Bernoulli's closed forms are 0/0 at
# logit 0 and lose precision to cancellation nearby, so Taylor series in
# u = logit / 2 are used instead (truncation errors below 1e-7).
_LOG_NORMALIZER_SERIES_BELOW = 0.1
_MEAN_SERIES_BELOW = 1.0


def as_tensors(*values):
    """The values as tensors of one floating dtype, on any backend.

    NumPy arrays and tensors mix freely on TensorFlow and JAX but not on
    PyTorch; converting first makes every function here accept both.
    """
    tensors = [ops.convert_to_tensor(value) for value in values]
    dtype = np.result_type(
        *(keras.backend.standardize_dtype(t.dtype) for t in tensors), "float32"
    )
    return [ops.cast(tensor, dtype) for tensor in tensors]


def _sum_over_non_batch_axes(values):
    return ops.sum(ops.reshape(values, (ops.shape(values)[0], -1)), axis=-1)


def bernoulli_log_prob(x, logits):
    """ln Bernoulli(x | sigmoid(logits)), per example.

    ln Bernoulli(x | sigmoid(logits)) = sum x * logits - softplus(logits).
    """
    x, logits = as_tensors(x, logits)
    return _sum_over_non_batch_axes(x * logits - ops.softplus(logits))


def gaussian_log_prob(x, mean, log_var):
    """ln N(x | mean, exp(log_var)), independent coordinates, per example."""
    x, mean, log_var = as_tensors(x, mean, log_var)
    log_density = -0.5 * (
        math.log(2.0 * math.pi)
        + log_var
        + ops.square(x - mean) * ops.exp(-log_var)
    )
    return _sum_over_non_batch_axes(log_density)


@keras.saving.register_keras_serializable(package="vaebook")
def optimal_sigma_gaussian_negative_log_likelihood(x, x_mean):
    """-ln N(x | x_mean, sigma^2 I) per example with sigma^2 at its optimum.

    The optimum is the batch's MSE.
    """
    x, x_mean = as_tensors(x, x_mean)
    log_var = ops.log(ops.mean(ops.square(x - x_mean)))
    return -gaussian_log_prob(x, x_mean, log_var)


def continuous_bernoulli_log_normalizer(logits):
    """ln C(lambda) with lambda = sigmoid(logits), elementwise.

    C(lambda) = 2 artanh(1 - 2 lambda) / (1 - 2 lambda), which in terms of
    the logit eta is eta / tanh(eta / 2): an even function of eta equal to 2
    at eta = 0.
    """
    (logits,) = as_tensors(logits)
    abs_logits = ops.abs(logits)
    use_series = abs_logits < _LOG_NORMALIZER_SERIES_BELOW
    # Feed the closed form a safe value on the series branch so that no NaN
    # reaches gradients.
    safe_logits = ops.where(use_series, ops.ones_like(abs_logits), abs_logits)
    closed_form = ops.log(safe_logits) - ops.log(ops.tanh(0.5 * safe_logits))
    u_squared = ops.square(0.5 * logits)
    series = (
        math.log(2.0) + u_squared / 3.0 - 7.0 * ops.square(u_squared) / 90.0
    )
    return ops.where(use_series, series, closed_form)


def continuous_bernoulli_mean(logits):
    """E[x] under the continuous Bernoulli CB(sigmoid(logits)), elementwise.

    E[x] = 1/2 + L(eta / 2) / 2 with the Langevin function
    L(u) = coth(u) - 1/u.
    """
    (logits,) = as_tensors(logits)
    u = 0.5 * logits
    use_series = ops.abs(logits) < _MEAN_SERIES_BELOW
    safe_u = ops.where(use_series, ops.ones_like(u), u)
    langevin_closed_form = 1.0 / ops.tanh(safe_u) - 1.0 / safe_u
    u_squared = ops.square(u)
    langevin_series = u * (
        1.0 / 3.0
        - u_squared
        * (1.0 / 45.0 - u_squared * (2.0 / 945.0 - u_squared / 4725.0))
    )
    langevin = ops.where(use_series, langevin_series, langevin_closed_form)
    return 0.5 + 0.5 * langevin


def continuous_bernoulli_log_prob(x, logits):
    """ln CB(x | sigmoid(logits)) for x in [0, 1], per example."""
    x, logits = as_tensors(x, logits)
    log_density = (
        x * logits
        - ops.softplus(logits)
        + continuous_bernoulli_log_normalizer(logits)
    )
    return _sum_over_non_batch_axes(log_density)


@keras.saving.register_keras_serializable(package="vaebook")
def continuous_bernoulli_negative_log_likelihood(x, x_logits):
    """-ln CB(x | sigmoid(x_logits)) per example.

    For Keras' compile(loss=...).
    """
    return -continuous_bernoulli_log_prob(x, x_logits)
