"""Settings: embedded defaults, and refusal to run production on a default secret."""

from __future__ import annotations

import pytest

from core.config import DEV_SECRET_KEY, InsecureSettings, Settings


def test_embedded_defaults_need_no_configuration(monkeypatch, tmp_path):
    for var in ("CONTROL_DATABASE_URL", "DATABASE_URL", "REDIS_URL", "SECRET_KEY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("GJ_DATA_DIR", str(tmp_path))
    settings = Settings()
    assert settings.embedded
    assert settings.control_url == f"sqlite:///{tmp_path / 'control.db'}"
    assert settings.redis_url is None


def test_production_refuses_the_development_secret(monkeypatch):
    monkeypatch.setenv("GJ_ENV", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(InsecureSettings, match="SECRET_KEY"):
        Settings()


def test_production_refuses_a_short_secret(monkeypatch):
    monkeypatch.setenv("GJ_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(InsecureSettings, match="at least 32"):
        Settings()


def test_production_starts_with_a_real_secret(monkeypatch):
    monkeypatch.setenv("GJ_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "x" * 48)
    assert Settings().secret_key != DEV_SECRET_KEY


def test_development_accepts_the_built_in_secret(monkeypatch):
    monkeypatch.setenv("GJ_ENV", "development")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert Settings().secret_key == DEV_SECRET_KEY


def test_an_unknown_environment_name_is_refused(monkeypatch):
    monkeypatch.setenv("GJ_ENV", "staging-ish")
    with pytest.raises(ValueError, match="GJ_ENV"):
        Settings()


def test_a_property_database_prefix_that_is_no_plain_identifier_is_refused(monkeypatch):
    monkeypatch.setenv("GJ_PROPERTY_DB_PREFIX", 'gj"; DROP DATABASE x; --')
    with pytest.raises(ValueError, match="GJ_PROPERTY_DB_PREFIX"):
        Settings()
    monkeypatch.setenv("GJ_PROPERTY_DB_PREFIX", "chain_b_")
    assert Settings().property_database_prefix == "chain_b_"
