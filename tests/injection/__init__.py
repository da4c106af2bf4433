"""The property-based injection and collision test of generated packages."""
