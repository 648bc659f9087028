"""One module per rule code; each defines a Rule subclass."""
