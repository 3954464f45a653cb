"""What every response tells the browser: a strict Content-Security-Policy, HSTS over HTTPS,
and (behind a TLS proxy) a redirect to HTTPS that spares the load balancer's health checks."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.test import Client
from django.urls import reverse

from reports.tests import factories

ROOT = Path(__file__).resolve().parents[2]


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in header.split(";") if part.strip())
    }


def test_every_page_forbids_inline_script(world, client_for, client):
    staff = client_for(world.users["admin"])
    for response in (
        client.get(reverse("core:home")),
        client.get(reverse("login")),
        staff.get(reverse("dashboards:home"), follow=True),
        staff.get(reverse("reports:index")),
        staff.get(reverse("admin:index"), follow=True),
    ):
        assert response.status_code == 200
        policy = _policy(response)
        assert policy["script-src"] == ["'self'"]
        assert "'unsafe-inline'" not in policy["script-src"]
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'self'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert policy["form-action"] == ["'self'"]


def test_no_page_carries_an_inline_script_or_handler(world, client_for):
    staff = client_for(world.users["admin"])
    for url in (reverse("core:home"), reverse("dashboards:home"), reverse("reports:index")):
        html = staff.get(url, follow=True).content.decode()
        # Data blocks (json_script) are not run; any other <script> must load a file.
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, tag
        assert not re.search(r"\son[a-z]+=|\shx-on", html)


def test_no_template_holds_inline_script_an_event_handler_or_hx_on():
    """The CSP would silently refuse them; behaviour goes into static/js/site.js instead."""
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        source = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"))
        for tag in re.findall(r"<[a-zA-Z][^<>]*>", source):
            if re.search(r"\son[a-z]+\s*=|\shx-on[:-]|javascript:", tag):
                offenders.append(f"{path.relative_to(ROOT)}: {tag}")
            if tag.startswith("<script") and "src=" not in tag and "nonce=" not in tag:
                offenders.append(f"{path.relative_to(ROOT)}: {tag}")
    assert offenders == []


def test_the_led_screen_runs_its_one_inline_script_by_nonce(world, client):
    year = factories.campaign().year
    response = client.get(reverse("campaigns:slogan_screen", args=[world.unit("长沙市").pk, year]))
    nonce = re.search(r'<script nonce="([^"]+)">', response.content.decode()).group(1)
    assert _policy(response)["script-src"] == ["'self'", f"'nonce-{nonce}'"]
    # A fresh nonce per response: one seen in a page is useless for the next.
    again = client.get(reverse("campaigns:slogan_screen", args=[world.unit("长沙市").pk, year]))
    assert f"'nonce-{nonce}'" not in again["Content-Security-Policy"]


def test_behind_a_tls_proxy_http_goes_to_https_but_health_checks_answer(settings, db):
    settings.SECURE_SSL_REDIRECT = True  # what QM_BEHIND_TLS_PROXY=1 sets
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    client = Client()
    response = client.get(reverse("login"))
    assert response.status_code == 301 and response["Location"].startswith("https://")
    assert client.get(reverse("core:healthz")).status_code == 200
    assert client.get(reverse("core:readyz")).status_code == 200
    secure = client.get(reverse("login"), headers={"X-Forwarded-Proto": "https"})
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def _check_deploy(**env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("QM_", "DJANGO_"))}
    environ |= {
        "DJANGO_SETTINGS_MODULE": "qualitymonth.settings",
        "QM_SECRET_KEY": "p7Vq-" + "kX9#mR2$wL5@nB8&cT4*zF6!hJ3^dS1%gY0" * 2,
        "QM_ALLOWED_HOSTS": "zlyue.example.gov.cn",
        "QM_BEHIND_TLS_PROXY": "1",
        "QM_PERSONAL_DATA_KEY": "q" * 40,
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _check_deploy(QM_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_check_deploy_warns_when_hsts_is_turned_off(tmp_path):
    result = _check_deploy(QM_VAR_DIR=str(tmp_path), QM_HSTS_SECONDS="0")
    assert result.returncode != 0 and "security.W004" in result.stderr + result.stdout
