"""HTML-like label bodies shared by the views: touchpoint cards, stage headers, badges, legend."""

from __future__ import annotations

from pathlib import PurePath

from cjm.journey.model import Journey, Stage, Touchpoint
from cjm.render import theme as t
from cjm.render.dotsrc import Html
from cjm.render.escape import html_label, xml
from cjm.render.words import EN, Words
from cjm.score.result import JourneyScore, StageScore


def font(body: str, size: int | None = None, colour: str | None = None) -> str:
    size_attr = f' POINT-SIZE="{size}"' if size else ""
    colour_attr = f' COLOR="{colour}"' if colour else ""
    return f"<FONT{size_attr}{colour_attr}>{body}</FONT>"


def max_severity(tp: Touchpoint) -> int:
    return max((f.severity for f in tp.friction), default=0)


def pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def friction_bar(severity: int, count: int, w: Words = EN) -> str:
    """Five cells filled up to the severity, then the word: readable without colour too."""
    fills = [t.SEVERITY_COLOURS[severity] if i <= severity else "#eeeeee" for i in range(1, 6)]
    cells = "".join(f'<TD WIDTH="18" HEIGHT="12" BGCOLOR="{c}"></TD>' for c in fills)
    word = w.severity[severity]
    text = (
        w.no_friction
        if severity == 0
        else f"{w.friction}: {word}" + (f" ×{count}" if count > 1 else "")
    )
    return (
        f'<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2" CELLPADDING="0"><TR>{cells}'
        f'<TD ALIGN="LEFT">&nbsp;{font(text, t.SIZE["small"], t.MUTED)}</TD></TR></TABLE>'
    )


def card(tp: Touchpoint, emoji: bool = True, w: Words = EN) -> Html:
    """A touchpoint card: title, face and value, channel and owner, the friction bar."""
    sev = max_severity(tp)
    border = t.SEVERITY_COLOURS[sev] if sev >= 3 else "#9e9e9e"
    title = html_label(tp.title, t.WRAP["card_title"], t.MAX_CHARS["title"])
    # Wrapped like the title, so a long channel or owner cannot stretch the card.
    meta = html_label(tp.channel, t.WRAP["cell"], t.MAX_CHARS["short"])
    if tp.owner:
        owner = html_label(tp.owner, t.WRAP["cell"], t.MAX_CHARS["short"])
        joined = f"{tp.channel} · {tp.owner}"
        fits = len(joined) <= t.WRAP["cell"]
        meta = html_label(joined, None) if fits else f"{meta}<BR/>{owner}"
    face = font(xml(t.face(tp.emotion, emoji)), t.SIZE["face"])
    value = font(f"{tp.emotion:+d}", t.SIZE["small"], t.MUTED)
    return Html(
        f'<TABLE BORDER="{3 if sev >= 3 else 1}" COLOR="{border}" CELLBORDER="0" CELLSPACING="0" '
        f'CELLPADDING="5" BGCOLOR="white" STYLE="rounded">'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT" WIDTH="190">'
        f"{font('<B>' + title + '</B>', t.SIZE['card_title'])}</TD>"
        f'<TD ROWSPAN="2" VALIGN="TOP">{face}<BR/>{value}</TD></TR>'
        f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{font(meta, t.SIZE["card"], t.MUTED)}</TD></TR>'
        f'<TR><TD COLSPAN="2" ALIGN="LEFT">{friction_bar(sev, len(tp.friction), w)}</TD></TR>'
        "</TABLE>"
    )


def risk_badge(score: StageScore, w: Words = EN) -> str:
    fill, ink, _ = t.risk_colours(score.risk)
    word = w.risk_bins[t.risk_index(score.risk)]
    parts = [f"<B>{w.risk} {score.risk:.2f}</B> ({word})"]
    if score.dropoff_rate is not None:
        drop = f"{w.dropoff} {pct(score.dropoff_rate)}"
        if score.dropoff_interval:
            lo, hi = score.dropoff_interval
            drop += f" ({pct(lo)}–{pct(hi)})"
        parts.append(drop)
    if score.reached is not None:
        parts.append(w.reached.format(n=score.reached))
    if score.low_sample:
        parts.append(w.few_customers)
    body = "<BR/>".join(parts)
    return (
        f'<TABLE BORDER="0" CELLPADDING="5" BGCOLOR="{fill}" STYLE="rounded"><TR>'
        f"<TD>{font(body, t.SIZE['card'], ink)}</TD></TR></TABLE>"
    )


def phase_label(phase: str, w: Words = EN) -> str:
    return w.phase.get(phase, phase).upper()


def stage_header(index: int, stage: Stage, score: StageScore | None, w: Words = EN) -> Html:
    rows = [
        font(
            f"<B>{index}. {html_label(stage.title, 24, t.MAX_CHARS['title'])}</B>", t.SIZE["stage"]
        )
    ]
    if stage.phase:
        rows.append(font(xml(phase_label(stage.phase, w)), t.SIZE["small"], t.MUTED))
    if stage.goal:
        goal = html_label(stage.goal, t.WRAP["goal"], t.MAX_CHARS["text"])
        rows.append(font(f"<I>{w.goal}: {goal}</I>", t.SIZE["card"], t.INK))
    if score is not None:
        rows.append(risk_badge(score, w))
    body = "".join(f"<TR><TD>{r}</TD></TR>" for r in rows)
    return Html(f'<TABLE BORDER="0" CELLSPACING="3">{body}</TABLE>')


def title_block(journey: Journey, score: JourneyScore | None, w: Words = EN) -> Html:
    rows = [
        font(
            f"<B>{html_label(journey.title, t.WRAP['title'], t.MAX_CHARS['title'])}</B>",
            t.SIZE["title"],
        )
    ]
    persona = journey.persona_obj
    if persona:
        line = f"<B>{w.persona}:</B> {html_label(persona.name, None, t.MAX_CHARS['short'])}"
        if persona.description:
            line += " — " + html_label(persona.description, 90, t.MAX_CHARS["text"])
        rows.append(font(line, 15, t.INK))
    if score is not None and score.customers is not None:
        line = w.scored_on.format(n=score.customers)
        if score.conversion is not None:
            line += f"; {w.conversion} {pct(score.conversion)}"
        if score.data_source:
            # The file's name, as the score table shows it: a full path is cut at the cap
            # (losing the name) and tells a wall poster's readers about someone's disk.
            source = PurePath(score.data_source).name
            line += " (" + html_label(source, None, t.MAX_CHARS["short"]) + ")"
        rows.append(font(line, 14, t.MUTED))
    body = "".join(f'<TR><TD ALIGN="LEFT" BALIGN="LEFT">{r}</TD></TR>' for r in rows)
    return Html(f'<TABLE BORDER="0" CELLSPACING="4" CELLPADDING="2">{body}</TABLE>')


def _legend_row(mark: str, meaning: str) -> str:
    return f'<TR><TD>{mark}</TD><TD ALIGN="LEFT">{font(meaning, 12)}</TD></TR>'


def legend(scored: bool, emoji: bool = True, w: Words = EN) -> Html:
    """Theme data only (no journey text): faces, friction colours, risk bins, line styles."""
    rows = [f'<TR><TD COLSPAN="2" ALIGN="LEFT">{font(f"<B>{w.legend}</B>", 16)}</TD></TR>']
    for e in sorted(t.EMOTION_FACES, reverse=True):
        rows.append(
            f"<TR><TD>{font(xml(t.face(e, emoji)), 18)}</TD>"
            f'<TD ALIGN="LEFT">{font(f"{e:+d} {w.emotion[e]}", 12)}</TD></TR>'
        )
    for sev in range(5, 0, -1):
        rows.append(
            f'<TR><TD BGCOLOR="{t.SEVERITY_COLOURS[sev]}" WIDTH="30"> </TD>'
            f'<TD ALIGN="LEFT">{font(f"{w.friction_legend} {sev} {w.severity[sev]}", 12)}</TD></TR>'
        )
    if scored:
        lower = 0.0
        for (upper, fill, _ink, _word), word in zip(t.RISK_BINS, w.risk_bins, strict=True):
            label = f"{w.risk} {lower:.1f}–{min(upper, 1.0):.1f} {word}"
            rows.append(
                f'<TR><TD BGCOLOR="{fill}" WIDTH="30"> </TD>'
                f'<TD ALIGN="LEFT">{font(label, 12)}</TD></TR>'
            )
            lower = upper
        for mark, colour, meaning in (
            ("n% (N)", t.INK, w.took_arrow),
            (w.dropoff, "#b2182b", w.left_here),
        ):
            rows.append(_legend_row(font(mark, 11, colour), meaning))
    for mark, colour, meaning in (("──▶", t.LINE, w.next_stage), ("- - ▶", t.LOOP, w.loop_back)):
        rows.append(_legend_row(font(mark, 12, colour), meaning))
    return Html(
        '<TABLE BORDER="1" COLOR="#bdbdbd" CELLBORDER="0" CELLSPACING="3" CELLPADDING="2" '
        f'BGCOLOR="white" STYLE="rounded">{"".join(rows)}</TABLE>'
    )
