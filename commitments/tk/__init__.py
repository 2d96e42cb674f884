"""The Tweede Kamer's open data: sources, mapping and sync."""
