"""Full screens of the TUI (one per view)."""
