"""Stage 4: one deterministic pass that names everything: classes, modules, fields, method
arguments, resources and methods. Names pinned in the config win; every collision is resolved
the same way on every run (declaration order of the spec, then numeric suffixes) and reported.

Render asks `Names` for finished answers (a class or module as seen from either side, a
method's signature) and never derives a name itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..config import Config
from ..diagnostics import Diagnostics
from ..ir import Api, Operation, Side
from .members import Argument, Signature, attribute_identifier, field_names, signatures
from .members import unique_identifiers as unique_identifiers
from .placement import Placement, place_operations
from .reserved import RESERVED_ATTRIBUTES as RESERVED_ATTRIBUTES
from .resources import ResourceNames, name_resources, operations_by_resource
from .types import TypeNames, name_types
from .types import class_identifier as class_identifier
from .types import module_identifier as module_identifier

__all__ = ["Argument", "Names", "Placement", "ResourceNames", "Signature",
           "attribute_identifier", "name_api"]


@dataclass(frozen=True)
class Names:
    types: TypeNames
    fields: dict[tuple[str, str], str]  # (decl key, wire name) -> Python attribute
    signatures: dict[str, Signature]  # op key -> its method's arguments
    placements: dict[str, Placement]  # op key -> its resource path and wanted method name
    methods: dict[str, str]  # op key -> method name
    resources: dict[tuple[str, ...], ResourceNames]

    def resource_of(self, op: Operation) -> ResourceNames:
        return self.resources[self.placements[op.key].resource]

    def operations_by_resource(self, api: Api) -> dict[tuple[str, ...], list[Operation]]:
        """Each resource path with its operations, in spec order."""
        return operations_by_resource(api, self.placements)

    def class_of(self, key: str, side: Side) -> str:
        """The class a declaration is on `side`: a module root with a request twin is its
        `...Param` TypedDict there."""
        root = self.types.roots[key]
        if side is Side.PARAM and key == root and root in self.types.twin_classes:
            return self.types.twin_classes[root]
        return self.types.classes[key]

    def module_of(self, key: str, side: Side) -> tuple[Side, str]:
        """The (side, module under types/) where a reference from `side` finds `key`."""
        root = self.types.roots[key]
        if side is Side.PARAM and root in self.types.twin_modules:
            return Side.PARAM, self.types.twin_modules[root]
        if root in self.types.params_roots:
            return Side.PARAM, self.types.modules[root]
        return Side.MODEL, self.types.modules[root]


def name_api(api: Api, config: Config, diagnostics: Diagnostics) -> Names:
    client = {config.client.name or "Client",
              config.client.async_name or ("Async" + (config.client.name or "Client"))}
    placements = place_operations(api, config, diagnostics)
    methods, resources = name_resources(api, placements, diagnostics, client)
    types = name_types(api, config, placements, methods, diagnostics)
    return Names(types=types, fields=field_names(api, types.classes, diagnostics),
                 signatures=signatures(api, diagnostics), placements=placements,
                 methods=methods, resources=resources)
