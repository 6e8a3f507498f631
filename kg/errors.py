"""Errors a user can act on: each message names the file or thing at fault and what to do."""

from __future__ import annotations


class KgError(Exception):
    """Base class; the CLI prints the message and exits with `exit_code`, never a traceback."""

    exit_code = 2


class CorpusError(KgError):
    """The corpus cannot be read: missing, empty, not UTF-8, malformed metadata."""


class StoreError(KgError):
    """The store is missing, locked or unreadable."""


class QueryError(KgError):
    """A SPARQL query cannot be parsed or run, or a shipped query name is unknown."""


class CurationError(KgError):
    """The entity curation file is malformed."""


class ExportError(KgError):
    """An export cannot be written."""


class ValidationFailed(KgError):
    """The graph breaks SHACL shapes; the message is the readable report."""

    exit_code = 1
