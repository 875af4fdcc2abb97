"""Hypothesis profiles for the whole suite.

* ``dev`` (the default) and ``ci`` (chosen when the ``CI`` environment variable is set): bounded, 100 examples
  per property as hypothesis' own default, so the default run stays within a few minutes on two cores;
  ``ci`` is also derandomized, so a CI failure reproduces from the same commit.
* ``fuzz``: the long run, for ``pytest --hypothesis-profile fuzz tests/fuzz``: 6000 examples per property,
  about 30 minutes on two cores (docs/hardening.md). Properties that set their own ``max_examples`` keep it in every profile.

``HYPOTHESIS_PROFILE=<name>`` also selects a profile.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_BOUNDED = {
    "max_examples": 100,
    "deadline": None,  # timing belongs in bench/, not in unit tests
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}

settings.register_profile("dev", **_BOUNDED)
settings.register_profile("ci", **_BOUNDED, derandomize=True, print_blob=True)
settings.register_profile(
    "fuzz",
    max_examples=6_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    print_blob=True,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))
