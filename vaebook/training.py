"""A compact training log: one line every few epochs instead of Keras' progress bars."""

import keras


class EpochLog(keras.callbacks.Callback):
    """Print the epoch and every logged metric, rounded, every `every` epochs and at the end."""

    def __init__(self, every=10):
        super().__init__()
        self.every = every

    def on_epoch_end(self, epoch, logs=None):
        last_epoch = self.params.get("epochs", epoch + 1)
        if (epoch + 1) % self.every == 0 or epoch + 1 == last_epoch:
            metrics = ", ".join(f"{name} {value:.2f}" for name, value in (logs or {}).items())
            print(f"epoch {epoch + 1:3d}: {metrics}")
