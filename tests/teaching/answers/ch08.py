"""Other answers to chapter 08's runnable exercises (see __init__)."""

WRONG = {
    # ln sigma^2 started at 1, read as "start from sigma^2 = 1"
    "ex-08-learned-weight": ('initializer="zeros"', 'initializer="ones"'),
    # the variance sigma^2 used where the standard deviation belongs
    "ex-08-truncated": ("sigma = 0.2", "sigma = 0.2**2"),
    # Gauss-Legendre weights not halved for the interval [0, 1]
    "ex-08-dequantize": (", 0.5 * weights", ", weights"),
}

ALTERNATIVE = {
    # ln sigma^2 held by a layer that adds the Gaussian loss itself
    # (add_loss), a model compiled without a loss, other seeds; the step
    # count read from the optimizer
    "ex-08-learned-weight": [
        """\
from vaebook.layers import KLDivergenceLayer, ReparameterizationLayer
from vaebook.models import build_decoder as new_decoder
from vaebook.models import build_encoder as new_encoder
from vaebook.training import steps_per_execution as steps_per_call


class GaussianLikelihood(keras.layers.Layer):
    # holds ln sigma^2 and adds the batch mean of -ln N(x | x_mean, sigma^2)

    def build(self, input_shape):
        self.log_sigma2 = self.add_weight(
            shape=(), initializer="zeros", name="log_sigma2"
        )

    def call(self, inputs):
        x, x_mean = inputs
        log_var = ops.zeros_like(x_mean) + self.log_sigma2
        self.add_loss(ops.mean(-gaussian_log_prob(x, x_mean, log_var)))
        return x_mean
""",
        """\
keras.utils.set_random_seed(run.seed + 1)
pixels = keras.Input(shape=(784,))
encoder_g, decoder_g = new_encoder(), new_decoder()
code_mean, code_log_var = KLDivergenceLayer()(encoder_g(pixels))
code = ReparameterizationLayer(seed=run.seed + 1)([code_mean, code_log_var])
likelihood = GaussianLikelihood()
vae_g = keras.Model(pixels, likelihood([pixels, decoder_g(code)]))
vae_g.compile(
    optimizer=keras.optimizers.Adam(), steps_per_execution=steps_per_call()
)
vae_g.fit(x_train, epochs=20, batch_size=100, verbose=0)
learned_log_var = float(ops.convert_to_numpy(likelihood.log_sigma2))
steps = int(ops.convert_to_numpy(vae_g.optimizer.iterations))
codes = ops.convert_to_numpy(encoder_g(x_train)[0])
means = ops.convert_to_numpy(decoder_g(codes))
learned_mse = float(np.mean(np.square(x_train - means)))
print(steps, round(math.exp(learned_log_var), 3), round(learned_mse, 4))
""",
    ],
    # the normal CDF written with math.erf
    "ex-08-truncated": [
        """\
def mass_in_unit_interval(mean, sd=0.2):
    scale = sd * math.sqrt(2.0)
    return 0.5 * (math.erf((1.0 - mean) / scale) - math.erf(-mean / scale))


truncation_mass = {mu: mass_in_unit_interval(mu) for mu in (0.0, 0.5, 1.0)}
print(truncation_mass)
"""
    ],
    # E_u in closed form (ln p is quadratic in u), ln P(m) from the CDF's
    # log-differences
    "ex-08-dequantize": [
        """\
centre, width = 0.5, 0.2
m = np.arange(256)
mean_square = ((m + 0.5) / 256 - centre) ** 2 + 1 / (12 * 256**2)
bound = (
    -0.5 * math.log(2 * math.pi * width**2)
    - mean_square / (2 * width**2)
    - math.log(256)
)
edges = stats.norm.cdf(np.arange(257) / 256, loc=centre, scale=width)
log_pmf = np.log(edges[1:] - edges[:-1])
bits = -bound / math.log(2)  # D = 1
assert np.all(bound <= log_pmf)
"""
    ],
}
