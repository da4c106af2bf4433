# What templates/runtime/_constants.py.j2 gives each package: ruff, mypy and editors read these
# declarations while checking the runtime here. tests/runtime/test_constants.py keeps the two
# in step.
from typing import Optional, Tuple

PACKAGE_NAME: str
PACKAGE_VERSION: str
LOG_ENV: Optional[str]
AUTH_HEADERS: Tuple[str, ...]
AUTH_QUERY_PARAMS: Tuple[str, ...]
REQUEST_ID_HEADER: str
STREAM_TERMINATOR: Optional[str]
STREAM_ERROR_EVENT: Optional[str]
ERROR_ENVELOPE: Optional[str]
ERROR_MESSAGE_FIELD: str
ERROR_ATTRIBUTES: Tuple[str, ...]
WEBHOOK_SCHEME: str
WEBHOOK_SECRET_ENV: Optional[str]
WEBHOOK_SIGNATURE_HEADER: str
WEBHOOK_SIGNATURE_PREFIX: str
