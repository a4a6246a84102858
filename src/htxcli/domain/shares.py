"""Whole-number percentages that sum to exactly 100.

Rounding each share on its own can print 29% / 63% / 9% for counts that make 101%: two real Bắc Kạn
reports printed percentages that do not match their own counts. The largest-remainder method floors
every share and hands the missing points to the largest remainders.
"""

from __future__ import annotations

from collections.abc import Mapping


def largest_remainder(counts: Mapping[str, int], total: int = 100) -> dict[str, int]:
    """Shares of `total`, in the order of `counts`; ties go to the earlier key; all 0 when nothing counted."""
    whole = sum(counts.values())
    if whole == 0:
        return {key: 0 for key in counts}
    shares = {key: count * total // whole for key, count in counts.items()}
    # Remainders as integers (count * total mod whole): exact, no float ties.
    remainders = {key: count * total % whole for key, count in counts.items()}
    order = list(counts)
    missing = total - sum(shares.values())
    for key in sorted(order, key=lambda k: (-remainders[k], order.index(k)))[:missing]:
        shares[key] += 1
    return shares
