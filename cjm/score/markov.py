"""The journey as an absorbing Markov chain: stages are transient, converted/lost absorb.

Transition rates are the observed ones per visit, counted until a customer first reaches
an end stage (reaching one is converting). Because observed counts conserve flow (every
visit is entered once and left once), the chain's conversion equals the observed share of
customers who reached an end stage, and its expected losses equal the observed losses of
customers who never converted; a what-if changes one stage's rates and solves it again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from cjm.data.types import LifecycleData
from cjm.journey.model import Journey


@dataclass(frozen=True)
class StageRates:
    moves: Mapping[str, float]  # next stage → probability per visit
    lost: float
    converted: float


@dataclass(frozen=True)
class Chain:
    order: tuple[str, ...]
    rates: Mapping[str, StageRates]
    start: Mapping[str, float]  # share of customers starting at each stage
    customers: int


@dataclass(frozen=True)
class ChainResult:
    conversion: float
    p_convert: Mapping[str, float]  # per stage: chance to convert eventually from there
    visits: Mapping[str, float]  # expected visits per customer
    lost: Mapping[str, float]  # expected customers lost at each stage


def chain_from_data(journey: Journey, data: LifecycleData) -> Chain:
    """Rates per visit made before the customer first reached an end stage (end stages
    absorb into "converted"), so the chain's conversion is the observed conversion."""
    ends = {s.id for s in journey.stages if s.is_end}
    rates = {}
    for s in journey.stages:
        c = data.stages[s.id]
        if s.is_end:
            rates[s.id] = StageRates({}, 0.0, 1.0)
            continue
        moves = {t: n for t, n in c.open_moves.items() if n and t not in ends}
        converted = sum(n for t, n in c.open_moves.items() if t in ends)
        total = sum(moves.values()) + converted + c.lost
        if total == 0:
            rates[s.id] = StageRates({}, 0.0, 0.0)
            continue
        rates[s.id] = StageRates(
            {t: n / total for t, n in moves.items()}, c.lost / total, converted / total
        )
    starts = sum(data.stages[s.id].starts for s in journey.stages) or 1
    return Chain(
        order=tuple(s.id for s in journey.stages),
        rates=rates,
        start={s.id: data.stages[s.id].starts / starts for s in journey.stages},
        customers=data.customers,
    )


def _solve(matrix: list[list[float]], rhs: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting; stage counts are small (≤ 100)."""
    n = len(rhs)
    a = [[*row, rhs[i]] for i, row in enumerate(matrix)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(a[r][col]))
        if abs(a[pivot][col]) < 1e-12:
            continue  # a stage never left (no data): its unknown stays 0
        a[col], a[pivot] = a[pivot], a[col]
        for r in range(n):
            if r != col and a[r][col]:
                f = a[r][col] / a[col][col]
                a[r] = [x - f * y for x, y in zip(a[r], a[col], strict=True)]
    return [a[i][n] / a[i][i] if abs(a[i][i]) >= 1e-12 else 0.0 for i in range(n)]


def solve(chain: Chain) -> ChainResult:
    ids = chain.order
    idx = {s: i for i, s in enumerate(ids)}
    n = len(ids)
    i_minus_q = [[1.0 if i == j else 0.0 for j in range(n)] for i in range(n)]
    for s, r in chain.rates.items():
        for t, p in r.moves.items():
            i_minus_q[idx[s]][idx[t]] -= p
    h = _solve(i_minus_q, [chain.rates[s].converted for s in ids])
    transposed = [[i_minus_q[j][i] for j in range(n)] for i in range(n)]
    visits = _solve(transposed, [chain.start[s] for s in ids])
    conversion = sum(chain.start[s] * h[idx[s]] for s in ids)
    return ChainResult(
        conversion=conversion,
        p_convert={s: h[idx[s]] for s in ids},
        visits={s: visits[idx[s]] for s in ids},
        lost={s: chain.customers * visits[idx[s]] * chain.rates[s].lost for s in ids},
    )


def change_dropoff(
    chain: Chain, journey: Journey, stage: str, change: float, relative: bool
) -> Chain:
    """The chain with one stage's per-visit drop-off changed; the other outcomes of the stage
    keep their proportions and absorb the difference."""
    r = chain.rates[stage]
    lost = r.lost * (1 + change) if relative else r.lost + change
    lost = min(1.0, max(0.0, lost))
    rest = 1 - r.lost
    if rest > 1e-12:
        scale = (1 - lost) / rest
        new = StageRates({t: p * scale for t, p in r.moves.items()}, lost, r.converted * scale)
    else:
        # Nobody moved on here yet: the saved customers follow the declared transitions.
        s = journey.stage(stage)
        share = (1 - lost) / max(1, len(s.next)) if s.next and not s.is_end else 0.0
        moves = {t: share for t in s.next} if share else {}
        new = StageRates(moves, lost, 0.0 if moves else 1 - lost)
    return replace(chain, rates={**chain.rates, stage: new})
