"""Code to put before a test program that must run without httpx."""

from __future__ import annotations

import textwrap

# A meta path finder that refuses httpx: any import of it, at a module's top or inside a
# function, fails with this message.
NO_HTTPX = textwrap.dedent("""
    import sys

    class _NoHttpx:
        def find_spec(self, name, path=None, target=None):
            if name == "httpx" or name.startswith("httpx."):
                raise ImportError("httpx is blocked in this test")
            return None

    sys.meta_path.insert(0, _NoHttpx())
""")
