import pytest
from django.core.exceptions import ImproperlyConfigured

from servicedesk.lib.env import env_bool, env_int, env_list


@pytest.mark.parametrize("raw, expected", [("1", True), ("true", True), ("Yes", True), ("0", False), ("off", False)])
def test_env_bool_reads_yes_and_no(monkeypatch, raw, expected):
    monkeypatch.setenv("FLAG", raw)
    assert env_bool("FLAG", not expected) is expected


def test_env_bool_refuses_a_typo_naming_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "ture")
    with pytest.raises(ImproperlyConfigured, match="DEBUG='ture'"):
        env_bool("DEBUG", False)


def test_env_int_refuses_words(monkeypatch):
    monkeypatch.setenv("DB_CONN_MAX_AGE", "ten")
    with pytest.raises(ImproperlyConfigured, match="DB_CONN_MAX_AGE"):
        env_int("DB_CONN_MAX_AGE", 600)


def test_env_list_splits_on_commas(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", " desk.example , other.example,")
    assert env_list("ALLOWED_HOSTS", []) == ["desk.example", "other.example"]
