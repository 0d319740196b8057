"""Pin the environment every test and every re-executed notebook runs in.

The notebooks' stored outputs were produced on the offline MNIST subset, with
TensorFlow's log lines silenced; the nbval kernels inherit these variables from
this process. The Keras backend is whatever KERAS_BACKEND says (TensorFlow if
unset).
"""

import os

os.environ["VAEBOOK_MNIST"] = "subset"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ.setdefault(
    "JAX_ENABLE_X64", "true"
)  # as vaebook.session sets it for chapters
