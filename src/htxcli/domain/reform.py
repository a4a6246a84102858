"""The 2025 reform of Vietnam's administrative units (Resolution 202/2025/QH15), stated once.

From REFORM_DAY on, provinces were merged (63 into 34) and districts abolished: communes sit directly
under the new provinces. An address is written in one of two schemes: NEW_SCHEME, the units since
that day, or LEGACY_SCHEME, those before. The report shows organisations by commune of the new scheme,
and by former province, for the periods that end on or after REFORM_DAY.
"""

from __future__ import annotations

from datetime import date

REFORM_DAY = date(2025, 7, 1)
NEW_SCHEME = "2025"  # 34 provinces, communes directly under them
LEGACY_SCHEME = "legacy"  # 63 provinces, districts, communes
SCHEMES = (NEW_SCHEME, LEGACY_SCHEME)
