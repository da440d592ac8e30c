"""spaCy side of tonecheck: components that annotate a Doc. Nothing here formats or prints."""
