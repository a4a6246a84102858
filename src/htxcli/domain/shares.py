"""Whole-number percentages that sum to exactly 100.

Rounding each share on its own can print 29% / 63% / 9% for counts that make 101%: two real Bắc Kạn
reports printed percentages that do not match their own counts. The largest-remainder method floors
every share and hands the missing points to the largest remainders.
"""

from __future__ import annotations

from collections.abc import Mapping


def largest_remainder(counts: Mapping[str, int], total: int = 100) -> dict[str, int]:
    """Shares of `total`, in the order of `counts`; all 0 when nothing counted. Equal counts get equal
    shares: the missing points go to whole groups of equal counts, the largest remainders first (ties
    to the earlier key), so 4/1/1 is 66/17/17. Where no choice of groups makes `total` exactly (1/1/1),
    the shares fall short of it by less than a point per share of the group left out (33/33/33)."""
    whole = sum(counts.values())
    if whole == 0:
        return {key: 0 for key in counts}
    shares = {key: count * total // whole for key, count in counts.items()}
    missing = total - sum(shares.values())
    if not missing:
        return shares
    # Remainders as integers (count * total mod whole): exact, no float ties. One group per count.
    order = list(counts)
    groups: dict[int, list[str]] = {}
    for key in order:
        if counts[key] * total % whole:  # an exact share (0 of 0 too) takes no point
            groups.setdefault(counts[key], []).append(key)
    ranked = sorted(
        groups.values(), key=lambda keys: (-(counts[keys[0]] * total % whole), order.index(keys[0]))
    )
    best: tuple[int, list[int]] = (-1, [])
    for chosen in _subsets(len(ranked)):
        points = sum(len(ranked[i]) for i in chosen)
        if points <= missing and (points, [-i for i in chosen]) > (best[0], [-i for i in best[1]]):
            best = (points, chosen)
    for i in best[1]:
        for key in ranked[i]:
            shares[key] += 1
    return shares


def _subsets(n: int) -> list[list[int]]:
    """Every set of indexes below n, each in increasing order (n is a handful: bands, not rows)."""
    return [[i for i in range(n) if mask >> i & 1] for mask in range(1 << n)]
