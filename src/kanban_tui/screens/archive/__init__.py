"""The Archive view: the board's archived cards, to find, restore or delete for good."""
