"""The one exception the catalog layer raises for a whole file it cannot read."""


class CatalogFormatError(ValueError):
    """The input as a whole is unusable: empty, binary, corrupt gzip/JSON, or of no known format.

    Problems with single rows never raise; they become ``Rejection`` objects instead.
    """
