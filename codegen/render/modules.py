"""Which declarations go into which module under types/, in which order.

One module per named type, with its inline types. Modules whose types refer to each other in
a cycle cannot import each other at runtime: they are merged into one home module (forward
references and model_rebuild() there), and the others re-export from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..graphs import strongly_connected
from ..ir import Api, Model, Side
from ..naming import Names


@dataclass
class ModulePlan:
    side: Side
    name: str  # file stem under types/
    roots: list[str]  # module roots whose declarations live here
    members: list[str] = field(default_factory=list)  # decl keys, in emission order
    home: str = ""  # set on a stub: the module that holds its declarations
    exports: list[str] = field(default_factory=list)  # class names this module offers


PlanKey = tuple[Side, str]  # (side, module name)


def plan_modules(api: Api, names: Names) -> dict[PlanKey, ModulePlan]:
    members: dict[str, list[str]] = {}
    for key, root in names.types.roots.items():
        members.setdefault(root, []).append(key)
    plans: dict[PlanKey, ModulePlan] = {}
    placed = [(Side.PARAM if root in names.types.params_roots else Side.MODEL, module, root)
              for root, module in names.types.modules.items()
              if root in names.types.params_roots or root not in api.absorbed]
    placed += [(Side.PARAM, module, root) for root, module in names.types.twin_modules.items()]
    for side, module, root in placed:
        plans[(side, module)] = ModulePlan(side, module, [root], list(members[root]))
    for plan in plans.values():
        plan.exports = [names.class_of(k, plan.side) for k in plan.members]
    _merge_cycles(api, names, plans)
    for plan in plans.values():
        if not plan.home:
            plan.members = _ordered(api, plan.members)
    return plans


def _merge_cycles(api: Api, names: Names, plans: dict[PlanKey, ModulePlan]) -> None:
    graph: dict[PlanKey, set[PlanKey]] = {k: set() for k in plans}
    for plan_key, plan in plans.items():
        for key in plan.members:
            for target in api.decls[key].refs:
                if target in names.types.roots:
                    dest = names.module_of(target, plan.side)
                    if dest != plan_key and dest in plans:
                        graph[plan_key].add(dest)
    for component in strongly_connected(graph):
        if len(component) < 2:
            continue
        home_key = min(component)
        home = plans[home_key]
        for other_key in sorted(component):
            if other_key == home_key:
                continue
            other = plans[other_key]
            home.roots += other.roots
            home.members += other.members
            other.members = []
            other.home = home.name


def _ordered(api: Api, members: list[str]) -> list[str]:
    """Dependencies first where a cycle allows, and always before whoever cannot wait.

    In a cycle one reference has to be a forward reference (a string). It must sit in a
    class's field, whose annotations pydantic resolves in this module (model_rebuild): never
    in a type alias (an alias's forward reference is resolved wherever the alias is used,
    where the name may not exist) and never as a base class (a base must be a class). So an
    alias comes after everything it names and a class after its base: those edges have no
    cycle (alias-only cycles are cut by the builder, allOf cycles are refused)."""
    return _needed_first(api, _dependencies_first(api, members))


def _dependencies_first(api: Api, members: list[str]) -> list[str]:
    """Depth first from the aliases, then the classes; a class's base before its fields'
    types. A reference back into the path being walked is the cycle's forward reference."""
    local = set(members)
    done: set[str] = set()
    out: list[str] = []
    starts = [k for k in members if not isinstance(api.decls[k], Model)] + \
        [k for k in members if isinstance(api.decls[k], Model)]
    for start in starts:
        if start in done:
            continue
        work = [(start, False)]
        visiting: set[str] = set()
        while work:
            key, expanded = work.pop()
            if key in done:
                continue
            if expanded:
                done.add(key)
                out.append(key)
                continue
            if key in visiting:
                continue
            visiting.add(key)
            work.append((key, True))
            deps = [d for d in api.decls[key].refs if d in local and d not in done]
            decl = api.decls[key]
            # Bases are pushed last so they are visited first: a class needs its base defined.
            base = [decl.base] if isinstance(decl, Model) and decl.base in local else []
            for dep in reversed([d for d in deps if d not in base]):
                work.append((dep, False))
            for dep in base:
                work.append((dep, False))
    return out


def _hard_deps(api: Api, key: str, local: set[str]) -> list[str]:
    """What must be defined above `key`: a class's base, everything an alias names."""
    decl = api.decls[key]
    if isinstance(decl, Model):
        return [decl.base] if decl.base in local else []
    return [k for k in decl.refs if k in local]


def _needed_first(api: Api, preferred: list[str]) -> list[str]:
    """`preferred`, with each declaration's hard dependencies moved above it."""
    local = set(preferred)
    placed: set[str] = set()
    out: list[str] = []
    for start in preferred:
        work = [(start, False)]
        expanding: set[str] = set()  # a guard: the edges have no cycle, by construction
        while work:
            key, expanded = work.pop()
            if key in placed:
                continue
            if expanded:
                placed.add(key)
                out.append(key)
                continue
            if key in expanding:
                continue
            expanding.add(key)
            work.append((key, True))
            work.extend((dep, False) for dep in reversed(_hard_deps(api, key, local))
                        if dep not in placed)
    return out
