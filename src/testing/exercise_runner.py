"""Prepbook's exercise runner: runs an exercise's code, then its tests, and reports each test.

A test is a function of the tests block whose name starts with `test`; it passes when it
returns without raising. Plain `assert` lines at the top of the tests block run too, as one
test named `tests`. No pytest is needed.

`prepbook test` runs this file as `python3 exercise_runner.py CODE_FILE TESTS_FILE`; its last
line of output is `PREPBOOK-RESULTS ` and a JSON object. A page's runtime can call
`run_exercise(code, tests)` and get the same object back:

    {"error": null or "the traceback", "stage": "code" or "tests" or null,
     "results": [{"name": "test_add", "passed": false, "message": "AssertionError: ..."}]}

Exit status: 0 when every test passed, 1 when one failed, 2 when the code or the tests block
raised before any test ran, 3 when there is no test.
"""

import json
import sys
import traceback

MARKER = "PREPBOOK-RESULTS "


def _message(error, tests_name):
    """One line for a failed test: the exception, or the failing assert's line."""
    text = "".join(traceback.format_exception_only(type(error), error)).strip()
    if isinstance(error, AssertionError) and not str(error):
        for frame in reversed(traceback.extract_tb(error.__traceback__)):
            if frame.filename == tests_name and frame.line:
                return "AssertionError: " + frame.line.strip() + " (line %d)" % frame.lineno
    return text


def _loading_error(error):
    return "".join(traceback.format_exception(type(error), error, error.__traceback__.tb_next))


def run_exercise(code, tests, code_name="exercise.py", tests_name="tests.py"):
    """Runs `code`, then `tests` in the same namespace, then each test function."""
    namespace = {"__name__": "__main__"}
    try:
        exec(compile(code, code_name, "exec"), namespace)
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        return {"error": _loading_error(error), "stage": "code", "results": []}
    results = []
    try:
        exec(compile(tests, tests_name, "exec"), namespace)
    except AssertionError as error:
        results.append({"name": "tests", "passed": False, "message": _message(error, tests_name)})
    except Exception as error:  # noqa: BLE001
        return {"error": _loading_error(error), "stage": "tests", "results": []}
    for name, value in list(namespace.items()):
        code_object = getattr(value, "__code__", None)
        if not name.startswith("test") or code_object is None:
            continue
        if code_object.co_filename != tests_name:
            continue
        try:
            value()
        except Exception as error:  # noqa: BLE001
            results.append({"name": name, "passed": False, "message": _message(error, tests_name)})
        else:
            results.append({"name": name, "passed": True, "message": ""})
    return {"error": None, "stage": None, "results": results}


def main(argv):
    code_file, tests_file = argv[1], argv[2]
    with open(code_file, encoding="utf-8") as f:
        code = f.read()
    with open(tests_file, encoding="utf-8") as f:
        tests = f.read()
    report = run_exercise(code, tests, code_file, tests_file)
    if report["error"]:
        sys.stderr.write(report["error"])
    for result in report["results"]:
        status = "PASS" if result["passed"] else "FAIL"
        print(status, result["name"], result["message"])
    print(MARKER + json.dumps(report))
    if report["error"]:
        return 2
    if not report["results"]:
        return 3
    return 0 if all(r["passed"] for r in report["results"]) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
