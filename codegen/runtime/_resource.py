"""Base classes of the generated resources."""

from ._base_client import AsyncAPIClient, SyncAPIClient

__all__ = ["AsyncAPIResource", "SyncAPIResource"]


class SyncAPIResource:
    """A group of API operations; `_get`/`_post`/... send through the client."""

    _client: SyncAPIClient

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client
        self._get = client.get
        self._post = client.post
        self._put = client.put
        self._patch = client.patch
        self._delete = client.delete


class AsyncAPIResource:
    """A group of API operations; `await self._get(...)` and so on send through the client."""

    _client: AsyncAPIClient

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client
        self._get = client.get
        self._post = client.post
        self._put = client.put
        self._patch = client.patch
        self._delete = client.delete
