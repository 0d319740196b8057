"""Exercise A1.4 (ex-a1-port-004): seed 004's model in Keras 3."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-a1-port-004"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "parameter_count": "int: the number of parameters of your Keras 3 "
    "model (model.count_params()): an encoder of two hidden layers of 400 "
    "ReLU units and a 2-dimensional latent space, a decoder of two hidden "
    "layers of 400 ReLU units returning 784 Bernoulli logits",
    "epoch_loss": "float: the training loss (negative ELBO, nats per "
    "vector) that Keras logged for one epoch over 200 random binary vectors "
    "of 784 pixels in batches of 64",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="parameter_count must be a positive whole number and "
    "epoch_loss a finite positive number",
)
def test_numbers(parameter_count, epoch_loss):
    import numpy as np

    assert np.ndim(parameter_count) == 0 and parameter_count > 0
    assert int(parameter_count) == parameter_count
    assert np.ndim(epoch_loss) == 0 and np.isfinite(epoch_loss)
    assert epoch_loss > 0


@test_case(
    points=2,
    hidden=True,
    failure_message="The model does not have the parameters of seed 004's "
    "architecture: count each layer's weights and biases",
)
def test_architecture(parameter_count):
    def dense(inputs, outputs):
        return (inputs + 1) * outputs

    encoder = dense(784, 400) + dense(400, 400) + 2 * dense(400, 2)
    decoder = dense(2, 400) + dense(400, 400) + dense(400, 784)
    assert parameter_count == encoder + decoder


@test_case(
    points=1,
    hidden=True,
    failure_message="The loss is not a negative ELBO in nats summed over "
    "the 784 pixels: one epoch from initial weights is close to 784 ln 2",
)
def test_loss_scale(epoch_loss):
    import numpy as np

    # Logits near 0 at the start cost ln 2 per pixel; four Adam steps
    # lower it by a few per cent (any pixel density), the KL term adds a
    # few nats; a loss averaged over the pixels would be near ln 2.
    assert 0.6 * 784 * np.log(2) < epoch_loss < 1.2 * 784 * np.log(2)
