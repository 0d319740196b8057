"""Other answers to chapter 06's runnable exercises (see __init__)."""

WRONG = {
    # the decoder for latent_dim = 8 built with the old latent_dim
    "ex-06-parameters": (
        "build_decoder(original_dim, intermediate_dim, latent_dim=8)",
        "build_decoder(original_dim, intermediate_dim, latent_dim=2)",
    ),
    # the S draws of an estimate summed, not averaged
    "ex-06-draws-per-image": (
        "values.reshape(repeats, draws_per_estimate).mean(axis=1)",
        "values.reshape(repeats, draws_per_estimate).sum(axis=1)",
    ),
    # the training-set terms read from the logs instead of the held-out ones
    "ex-06-latent-dim": ('h["val_" + name][-1]', "h[name][-1]"),
    # the new model evaluated on the test set binarized the old way
    "ex-06-threshold": (
        "x_test_t, x_test_t, batch_size=100",
        "x_test, x_test, batch_size=100",
    ),
}

ALTERNATIVE = {
    # counted from the weights' shapes, on freshly built models
    "ex-06-parameters": [
        """\
def weight_count(layer_or_model):
    return sum(int(np.prod(w.shape)) for w in layer_or_model.weights)


decoder_weights = weight_count(decoder)
largest_layer_weights = max(weight_count(layer) for layer in decoder.layers)
encoder_8_weights = weight_count(build_encoder(latent_dim=8))
decoder_8_weights = weight_count(build_decoder(latent_dim=8))
print(decoder_weights, largest_layer_weights)
print(encoder_8_weights, decoder_8_weights)
"""
    ],
    # other draws, other numbers of repeats (2,000 and 600), the
    # log-probability written out in float64 NumPy, standard deviations
    # with ddof = 0
    "ex-06-draws-per-image": [
        """\
draw_rng = np.random.default_rng(run.seed + 50)
sd_image_0 = np.exp(0.5 * z_log_var[0].astype("float64"))
image_0 = x_test[0].astype("float64")


def reconstruction_estimates(draws_each, repeats):
    noise = draw_rng.standard_normal((repeats, draws_each, latent_dim))
    codes = z_mean[0] + sd_image_0 * noise
    logits = decoder.predict(
        codes.reshape(-1, latent_dim).astype("float32"),
        batch_size=1000,
        verbose=0,
    ).astype("float64")
    log_p = np.sum(image_0 * logits - np.logaddexp(0.0, logits), axis=-1)
    return -log_p.reshape(repeats, draws_each).mean(axis=1)


one_draw = reconstruction_estimates(1, 2000)
sixteen_draws = reconstruction_estimates(16, 600)
std_1, std_16 = float(np.std(one_draw)), float(np.std(sixteen_draws))
print(f"{std_1:.2f} {std_16:.2f} ratio {std_1 / std_16:.2f}")
"""
    ],
    # the 8-D model from the model cache (trained once), and both models'
    # held-out terms computed by hand: the KL in closed form, the
    # reconstruction from two draws per test image
    "ex-06-latent-dim": [
        """\
from vaebook import models as vae_models, training as vae_training

eight = vae_training.trained_vae(
    x_train,
    vae_models.bernoulli_negative_log_likelihood,
    latent_dim=8,
    epochs=epochs,
    x_validation=x_test,
    seed=run.seed,
)


def held_out_terms(trained_encoder, trained_decoder, draws=2):
    means, log_vars = (
        t.astype("float64") for t in trained_encoder.predict(x_test, verbose=0)
    )
    kl_each = 0.5 * np.sum(np.exp(log_vars) + means**2 - 1 - log_vars, axis=1)
    noise_rng = np.random.default_rng(run.seed + 60)
    reconstruction_each = 0.0
    for _ in range(draws):
        codes = means + np.exp(0.5 * log_vars) * noise_rng.standard_normal(
            means.shape
        )
        logits = trained_decoder.predict(
            codes.astype("float32"), verbose=0
        ).astype("float64")
        reconstruction_each -= np.sum(
            x_test * logits - np.logaddexp(0.0, logits), axis=1
        ) / draws
    terms = {
        "reconstruction": float(reconstruction_each.mean()),
        "kl": float(kl_each.mean()),
    }
    terms["loss"] = terms["reconstruction"] + terms["kl"]
    return terms


held_out = {
    2: held_out_terms(encoder, decoder),
    8: held_out_terms(eight[0], eight[1]),
}
reconstruction_drop = (
    held_out[2]["reconstruction"] - held_out[8]["reconstruction"]
)
kl_rise = held_out[8]["kl"] - held_out[2]["kl"]
print(held_out, reconstruction_drop, kl_rise)
"""
    ],
    # binarized with a comparison, trained through the model cache (the
    # same recipe, trained once per machine), the held-out negative ELBO
    # computed by hand from two draws per test image
    "ex-06-threshold": [
        """\
from vaebook import training as vae_training

gray_test = to_unit_interval(x_test_images).reshape(len(x_test_images), -1)
x_test_t = (gray_test > 0.5).astype("float32")
thin_train = (gray_train > 0.5).astype("float32")
thin_encoder, thin_decoder, _ = vae_training.trained_vae(
    thin_train, bernoulli_negative_log_likelihood, epochs=epochs, seed=run.seed
)
means, log_vars = (
    t.astype("float64") for t in thin_encoder.predict(x_test_t, verbose=0)
)
kl_terms = 0.5 * np.sum(np.exp(log_vars) + means**2 - 1 - log_vars, axis=1)
noise_rng = np.random.default_rng(run.seed + 70)
reconstruction_terms = []
for _ in range(2):
    codes = means + np.exp(0.5 * log_vars) * noise_rng.standard_normal(
        means.shape
    )
    logits = thin_decoder.predict(codes.astype("float32"), verbose=0)
    logits = logits.astype("float64")
    reconstruction_terms.append(
        -np.sum(x_test_t * logits - np.logaddexp(0.0, logits), axis=1)
    )
val_loss_t = float(np.mean(reconstruction_terms) + kl_terms.mean())
print(f"held-out negative ELBO: {val_loss_t:.1f} nats")
"""
    ],
}
