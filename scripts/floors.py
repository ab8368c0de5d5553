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


def ratchet(path, values, force, program, say=print):
    """Raises the floors of `values` (key -> figure) to the figures rounded down."""
    floors = read(path, program)
    for key, value in values.items():
        new, old = floor3(value), floors.get(key)
        if old is not None and new < old and not force:
            say(f"floor {key}: kept {old:.3f} (current {new:.3f}; --force lowers it)")
            continue
        floors[key] = new
        say(f"floor {key}: {'-' if old is None else f'{old:.3f}'} -> {new:.3f}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
    return floors


def ratchet_ceilings(path, values, force, program, say=print):
    """Lowers the ceilings of `values` (key -> figure) to the figures rounded up."""
    floors = read(path, program)
    for key, value in values.items():
        new, old = ceil3(value), floors.get(key)
        if old is not None and new > old and not force:
            say(f"ceiling {key}: kept {old:.3f} (current {new:.3f}; --force raises it)")
            continue
        floors[key] = new
        say(f"ceiling {key}: {'-' if old is None else f'{old:.3f}'} -> {new:.3f}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(floors, indent=2) + "\n", encoding="utf-8")
    return floors
