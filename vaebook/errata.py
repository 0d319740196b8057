"""The closed-form toy model and the code reader of the errata (appendix A1).

z ~ N(0, 1), x | z ~ N(W z + B, S2): every quantity of the ELBO has a closed
form, so each erratum about the mathematics can be checked exactly;
`free_names` reads a seed's code as a program and lists the names it uses but
never defines.
"""

import ast
import builtins
import math

import numpy as np
from scipy import stats

W, B, S2 = 2.0, 0.0, 0.25  # x | z ~ N(W z + B, S2), z ~ N(0, 1)
X_TOY = 1.3


def log_evidence(x, w=W, b=B, s2=S2):
    """ln p(x) = ln N(x | b, w^2 + s2)."""
    return stats.norm.logpdf(x, b, np.sqrt(w**2 + s2))


def exact_posterior(x, w=W, b=B, s2=S2):
    """Mean and variance of p(z | x).

    p(z | x) = N(w (x - b) / (w^2 + s2), s2 / (w^2 + s2)).
    """
    return w * (x - b) / (w**2 + s2), s2 / (w**2 + s2)


def expected_log_likelihood(x, q_mean, q_var, w=W, b=B, s2=S2):
    """E_q ln p(x | z) for q(z) = N(q_mean, q_var)."""
    squared = (x - b - w * q_mean) ** 2 + w**2 * q_var
    return -0.5 * np.log(2 * math.pi * s2) - squared / (2 * s2)


def kl_to_standard_normal(q_mean, q_var):
    """KL(N(q_mean, q_var) || N(0, 1))."""
    return 0.5 * (q_var + q_mean**2 - 1 - np.log(q_var))


def elbo(x, q_mean, q_var, w=W, b=B, s2=S2):
    """E_q ln p(x | z) - KL(q || p(z)) for q(z) = N(q_mean, q_var)."""
    return expected_log_likelihood(
        x, q_mean, q_var, w, b, s2
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
