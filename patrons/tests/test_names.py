import pytest

from patrons.names import name_key


@pytest.mark.parametrize(
    "name, key",
    [
        ("Zoë", "zoe"),
        ("ZOË", "zoe"),
        ("José García", "jose garcia"),
        ("Nguyễn", "nguyen"),
        ("Đặng", "dang"),
        ("Łukasz", "lukasz"),
        ("Ørsted", "orsted"),
        ("Straße", "strasse"),
        ("  Mary   Ann ", "mary ann"),
    ],
)
def test_name_keys_fold_case_and_accents(name, key):
    assert name_key(name) == key
