"""Other answers to chapter 09's runnable exercises (see __init__)."""

WRONG = {
    # the squared distance from the origin compared with the radius
    "ex-09-cb-mode-sample": (
        "np.sum(z_mean**2, axis=-1) > 9",
        "np.sum(z_mean**2, axis=-1) > 3",
    ),
    # clone_model copies the architecture but not the trained weights
    "ex-09-save": (
        "reloaded = keras.saving.load_model(path)",
        'reloaded = keras.models.clone_model(generators["Gaussian, mean"])',
    ),
    # the decoder mean taken for its mode
    "ex-09-mode": ('"mode")(test_logits)', '"mean")(test_logits)'),
}

ALTERNATIVE = {
    # the KL from kl_per_dimension, the radius from np.linalg.norm, the
    # reconstruction from the log-density rather than its loss
    "ex-09-cb-mode-sample": [
        """\
from vaebook.layers import kl_per_dimension
from vaebook.likelihoods import continuous_bernoulli_log_prob


def kl_and_share_outside(model, images, radius=3.0):
    means, log_vars = model[0].predict(images, verbose=0)
    kl_each = ops.convert_to_numpy(kl_per_dimension(means, log_vars))
    distance = np.linalg.norm(np.asarray(means, dtype="float64"), axis=1)
    return float(kl_each.sum(axis=1).mean()), float(np.mean(distance > radius))


spread = {
    "bernoulli": kl_and_share_outside(bernoulli, x_test_binary),
    "gaussian": kl_and_share_outside(gaussian, x_test),
    "cb": kl_and_share_outside(continuous_bernoulli, x_test),
}
cb_codes = continuous_bernoulli[0].predict(x_test, verbose=0)[0]
cb_test_logits = continuous_bernoulli[1].predict(cb_codes, verbose=0)
cb_reconstruction = float(
    np.mean(
        ops.convert_to_numpy(
            continuous_bernoulli_log_prob(x_test, cb_test_logits)
        )
    )
)
print(spread, round(cb_reconstruction))
"""
    ],
    # keras.saving.save_model into a folder of our own, keras.models'
    # load_model, and predict
    "ex-09-save": [
        """\
import pathlib
import tempfile

saved_file = pathlib.Path(tempfile.mkdtemp()) / "gaussian_mean.keras"
keras.saving.save_model(generators["Gaussian, mean"], saved_file)
path = str(saved_file)
generator_again = keras.models.load_model(path)
reloaded_digits = generator_again.predict(
    ops.convert_to_numpy(z_prior), verbose=0
)
print(reloaded_digits.shape)
"""
    ],
    # the model's own encoder and decoder, and a NumPy Bernoulli draw
    "ex-09-mode": [
        """\
codes = ops.convert_to_numpy(bernoulli[0](x_test)[0])
logits_of_test = ops.convert_to_numpy(bernoulli[1](codes))
most_probable = (logits_of_test > 0).astype("float32")
draw = np.random.default_rng(run.seed + 40).random(logits_of_test.shape)
one_sample = (draw < special.expit(logits_of_test)).astype("float32")
agreement = {
    "mode": float(np.mean(most_probable == x_test_binary)),
    "sample": float(np.mean(one_sample == x_test_binary)),
}
print(agreement)
"""
    ],
}
