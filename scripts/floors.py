"""Floors: figures a test may not fall below, kept in a JSON object file.

Shared by conformance.py, meantime.py, score_claims.py and score_verdicts.py. Floors only
ratchet up: `ratchet` lowers one only with force=True, and keeps every key it was not given.
Ceilings (figures a test may not rise above, `max_*` keys by convention) only ratchet down:
`ratchet_ceilings` raises one only with force=True.
"""
import json
import sys
from fractions import Fraction

EPSILON = 1e-9  # float figures: 0.5 may arrive as 0.49999999999999994


def read(path, program):
    """The floors in `path` ({} when absent); a bad file stops `program` with exit 2."""
    if not path.exists():
        return {}
    try:
        floors = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as e:
        floors = e
    if not isinstance(floors, dict):
        print(f"{program}: {path}: expected a JSON object ({floors})", file=sys.stderr)
        sys.exit(2)
    return floors


def floor3(x):
    """Rounds a Fraction or a float down to 3 decimals."""
    if isinstance(x, Fraction):
        return int(x * 1000 // 1) / 1000
    return int((x + EPSILON) * 1000) / 1000


def ceil3(x):
    """Rounds a Fraction or a float up to 3 decimals."""
    if isinstance(x, Fraction):
        return -int(-x * 1000 // 1) / 1000
    return -int(-(x - EPSILON) * 1000 // 1) / 1000


def _move(path, values, force, program, say, ceiling):
    """Moves each bound of `values` towards its figure: floors up (rounded down),
    ceilings down (rounded up); the other way only with `force`."""
    bounds = read(path, program)
    word, rounded = ("ceiling", ceil3) if ceiling else ("floor", floor3)
    for key, value in values.items():
        new, old = rounded(value), bounds.get(key)
        if old is not None and (new > old if ceiling else new < old) and not force:
            say(f"{word} {key}: kept {old:.3f} (current {new:.3f}; --force {'raises' if ceiling else 'lowers'} it)")
            continue
        bounds[key] = new
        say(f"{word} {key}: {'-' if old is None else f'{old:.3f}'} -> {new:.3f}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(bounds, indent=2) + "\n", encoding="utf-8")
    return bounds


def ratchet(path, values, force, program, say=print):
    """Raises the floors of `values` (key -> figure) to the figures rounded down."""
    return _move(path, values, force, program, say, ceiling=False)


def ratchet_ceilings(path, values, force, program, say=print):
    """Lowers the ceilings of `values` (key -> figure) to the figures rounded up."""
    return _move(path, values, force, program, say, ceiling=True)


# Small pieces both scorers (score_claims.py, score_verdicts.py) print and check with.

def is_int(v):
    """An integer that is not a boolean (JSON true is no count)."""
    return isinstance(v, int) and not isinstance(v, bool)


def f3(x):
    """A figure as printed: rounded down to 3 decimals."""
    return f"{floor3(x):.3f}"


def jsonable(obj):
    """Fractions as floats, for --json; keys starting with "_" are left out."""
    if isinstance(obj, Fraction):
        return float(obj)
    if isinstance(obj, dict):
        return {k: jsonable(v) for k, v in obj.items() if not k.startswith("_")}
    if isinstance(obj, list):
        return [jsonable(v) for v in obj]
    return obj
