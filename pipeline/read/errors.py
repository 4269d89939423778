"""The one exception readers raise for a file they cannot read."""


class ReadFailure(Exception):
    """A file cannot be read; the message is the Chinese reason shown to users."""
