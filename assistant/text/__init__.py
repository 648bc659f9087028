"""Text toolkit shared by the validator, the drafting module and the retrieval chunker."""

from .numbers import Quantity, find_quantities
from .similarity import copied_passages, repeated_fraction
from .structure import Item, heading_number, split_items

__all__ = ["Item", "Quantity", "copied_passages", "find_quantities", "heading_number", "repeated_fraction", "split_items"]
