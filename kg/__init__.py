"""kg: who said what about whom, and when: an RDF knowledge graph of attributed statements in news."""

__version__ = "0.1.0"
