"""Runs in datamodel-code-generator's own virtualenv (bench/.venvs/dmcg): generates each case
of the JSON-Schema-Test-Suite with dmcg's Python API (pydantic v2 models, its defaults
otherwise), imports the module and judges each instance with
`TypeAdapter(Model).validate_python` (and `validate_json(..., strict=True)`).
Given a list of schema files instead of cases, it generates each, imports it and builds every
model. Usage: python dmcg_driver.py LISTING.json FOLDER (writes FOLDER/results.json); called
by tests/jsonschema/suite.py."""

import importlib
import json
import sys
import warnings
from pathlib import Path


def judged(validate, data, valid):
    try:
        validate(data)
    except Exception:  # noqa: BLE001 - ValidationError, or anything a bad value raises
        return not valid
    return valid


def run(case, folder):
    from datamodel_code_generator import DataModelType, InputFileType, generate
    from pydantic import TypeAdapter

    out = {"generated": False, "passed": 0, "passed_json": 0, "tests": len(case["tests"]),
           "problem": ""}
    target = folder / f"{case['name']}.py"
    try:
        generate(json.dumps(case["schema"]), input_file_type=InputFileType.JsonSchema,
                 output=target, output_model_type=DataModelType.PydanticV2BaseModel)
        module = importlib.import_module(case["name"])
        adapter = TypeAdapter(module.Model)
    except BaseException as exc:  # noqa: BLE001 - dmcg or the module it wrote failed
        out["problem"] = f"{type(exc).__name__}: {exc}"[:200]
        return out
    out["generated"] = True
    out["passed"] = sum(judged(adapter.validate_python, data, valid)
                        for data, valid in case["tests"])
    out["passed_json"] = sum(
        judged(lambda d: adapter.validate_json(json.dumps(d), strict=True), data, valid)
        for data, valid in case["tests"])
    return out


def build_schema(path, folder):
    """A whole schema file: generated, imported, and every model class built."""
    from datamodel_code_generator import DataModelType, InputFileType, generate
    from pydantic import BaseModel

    name = "d_" + path.stem.replace("-", "_")
    out = {"generated": False, "models": 0, "problem": ""}
    try:
        generate(path, input_file_type=InputFileType.JsonSchema, output=folder / f"{name}.py",
                 output_model_type=DataModelType.PydanticV2BaseModel)
        module = importlib.import_module(name)
        for value in list(vars(module).values()):
            if isinstance(value, type) and issubclass(value, BaseModel) and \
                    value.__module__ == name:
                value.model_rebuild()
                out["models"] += 1
    except BaseException as exc:  # noqa: BLE001 - dmcg or the module it wrote failed
        out["problem"] = f"{type(exc).__name__}: {exc}"[:200]
        return out
    out["generated"] = True
    return out


def main():
    warnings.simplefilter("ignore")
    listing, folder = Path(sys.argv[1]), Path(sys.argv[2])
    sys.path.insert(0, str(folder))
    items = json.loads(listing.read_text(encoding="utf-8"))
    if items and isinstance(items[0], str):  # schema files (SchemaStore)
        results = {Path(p).name: build_schema(Path(p), folder) for p in items}
    else:  # test-suite cases
        results = {case["name"]: run(case, folder) for case in items}
    (folder / "results.json").write_text(json.dumps(results), encoding="utf-8")


if __name__ == "__main__":
    main()
