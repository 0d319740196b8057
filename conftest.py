"""Pin the environment every test and every re-executed notebook runs in.

The notebooks' stored outputs were produced on the offline MNIST subset, with TensorFlow's
log lines silenced; the nbval kernels inherit these variables from this process.
"""

import os

os.environ["VAEBOOK_MNIST"] = "subset"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
