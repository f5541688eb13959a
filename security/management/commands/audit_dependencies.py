"""Known vulnerabilities in the pinned packages, from PyPI's project JSON (the same OSV-fed data pip-audit
reads). Used where only the registry's project pages are reachable: pip-audit asks for per-release pages.

PyPI lists vulnerabilities for a project's newest release, so a pin on the newest release is checked
completely; an older pin is reported as not checked (and its newer release named), never as clean.
"""

import json
import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s;#]+)")
PYPI = "https://pypi.org/pypi/{}/json"
UNREACHABLE = 3


def read_pins(path: Path) -> list[tuple[str, str]]:
    return [m.groups() for line in path.read_text().splitlines() if (m := PIN.match(line.strip()))]


def project(name: str) -> dict:
    with urllib.request.urlopen(PYPI.format(name), timeout=20) as response:  # noqa: S310 - fixed https URL
        return json.load(response)


class Command(BaseCommand):
    help = "Controleer de vastgepinde pakketten op bekende kwetsbaarheden (PyPI)."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("requirements", nargs="+", help="requirements files with name==version pins")

    def handle(self, *args, **options):
        pins = []
        for name in options["requirements"]:
            path = Path(name)
            if not path.is_file():
                raise CommandError(f"{name}: file not found")
            pins += read_pins(path)
        if not pins:
            raise CommandError("no name==version pins found")
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(self.audit, pins))
        vulnerable = [a for a in answers if a[0] == "vulnerable"]
        unreachable = [a for a in answers if a[0] == "unreachable"]
        older = [a for a in answers if a[0] == "older"]
        for _, line in older:
            self.stdout.write(f"not checked (not the newest release): {line}")
        for _, line in vulnerable:
            self.stdout.write(f"VULNERABLE: {line}")
        clean = len(answers) - len(vulnerable) - len(unreachable) - len(older)
        self.stdout.write(
            f"{len(answers)} pins: {clean} without known vulnerabilities, {len(vulnerable)} vulnerable, "
            f"{len(older)} not checked, {len(unreachable)} unreachable"
        )
        if vulnerable:
            raise CommandError(f"{len(vulnerable)} pinned package(s) have known vulnerabilities")
        if unreachable:  # exit status 3: the audit could not be made, which is not a finding
            raise CommandError(
                "PyPI unreachable for: " + ", ".join(line for _, line in unreachable), returncode=UNREACHABLE
            )

    def audit(self, pin: tuple[str, str]) -> tuple[str, str]:
        name, version = pin
        try:
            data = project(name)
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            return "unreachable", f"{name} ({error})"
        newest = data["info"]["version"]
        if newest != version:
            return "older", f"{name} {version} (newest {newest})"
        found = [v.get("id", "?") for v in data.get("vulnerabilities") or []]
        if found:
            return "vulnerable", f"{name} {version}: {', '.join(found)}"
        return "clean", f"{name} {version}"
