"""The two layers that turn encoder outputs into a VAE (chapters 03, 04).

With the closed-form KL divergence to the standard normal they add.
"""

import keras
from keras import ops


def kl_per_dimension(z_mean, z_log_var):
    """KL(q(z_j|x) || N(0, 1)) per example and latent dimension j."""
    z_mean, z_log_var = (
        ops.convert_to_tensor(z_mean),
        ops.convert_to_tensor(z_log_var),
    )
    return -0.5 * (1.0 + z_log_var - ops.square(z_mean) - ops.exp(z_log_var))


def check_mean_and_log_var_shapes(input_shape, layer_name):
    """Raise a ValueError unless `input_shape` is a pair of equal shapes."""
    is_pair = (
        isinstance(input_shape, (list, tuple))
        and len(input_shape) == 2
        and all(isinstance(shape, (list, tuple)) for shape in input_shape)
    )
    if not is_pair:
        raise ValueError(
            f"{layer_name} expects a list [z_mean, z_log_var]; "
            f"got input shape {input_shape}."
        )
    mean_shape, log_var_shape = (tuple(shape) for shape in input_shape)
    if mean_shape != log_var_shape:
        raise ValueError(
            f"{layer_name}: z_mean and z_log_var must have the same shape; "
            f"got {mean_shape} and {log_var_shape}."
        )


@keras.saving.register_keras_serializable(package="vaebook")
class KLDivergenceLayer(keras.layers.Layer):
    """Identity on [z_mean, z_log_var] that adds KL(q(z|x) || N(0, I)).

    It adds to the model's losses the batch mean of the KL divergence summed
    over latent dimensions.
    """

    def build(self, input_shape):
        check_mean_and_log_var_shapes(input_shape, type(self).__name__)

    def call(self, inputs):
        z_mean, z_log_var = inputs
        kl_per_example = ops.sum(kl_per_dimension(z_mean, z_log_var), axis=-1)
        self.add_loss(ops.mean(kl_per_example))
        return [z_mean, z_log_var]

    def compute_output_shape(self, input_shape):
        return input_shape


@keras.saving.register_keras_serializable(package="vaebook")
class ReparameterizationLayer(keras.layers.Layer):
    """Draws z = z_mean + exp(z_log_var / 2) * epsilon with epsilon ~ N(0, I).

    Input: [z_mean, z_log_var] of equal shape; output: z of that shape.
    """

    def __init__(self, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def build(self, input_shape):
        check_mean_and_log_var_shapes(input_shape, type(self).__name__)

    def call(self, inputs):
        z_mean, z_log_var = inputs
        epsilon = keras.random.normal(
            ops.shape(z_mean), seed=self.seed_generator
        )
        return z_mean + ops.exp(0.5 * z_log_var) * epsilon

    def compute_output_shape(self, input_shape):
        return input_shape[0]

    def get_config(self):
        return {**super().get_config(), "seed": self.seed}

    def save_own_variables(self, store):
        # Keras saves weights only; saving the random state too lets a reloaded
        # model continue the same sequence of samples.
        store["seed_generator_state"] = self.seed_generator.state

    def load_own_variables(self, store):
        self.seed_generator.state.assign(store["seed_generator_state"])
