"""The petition-miner command line: one thin module per command."""
