"""The Reports screen (5): velocity, burndown, cumulative flow and cycle time."""
