"""The values the package-level templates (client, __init__, runtime) read."""

from __future__ import annotations

from typing import Any

from ..config import Config
from ..ir import Api, Side
from ..naming import Names
from .views import AuthView, BehaviourView, ClientView, PackageView, ResourceRef, WebhooksView


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
        webhooks=_webhooks_view(api, names, config),
    )
    pkg = PackageView(package, config.package.version,
                      config.package.title or api.title or package, api.description)
    behaviour = BehaviourView(client.request_id_header, config.streaming, config.errors,
                              config.webhooks)
    return {"header": header, "pkg": pkg, "client": view, "behaviour": behaviour}


def _webhooks_view(api: Api, names: Names, config: Config) -> WebhooksView | None:
    if not api.webhook_union:
        return None
    taken = {path[0] for path in names.resources}
    attr = "webhooks" if "webhooks" not in taken else "webhook_events"
    return WebhooksView(attr, names.types.classes[api.webhook_union],
                        names.module_of(api.webhook_union, Side.MODEL)[1],
                        config.webhooks.scheme != "none", config.webhooks.secret_env)


def _resource_doc(config: Config, path: tuple[str, ...]) -> str:
    tree = config.resources
    node = None
    for part in path:
        node = tree.get(part)
        if node is None:
            return ""
        tree = node.subresources
    return node.doc if node is not None else ""
