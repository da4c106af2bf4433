"""The values the package-level templates (client, __init__, runtime) read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..config import Config
from ..ir import Api
from ..naming import Names


@dataclass(frozen=True)
class PackageView:
    name: str
    version: str
    title: str
    description: str


@dataclass(frozen=True)
class AuthView:
    kind: str
    name: str


@dataclass(frozen=True)
class ResourceRef:
    attr: str
    module: str  # below `resources.`: 'realtime' (a package) or 'files' (a module)
    sync_class: str
    async_class: str
    doc: str


@dataclass(frozen=True)
class ClientView:
    sync_name: str
    async_name: str
    api_key_env: str | None
    base_url_env: str | None
    log_env: str | None
    default_base_url: str
    auth: AuthView
    resources: tuple[ResourceRef, ...]


def env_prefix(package: str) -> str:
    return package.upper()


def package_context(api: Api, names: Names, config: Config, header: str) -> dict[str, Any]:
    package = config.package.name
    prefix = env_prefix(package)
    client = config.client
    auth = AuthView(api.auth.kind, api.auth.name)
    base_url = client.base_url or (api.servers[0].url if api.servers else "")
    top = tuple(
        ResourceRef(r.attr, r.package.removeprefix("resources."), r.sync_class, r.async_class,
                    _resource_doc(config, r.path))
        for path, r in sorted(names.resources.items()) if len(path) == 1
    )
    view = ClientView(
        sync_name=client.name or "Client",
        async_name=client.async_name or ("Async" + client.name if client.name else "AsyncClient"),
        api_key_env=(client.api_key_env or f"{prefix}_API_KEY") if auth.kind != "none" else None,
        base_url_env=client.base_url_env or f"{prefix}_BASE_URL",
        log_env=client.log_env or f"{prefix}_LOG",
        default_base_url=base_url,
        auth=auth,
        resources=top,
    )
    pkg = PackageView(package, config.package.version,
                      config.package.title or api.title or package, api.description)
    return {"header": header, "pkg": pkg, "client": view}


def _resource_doc(config: Config, path: tuple[str, ...]) -> str:
    tree = config.resources
    node = None
    for part in path:
        node = tree.get(part)
        if node is None:
            return ""
        tree = node.subresources
    return node.doc if node is not None else ""
