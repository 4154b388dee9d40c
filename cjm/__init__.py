"""cjm: customer journey maps as code: load, model, score, check and render journeys."""

__version__ = "0.1.0"
