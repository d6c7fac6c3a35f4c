"""The Board (1): every card of the board by column, WIP counts in the headers."""
