"""The Sprint screen (2): the active sprint's cards by column, its header and burndown."""
