"""recoupe: cross-check news coverage of one event across outlets."""

__version__ = "0.2.0"
