"""Rate, distortion and posterior collapse (chapter 12).

A KL layer with a weight beta and free bits, a warm-up callback, and three
measures of how much a code z says about x.
"""

import keras
import numpy as np
from keras import ops

from vaebook.evaluation import log_mean_exp
from vaebook.layers import check_mean_and_log_var_shapes, kl_per_dimension


@keras.saving.register_keras_serializable(package="vaebook")
class WeightedKLLayer(keras.layers.Layer):
    """Identity on [z_mean, z_log_var] that adds beta times a KL term.

    The term is the sum over dimensions j of max(free_bits, batch mean of
    KL_j); with free_bits = 0 it is the KLDivergenceLayer's batch-mean KL.
    beta is a non-trainable variable, so that a callback can change it.
    """

    def __init__(self, beta=1.0, free_bits=0.0, **kwargs):
        super().__init__(**kwargs)
        self.free_bits = free_bits
        self.beta = self.add_weight(
            shape=(),
            initializer=keras.initializers.Constant(beta),
            trainable=False,
            name="beta",
        )

    def build(self, input_shape):
        check_mean_and_log_var_shapes(input_shape, type(self).__name__)

    def call(self, inputs):
        z_mean, z_log_var = inputs
        kl = ops.mean(kl_per_dimension(z_mean, z_log_var), axis=0)
        self.add_loss(self.beta * ops.sum(ops.maximum(kl, self.free_bits)))
        return [z_mean, z_log_var]

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        beta = float(ops.convert_to_numpy(self.beta))
        return {
            **super().get_config(),
            "beta": beta,
            "free_bits": self.free_bits,
        }


class KLWarmUp(keras.callbacks.Callback):
    """Raise a WeightedKLLayer's beta linearly from 0 to 1, epoch by epoch.

    beta is epoch / epochs at the start of each epoch, then 1.
    """

    def __init__(self, layer, epochs):
        super().__init__()
        self.layer = layer
        self.epochs = epochs

    def on_epoch_begin(self, epoch, logs=None):
        self.layer.beta.assign(min(1.0, epoch / self.epochs))


def active_units(z_mean, threshold=0.01):
    """Dimensions j whose encoder mean varies over the data: Var(z_mean_j).

    Returns (activity per dimension, number of dimensions above threshold).
    """
    activity = np.var(np.asarray(z_mean, dtype=np.float64), axis=0)
    return activity, int(np.sum(activity > threshold))


def mutual_information(z_mean, z_log_var, seed=0):
    """Estimate I(x; z) = E_x KL(q(z|x) || q(z)) under the encoder.

    q(z) is the mixture of the n encoder Gaussians given; one z is drawn
    from each q(z|x_i). Every term, so the estimate, is at most ln n.
    """
    mean = np.asarray(z_mean, dtype=np.float64)
    log_var = np.asarray(z_log_var, dtype=np.float64)
    rng = np.random.default_rng(seed)
    z = mean + np.exp(0.5 * log_var) * rng.standard_normal(mean.shape)
    precision = np.exp(-log_var)
    # ln N(z_i | mean_k, var_k) for all pairs (i, k), squares expanded
    squared = (
        np.square(z) @ precision.T
        - 2.0 * z @ (mean * precision).T
        + np.sum(np.square(mean) * precision, axis=1)
    )
    log_q = -0.5 * (
        mean.shape[1] * np.log(2.0 * np.pi) + np.sum(log_var, axis=1) + squared
    )
    log_aggregate = log_mean_exp(log_q, axis=1)
    return float(np.mean(np.diag(log_q) - log_aggregate))
