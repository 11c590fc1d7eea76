"""Optional OpenTelemetry tracing of GraphQL operations (HIRAKU_TRACING=1), when its packages are installed.

Strawberry's extension makes a span for each operation, its parsing and validation, and each resolver call; the
exporter is configured the standard way (e.g. `opentelemetry-instrument hiraku serve` with OTEL_* variables).
Tracing every resolver costs time: it turns off the execution plans (schema/plan).
"""

from __future__ import annotations

from strawberry.extensions import SchemaExtension

INSTALL = (
    "HIRAKU_TRACING=1 needs OpenTelemetry: pip install opentelemetry-sdk opentelemetry-exporter-otlp "
    "(or opentelemetry-distro), then configure the exporter with the OTEL_* environment variables"
)


def tracing_extension() -> type[SchemaExtension]:
    """Strawberry's OpenTelemetry extension; a clear error at start-up when the packages are missing."""
    try:
        from strawberry.extensions.tracing import OpenTelemetryExtension
    except ImportError as missing:
        raise RuntimeError(INSTALL) from missing
    return OpenTelemetryExtension
