"""Load a journey file: safe YAML → checked against the format → the typed model.

Every problem of a file is collected (format errors and cross-references alike) and raised
together as one ``JourneyError``; nothing is ever written.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cjm.journey import format as fmt
from cjm.journey import model as m
from cjm.journey.kinds import INVALID, Ctx, pos_of, suggest
from cjm.journey.yamlpos import MAX_BYTES, YMap, YNode, YScalar, YSeq, decode, parse
from cjm.problems import JourneyError, Problem


def load_journey(path: str | os.PathLike[str]) -> m.Journey:
    """Read and check a journey file; raise ``JourneyError`` with every problem found."""
    name = str(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(MAX_BYTES + 1)  # a larger file is refused, not read whole
    except OSError as exc:
        raise JourneyError([Problem(name, 1, 1, f"cannot read file: {exc.strerror}")]) from None
    return loads_journey(decode(data, name), name)


def loads_journey(text: str, path: str = "<journey>") -> m.Journey:
    """Check journey ``text``; ``path`` names it in messages and anchors relative data paths."""
    tree = parse(text, path)
    if tree is None:
        raise JourneyError(
            [Problem(path, 1, 1, "file is empty; start from `cjm init` or an example in journeys/")]
        )
    ctx = Ctx(path)
    if not isinstance(tree, YMap):
        ctx.error(tree, "a journey file must be a mapping with the keys cjm, journey and stages")
        raise JourneyError(ctx.problems)
    values = fmt.FILE.check(tree, ctx, "file")
    _cross_check(tree, ctx)
    if ctx.problems or values is INVALID:
        raise JourneyError(ctx.problems)
    journey = _build(values, path, ctx)
    if ctx.problems:
        raise JourneyError(ctx.problems)
    return journey


# --- building the model -------------------------------------------------------------------


def _build(v: dict[str, Any], path: str, ctx: Ctx) -> m.Journey:
    head = v["journey"]
    stages = list(v["stages"])
    for i, s in enumerate(stages):
        if "next" not in s.positions:
            following = (stages[i + 1].id,) if i + 1 < len(stages) else ()
            stages[i] = dataclasses.replace(s, next=following)
    personas = tuple(
        m.Persona(id=k, **{a: b for a, b in p.items()}) for k, p in v.get("personas", ())
    )
    return m.Journey(
        id=head["id"],
        title=head["title"],
        description=head.get("description"),
        owner=head.get("owner"),
        persona=head.get("persona"),
        personas=personas,
        stages=tuple(stages),
        thresholds=dict(v.get("thresholds", ())),
        targets=_targets(v.get("targets", ()), v["positions"].get("targets"), ctx),
        data=_data(v.get("data"), path, ctx),
        path=path,
        pos=v["pos"],
        positions=v["positions"],
    )


def _targets(pairs: tuple, pos: m.Pos | None, ctx: Ctx) -> dict[str, m.Target]:
    targets = fmt.default_targets()
    for key, value in pairs:
        if key in fmt.METRICS:
            d = fmt.METRICS[key]
            targets[key] = m.Target(key, value, d.direction, d.unit, pos)
            continue
        bounds = [(d, value[d]) for d in ("min", "max") if d in value]
        if len(bounds) != 1:
            ctx.error(
                value["pos"], f"targets: {key!r} needs exactly one of min or max, e.g. {{min: 3}}"
            )
            continue
        direction, (number, unit) = bounds[0]
        targets[key] = m.Target(key, number, direction, unit, value["pos"])
    return targets


def _data(d: dict[str, Any] | None, path: str, ctx: Ctx) -> m.DataSpec | None:
    if d is None:
        return None
    columns = d.get("columns", m.DataColumns())
    clash = columns.clash()
    if clash:
        ctx.error(d["positions"].get("columns", d["pos"]), f"data: columns: {clash}")
    base = Path(path).resolve().parent

    def resolve(p: str | None) -> str | None:
        return str((base / p).resolve()) if p else None

    return m.DataSpec(
        events=resolve(d.get("events")),
        funnel=resolve(d.get("funnel")),
        columns=columns,
        steps=dict(d.get("steps", ())),
        pos=d["pos"],
        positions=d["positions"],
    )


# --- cross-references, checked on the raw tree so that they run even beside format errors --


def _text(node: YNode | None) -> str | None:
    if isinstance(node, YScalar) and isinstance(node.value, str):
        return node.value
    return None


def _maps(node: YNode | None) -> Iterator[YMap]:
    if isinstance(node, YSeq):
        yield from (n for n in node.items if isinstance(n, YMap))


def _cross_check(tree: YMap, ctx: Ctx) -> None:
    stages = list(_maps(tree.get("stages")))
    stage_ids: dict[str, YNode] = {}
    all_ids: dict[str, YNode] = {}
    for stage in stages:
        _claim(stage.get("id"), stage_ids, all_ids, ctx)
        for tp in _maps(stage.get("touchpoints")):
            _claim(tp.get("id"), {}, all_ids, ctx)
    edges = _check_next(stages, stage_ids, all_ids, ctx)
    _check_persona(tree, ctx)
    _check_steps(tree, all_ids, ctx)
    _check_flow(stages, stage_ids, edges, tree, ctx)


def _claim(node: YNode | None, stage_ids: dict, all_ids: dict, ctx: Ctx) -> None:
    ident = _text(node)
    if ident is None or node is None:
        return
    if ident in all_ids:
        first = all_ids[ident]
        ctx.error(
            node,
            f"duplicate id {ident!r} (first used at line {first.line}); ids must be unique "
            "across stages and touchpoints",
        )
        return
    all_ids[ident] = node
    stage_ids[ident] = node


def _check_next(
    stages: list[YMap], stage_ids: dict, all_ids: dict, ctx: Ctx
) -> dict[str, list[str]]:
    """Each stage's successors; an absent ``next`` means the following stage."""
    edges: dict[str, list[str]] = {}
    ids = [_text(s.get("id")) for s in stages]
    for i, stage in enumerate(stages):
        sid = ids[i]
        nxt = stage.get("next")
        if nxt is None:
            following = ids[i + 1] if i + 1 < len(ids) else None
            targets = [following] if following else []
        else:
            targets = []
            for item in nxt.items if isinstance(nxt, YSeq) else ():
                target = _text(item)
                if target is None:
                    continue
                if target in stage_ids:
                    targets.append(target)
                elif target in all_ids:
                    ctx.error(item, f"next: {target!r} is a touchpoint; next lists stage ids")
                else:
                    hint = suggest(target, list(stage_ids)) if stage_ids else ""
                    ctx.error(item, f"next: unknown stage {target!r}{hint}")
        if sid is not None:
            edges[sid] = targets
    return edges


def _check_persona(tree: YMap, ctx: Ctx) -> None:
    head = tree.get("journey")
    ref = head.get("persona") if isinstance(head, YMap) else None
    name = _text(ref)
    if name is None or ref is None:
        return
    personas = tree.get("personas")
    keys = [k.raw for k, _ in personas.items] if isinstance(personas, YMap) else []
    if name not in keys:
        hint = suggest(name, keys) if keys else "; define it under personas:"
        ctx.error(ref, f"persona: unknown persona {name!r}{hint}")


def _check_steps(tree: YMap, all_ids: dict, ctx: Ctx) -> None:
    data = tree.get("data")
    steps = data.get("steps") if isinstance(data, YMap) else None
    if not isinstance(steps, YMap):
        return
    for _, target in steps.items:
        ident = _text(target)
        if ident is not None and ident not in all_ids:
            ctx.error(
                target,
                f"steps: unknown stage or touchpoint {ident!r}{suggest(ident, list(all_ids))}",
            )


def _check_flow(
    stages: list[YMap], stage_ids: dict, edges: dict[str, list[str]], tree: YMap, ctx: Ctx
) -> None:
    if not stages or None in (_text(s.get("id")) for s in stages):
        return
    first = _text(stages[0].get("id"))
    reach = _closure([first], edges)
    for sid, node in stage_ids.items():
        if sid not in reach:
            ctx.error(
                node,
                f"stage {sid!r} cannot be reached from the first stage {first!r}; "
                "list it in some stage's next",
            )
    ends = {
        _text(s.get("id"))
        for s in stages
        if not edges.get(_text(s.get("id")) or "", [])
        or (isinstance(e := s.get("end"), YScalar) and e.value is True)
    }
    if not ends:
        ctx.error(
            tree.key("stages") or tree,
            "the journey has no way to end: every stage leads on; give the last stage "
            "`next: []` or `end: true`",
        )
        return
    reverse: dict[str, list[str]] = {}
    for src, dsts in edges.items():
        for dst in dsts:
            reverse.setdefault(dst, []).append(src)
    can_end = _closure([e for e in ends if e], reverse)
    for sid in sorted(reach - can_end, key=lambda s: stage_ids[s].line):
        ctx.error(
            stage_ids[sid],
            f"from stage {sid!r} the journey can never end (its paths only loop); "
            "add `end: true` to a stage on the loop or lead it to an end stage",
        )


def _closure(start: list[str], edges: dict[str, list[str]]) -> set[str]:
    seen = set(start)
    todo = list(start)
    while todo:
        for nxt in edges.get(todo.pop(), []):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


__all__ = ["load_journey", "loads_journey", "pos_of"]
