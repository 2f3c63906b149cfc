"""Every URL pattern of the project, enumerated from the resolver, with sample arguments."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern


@dataclass(frozen=True)
class Route:
    name: str  # namespaced view name
    pattern: str
    converters: dict[str, str]  # kwarg -> converter type name


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            converters = {}
            if isinstance(entry.pattern, RoutePattern):
                converters = {k: type(v).__name__ for k, v in entry.pattern.converters.items()}
            name = f"{namespace}{entry.name}" if entry.name else prefix + str(entry.pattern)
            yield Route(name=name, pattern=prefix + str(entry.pattern), converters=converters)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns))


SAMPLE_VALUES = {
    "IntConverter": "999999",
    "IdConverter": "999999",
    "SlugConverter": "voorbeeld",
    "StringConverter": "abc",
    "UUIDConverter": "00000000-0000-0000-0000-000000000000",
    "PathConverter": "x/y",
}


def sample_path(route: Route, **overrides) -> str:
    path = "/" + route.pattern
    for kwarg, converter in route.converters.items():
        value = str(overrides.get(kwarg, SAMPLE_VALUES[converter]))
        for token in (f"<{kwarg}>", *(f"<{c}:{kwarg}>" for c in ("int", "id", "slug", "str", "uuid", "path"))):
            path = path.replace(token, value)
    return path
