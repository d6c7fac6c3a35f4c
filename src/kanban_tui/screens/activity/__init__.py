"""The Activity screen (6): who did what on the board, newest first."""
