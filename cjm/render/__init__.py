"""Maps for workshops: the journey drawn as a Graphviz map, a grid poster, Mermaid and HTML.

``cjm.render.pipeline.render`` is the entry point; every view takes an optional
``JourneyScore`` and works without one.
"""
