"""HTTP layer: the Starlette application, its routes, limits and settings."""
