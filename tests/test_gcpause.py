"""kg.gcpause: the cyclic collector is off inside the block and as it was after, even on an error."""

from __future__ import annotations

import gc

import pytest

from kg.gcpause import cyclic_gc_paused


@pytest.fixture
def collector():
    was = gc.isenabled()
    yield
    gc.enable() if was else gc.disable()


def test_the_collector_is_off_inside_and_back_on_after(collector):
    gc.enable()
    with cyclic_gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_comes_back_after_an_error(collector):
    gc.enable()
    with pytest.raises(ValueError), cyclic_gc_paused():
        raise ValueError("a bug in the block")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off(collector):
    gc.disable()
    with cyclic_gc_paused(), cyclic_gc_paused():
        pass
    assert not gc.isenabled()
