"""The closed-form toy model and the code reader of the errata (appendix A1).

z ~ N(0, 1), x | z ~ N(weight z + bias, noise_var): the linear-Gaussian
model of chapter 01 in one dimension, where every quantity of the ELBO has
a closed form, so each erratum about the mathematics can be checked exactly;
`free_names` reads a seed's code as a program and lists the names it uses but
never defines; `to_numpy` brings a tensor of any backend to NumPy.
"""

import ast
import builtins
import math

import numpy as np
from keras import ops
from scipy import stats

from vaebook.layers import kl_per_dimension

WEIGHT, BIAS, NOISE_VAR = 2.0, 0.0, 0.25
X_TOY = 1.3


def to_numpy(tensor):
    """A tensor of any backend (or an array) as a float64 NumPy array."""
    return np.asarray(ops.convert_to_numpy(tensor), dtype=np.float64)


def log_marginal(x, weight=WEIGHT, bias=BIAS, noise_var=NOISE_VAR):
    """ln p(x) = ln N(x | bias, weight^2 + noise_var)."""
    return stats.norm.logpdf(x, bias, np.sqrt(weight**2 + noise_var))


def exact_posterior(x, weight=WEIGHT, bias=BIAS, noise_var=NOISE_VAR):
    """Mean and variance of p(z | x): N(weight (x - bias) / s, noise_var / s)
    with s = weight^2 + noise_var."""
    spread = weight**2 + noise_var
    return weight * (x - bias) / spread, noise_var / spread


def expected_log_likelihood(
    x, q_mean, q_var, weight=WEIGHT, bias=BIAS, noise_var=NOISE_VAR
):
    """E_q ln p(x | z) for q(z) = N(q_mean, q_var)."""
    squared = (x - bias - weight * q_mean) ** 2 + weight**2 * q_var
    return -0.5 * np.log(2 * math.pi * noise_var) - squared / (2 * noise_var)


def kl_to_standard_normal(q_mean, q_var):
    """KL(N(q_mean, q_var) || N(0, 1)): chapter 03's closed form."""
    q_mean = np.asarray(q_mean, np.float64)
    log_var = np.asarray(np.log(q_var), np.float64)  # an array, not a scalar
    return to_numpy(kl_per_dimension(q_mean, log_var))


def elbo(x, q_mean, q_var, weight=WEIGHT, bias=BIAS, noise_var=NOISE_VAR):
    """E_q ln p(x | z) - KL(q || p(z)) for q(z) = N(q_mean, q_var)."""
    return expected_log_likelihood(
        x, q_mean, q_var, weight, bias, noise_var
    ) - kl_to_standard_normal(q_mean, q_var)


def free_names(source):
    """Names that `source` reads but never binds, imports or receives."""
    bound, read = set(dir(builtins)), set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Name):
            (read if isinstance(node.ctx, ast.Load) else bound).add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            bound.add(node.name)
        elif isinstance(node, ast.arg):
            bound.add(node.arg)
        elif isinstance(node, ast.alias):
            bound.add((node.asname or node.name).split(".")[0])
        elif isinstance(node, ast.ExceptHandler) and node.name:
            bound.add(node.name)
    return sorted(read - bound)
