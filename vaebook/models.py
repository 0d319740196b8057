"""Seed 000's MNIST VAE as three Keras models (chapter 06).

Encoder, decoder and the VAE.
"""

import keras
from keras import layers

from vaebook.layers import KLDivergenceLayer, ReparameterizationLayer
from vaebook.likelihoods import bernoulli_log_prob


def build_encoder(original_dim=784, intermediate_dim=256, latent_dim=2):
    """x -> [z_mean, z_log_var], the parameters of the Gaussian q(z|x)."""
    x = keras.Input(shape=(original_dim,), name="x")
    hidden = layers.Dense(intermediate_dim, activation="relu")(x)
    z_mean = layers.Dense(latent_dim, name="z_mean")(hidden)
    z_log_var = layers.Dense(latent_dim, name="z_log_var")(hidden)
    return keras.Model(x, [z_mean, z_log_var], name="encoder")


def build_decoder(original_dim=784, intermediate_dim=256, latent_dim=2):
    """z -> x_logits, the logits of p(x|z)'s independent Bernoulli pixels."""
    z = keras.Input(shape=(latent_dim,), name="z")
    hidden = layers.Dense(intermediate_dim, activation="relu")(z)
    x_logits = layers.Dense(original_dim, name="x_logits")(hidden)
    return keras.Model(z, x_logits, name="decoder")


@keras.saving.register_keras_serializable(package="vaebook")
class VariationalAutoencoder(keras.Model):
    """A Keras model that logs its loss as two parts, reconstruction and KL.

    The KL is the sum of the model's own losses, which the KLDivergenceLayer
    adds.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reconstruction_tracker = keras.metrics.Mean(name="reconstruction")
        self.kl_tracker = keras.metrics.Mean(name="kl")

    def compute_loss(
        self, x=None, y=None, y_pred=None, sample_weight=None, training=True
    ):
        loss = super().compute_loss(x, y, y_pred, sample_weight, training)
        kl = sum(self.losses)
        self.reconstruction_tracker.update_state(loss - kl)
        self.kl_tracker.update_state(kl)
        return loss


def build_vae(encoder, decoder, seed=None):
    """x -> x_logits through encoder, KL term, sampler and decoder.

    The KL is a model loss.
    """
    x = keras.Input(shape=encoder.input_shape[1:], name="x")
    z_mean, z_log_var = KLDivergenceLayer(name="kl_divergence")(encoder(x))
    z = ReparameterizationLayer(seed=seed, name="sampler")([z_mean, z_log_var])
    return VariationalAutoencoder(x, decoder(z), name="vae")


@keras.saving.register_keras_serializable(package="vaebook")
def bernoulli_negative_log_likelihood(x, x_logits):
    """The reconstruction loss: -ln p(x|z) in nats per image.

    For Keras' compile(loss=...); registered so that a saved VAE reloads
    compiled, with this loss.
    """
    return -bernoulli_log_prob(x, x_logits)
