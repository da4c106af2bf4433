"""The whole property for one document: generate, check the files, write and import them, then
compare declarations and calls with what the document says; nothing from it may run."""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.helpers import imported, write_package

from .calls import check_call
from .expectations import fail, operations
from .generation import PACKAGE, check_compiles, check_paths, generate, import_everything
from .strategies import CANARY, Case
from .structure import (
    check_client_api,
    check_client_constants,
    check_generated_tests,
    check_models,
    check_params_typeddict,
)


def check_document(case: Case) -> None:
    with tempfile.TemporaryDirectory(prefix="codegen-injection-") as tmp:
        root = Path(tmp)
        gen = generate(case.doc, root)
        files = gen.files
        out = root / "out"
        check_paths(files, out)
        check_compiles(files)
        write_package(files, out, PACKAGE)
        with imported(out, PACKAGE) as pkg:
            import_everything(out)
            check_models(case, gen)
            check_client_api(pkg)
            check_client_constants(case, pkg)
            for op in operations(case.doc):
                check_params_typeddict(case, gen, op)
                check_call(case, gen, pkg, op)
                check_generated_tests(case, gen, files, op)
    if CANARY.exists():
        fail("execute", f"{CANARY} was created: text from the spec ran as code")
