"""Other answers to chapter A1's runnable exercises (see __init__)."""

WRONG = {
    # the batch fixed at Keras' default 32 instead of seed 002's 100
    "ex-a1-fixed-batch": (
        "fixed_size, port_rng = 100,",
        "fixed_size, port_rng = 32,",
    ),
    # the decoder with one hidden layer of 400 units instead of two
    "ex-a1-port-004": (
        'hidden = keras.layers.Dense(400, activation="relu")(hidden)\nported',
        "ported",
    ),
}

ALTERNATIVE = {
    # the sampler as a Layer subclass with its own seed generator, one
    # hidden layer of 64 units, the three calls described by a table
    "ex-a1-fixed-batch": [
        """\
class FixedNoiseSampler(keras.layers.Layer):
    # z = mean + sigma * noise, the noise always of shape (rows, 2)

    def __init__(self, rows, **kwargs):
        super().__init__(**kwargs)
        self.rows = rows
        self.noise_seed = keras.random.SeedGenerator(run.seed + 61)

    def call(self, inputs):
        mean, log_var = inputs
        noise = keras.random.normal((self.rows, 2), seed=self.noise_seed)
        return mean + ops.exp(0.5 * log_var) * noise

    def compute_output_shape(self, input_shape):
        return (self.rows, 2)


def fixed_batch_encoder(rows=100):
    pixels = keras.Input(batch_shape=(rows, 784))
    features = keras.layers.Dense(64, activation="relu")(pixels)
    mean = keras.layers.Dense(2)(features)
    log_var = keras.layers.Dense(2)(features)
    return keras.Model(pixels, FixedNoiseSampler(rows)([mean, log_var]))


probe = np.random.default_rng(run.seed + 62).binomial(1, 0.3, (1000, 784))
probe = probe.astype("float32")
calls = {
    "1,000 images, batch 32": (probe, None),
    "1,000 images, batch 100": (probe, 100),
    "one image": (probe[:1], None),
}
outcomes = {}
for call, (images, size) in calls.items():
    try:
        codes = fixed_batch_encoder().predict(
            images, batch_size=size, verbose=0
        )
    except Exception as failure:
        outcomes[call] = "raises " + type(failure).__name__
    else:
        outcomes[call] = "returns %d codes" % codes.shape[0]
print(outcomes)
"""
    ],
    # the encoder and decoder as two models joined in the book's
    # VariationalAutoencoder, denser random vectors, other seeds
    "ex-a1-port-004": [
        """\
from vaebook.models import (
    VariationalAutoencoder,
    bernoulli_negative_log_likelihood,
)


def relu_stack(inputs, units=(400, 400)):
    for width in units:
        inputs = keras.layers.Dense(width, activation="relu")(inputs)
    return inputs


image_in = keras.Input(shape=(784,))
trunk = relu_stack(image_in)
encoder_004 = keras.Model(
    image_in, [keras.layers.Dense(2)(trunk), keras.layers.Dense(2)(trunk)]
)
code_in = keras.Input(shape=(2,))
logits_out = keras.layers.Dense(784)(relu_stack(code_in))
decoder_004 = keras.Model(code_in, logits_out)
vae_in = keras.Input(shape=(784,))
moments = KLDivergenceLayer()(encoder_004(vae_in))
code = ReparameterizationLayer(seed=run.seed + 63)(moments)
vae_004 = VariationalAutoencoder(vae_in, decoder_004(code))
vae_004.compile(optimizer="adam", loss=bernoulli_negative_log_likelihood)
binary_vectors = np.random.default_rng(run.seed + 64).binomial(
    1, 0.5, (200, 784)
).astype("float32")
log = vae_004.fit(
    binary_vectors, binary_vectors, batch_size=64, epochs=1, verbose=0
)
epoch_loss = float(log.history["loss"][0])
parameter_count = vae_004.count_params()
print(parameter_count, round(epoch_loss, 1))
"""
    ],
}
