"""Lists of ids cut to a size every database takes as query parameters (SQLite: 32,766)."""


def chunks(ids: list, size: int = 5000):
    """``ids`` in slices of at most ``size``."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]
