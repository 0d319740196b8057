"""Training chapter 06's VAE, with a compact log, not Keras' progress bars."""

import keras

from vaebook.models import build_decoder, build_encoder, build_vae


class EpochLog(keras.callbacks.Callback):
    """Print every logged metric, rounded, every `every` epochs and at the end.

    Training metrics go on one line, held-out ones ("val_...") on the next; a
    VAE's loss and its two parts come first: loss, reconstruction, kl.
    """

    FIRST = ("loss", "reconstruction", "kl")

    def __init__(self, every=10):
        super().__init__()
        self.every = every

    def on_epoch_end(self, epoch, logs=None):
        last_epoch = self.params.get("epochs", epoch + 1)
        if (epoch + 1) % self.every and epoch + 1 != last_epoch:
            return
        logs = logs or {}
        names = [name for name in logs if not name.startswith("val_")]
        rank = {name: index for index, name in enumerate(self.FIRST)}
        names.sort(key=lambda name: rank.get(name, len(rank)))
        print(f"epoch {epoch + 1:3d} train    " + self.format(logs, names, ""))
        if any(name.startswith("val_") for name in logs):
            print(" " * 10 + "held-out " + self.format(logs, names, "val_"))

    @staticmethod
    def format(logs, names, prefix):
        """name value pairs for the logged metrics `prefix + name`."""
        return "  ".join(
            f"{name} {logs[prefix + name]:.2f}"
            for name in names
            if prefix + name in logs
        )


def steps_per_execution():
    """Training steps per call into the backend: 40, or 1 on PyTorch.

    Forty steps per call instead of one give the same numbers, faster (the
    Performance page measures by how much); PyTorch accepts only one.
    """
    return 1 if keras.backend.backend() == "torch" else 40


def train_vae(
    x_train, loss, latent_dim=2, epochs=50, x_validation=None, seed=0
):
    """Build chapter 06's VAE and train it with Adam on batches of 100.

    Returns (encoder, decoder, vae). Logs halfway and at the end: the loss
    (the negative ELBO), its reconstruction and KL parts, and, given
    `x_validation`, the same on held-out data.
    """
    keras.utils.set_random_seed(seed)
    encoder = build_encoder(latent_dim=latent_dim)
    decoder = build_decoder(latent_dim=latent_dim)
    vae = build_vae(encoder, decoder, seed=seed)
    vae.compile(
        optimizer="adam", loss=loss, steps_per_execution=steps_per_execution()
    )
    validation_data = (
        None if x_validation is None else (x_validation, x_validation)
    )
    vae.fit(
        x_train,
        x_train,
        epochs=epochs,
        batch_size=100,
        verbose=0,
        validation_data=validation_data,
        callbacks=[EpochLog(every=max(1, epochs // 2))],
    )
    return encoder, decoder, vae
