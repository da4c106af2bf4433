"""The runtime every generated package ships (_base_client, _models, _request...), kept here as
plain sources so that ruff, mypy and editors check them. The generator never imports them:
render/runtime.py copies each file into the package under the generated header, next to the
package's own `_constants.py` (rendered from templates/runtime/_constants.py.j2; the
`_constants.pyi` here declares it)."""
