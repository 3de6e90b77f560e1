from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow], print_blob=True
)
settings.register_profile("dev", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# "quick": the extra Pythons of .ci/run (every test runs; each property sees fewer examples).
settings.register_profile("quick", max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("EDCOMPETENCIES_HYPOTHESIS") or ("ci" if os.environ.get("CI") else "dev"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "installed: needs only the installed package (run against the built wheel by .ci/run)"
    )


ROOT = Path(__file__).resolve().parents[1]
# The seeds beside the checkout, or where EDCOMPETENCIES_SEEDS points (a worktree elsewhere).
SEEDS = Path(os.environ.get("EDCOMPETENCIES_SEEDS") or ROOT.parent / "shared" / "seeds")


@pytest.fixture(scope="session")
def seeds() -> Path:
    """The source publications' text (../shared/seeds/), or skip where it is absent."""
    if not SEEDS.is_dir():
        pytest.skip("the source seeds (../shared/seeds/) are not beside this checkout")
    return SEEDS
