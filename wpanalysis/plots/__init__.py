"""Figures: ``style`` (CJK font, house style, saving) and one module of figure functions per subject.

Stage modules never import this package, so computing a table does not import matplotlib.
"""
