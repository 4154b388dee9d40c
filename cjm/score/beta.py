"""Beta distribution quantiles in pure Python (no SciPy): the credible intervals of drop-off."""

from __future__ import annotations

import math

_EPS = 1e-15
_TINY = 1e-300


def _cont_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, 100_000):
        m2 = 2 * m
        even = m * (b - m) * x / ((qam + m2) * (a + m2))
        odd = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        for aa in (even, odd):
            d = 1.0 + aa * d
            d = 1.0 / (d if abs(d) > _TINY else _TINY)
            c = 1.0 + aa / c
            c = c if abs(c) > _TINY else _TINY
            h *= d * c
        if abs(d * c - 1.0) < _EPS:
            break
    return h


def beta_cdf(x: float, a: float, b: float) -> float:
    """The regularised incomplete beta function I_x(a, b)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _cont_fraction(a, b, x) / a
    return 1.0 - front * _cont_fraction(b, a, 1.0 - x) / b


def _beta_pdf(x: float, a: float, b: float) -> float:
    log_pdf = (
        math.lgamma(a + b)
        - math.lgamma(a)
        - math.lgamma(b)
        + (a - 1.0) * math.log(x)
        + (b - 1.0) * math.log1p(-x)
    )
    return math.exp(log_pdf)


def beta_ppf(q: float, a: float, b: float) -> float:
    """The ``q`` quantile of Beta(a, b): Newton steps kept inside a shrinking bisection
    bracket, so it converges like Newton (a handful of CDF evaluations instead of 60 halvings:
    scoring a journey with segments needs dozens of quantiles) and never leaves [0, 1]."""
    lo, hi = 0.0, 1.0
    x = a / (a + b)  # the mean: close to the quantiles of any posterior worth scoring
    for _ in range(100):
        f = beta_cdf(x, a, b) - q
        if f < 0:
            lo = x
        else:
            hi = x
        pdf = _beta_pdf(x, a, b)
        step = x - f / pdf if pdf > 0 else -1.0
        new = step if lo < step < hi else (lo + hi) / 2
        if abs(new - x) < 1e-13 or hi - lo < 1e-15:
            return new
        x = new
    return x


def credible_interval(successes: int, trials: int, level: float = 0.9) -> tuple[float, float]:
    """Equal-tailed interval of the Beta posterior under the Jeffreys prior Beta(½, ½)."""
    a, b = successes + 0.5, trials - successes + 0.5
    tail = (1 - level) / 2
    lo = 0.0 if successes == 0 else beta_ppf(tail, a, b)
    hi = 1.0 if successes == trials else beta_ppf(1 - tail, a, b)
    return lo, hi
