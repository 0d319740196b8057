"""Exercise 6.1 (ex-06-parameters): the decoder's weights, and with J = 8."""

from otter.test_files import test_case

OK_FORMAT = False
name = "ex-06-parameters"

# What the answer defines, and what each name means (the stub shows it).
ANSWER = {
    "decoder_weights": "int: the number of weights, biases included, of "
    "the chapter's decoder (latent_dim = 2)",
    "largest_layer_weights": "int: the number of weights of the decoder "
    "layer that holds the most of them",
    "encoder_8_weights": "int: the number of weights of chapter 06's "
    "encoder built with latent_dim = 8 (original_dim and intermediate_dim "
    "unchanged)",
    "decoder_8_weights": "int: the same for chapter 06's decoder built "
    "with latent_dim = 8",
}


@test_case(
    points=1,
    hidden=False,
    failure_message="The four counts must be positive whole numbers, and "
    "no layer can hold more weights than the whole decoder",
)
def test_counts(
    decoder_weights,
    largest_layer_weights,
    encoder_8_weights,
    decoder_8_weights,
):
    import numpy as np

    counts = [
        decoder_weights,
        largest_layer_weights,
        encoder_8_weights,
        decoder_8_weights,
    ]
    for count in counts:
        assert np.ndim(count) == 0 and not isinstance(count, bool)
        assert float(count) == int(count) > 0
    assert largest_layer_weights <= decoder_weights


@test_case(
    points=1,
    hidden=True,
    failure_message="The 2-D decoder's count or its largest layer's count "
    "is off: count a dense layer from a to b units as a * b weights plus b "
    "biases",
)
def test_decoder(decoder_weights, largest_layer_weights):
    def dense(a, b):
        return a * b + b

    # chapter 06: 784 pixels, 256 hidden units, 2 latent dimensions
    assert decoder_weights == dense(2, 256) + dense(256, 784)
    assert largest_layer_weights == dense(256, 784)


@test_case(
    points=2,
    hidden=True,
    failure_message="A count for latent_dim = 8 is off: only the layers "
    "that touch the latent code change",
)
def test_latent_dim_8(encoder_8_weights, decoder_8_weights):
    def dense(a, b):
        return a * b + b

    assert encoder_8_weights == dense(784, 256) + 2 * dense(256, 8)
    assert decoder_8_weights == dense(8, 256) + dense(256, 784)
