"""codegen: OpenAPI 3.0/3.1 -> typed Python SDK package."""

__version__ = "0.1.0"
