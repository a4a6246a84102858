#!/usr/bin/env bash
# The test suite against the newest versions pyproject.toml allows (not constraints.txt's), in a throwaway
# virtualenv: what a fresh `pip install htxcli[dev,postgres]` would get. Prints each version that differs
# from constraints.txt, then the suite's summary: what broke, and with which upgrade. Not part of .ci/run
# (CI tests the pinned versions); run it before `make constraints`, or to see what a release would meet.
#
#     tools/newest.sh [pytest arguments…]        e.g. tools/newest.sh -x -q tests/test_report.py
#
# PostgreSQL runs too when HTX_TEST_POSTGRES names a server (.ci/postgres start DIR prints one).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
venv=$(mktemp -d /tmp/htx-newest.XXXXXX)
trap 'rm -rf "$venv"' EXIT
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q --upgrade --upgrade-strategy eager -e '.[dev,postgres]'
echo "== versions that differ from constraints.txt (pinned -> newest)"
"$venv/bin/python" - <<'PY'
import re
from importlib.metadata import distributions
pinned = {}
for line in open("constraints.txt", encoding="utf-8"):
    found = re.match(r"([A-Za-z0-9_.\-]+)==(\S+)", line)
    if found:
        pinned[re.sub(r"[-_.]+", "-", found[1]).lower()] = found[2]
newest = {re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower(): d.version for d in distributions()}
changed = [f"  {name}: {pinned.get(name, '(not pinned)')} -> {version}"
           for name, version in sorted(newest.items())
           if name not in ("htxcli", "pip") and pinned.get(name) != version]
print("\n".join(changed) or "  none: constraints.txt is up to date")
PY
echo "== the test suite with them"
status=0
"$venv/bin/python" -m pytest -q -p no:randomly "$@" || status=$?
if [ "$status" -ne 0 ]; then
    echo "== the newest versions break the tests above (pytest exit $status); constraints.txt keeps what works"
fi
exit "$status"
