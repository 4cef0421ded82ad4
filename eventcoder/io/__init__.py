"""Reading corpora and writing event records."""
