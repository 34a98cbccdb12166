"""Moved to :mod:`privacy_center.content.icon_shapes` (the auth layer may not import components).

Kept only while code written against the old place is updated: import from there.
"""

from privacy_center.content.icon_shapes import ICON_SHAPES, Shape

__all__ = ["ICON_SHAPES", "Shape"]
