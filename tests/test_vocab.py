"""kg/vocab.py and ontology/newskg.ttl name the same nkg: terms, each described in the ontology."""

from __future__ import annotations

import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from kg.vocab import NKG, NKG_IRI

from .conftest import ROOT


def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ROOT / "ontology" / "newskg.ttl")


def test_vocab_and_ontology_name_the_same_terms():
    in_code = {str(NKG[name]) for name in NKG.__annotations__}
    in_ontology = {str(s) for s in ontology().subjects() if str(s).startswith(NKG_IRI)}
    assert in_code == in_ontology


def test_every_term_has_label_and_comment_and_properties_have_a_kind():
    g = ontology()
    for name in NKG.__annotations__:
        term = NKG[name]
        assert g.value(term, RDFS.label), name
        assert g.value(term, RDFS.comment), name
        kinds = set(g.objects(term, RDF.type))
        assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, NKG.Act, NKG.Mode, NKG.DateBasis}, name


def test_misspelt_term_is_an_error_not_a_new_iri():
    import pytest

    with pytest.raises(AttributeError):
        NKG.speeker  # noqa: B018
