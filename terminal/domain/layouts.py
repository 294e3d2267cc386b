"""Keyboard-layout mix-ups of keyboard-wedge scanners, recognised and mapped back.

A wedge scanner sends key positions of a US keyboard; the PC turns them into characters with
its own layout. A scanner left on "US" at a PC set to German (QWERTZ) swaps Y and Z; at a PC
set to French (AZERTY) the digits arrive as the unshifted number row ``&é"'(-è_çà``, A/Q and
Z/W are swapped and M arrives as ``?`` (Shift + the key that has M on a US keyboard).

`parse_scanned(raw, parse)` tries the text as scanned; when that fails, it tries each layout's
mapping back to what the scanner meant. A mapping counts only when it parses as a *verified*
code - a signed code whose signature checks, or a numeric code whose check digit is right (a
free reference code proves nothing). Exactly one verified mapping: it is the code. None (or
more than one) while the text carries characters only a non-US layout produces: CodeError
KEYBOARD_LAYOUT, telling the cashier to set the scanner to the US keyboard layout. Otherwise
the first refusal stands. Pure: no Qt, no storage.
"""

from __future__ import annotations

from typing import Callable

from .codes import ParsedCode, RefCode
from .reasons import CodeError, Reason

#: received character -> what a US-layout scanner meant, per PC layout
GERMAN = str.maketrans("YZyz", "ZYzy")
FRENCH = str.maketrans({"&": "1", "é": "2", '"': "3", "'": "4", "(": "5", "-": "6", "è": "7", "_": "8", "ç": "9",
                        "à": "0", "A": "Q", "Q": "A", "a": "q", "q": "a", "Z": "W", "W": "Z", "z": "w", "w": "z",
                        "?": "M", ",": "m"})
LAYOUTS: tuple[tuple[str, str, dict], ...] = (
    ("de", "German (QWERTZ)", GERMAN),
    ("fr", "French (AZERTY)", FRENCH),
)
#: characters no code of this program contains and only these layouts type for a US scanner
_TELLTALE = {"de": set("ßäöüÄÖÜ§"), "fr": set("éèçà&\"'(²§ù")}
_RETRY = {Reason.MALFORMED, Reason.UNKNOWN_KEY, Reason.FORGED, Reason.BAD_CHECK_DIGIT}


def candidates(text: str) -> list[tuple[str, str]]:
    """(layout id, text mapped back) for each layout whose mapping changes `text`."""
    out = []
    for layout, _name, table in LAYOUTS:
        mapped = text.translate(table)
        if mapped != text:
            out.append((layout, mapped))
    return out


def telltale_layout(text: str) -> str | None:
    """The layout `text` was typed with: it contains that layout's own characters and nothing a
    keyboard could not type through it (printable ASCII besides). None: nothing tells (garbage,
    control characters or other scripts are not a layout mix-up)."""
    seen = set(text)
    for layout, chars in _TELLTALE.items():
        if chars & seen and all(32 < ord(c) < 127 or c in chars for c in seen):
            return layout
    return None


def parse_scanned(raw: str, parse: Callable[[str], ParsedCode]) -> ParsedCode:
    """`parse(raw)`, or the one verified layout mapping of `raw` when that is refused as malformed,
    bad check digit, forged or unknown key. CodeError KEYBOARD_LAYOUT (details: layout, the id of
    `LAYOUTS`) when the text shows a non-US layout and no single mapping verifies; else the
    original refusal."""
    try:
        return parse(raw)
    except CodeError as err:
        if err.reason not in _RETRY or raw is None:
            raise
        mapped = _remap(raw, parse, err)
        if mapped is None:
            raise
    return parse(mapped)


def canonical_text(raw: str, parse: Callable[[str], ParsedCode]) -> str:
    """What the scanner meant: `raw` itself when it parses (or is refused for another reason than
    a garbled spelling), else its one verified layout mapping. Raises as `parse_scanned` when the
    text shows a non-US layout and no single mapping verifies. Callers that record the code (the
    basket, the events the server re-verifies) keep this text, not the garbled one."""
    try:
        parse(raw)
    except CodeError as err:
        if err.reason in _RETRY and raw is not None:
            return _remap(raw, parse, err) or raw
    return raw


def _remap(raw: str, parse: Callable[[str], ParsedCode], first: CodeError) -> str | None:
    text = raw.strip()
    hits: list[tuple[str, str]] = []
    for layout, mapped in candidates(text):
        try:
            parsed = parse(mapped)
        except CodeError:
            continue
        if not isinstance(parsed, RefCode):
            hits.append((layout, mapped))
    if len(hits) == 1:
        return hits[0][1]
    layout = hits[0][0] if hits else telltale_layout(text)
    if layout is not None:
        name = dict((k, n) for k, n, _ in LAYOUTS)[layout]
        raise CodeError(Reason.KEYBOARD_LAYOUT,
                        f"The scanner types with the PC's {name} keyboard layout, so the code arrives garbled. "
                        "Set the scanner to the US keyboard layout (scan the 'USA keyboard' code in its manual) "
                        "or the PC's input language to English (US), then scan again.", layout=layout) from first
    return None
