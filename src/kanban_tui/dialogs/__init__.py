"""Modal dialogs: the card editor, confirmations, WIP, help, board switcher."""
