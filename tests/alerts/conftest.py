import pytest


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The factories give every user a password; hashing it the production way takes most
    of a test's time when it creates a few dozen staff."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
