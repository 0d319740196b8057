"""Training the VAE, with a compact log, not progress bars (chapter 06).

`trained_vae` trains it once per machine: later chapters that need the same
model reload it.
"""

import hashlib
import json
import os
import shutil
from pathlib import Path

import keras
import numpy as np

from vaebook.data import keras_home
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


def trained_vae(
    x_train, loss, latent_dim=2, epochs=50, x_validation=None, seed=0
):
    """train_vae's (encoder, decoder, vae), trained once per machine.

    A later call with the same arguments, backend, Keras and package code
    reloads the trained VAE, optimizer state included, from the model cache
    in the Keras folder, and prints the log its training printed.
    """
    folder = _cache_folder(
        x_train, loss, latent_dim, epochs, x_validation, seed
    )
    if not (folder / "vae.keras").exists():
        encoder, decoder, vae = train_vae(
            x_train, loss, latent_dim, epochs, x_validation, seed
        )
        staging = folder.with_name(f"{folder.name}.{os.getpid()}")
        staging.mkdir(parents=True)
        vae.save(staging / "vae.keras")
        history = json.dumps(vae.history.history)
        (staging / "history.json").write_text(history)
        try:
            staging.rename(folder)
        except OSError:  # another process cached the same model first
            shutil.rmtree(staging)
        return encoder, decoder, vae
    try:
        vae = keras.models.load_model(folder / "vae.keras")
        history = json.loads((folder / "history.json").read_text())
    except (OSError, ValueError) as error:
        raise OSError(
            f"The cached model in {folder} is corrupt ({error}); delete that "
            "folder to train the model again."
        ) from None
    vae.history = keras.callbacks.History()
    vae.history.history = history
    log = EpochLog(every=max(1, epochs // 2))
    log.set_params({"epochs": epochs})
    for epoch, values in enumerate(zip(*history.values())):
        log.on_epoch_end(epoch, dict(zip(history, values)))
    return vae.get_layer("encoder"), vae.get_layer("decoder"), vae


def _cache_folder(x_train, loss, latent_dim, epochs, x_validation, seed):
    """Where a trained model is kept: a hash of all that training reads."""
    digest = hashlib.sha256()
    for value in (
        keras.backend.backend(),
        keras.__version__,
        f"{loss.__module__}.{loss.__name__}",
        latent_dim,
        epochs,
        seed,
    ):
        digest.update(repr(value).encode())
    for array in (x_train, x_validation):
        if array is not None:
            array = np.ascontiguousarray(array)
            digest.update(repr((array.shape, array.dtype)).encode())
            digest.update(array.tobytes())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    return keras_home() / "vaebook-models" / digest.hexdigest()[:20]
