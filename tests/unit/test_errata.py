"""vaebook.errata: the toy model's closed forms, and the code reader.

The closed forms are checked against quadrature.
"""

import math

import numpy as np
import pytest
from scipy import integrate, stats

from vaebook import errata

PARAMETERS = [(2.0, 0.0, 0.25, 1.3), (-0.7, 0.4, 1.5, -2.0)]  # (w, b, s2, x)


def joint(z, x, w, b, s2):
    return stats.norm.pdf(z) * stats.norm.pdf(x, w * z + b, math.sqrt(s2))


@pytest.mark.parametrize(("w", "b", "s2", "x"), PARAMETERS)
def test_evidence_and_posterior_match_quadrature_of_the_joint(w, b, s2, x):
    evidence = integrate.quad(joint, -np.inf, np.inf, args=(x, w, b, s2))[0]
    np.testing.assert_allclose(
        errata.log_marginal(x, w, b, s2), math.log(evidence), rtol=1e-9
    )

    def moment(k):
        return (
            integrate.quad(
                lambda z: z**k * joint(z, x, w, b, s2), -np.inf, np.inf
            )[0]
            / evidence
        )

    mean, var = errata.exact_posterior(x, w, b, s2)
    np.testing.assert_allclose(mean, moment(1), rtol=1e-8, atol=1e-12)
    np.testing.assert_allclose(var, moment(2) - moment(1) ** 2, rtol=1e-7)


@pytest.mark.parametrize(("w", "b", "s2", "x"), PARAMETERS)
def test_elbo_terms_match_quadrature_and_the_bound_is_tight_at_the_posterior(
    w, b, s2, x
):
    q_mean, q_var = 0.3, 0.6
    q = stats.norm(q_mean, math.sqrt(q_var))
    expected = integrate.quad(
        lambda z: q.pdf(z) * stats.norm.logpdf(x, w * z + b, math.sqrt(s2)),
        -np.inf,
        np.inf,
    )[0]
    kl = integrate.quad(
        lambda z: q.pdf(z) * (q.logpdf(z) - stats.norm.logpdf(z)), -20, 20
    )[0]
    np.testing.assert_allclose(
        errata.expected_log_likelihood(x, q_mean, q_var, w, b, s2),
        expected,
        rtol=1e-8,
    )
    np.testing.assert_allclose(
        errata.kl_to_standard_normal(q_mean, q_var), kl, rtol=1e-8
    )
    assert errata.elbo(x, q_mean, q_var, w, b, s2) < errata.log_marginal(
        x, w, b, s2
    )
    mean, var = errata.exact_posterior(x, w, b, s2)
    np.testing.assert_allclose(
        errata.elbo(x, mean, var, w, b, s2),
        errata.log_marginal(x, w, b, s2),
        rtol=1e-12,
    )


def test_free_names_lists_exactly_what_a_program_uses_but_never_binds():
    program = (
        "import numpy as np\n"
        "from math import pi as PI\n"
        "def f(t, *args):\n"
        "    try:\n"
        "        return np.exp(t) * PI + offset\n"
        "    except ValueError as error:\n"
        "        return [k for k in range(3)], error, len(args)\n"
        "class Model: pass\n"
        "model = Model()\n"
        "print(model, undefined_name)\n"
    )
    assert errata.free_names(program) == ["offset", "undefined_name"]
    with pytest.raises(SyntaxError):
        errata.free_names("def f(:\n")
