"""A keyboard-driven terminal Kanban and Scrum board."""

__version__ = "0.1.0"
