"""Other answers to chapter 06's runnable exercises (see __init__)."""

WRONG = {
    # the decoder for latent_dim = 8 built with the old latent_dim
    "ex-06-parameters": (
        "build_decoder(original_dim, intermediate_dim, latent_dim=8)",
        "build_decoder(original_dim, intermediate_dim, latent_dim=2)",
    ),
}
ALTERNATIVE = {}
