"""The rules core must stay plain Python: no Django, no clock, no I/O."""
import ast
import pathlib

import compliance.rules

PACKAGE = pathlib.Path(compliance.rules.__file__).parent
FORBIDDEN = {"django", "rest_framework", "celery", "requests", "os", "time"}


def imported_roots(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0]


def test_no_framework_or_io_imports():
    modules = sorted(PACKAGE.glob("*.py"))
    assert len(modules) > 5
    for path in modules:
        assert not FORBIDDEN & set(imported_roots(path)), path.name


def test_no_reading_of_todays_date():
    for path in PACKAGE.glob("*.py"):
        text = path.read_text()
        assert "date.today" not in text and "datetime.now" not in text, path.name
