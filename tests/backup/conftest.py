from tests.api.conftest import fast_passwords, registry, users  # noqa: F401 - the API suite's cast and registry
