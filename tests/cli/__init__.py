"""The command line and the write stage: drift check, extract, atomic generation."""
