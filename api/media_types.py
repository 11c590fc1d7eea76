"""The media types /graphql answers in, and which one a request's Accept header asks for (RFC 9110, 12.5.1)."""

from __future__ import annotations

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
# What a GraphQL-over-HTTP client asks for, then what legacy clients understand.
SERVED = (GRAPHQL_RESPONSE, JSON)
EXACT, SUBTYPE_WILDCARD, ANY = 2, 1, 0


def content_type(media_type: str) -> str:
    """The Content-Type header for an answer. The GraphQL media type names its charset (the spec's SHOULD);
    application/json has no charset parameter (RFC 8259: it is always UTF-8)."""
    return f"{media_type}; charset=utf-8" if media_type == GRAPHQL_RESPONSE else media_type


def response_media_type(accept: str | None) -> str | None:
    """The served media type the Accept header prefers, or None when it accepts neither (406).

    Highest q-value first; at equal q, a type the client named beats one it reached through a wildcard. Between
    types named alike, application/graphql-response+json wins when both are named, application/json when only
    wildcards reach them: a client that names no GraphQL type (`*/*`, or no Accept header at all) is taken for a
    legacy client, as the GraphQL-over-HTTP spec's audits expect.
    """
    if accept is None or not accept.strip():
        return JSON
    ranges = _parse(accept)
    best: tuple[float, int, int] | None = None
    chosen = None
    for candidate in SERVED:
        quality, specificity = _quality(ranges, candidate)
        if quality <= 0:
            continue
        preferred = candidate == (GRAPHQL_RESPONSE if specificity == EXACT else JSON)
        rank = (quality, specificity, int(preferred))
        if best is None or rank > best:
            best, chosen = rank, candidate
    return chosen


def _parse(accept: str) -> list[tuple[str, float]]:
    """(media range, q) pairs; a range with an unreadable q-value is ignored, as RFC 9110 allows."""
    ranges = []
    for part in accept.split(","):
        media_range, *params = (piece.strip() for piece in part.split(";"))
        if "/" not in media_range:
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    quality = -1.0
        if quality >= 0:
            ranges.append((media_range.lower(), quality))
    return ranges


def _quality(ranges: list[tuple[str, float]], media_type: str) -> tuple[float, int]:
    """The q-value of the most specific range that matches, and how specific it is; (0, ANY) when none does."""
    kind = media_type.split("/")[0]
    found: tuple[float, int] = (0.0, -1)
    for media_range, quality in ranges:
        if media_range == media_type:
            specificity = EXACT
        elif media_range == f"{kind}/*":
            specificity = SUBTYPE_WILDCARD
        elif media_range == "*/*":
            specificity = ANY
        else:
            continue
        if specificity > found[1] or (specificity == found[1] and quality > found[0]):
            found = (quality, specificity)
    return found[0], max(found[1], ANY)
