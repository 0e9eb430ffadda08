"""Project-wide checks: migrations match the models, production settings pass Django's deploy checks, OpenAPI."""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import call_command


def test_no_model_change_lacks_its_migration(db):
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:
        pytest.fail("A model change has no migration:\n" + out.getvalue())


def _tongban(*args, env=None):
    # A browser test in the same session may set this; it is not part of a deployment's environment.
    env = {k: v for k, v in (env or os.environ).items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return subprocess.run(
        [sys.executable, "-m", "tongban.manage", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_production_mode_passes_deploy_checks(tmp_path):
    env = {**os.environ, "TONGBAN_ENV": "production", "SECRET_KEY": "x" * 20 + "Q9!kd73Jz_1lqPz0mW-8d2r%aeLbv" * 2,
           "ALLOWED_HOSTS": "tongban.example.gov.cn", "TONGBAN_VAR_DIR": str(tmp_path),
           "TONGBAN_SEAL_KEK": "k" * 16 + "S7d!pQ2x_Lm9ZrT4wYb8" * 2}
    result = _tongban("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_mode_refuses_to_start_without_the_seal_key_encryption_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "TONGBAN_SEAL_KEK"}
    env.update(TONGBAN_ENV="production", TONGBAN_VAR_DIR=str(tmp_path), SECRET_KEY="x" * 60)
    result = _tongban("check", env=env)
    assert result.returncode != 0 and "TONGBAN_SEAL_KEK" in result.stderr


def test_production_mode_refuses_to_start_without_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"}
    env.update(TONGBAN_ENV="production", TONGBAN_VAR_DIR=str(tmp_path))
    result = _tongban("check", env=env)
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_openapi_describes_the_api_in_chinese(db, client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "通办 Tongban API"
    assert "/api/v1/org/departments" in schema["paths"]
    assert client.get("/api/v1/docs").status_code == 200


def test_the_crl_is_served_where_seal_certificates_point(db, client):
    from cryptography import x509

    from tongban.seals.keys import crl_der

    response = client.get("/seals/crl.der")
    assert response.status_code == 200
    assert x509.load_der_x509_crl(b"".join(response)).issuer == x509.load_der_x509_crl(crl_der()).issuer
