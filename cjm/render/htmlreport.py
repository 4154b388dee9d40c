"""The HTML report: one self-contained file (no network, no script) with the map, the score
table and its components, friction and opportunities.

A Content-Security-Policy forbids scripts and every fetch; all journey text is escaped with
``escape.xml``; the map is dot's own SVG with its prolog stripped.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from cjm.graph import summarize
from cjm.journey.model import Journey
from cjm.render import theme as t
from cjm.render.cards import max_severity, pct
from cjm.render.escape import clean, xml
from cjm.render.mapview import stage_score
from cjm.render.words import EN, Words, words_for
from cjm.score.result import JourneyScore

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

STYLE = """
body{font-family:"DejaVu Sans",Verdana,sans-serif;margin:2rem;color:#1b1b1b;max-width:none}
h1{margin:0 0 .3rem}h2{margin-top:2.2rem;border-bottom:2px solid #ddd}
.persona,.note{color:#555}.map{overflow-x:auto;border:1px solid #ddd;padding:.5rem}
.map svg{height:auto;max-width:none}
@media print{@page{size:landscape}.map{overflow:visible;border:0;padding:0}
.map svg{max-width:100%;height:auto}h2{break-after:avoid}tr{break-inside:avoid}
table{font-size:8pt}body{margin:0}}
table{border-collapse:collapse;margin-top:.6rem}
th,td{border:1px solid #ccc;padding:.35rem .6rem;text-align:left;vertical-align:top}
th{background:#eceff1}td.num{text-align:right;font-variant-numeric:tabular-nums}
.badge{padding:.1rem .5rem;border-radius:.6rem;font-weight:bold;white-space:nowrap}
.sev{display:inline-block;width:.9rem;height:.9rem;border-radius:.2rem;margin-right:.3rem}
"""


def _e(text: object, max_len: int = 300) -> str:
    return xml(clean(str(text), max_len))


def inline_svg(svg: bytes) -> str:
    """dot's SVG without prolog, doctype, comments and namespace URLs, for embedding."""
    text = svg.decode("utf-8")
    text = re.sub(r"<\?xml[^>]*\?>", "", text)
    text = re.sub(r"<!DOCTYPE[^>]*>", "", text)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    # HTML parsers know the SVG namespaces; dropping them leaves no URL at all in the file.
    text = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", text, count=2)
    return text.strip()


def _table(head: list[str], rows: list[list[str]], numeric: set[int] | None = None) -> str:
    numeric = numeric or set()
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join(
        "<tr>"
        + "".join(f"<td{' class=num' if i in numeric else ''}>{c}</td>" for i, c in enumerate(r))
        + "</tr>"
        for r in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def _risk_badge(risk: float, w: Words) -> str:
    fill, ink, _ = t.risk_colours(risk)
    word = w.risk_bins[t.risk_index(risk)]
    return f'<span class="badge" style="background:{fill};color:{ink}">{risk:.2f} {word}</span>'


def _duration(seconds: float | None) -> str:
    if seconds is None:
        return ""
    for size, suffix in ((86400, "d"), (3600, "h"), (60, "min")):
        if seconds >= size:
            return f"{seconds / size:.3g} {suffix}"
    return f"{seconds:g} s"


def score_section(journey: Journey, score: JourneyScore | None, w: Words = EN) -> str:
    h = w.html
    if score is None:
        summaries = summarize(journey)
        rows = []
        for s in journey.stages:
            su = summaries[s.id]
            mean = "" if su.emotion_mean is None else f"{su.emotion_mean:+.2f}"
            rows.append(
                [
                    _e(s.title),
                    mean,
                    str(su.friction_count),
                    w.severity[su.friction_max],
                    ", ".join(_e(g.key) for g in su.missed_targets),
                ]
            )
        note = f'<p class="note">{xml(h["declared_note"])}</p>'
        head = [h[k] for k in ("stage", "emotion_mean", "friction_items", "worst_friction")]
        head.append(h["missed_targets"])
        return note + _table(head, rows, {1, 2})
    rows = []
    for s in journey.stages:
        sc = stage_score(score, s.id)
        if sc is None:
            rows.append([_e(s.title)] + [""] * 9)
            continue
        comps = "<br>".join(f"{_e(k, 60)} {v:.2f}" for k, v in sorted(sc.components.items()))
        drop = "" if sc.dropoff_rate is None else pct(sc.dropoff_rate)
        if sc.dropoff_interval:
            drop += f" ({pct(sc.dropoff_interval[0])}–{pct(sc.dropoff_interval[1])})"
        if sc.low_sample:
            drop += f" · {w.few_customers}"
        rows.append(
            [
                _e(s.title),
                _risk_badge(sc.risk, w),
                comps,
                "" if sc.reached is None else str(sc.reached),
                "" if sc.dropped is None else str(sc.dropped),
                drop,
                "" if sc.p_convert is None else pct(sc.p_convert),
                "" if sc.expected_lost is None else f"{sc.expected_lost:.0f}",
                _duration(sc.median_to_next_s),
                _e(sc.basis, 40),
            ]
        )
    keys = ("stage", "risk", "components", "reached", "dropped", "dropoff_ci", "converts")
    head = [h[k] for k in (*keys, "expected_lost", "median_next", "basis")]
    summary = h["customers"].format(n=score.customers) if score.customers is not None else ""
    if score.conversion is not None:
        summary += f"; {w.conversion} {pct(score.conversion)}"
    if score.data_source:
        summary += f"; {h['data']}: {_e(PurePath(score.data_source).name, 200)}"
    return f'<p class="note">{summary}</p>' + _table(head, rows, {3, 4, 6, 7})


def friction_section(journey: Journey, w: Words = EN) -> str:
    items = [(f, tp, s) for s in journey.stages for tp in s.touchpoints for f in tp.friction]
    items.sort(key=lambda x: -x[0].severity)
    rows = [
        [
            _e(s.title),
            _e(tp.title),
            _e(f.issue),
            f'<span class="sev" style="background:{t.SEVERITY_COLOURS[f.severity]}"></span>'
            f"{w.severity[f.severity]} ({f.severity})",
            _e(f.category or ""),
        ]
        for f, tp, s in items
    ]
    h = w.html
    return _table([h[k] for k in ("stage", "touchpoint", "issue", "severity", "category")], rows)


def opportunities_section(journey: Journey, w: Words = EN) -> str:
    rows = [
        [
            _e(s.title),
            _e(tp.title),
            _e(o.idea),
            _e(w.effort_level.get(o.effort, o.effort) if o.effort else ""),
            "" if o.impact is None else pct(o.impact),
            _e(o.owner or ""),
        ]
        for s in journey.stages
        for tp in sorted(s.touchpoints, key=lambda tp: -max_severity(tp))
        for o in tp.opportunities
    ]
    keys = ("stage", "touchpoint", "idea", "effort", "impact", "owner")
    return _table([w.html[k] for k in keys], rows, {4})


def html_report(
    journey: Journey, svg: bytes, score: JourneyScore | None = None, words: Words | None = None
) -> str:
    w = words or words_for(journey)
    h = w.html
    persona = journey.persona_obj
    who = ""
    if persona:
        who = f"<p class=persona><b>{w.persona}:</b> {_e(persona.name)}"
        who += f" — {_e(persona.description)}</p>" if persona.description else "</p>"
    desc = f"<p>{_e(journey.description)}</p>" if journey.description else ""
    return f"""<!DOCTYPE html>
<html lang="{h["lang"]}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_e(journey.title)}</title><style>{STYLE}</style></head>
<body>
<h1>{_e(journey.title)}</h1>
{who}{desc}
<h2>{h["map"]}</h2>
<div class="map">{inline_svg(svg)}</div>
<h2>{h["scores"] if score else h["stages"]}</h2>
{score_section(journey, score, w)}
<h2>{h["friction"]}</h2>
{friction_section(journey, w)}
<h2>{h["opportunities"]}</h2>
{opportunities_section(journey, w)}
<p class="note">{xml(h["made_with"]).format(file=_e(journey.path.rsplit("/", 1)[-1], 200))}</p>
</body></html>
"""
