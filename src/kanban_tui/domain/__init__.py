"""Pure rules of the product. No textual, no sqlmodel, no clock reads."""
