"""The README's production example (Configuration) works as written: its variables are all the
production settings require, and before gunicorn serves it runs every step those settings
need (a static manifest needs `collectstatic`, a database cache `createcachetable`). The
settings are read in a fresh process with nothing but the example's environment."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

README = Path(settings.BASE_DIR) / "README.md"

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "static": settings.STORAGES["staticfiles"]["BACKEND"],
    "cache": settings.CACHES["default"]["BACKEND"],
    "debug": settings.DEBUG,
}))
"""


def _example() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("Pointing the platform at PostgreSQL and S3", 1)[1]
    return section.split("```sh\n", 1)[1].split("```", 1)[0]


def _environment(example: str) -> dict[str, str]:
    """The example's exports, each `…` (a secret the reader supplies) as a long test value."""
    env = {}
    for line in example.splitlines():
        if line.startswith("export "):
            for name, value in re.findall(r"(\w+)=(\S+)", line):
                env[name] = value.replace("…", f"example-{name.lower()}-" + "x" * 40)
    return env


def _steps(example: str) -> list[str]:
    commands = " ".join(
        line for line in example.replace("\\\n", " ").splitlines() if not line.startswith("export")
    )
    return [step.strip() for step in commands.split("&&")]


@pytest.fixture(scope="module")
def production_settings() -> dict:
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "qualitymonth.settings"}
    env |= _environment(_example())
    done = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, (
        f"the example's variables do not start the platform:\n{done.stderr}"
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_examples_variables_are_all_production_requires(production_settings):
    assert production_settings["debug"] is False


def test_the_example_prepares_what_the_production_settings_need_before_serving(
    production_settings,
):
    steps = _steps(_example())
    commands = [s.split("manage.py ", 1)[1].split()[0] for s in steps if "manage.py " in s]
    assert "gunicorn" in steps[-1]
    assert commands[0] == "migrate"
    if "Manifest" in production_settings["static"]:
        assert "collectstatic" in commands, "pages name their files from collectstatic's manifest"
    if production_settings["cache"].endswith("DatabaseCache"):
        assert "createcachetable" in commands, "the shared cache is a database table"
