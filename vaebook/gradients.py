"""Gradients on any Keras backend (chapter 04).

Keras 3 trains on every backend but has no backend-neutral gradient
function, so this helper asks the backend Keras runs on.
"""

import importlib

import keras
from keras import ops


def value_and_gradients(function, *inputs):
    """function(*inputs), a scalar, and its gradients with respect to inputs.

    TensorFlow's GradientTape, jax.value_and_grad or torch.autograd.grad,
    whichever backend Keras runs on. An input the value does not depend on
    gets a gradient of zeros. JAX cannot follow a computation that leaves
    it (through NumPy, say) and raises an error instead.
    """
    inputs = [ops.convert_to_tensor(value) for value in inputs]
    backend = keras.backend.backend()
    if backend not in ("tensorflow", "jax", "torch"):
        raise ValueError(
            f"No gradient helper for the Keras backend {backend!r}; "
            "use tensorflow, jax or torch."
        )
    framework = importlib.import_module(backend)  # the one Keras runs on
    if backend == "tensorflow":
        with framework.GradientTape() as tape:
            tape.watch(inputs)
            value = function(*inputs)
        gradients = tape.gradient(value, inputs, unconnected_gradients="zero")
        return value, list(gradients)
    if backend == "jax":
        argnums = tuple(range(len(inputs)))
        value, gradients = framework.value_and_grad(function, argnums)(*inputs)
        return value, list(gradients)
    # torch
    inputs = [value.detach().requires_grad_() for value in inputs]
    value = function(*inputs)
    if not value.requires_grad:  # no input reaches the value
        return value, [framework.zeros_like(value) for value in inputs]
    gradients = framework.autograd.grad(
        value, inputs, allow_unused=True, materialize_grads=True
    )
    return value.detach(), list(gradients)
