"""Property-based security test: text from a spec never changes the structure of generated code.

Hypothesis draws small, valid OpenAPI 3.1 documents full of hostile text (strategies.py). Each
goes through `codegen.pipeline.generate_files` and then:

1. generate: no exception. A FatalError is a failure too, as every document is valid. The only
   error diagnostic accepted is codegen's documented refusal of two component schemas whose
   names become one class name (the user must pin one in codegen.yaml).
2. compile: every generated .py file compiles.
3. path: no generated path is absolute, has a `..` segment, a backslash, NUL or a Windows
   device name as a segment's stem, or leaves the package folder when joined to it.
4. import / round-trip: written to a temporary folder, the package and every module of it
   import; every enum/const value is exactly an argument of the field's Literal; descriptions
   keep their words (docstrings are rewrapped, so the words, not the layout, are compared);
   defaults reach the generated tests exactly; the server URL and the auth parameter name are
   exact; a call through httpx.MockTransport sends each path, query, header and body parameter
   under its wire name, and the response parses back to the JSON it came from.
5. collision: one model field per property, TypedDict keys == wire names, distinct class names
   and module files for distinct schemas, no two files differing only by case, one keyword
   argument per parameter, every resource and method reachable from the client, every
   operation present in the generated tests.
6. nothing executes: texts carry payloads that create CANARY if they ever run; it never appears.

Budget: `make sweep` runs MAX_EXAMPLES = 350 documents, `make test` a sample of SAMPLE_EXAMPLES
= 12 others; both with `derandomize=True` and `database=None`, so that every run draws the same
documents, and no deadline. A document costs about 0.19 s on the 2-core CI machine (drawing it,
generating with `ruff format`, writing, importing, calling): the 350 take about 65 s (75 s on a
busy machine). Shrinking is off (it can take 5 minutes per failure; a failure prints its
document, stage and error, and the known cases are minimal already):
CODEGEN_INJECTION_SHRINK=1 turns it on. To search harder locally, raise
CODEGEN_INJECTION_EXAMPLES, and set CODEGEN_INJECTION_RANDOM=1 for new random documents instead
of the fixed ones.

test_known_cases.py holds the failures this property found, shrunk to minimal specs.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, Phase, given, note, settings

from .checks import check_document
from .strategies import Case, documents

MAX_EXAMPLES = int(os.environ.get("CODEGEN_INJECTION_EXAMPLES", "350"))
SAMPLE_EXAMPLES = 12
RANDOM = os.environ.get("CODEGEN_INJECTION_RANDOM", "") == "1"
# Shrinking a failing document takes up to 5 minutes (each run generates and imports a package):
# off by default, so a failing CI run stays short; the known cases are already minimal.
PHASES = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target]
if os.environ.get("CODEGEN_INJECTION_SHRINK", "") == "1":
    PHASES.append(Phase.shrink)
# Hypothesis seeds a derandomized test from its name and body (not its decorators): renaming a
# test or editing its body draws other documents.
PROPERTY = settings(deadline=None, derandomize=not RANDOM, database=None, phases=PHASES,
                    suppress_health_check=list(HealthCheck))


@pytest.mark.slow
@settings(PROPERTY, max_examples=MAX_EXAMPLES)
@given(documents())
def test_spec_text_never_changes_generated_code(case: Case) -> None:
    note(json.dumps(case.doc, ensure_ascii=True))
    check_document(case)


@settings(PROPERTY, max_examples=SAMPLE_EXAMPLES)
@given(documents())
def test_a_sample_of_documents(case: Case) -> None:
    note(json.dumps(case.doc, ensure_ascii=True))
    check_document(case)
