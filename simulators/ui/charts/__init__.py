"""The charts: a small SVG toolkit (``svg``) and one module of pure chart functions per
simulator. Nothing here imports ipywidgets, so the book draws every chart without a widget.

SVG rather than matplotlib: measured on this project's machine, drawing a 367-point chart as SVG
strings is 15-28 times faster than matplotlib's SVG backend, follows the page's light and dark
themes (``currentColor``), and adds nothing to the in-browser download (matplotlib and its
dependencies would add about 24 MB to what a phone loads before the first result).
"""
