"""The converter layer (chapter 09).

From the decoder's distribution parameters back to an image.
"""

import math

import keras
from keras import ops

from vaebook.likelihoods import as_tensors, continuous_bernoulli_mean

LIKELIHOODS = ("bernoulli", "gaussian", "continuous_bernoulli")
KINDS = ("mean", "mode", "sample")
# Below this |logit| the continuous Bernoulli's inverse CDF is 0/0; its
# first-order series is used.
_INVERSE_CDF_SERIES_BELOW = 1e-3


def continuous_bernoulli_sample(x_logits, uniform):
    """Inverse-CDF draw from CB(sigmoid(x_logits)).

    F^-1(u) = ln(1 + u (e^eta - 1)) / eta. Written for eta = -|logit| <= 0,
    where nothing overflows; for positive logits the draw is mirrored,
    x -> 1 - x, which is F^-1(1 - u): the same distribution.
    """
    x_logits, uniform = as_tensors(x_logits, uniform)
    eta = -ops.abs(x_logits)
    use_series = eta > -_INVERSE_CDF_SERIES_BELOW
    safe_eta = ops.where(use_series, -ops.ones_like(eta), eta)
    closed_form = ops.log1p(uniform * ops.expm1(safe_eta)) / safe_eta
    series = uniform + 0.5 * eta * uniform * (1.0 - uniform)
    x = ops.where(use_series, series, closed_form)
    return ops.where(x_logits > 0, 1.0 - x, x)


@keras.saving.register_keras_serializable(package="vaebook")
class ConverterLayer(keras.layers.Layer):
    """Seed 000's d function: decoder parameters -> an image (the mean, the
    mode or a sample). Input: x_logits, or x_mean for "gaussian" (shared
    ln sigma^2 `log_var`); output: images of the input's shape."""

    def __init__(self, likelihood, kind, log_var=0.0, seed=None, **kwargs):
        super().__init__(**kwargs)
        if likelihood not in LIKELIHOODS or kind not in KINDS:
            raise ValueError(
                f"likelihood must be one of {LIKELIHOODS} and kind one of "
                f"{KINDS}; got {likelihood!r} and {kind!r}."
            )
        self.likelihood, self.kind = likelihood, kind
        self.log_var, self.seed = log_var, seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, params):
        if self.likelihood == "gaussian":
            if self.kind == "sample":
                epsilon = keras.random.normal(
                    ops.shape(params), seed=self.seed_generator
                )
                return params + math.exp(0.5 * self.log_var) * epsilon
            return params  # a Gaussian's mode is its mean
        if self.kind == "mode":
            # both densities peak at 1 where the logit is positive
            return ops.cast(params > 0, params.dtype)
        if self.kind == "sample":
            uniform = keras.random.uniform(
                ops.shape(params), seed=self.seed_generator
            )
            if self.likelihood == "bernoulli":
                return ops.cast(uniform < ops.sigmoid(params), params.dtype)
            return continuous_bernoulli_sample(params, uniform)
        if self.likelihood == "bernoulli":
            return ops.sigmoid(params)
        return continuous_bernoulli_mean(params)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {
            **super().get_config(),
            **dict(likelihood=self.likelihood, kind=self.kind),
            **dict(log_var=self.log_var, seed=self.seed),
        }
