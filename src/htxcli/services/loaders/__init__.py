"""The loaders: how each contract file's parsed batches become rows of the registry.

A batch that parses whole is planned as columns and inserted as it is, in one statement; when it hits
a stored row (a unique constraint) or cannot be planned, it goes the careful way: each row is compared
with the stored one and inserted, updated or left, and a row naming no organisation is refused. The
SQL of both ways is in store/loading.py.
"""

from __future__ import annotations

from htxcli.services.loaders.base import Loader
from htxcli.services.loaders.figures import FiguresLoader
from htxcli.services.loaders.organisations import CooperativeLoader
from htxcli.services.loaders.ratings import RatingLoader
from htxcli.services.loaders.support import SupportLoader

LOADERS: dict[str, type[Loader]] = {
    "cooperatives": CooperativeLoader,
    "ratings": RatingLoader,
    "support": SupportLoader,
    "figures": FiguresLoader,
}
